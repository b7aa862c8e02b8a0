"""Pages of conversations, key practice episodes and findings."""

import datetime as dt
import uuid

from django.utils.dateformat import format as date_format
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from core.concurrency import EditConflict
from core.forms import editing
from core.views import ServiceFormView, withdrawn_rows
from guidance import methodologies
from reviews import review_forms as forms
from reviews import selectors
from reviews.models import Conversation, Finding, KeyPracticeEpisode
from reviews.selectors import chronology as chronology_selectors
from reviews.services import analysis as services
from reviews.services import workflow
from reviews.views.reviews import ReviewChildMixin, ReviewMixin, ReviewWithdrawView

FACTORS = methodologies.CONTRIBUTORY_FACTORS
CONVERSATION_SECTIONS = ("overview", "turning_points", "mindset", "went_well", "suggested_changes")


def factor_rows(factors: dict) -> list[tuple[str, str]]:
    return [(FACTORS[code], text) for code, text in (factors or {}).items() if code in FACTORS]


def _conversation_label(conversation: Conversation) -> str:
    return _("Conversation of %(date)s") % {"date": date_format(conversation.held_on, "j M Y")}


class ConversationsView(ReviewMixin, TemplateView):
    """Who the reviewers talked to and when. What was said is confidential to the reviewers
    and their supervisor (`conversations.read`): the board office sees that a conversation
    took place, with the practitioner's role and agency, not its content or their name."""

    template_name = "reviews/conversations.html"

    def get_context_data(self, **kwargs):
        can_analyse = self.can("reviews.analyse")
        return super().get_context_data(
            conversations=self.review.conversations.select_related(
                "participant", "participant__agency"
            ),
            can_analyse=can_analyse,
            can_read=self.can("conversations.read"),
            can_change=can_analyse and workflow.allows(workflow.require_analysis_open, self.review),
            withdrawn=withdrawn_rows(
                selectors.review_children_with_withdrawn(review=self.review, model=Conversation),
                _conversation_label,
            )
            if can_analyse
            else [],
            **kwargs,
        )


class ConversationAddView(ReviewMixin, ServiceFormView):
    form_class = forms.ConversationForm
    success_message = gettext_lazy("Conversation recorded")
    extra_context = {"page_title": gettext_lazy("Record a structured conversation")}

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "participants": self.review.participants.all()}

    def perform(self, form):
        factors = form.factors()
        return services.conversation_add(
            actor=self.request.user, review=self.review, factors=factors, **form.cleaned_data
        )

    def get_success_url(self):
        return self.review_url("reviews:conversation_detail", self.result.pk)


class ConversationDetailView(ReviewChildMixin, TemplateView):
    child_model, child_kwarg = Conversation, "conversation_id"
    template_name = "reviews/conversation_detail.html"

    def get_context_data(self, **kwargs):
        can_analyse = self.can("reviews.analyse")
        return super().get_context_data(
            factors=factor_rows(self.object.factors),
            can_change=can_analyse and workflow.allows(workflow.require_analysis_open, self.review),
            **kwargs,
        )


class ConversationEditView(ReviewChildMixin, ServiceFormView):
    child_model, child_kwarg = Conversation, "conversation_id"
    form_class = editing(forms.ConversationForm)
    success_message = gettext_lazy("Conversation saved")

    def get_context_data(self, **kwargs):
        return super().get_context_data(page_title=_("Change the conversation"), **kwargs)

    def get_form_kwargs(self):
        # The review's people now, and the one the conversation was with even if withdrawn
        # since: correcting a typo must not unlink them ("someone not listed").
        people = selectors.conversation_participant_choices(
            review=self.review, conversation=self.object
        )
        return {**super().get_form_kwargs(), "participants": people}

    def get_initial(self):
        conversation = self.object
        return {
            "participant": conversation.participant_id,
            "held_on": conversation.held_on,
            **{name: getattr(conversation, name) for name in CONVERSATION_SECTIONS},
            **forms.ConversationForm.factor_initial(conversation.factors),
        }

    def perform(self, form):
        factors = form.factors()
        return services.conversation_update(
            actor=self.request.user,
            conversation=self.object,
            factors=factors,
            **form.cleaned_data,
        )

    def get_success_url(self):
        return self.review_url("reviews:conversation_detail", self.object.pk)


