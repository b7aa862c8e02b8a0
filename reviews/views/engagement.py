"""Pages of who takes part in a review and what agencies provide."""

from django.utils.dateformat import format as date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from core.forms import editing
from core.views import ServiceFormView, withdrawn_rows
from reviews import review_forms as forms
from reviews import selectors
from reviews.models import AgencyRequest, ChronologyEntry, Involvement, Meeting, ReviewParticipant
from reviews.selectors import contributions as contribution_selectors
from reviews.selectors import joint as joint_selectors
from reviews.services import engagement as services
from reviews.services import workflow
from reviews.views.reviews import ReviewChildMixin, ReviewMixin, ReviewWithdrawView


class _ListView(ReviewMixin, TemplateView):
    # Which stage guard says whether the list's records may still change.
    guard = staticmethod(workflow.require_actions_open)

    def get_context_data(self, **kwargs):
        can_setup = self.can("reviews.setup")
        return super().get_context_data(
            can_setup=can_setup,
            can_change=can_setup and workflow.allows(self.guard, self.review),
            **kwargs,
        )


class _FormView(ReviewMixin, ServiceFormView):
    """A form of the review whose success returns to `list_url_name`."""

    list_url_name = ""

    def get_success_url(self):
        return self.review_url(self.list_url_name)


class _ChildFormView(ReviewChildMixin, _FormView):
    pass


class ParticipantsView(_ListView):
    template_name = "reviews/participants.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            participants=self.review.participants.select_related("agency"),
            withdrawn=withdrawn_rows(
                selectors.review_children_with_withdrawn(
                    review=self.review, model=ReviewParticipant
                ),
                lambda person: f"{person.name} ({person.get_group_display().lower()})",
            ),
            **kwargs,
        )


class ParticipantAddView(_FormView):
    form_class = forms.ParticipantForm
    list_url_name = "reviews:participants"
    extra_context = {"page_title": gettext_lazy("Add someone to the review team or case group")}

    def get_success_message(self, result):
        return _("Added %(name)s") % {"name": result.name}

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "agencies": self.board.agencies.all()}

    def perform(self, form):
        return services.participant_add(
            actor=self.request.user, review=self.review, **form.cleaned_data
        )


class ParticipantEditView(_ChildFormView):
    child_model, child_kwarg = ReviewParticipant, "participant_id"
    form_class = editing(forms.ParticipantForm)
    list_url_name = "reviews:participants"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            page_title=_("Change %(name)s") % {"name": self.object.name}, **kwargs
        )

    def get_success_message(self, result):
        return _("Saved the changes to %(name)s") % {"name": result.name}

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "agencies": self.board.agencies.all()}

    def get_initial(self):
        person = self.object
        return {
            "group": person.group,
            "name": person.name,
            "agency": person.agency_id,
            "role": person.role,
            "contact": person.contact,
        }

    def perform(self, form):
        return services.participant_update(
            actor=self.request.user, participant=self.object, **form.cleaned_data
        )


class ParticipantWithdrawView(ReviewWithdrawView):
    child_model, child_kwarg = ReviewParticipant, "participant_id"
    list_url_name = "reviews:participants"
    consequences = (
        gettext_lazy("They leave the review team or case group."),
        gettext_lazy(
            "Their conversations still say who they were, and reports are still checked for "
            "their name."
        ),
    )

    @property
    def what(self):
        return self.object.name

    def summary(self):
        person = self.object
        return [
            (_("Group"), person.get_group_display()),
            (
                _("Agency and role"),
                ", ".join(filter(None, [str(person.agency or ""), person.role])),
            ),
        ]

    def perform(self, form):
        return services.participant_withdraw(
            actor=self.request.user, participant=self.object, **form.cleaned_data
        )


def _meeting_label(meeting: Meeting) -> str:
    return _("%(meeting)s of %(date)s") % {
        "meeting": meeting.get_kind_display(),
        "date": date_format(meeting.held_on or meeting.planned_on, "j M Y"),
    }


class MeetingsView(_ListView):
    template_name = "reviews/meetings.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            meetings=self.review.meetings.prefetch_related("attendees"),
            withdrawn=withdrawn_rows(
                selectors.review_children_with_withdrawn(review=self.review, model=Meeting),
                _meeting_label,
            ),
            **kwargs,
        )


class MeetingPlanView(_FormView):
    form_class = forms.MeetingPlanForm
    list_url_name = "reviews:meetings"
    success_message = gettext_lazy("Meeting planned")
    extra_context = {"page_title": gettext_lazy("Plan a meeting")}

    def perform(self, form):
        return services.meeting_plan(
            actor=self.request.user, review=self.review, **form.cleaned_data
        )


class MeetingEditView(_ChildFormView):
    child_model, child_kwarg = Meeting, "meeting_id"
    form_class = editing(forms.MeetingPlanForm)
    list_url_name = "reviews:meetings"
    success_message = gettext_lazy("Meeting changed")

    def get_context_data(self, **kwargs):
        return super().get_context_data(page_title=_("Change the meeting"), **kwargs)

    def get_initial(self):
        return {"kind": self.object.kind, "planned_on": self.object.planned_on}

    def perform(self, form):
        return services.meeting_update(
            actor=self.request.user, meeting=self.object, **form.cleaned_data
        )