class ConversationWithdrawView(ReviewWithdrawView):
    child_model, child_kwarg = Conversation, "conversation_id"
    list_url_name = "reviews:conversations"
    what = gettext_lazy("the conversation")
    consequences = (gettext_lazy("It leaves the list of conversations, with its notes."),)

    def summary(self):
        conversation = self.object
        with_whom = conversation.participant.name if conversation.participant else _("Not listed")
        return [
            (_("Held on"), date_format(conversation.held_on, "j F Y")),
            (_("With"), with_whom),
        ]

    def perform(self, form):
        return services.conversation_withdraw(
            actor=self.request.user, conversation=self.object, **form.cleaned_data
        )


class EpisodesView(ReviewMixin, TemplateView):
    template_name = "reviews/episodes.html"

    def get_context_data(self, **kwargs):
        can_analyse = self.can("reviews.analyse")
        return super().get_context_data(
            episodes=self.review.episodes.prefetch_related("findings"),
            can_analyse=can_analyse,
            withdrawn=withdrawn_rows(
                selectors.review_children_with_withdrawn(
                    review=self.review, model=KeyPracticeEpisode
                ),
                str,
            ),
            **kwargs,
        )


def saved_value(record, name: str):
    """What the saved record holds for a form field: text or a date as it is, a choice by its
    name, linked records by theirs, and a contributory factor from the record's factors."""
    if name.startswith("factor_"):
        return record.factors.get(name.removeprefix("factor_"), "")
    value = getattr(record, name, "")
    if hasattr(value, "all"):  # linked records
        return "; ".join(str(item) for item in value.all())
    if isinstance(value, str | dt.date) or value is None:
        return value or ""
    return str(value)


class _ConflictMixin:
    """Edits of versioned records: if someone saved since the form was opened, show their
    version beside the user's text, which is kept in the form, ready to save over it."""

    conflict_template = "reviews/conflict.html"

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except EditConflict as conflict:
            data = form.data.copy()
            data["version"] = conflict.current.version
            mine = self.get_form_class()(data, **self.extra_form_kwargs())
            current = conflict.current
            saved = [
                (field.label, saved_value(current, name))
                for name, field in mine.fields.items()
                if name != "version"
            ]
            context = self.get_context_data(form=mine, current=current, saved=saved)
            return self.response_class(
                request=self.request,
                template=[self.conflict_template],
                context=context,
                status=409,
            )

    def extra_form_kwargs(self):
        kwargs = self.get_form_kwargs()
        kwargs.pop("data", None), kwargs.pop("files", None), kwargs.pop("initial", None)
        return kwargs


class _EpisodeEntriesMixin:
    """An episode's form offers the chronology entries already chosen (always, checked) and
    the first that match the filters (dates, agency, words), not every entry of a chronology
    that may hold 10,000. The filters are sent with the form: "Find entries" shows the form
    again as it was sent, with the entries that match, and saves nothing; a link may also
    carry them in its address."""

    template_name = "reviews/episode_form.html"
    FIND = "find_entries"

    def post(self, request, *args, **kwargs):
        if self.FIND in request.POST:
            form = self.get_form_class()(**self.get_form_kwargs(), check=False)
            return self.render_to_response(self.get_context_data(form=form))
        return super().post(request, *args, **kwargs)

    def _filter_data(self):
        sent = self.request.POST if self.request.method == "POST" else {}
        if any(name in sent for name in ("agency", "date_from", "date_to", "q")):
            return sent
        return self.request.GET or None

    def saved_entry_ids(self) -> list[str]:
        return []

    def chosen_ids(self) -> list[uuid.UUID]:
        if self.request.method != "POST":
            return [uuid.UUID(pk) for pk in self.saved_entry_ids()]
        chosen = []
        for value in self.request.POST.getlist("chronology_entries"):
            try:
                chosen.append(uuid.UUID(value))
            except ValueError:
                continue  # the form says so
        return chosen

    def get_form_kwargs(self):
        agencies = selectors.agency_list_of_board(board_id=self.board.pk)
        self.filter_form = forms.ChronologyFilterForm(self._filter_data(), agencies=agencies)
        self.agencies = agencies
        filters = self.filter_form.filters() if self.filter_form.is_bound else {}
        choices = chronology_selectors.episode_entry_choices(
            review=self.review,
            chosen_ids=self.chosen_ids(),
            agency_id=filters.get("agency_id"),
            date_from=filters.get("date_from"),
            date_to=filters.get("date_to"),
            words=filters.get("words", ""),
        )
        return {
            **super().get_form_kwargs(),
            "chronology": self.review.chronology.all(),
            "choices": choices,
        }

    def get_context_data(self, **kwargs):
        if "form" not in kwargs:
            kwargs["form"] = self.get_form()  # which reads the filters
        return super().get_context_data(
            filter_form=self.filter_form, agencies=self.agencies, **kwargs
        )


class EpisodeAddView(_EpisodeEntriesMixin, ReviewMixin, ServiceFormView):
    form_class = forms.EpisodeForm
    success_message = gettext_lazy("Key practice episode recorded")
    extra_context = {"page_title": gettext_lazy("Record a key practice episode")}

    def perform(self, form):
        factors = form.factors()
        form.cleaned_data.pop("version", None)
        return services.episode_add(
            actor=self.request.user, review=self.review, factors=factors, **form.cleaned_data
        )

    def get_success_url(self):
        return self.review_url("reviews:episode_detail", self.result.pk)


class EpisodeDetailView(ReviewChildMixin, TemplateView):
    child_model, child_kwarg = KeyPracticeEpisode, "episode_id"
    template_name = "reviews/episode_detail.html"

    def get_context_data(self, **kwargs):
        can_analyse = self.can("reviews.analyse")
        return super().get_context_data(
            factors=factor_rows(self.object.factors),
            can_analyse=can_analyse,
            can_change=can_analyse and workflow.allows(workflow.require_analysis_open, self.review),
            **kwargs,
        )


class EpisodeEditView(_EpisodeEntriesMixin, _ConflictMixin, ReviewChildMixin, ServiceFormView):
    child_model, child_kwarg = KeyPracticeEpisode, "episode_id"
    form_class = editing(forms.EpisodeForm)
    success_message = gettext_lazy("Key practice episode saved")

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            page_title=_("Change “%(title)s”") % {"title": self.object.title}, **kwargs
        )

    @cached_property
    def _saved_entry_ids(self) -> list[str]:
        return [str(pk) for pk in self.object.chronology_entries.values_list("pk", flat=True)]

    def saved_entry_ids(self) -> list[str]:
        return self._saved_entry_ids

    def get_initial(self):
        episode = self.object
        return {
            "title": episode.title,
            "occurred_on": episode.occurred_on,
            "what_happened": episode.what_happened,
            "appraisal": episode.appraisal,
            "chronology_entries": self.saved_entry_ids(),
            "version": episode.version,
            **forms.EpisodeForm.factor_initial(episode.factors),
        }

    def perform(self, form):
        factors = form.factors()
        values = dict(form.cleaned_data)
        version = values.pop("version") or 0
        return services.episode_update(
            actor=self.request.user, episode=self.object, version=version, factors=factors, **values
        )

    def get_success_url(self):
        return self.review_url("reviews:episode_detail", self.object.pk)


class EpisodeWithdrawView(ReviewWithdrawView):
    child_model, child_kwarg = KeyPracticeEpisode, "episode_id"
    list_url_name = "reviews:episodes"
    what = gettext_lazy("the key practice episode")
    consequences = (gettext_lazy("It leaves the list of episodes and the report."),)

    def summary(self):
        episode = self.object
        return [
            (_("Episode"), episode.title),
            (_("Date"), date_format(episode.occurred_on, "j F Y")),
        ]

    def perform(self, form):
        return services.episode_withdraw(
            actor=self.request.user, episode=self.object, **form.cleaned_data
        )


class FindingsView(ReviewMixin, TemplateView):
    template_name = "reviews/findings.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            findings=self.review.findings.select_related("category").prefetch_related("episodes"),
            can_analyse=self.can("reviews.analyse"),
            withdrawn=withdrawn_rows(
                selectors.review_children_with_withdrawn(review=self.review, model=Finding), str
            ),
            **kwargs,
        )