class MeetingWithdrawView(ReviewWithdrawView):
    child_model, child_kwarg = Meeting, "meeting_id"
    list_url_name = "reviews:meetings"
    what = gettext_lazy("the meeting")
    consequences = (
        gettext_lazy("It leaves the list of meetings, with its notes and who attended."),
    )

    def summary(self):
        return [(_("Meeting"), _meeting_label(self.object))]

    def perform(self, form):
        return services.meeting_withdraw(
            actor=self.request.user, meeting=self.object, **form.cleaned_data
        )


class MeetingRecordView(_ChildFormView):
    child_model, child_kwarg = Meeting, "meeting_id"
    form_class = forms.MeetingRecordForm
    list_url_name = "reviews:meetings"
    success_message = gettext_lazy("Meeting recorded")

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            page_title=_("Record the %(meeting)s")
            % {"meeting": self.object.get_kind_display().lower()},
            **kwargs,
        )

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "participants": self.review.participants.all()}

    def get_initial(self):
        return {
            "held_on": self.object.held_on or self.object.planned_on,
            "attendees": [str(pk) for pk in self.object.attendees.values_list("pk", flat=True)],
            "notes": self.object.notes,
        }

    def perform(self, form):
        return services.meeting_record(
            actor=self.request.user, meeting=self.object, **form.cleaned_data
        )


def _request_label(request: AgencyRequest) -> str:
    return _("Request to %(agency)s of %(date)s") % {
        "agency": request.agency.name,
        "date": date_format(request.requested_on, "j M Y"),
    }


class AgencyRequestsView(_ListView):
    template_name = "reviews/agency_requests.html"

    def get_context_data(self, **kwargs):
        requests = list(
            self.review.agency_requests.select_related("agency", "sent_by").prefetch_related(
                "documents"
            )
        )
        returns = contribution_selectors.returns_of_requests(requests=requests)
        for request in requests:
            request.submitted = returns.get(request.pk, [])
        return super().get_context_data(
            requests=requests,
            can_invite=self.can("contributors.invite"),
            withdrawn=withdrawn_rows(
                selectors.review_children_with_withdrawn(
                    review=self.review, model=AgencyRequest, related=("agency",)
                ),
                _request_label,
            ),
            **kwargs,
        )


class AgencyRequestAddView(_FormView):
    form_class = forms.AgencyRequestForm
    list_url_name = "reviews:agency_requests"
    success_message = gettext_lazy("Request recorded")
    extra_context = {"page_title": gettext_lazy("Request information from an agency")}

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "agencies": self.board.agencies.all()}

    def perform(self, form):
        return services.agency_request_add(
            actor=self.request.user, review=self.review, **form.cleaned_data
        )


class AgencyRequestEditView(_ChildFormView):
    child_model, child_kwarg = AgencyRequest, "request_id"
    form_class = editing(forms.AgencyRequestForm)
    list_url_name = "reviews:agency_requests"
    success_message = gettext_lazy("Request changed")

    def get_context_data(self, **kwargs):
        return super().get_context_data(page_title=_("Change the request"), **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "agencies": self.board.agencies.all()}

    def get_initial(self):
        request = self.object
        return {
            "agency": request.agency_id,
            "asks": request.asks,
            "details": request.details,
            "period_from": request.period_from,
            "period_to": request.period_to,
            "requested_on": request.requested_on,
            "due_on": request.due_on,
        }

    def perform(self, form):
        return services.agency_request_update(
            actor=self.request.user, request=self.object, **form.cleaned_data
        )


class AgencyRequestWithdrawView(ReviewWithdrawView):
    child_model, child_kwarg = AgencyRequest, "request_id"
    list_url_name = "reviews:agency_requests"
    what = gettext_lazy("the request")
    consequences = (
        gettext_lazy(
            "It leaves the list of requests and the board's deadlines, and its reminders stop."
        ),
    )

    def summary(self):
        request = self.object
        return [
            (_("Request"), _request_label(request)),
            (_("What was asked for"), request.details),
            (_("Due by"), date_format(request.due_on, "j F Y")),
        ]

    def perform(self, form):
        return services.agency_request_withdraw(
            actor=self.request.user, request=self.object, **form.cleaned_data
        )


class AgencyRequestChaseView(_ChildFormView):
    child_model, child_kwarg = AgencyRequest, "request_id"
    form_class = forms.ChaseForm
    list_url_name = "reviews:agency_requests"
    success_message = gettext_lazy("Chase recorded")

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            page_title=_("Chase %(agency)s") % {"agency": self.object.agency.name}, **kwargs
        )

    def perform(self, form):
        return services.agency_request_chase(
            actor=self.request.user, request=self.object, **form.cleaned_data
        )