class FindingAddView(ReviewMixin, ServiceFormView):
    form_class = forms.FindingForm
    success_message = gettext_lazy("Finding recorded")
    extra_context = {"page_title": gettext_lazy("Write a finding")}

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "episodes": self.review.episodes.all()}

    def perform(self, form):
        return services.finding_add(
            actor=self.request.user,
            review=self.review,
            category=form.cleaned_data["category"],
            episodes=form.cleaned_data["episodes"],
            **form.sections(),
        )

    def get_success_url(self):
        return self.review_url("reviews:finding_detail", self.result.pk)


class FindingDetailView(ReviewChildMixin, TemplateView):
    child_model, child_kwarg = Finding, "finding_id"
    template_name = "reviews/finding_detail.html"

    def get_context_data(self, **kwargs):
        can_analyse = self.can("reviews.analyse")
        return super().get_context_data(
            can_analyse=can_analyse,
            can_change=can_analyse and workflow.allows(workflow.require_analysis_open, self.review),
            can_assure=self.can("findings.quality_assure"),
            can_respond=self.can("findings.respond"),
            **kwargs,
        )


class FindingEditView(_ConflictMixin, ReviewChildMixin, ServiceFormView):
    child_model, child_kwarg = Finding, "finding_id"
    form_class = editing(forms.FindingForm)
    success_message = gettext_lazy("Finding saved. It needs quality assurance again.")

    def get_context_data(self, **kwargs):
        return super().get_context_data(page_title=_("Change the finding"), **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "episodes": self.review.episodes.all()}

    def get_initial(self):
        finding = self.object
        return {
            "category": finding.category_id,
            "episodes": [str(pk) for pk in finding.episodes.values_list("pk", flat=True)],
            "version": finding.version,
            **{name: getattr(finding, name) for name in ("title", *services.FINDING_SECTIONS)},
        }

    def perform(self, form):
        return services.finding_update(
            actor=self.request.user,
            finding=self.object,
            version=form.cleaned_data["version"] or 0,
            category=form.cleaned_data["category"],
            episodes=form.cleaned_data["episodes"],
            **form.sections(),
        )

    def get_success_url(self):
        return self.review_url("reviews:finding_detail", self.object.pk)


class FindingWithdrawView(ReviewWithdrawView):
    child_model, child_kwarg = Finding, "finding_id"
    list_url_name = "reviews:findings"
    what = gettext_lazy("the finding")
    consequences = (
        gettext_lazy("It leaves the list of findings, the board's response and the report."),
    )

    def summary(self):
        finding = self.object
        return [(_("Finding"), finding.title), (_("Category"), finding.category.name)]

    def perform(self, form):
        return services.finding_withdraw(
            actor=self.request.user, finding=self.object, **form.cleaned_data
        )


class FindingQualityView(ReviewChildMixin, ServiceFormView):
    child_model, child_kwarg = Finding, "finding_id"
    form_class = forms.QualityForm
    success_message = gettext_lazy("Finding quality-assured")

    def get_context_data(self, **kwargs):
        return super().get_context_data(page_title=_("Quality-assure the finding"), **kwargs)

    def perform(self, form):
        return services.finding_quality_assure(
            actor=self.request.user, finding=self.object, **form.cleaned_data
        )

    def get_success_url(self):
        return self.review_url("reviews:finding_detail", self.object.pk)


class FindingResponseView(ReviewChildMixin, ServiceFormView):
    child_model, child_kwarg = Finding, "finding_id"
    form_class = forms.ResponseForm
    success_message = gettext_lazy("The board's response is recorded")

    def get_context_data(self, **kwargs):
        finding = self.object
        # The finding changed since the board last responded: its response was withdrawn with
        # the change and is offered again, to check and agree, not to type again.
        earlier = "" if finding.board_response else services.last_board_response(finding)
        return super().get_context_data(
            page_title=_("The board's response to the finding"), earlier_response=earlier, **kwargs
        )

    def get_initial(self):
        finding = self.object
        return {
            "response": services.last_board_response(finding),
            "responded_on": finding.responded_on,
        }

    def perform(self, form):
        return services.finding_respond(
            actor=self.request.user, finding=self.object, **form.cleaned_data
        )

    def get_success_url(self):
        return self.review_url("reviews:finding_detail", self.object.pk)