class AgencyRequestReceiveView(_ChildFormView):
    child_model, child_kwarg = AgencyRequest, "request_id"
    form_class = forms.ReceiveForm
    list_url_name = "reviews:agency_requests"
    success_message = gettext_lazy("Receipt recorded")

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            page_title=_("Record what %(agency)s sent") % {"agency": self.object.agency.name},
            **kwargs,
        )

    def get_initial(self):
        return {
            "received_on": self.object.received_on,
            "files_locked_on": self.object.files_locked_on,
        }

    def perform(self, form):
        return services.agency_request_receive(
            actor=self.request.user, request=self.object, **form.cleaned_data
        )


def _entry_label(entry: ChronologyEntry) -> str:
    return f"{date_format(entry.occurred_on, 'j M Y')}, {entry.agency.name}"


class ChronologyAddView(_FormView):
    form_class = forms.ChronologyForm
    list_url_name = "reviews:chronology"
    success_message = gettext_lazy("Chronology entry added")
    extra_context = {"page_title": gettext_lazy("Add a chronology entry")}

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "agencies": self.board.agencies.all()}

    def perform(self, form):
        return services.chronology_add(
            actor=self.request.user, review=self.review, **form.cleaned_data
        )


class ChronologyEditView(_ChildFormView):
    child_model, child_kwarg = ChronologyEntry, "entry_id"
    form_class = editing(forms.ChronologyForm)
    list_url_name = "reviews:chronology"
    success_message = gettext_lazy("Chronology entry changed")

    def get_context_data(self, **kwargs):
        return super().get_context_data(page_title=_("Change the chronology entry"), **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "agencies": self.board.agencies.all()}

    def get_initial(self):
        entry = self.object
        return {
            "agency": entry.agency_id,
            "occurred_on": entry.occurred_on,
            "entry": entry.entry,
            "source": entry.source,
        }

    def perform(self, form):
        values = dict(form.cleaned_data)
        values["what_happened"] = values.pop("entry")
        return services.chronology_update(actor=self.request.user, entry=self.object, **values)


class ChronologyWithdrawView(ReviewWithdrawView):
    child_model, child_kwarg = ChronologyEntry, "entry_id"
    list_url_name = "reviews:chronology"
    what = gettext_lazy("the chronology entry")
    consequences = (
        gettext_lazy(
            "It leaves the chronology, the key practice episodes that drew on it and the report."
        ),
    )

    def summary(self):
        entry = self.object
        return [(_("Entry"), _entry_label(entry)), (_("What happened"), entry.entry)]

    def perform(self, form):
        return services.chronology_withdraw(
            actor=self.request.user, entry=self.object, **form.cleaned_data
        )


def _involvement_label(involvement: Involvement) -> str:
    return _("Offer to the %(who)s of %(date)s") % {
        "who": involvement.who,
        "date": date_format(involvement.offered_on, "j M Y"),
    }


class InvolvementsView(_ListView):
    template_name = "reviews/involvements.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            involvements=self.review.involvements.all(),
            shared=joint_selectors.shared_involvements(review=self.review),
            withdrawn=withdrawn_rows(
                selectors.review_children_with_withdrawn(review=self.review, model=Involvement),
                _involvement_label,
            ),
            **kwargs,
        )


class InvolvementOfferView(_FormView):
    form_class = forms.InvolvementOfferForm
    list_url_name = "reviews:involvements"
    success_message = gettext_lazy("Offer recorded")
    extra_context = {"page_title": gettext_lazy("Record an offer of involvement")}

    def perform(self, form):
        return services.involvement_offer(
            actor=self.request.user, review=self.review, **form.cleaned_data
        )


class InvolvementEditView(_ChildFormView):
    child_model, child_kwarg = Involvement, "involvement_id"
    form_class = editing(forms.InvolvementOfferForm)
    list_url_name = "reviews:involvements"
    success_message = gettext_lazy("Offer changed")

    def get_context_data(self, **kwargs):
        return super().get_context_data(page_title=_("Change the offer of involvement"), **kwargs)

    def get_initial(self):
        involvement = self.object
        return {
            "kind": involvement.kind,
            "who": involvement.who,
            "offered_on": involvement.offered_on,
        }

    def perform(self, form):
        return services.involvement_update(
            actor=self.request.user, involvement=self.object, **form.cleaned_data
        )


class InvolvementWithdrawView(ReviewWithdrawView):
    child_model, child_kwarg = Involvement, "involvement_id"
    list_url_name = "reviews:involvements"
    what = gettext_lazy("the offer of involvement")
    consequences = (
        gettext_lazy("It leaves the list of offers, with the answer and views recorded."),
    )

    def summary(self):
        return [(_("Offer"), _involvement_label(self.object))]

    def perform(self, form):
        return services.involvement_withdraw(
            actor=self.request.user, involvement=self.object, **form.cleaned_data
        )


class InvolvementRespondView(_ChildFormView):
    child_model, child_kwarg = Involvement, "involvement_id"
    form_class = forms.InvolvementResponseForm
    list_url_name = "reviews:involvements"
    success_message = gettext_lazy("Answer recorded")

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            page_title=_("Record the answer of the %(who)s") % {"who": self.object.who}, **kwargs
        )

    def perform(self, form):
        return services.involvement_respond(
            actor=self.request.user, involvement=self.object, **form.cleaned_data
        )
