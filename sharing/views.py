"""The pages of sharing the learning: a board's activities, one activity, recording and
correcting one, its documents, and a published review's sharing with its learning brief."""

from django.http import FileResponse, Http404
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import TemplateView

from boards.views import BoardMixin
from core import paging, permissions
from core.forms import editing
from core.views import ServiceFormView, WithdrawView, withdrawn_rows
from reviews.views.reviews import ReviewMixin
from sharing import forms, selectors, services
from sharing.models import LearningActivity

CONTENT_TYPES = {
    "pdf": "application/pdf",
    "doc": "application/msword",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
}


class ActivityListView(BoardMixin, TemplateView):
    template_name = "sharing/activity_list.html"

    def get_context_data(self, **kwargs):
        user, board, params = self.request.user, self.board, self.request.GET
        year = paging.year_filter(params.get("year", ""))
        kind = params.get("kind", "")
        if kind not in LearningActivity.Kind.values:
            kind = ""
        found = selectors.activity_list(user=user, board=board, year=year, kind=kind)
        return super().get_context_data(
            page=paging.paginate(found, params.get("page")),
            year=year,
            kind=kind,
            years=selectors.activity_years(user=user, board=board),
            kinds=LearningActivity.Kind.choices,
            can_manage=permissions.can(user, "sharing.manage", board),
            withdrawn=withdrawn_rows(selectors.withdrawn_activities(user=user, board=board), str),
            **kwargs,
        )


class ActivityMixin(BoardMixin):
    def get_policy_object(self):
        board = super().get_policy_object()
        self.activity = selectors.activity_get(
            user=self.request.user, board=board, pk=self.kwargs["activity_id"]
        )
        return self.activity

    def get_context_data(self, **kwargs):
        return super().get_context_data(activity=self.activity, **kwargs)

    def get_success_url(self):
        return reverse("sharing:detail", args=[self.board.pk, self.activity.pk])


class ActivityView(ActivityMixin, TemplateView):
    template_name = "sharing/activity.html"

    def get_context_data(self, **kwargs):
        activity = self.activity
        reviews = list(activity.reviews.select_related("incident"))
        # Held before a review's report was published: allowed (learning is often shared from
        # a briefing once the board has approved the report), but said, in case of a slip.
        before = selectors.published_after(activity)
        reach = [row for row in selectors.reach_of(activity) if row.people]
        materials = selectors.materials_of(activity)
        return super().get_context_data(
            reviews=reviews,
            held_before_publication=before,
            categories=list(activity.categories.all()),
            reach=reach,
            reached=sum(row.people for row in reach),
            materials=list(materials),
            withdrawn_materials=withdrawn_rows(selectors.withdrawn_materials(activity), str),
            can_manage=permissions.can(self.request.user, "sharing.manage", activity)
            and not activity.is_withdrawn,
            **kwargs,
        )


class _ActivityFormMixin:
    form_class = forms.ActivityForm
    template_name = "sharing/activity_form.html"

    def get_form_kwargs(self):
        board = self.board
        return {
            **super().get_form_kwargs(),
            "reviews": selectors.published_reviews(board),
            "categories": selectors.categories(),
            "agencies": selectors.agencies(board),
        }

    def activity_data(self, form) -> dict:
        data = form.cleaned_data
        return {
            "kind": data["kind"],
            "title": data["title"],
            "held_on": data["held_on"],
            "reviews": data["reviews"],
            "categories": data["categories"],
            "reach": form.reach(),
            "feedback": data["feedback"],
            "feedback_count": data["feedback_count"],
            "practice_change_count": data["practice_change_count"],
        }


class ActivityAddView(_ActivityFormMixin, BoardMixin, ServiceFormView):
    def get_initial(self):
        # From a review's sharing page: that review is ticked.
        review_id = self.request.GET.get("review", "")
        reviews = selectors.published_reviews(self.board)
        chosen = [r for r in reviews if str(r.pk) == review_id] if review_id else []
        return {"reviews": chosen}

    def get_context_data(self, **kwargs):
        return super().get_context_data(page_title=_("Record a learning activity"), **kwargs)

    def perform(self, form):
        return services.activity_record(
            actor=self.request.user, board=self.board, **self.activity_data(form)
        )

    def get_success_url(self):
        return reverse("sharing:detail", args=[self.board.pk, self.result.pk])

    def get_success_message(self, result) -> str:
        return _("Activity recorded: %(title)s") % {"title": result.title}


class ActivityEditView(_ActivityFormMixin, ActivityMixin, ServiceFormView):
    form_class = editing(forms.ActivityForm)

    def get_initial(self):
        return forms.ActivityForm.initial_of(self.activity, selectors.reach_of(self.activity))

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            page_title=_("Correct the activity"), caption=self.activity.title, **kwargs
        )

    def perform(self, form):
        return services.activity_correct(
            actor=self.request.user, activity=self.activity, **self.activity_data(form)
        )

    def get_success_message(self, result) -> str:
        return _("Activity saved: %(title)s") % {"title": result.title}


class ActivityWithdrawView(ActivityMixin, WithdrawView):
    what = gettext_lazy("this activity")
    consequences = (
        gettext_lazy("It leaves the board's list, the dashboard's reach and the annual report."),
        gettext_lazy("Its history and its documents are kept."),
    )

    def summary(self):
        return [
            (_("Title"), self.activity.title),
            (_("Held on"), self.activity.held_on.strftime("%d/%m/%Y")),
        ]

    def get_success_url(self):
        return reverse("sharing:list", args=[self.board.pk])

    def get_cancel_url(self):
        return reverse("sharing:detail", args=[self.board.pk, self.activity.pk])

    def perform(self, form):
        return services.activity_withdraw(
            actor=self.request.user, activity=self.activity, reason=form.cleaned_data["reason"]
        )


class MaterialAddView(ActivityMixin, ServiceFormView):
    form_class = forms.MaterialForm
    template_name = "sharing/activity_form.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            page_title=_("Add a document"),
            caption=self.activity.title,
            lead=_("Slides, a briefing or a bulletin the activity used or handed out."),
            **kwargs,
        )

    def perform(self, form):
        return services.material_add(
            actor=self.request.user, activity=self.activity, file=form.cleaned_data["file"]
        )

    def get_success_message(self, result) -> str:
        return _("Document added: %(name)s") % {"name": result.file_name}


class MaterialMixin(ActivityMixin):
    def get_policy_object(self):
        activity = super().get_policy_object()
        self.material = selectors.material_get(activity=activity, pk=self.kwargs["material_id"])
        return self.material


class MaterialDownloadView(MaterialMixin, View):
    def get(self, request, *args, **kwargs):
        material = self.material
        try:
            handle = material.file.open("rb")
        except FileNotFoundError as error:
            raise Http404 from error
        return FileResponse(
            handle,
            as_attachment=True,
            filename=material.file_name,
            content_type=CONTENT_TYPES.get(material.file_kind, "application/octet-stream"),
        )


class MaterialWithdrawView(MaterialMixin, WithdrawView):
    what = gettext_lazy("this document")
    consequences = (gettext_lazy("It leaves the activity's page; its history is kept."),)

    def summary(self):
        return [(_("Document"), self.material.file_name)]

    def perform(self, form):
        return services.material_withdraw(
            actor=self.request.user, material=self.material, reason=form.cleaned_data["reason"]
        )


# --- A published review's sharing -------------------------------------------------------------


class ReviewSharingMixin(ReviewMixin):
    def get_policy_object(self):
        review = super().get_policy_object()
        self.publication = selectors.publication_of(review)
        return review


class ReviewSharingView(ReviewSharingMixin, TemplateView):
    template_name = "sharing/review_sharing.html"

    def get_context_data(self, **kwargs):
        user, review = self.request.user, self.review
        activities = list(selectors.review_activities(user=user, review=review))
        return super().get_context_data(
            publication=self.publication,
            activities=activities,
            reached=sum(activity.reached or 0 for activity in activities),
            sendings=selectors.brief_sendings(review),
            can_manage=permissions.can(user, "sharing.manage", review),
            **kwargs,
        )


class BriefSendView(ReviewSharingMixin, ServiceFormView):
    form_class = forms.BriefSendForm
    template_name = "sharing/brief_send.html"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "agencies": selectors.agencies(self.board)}

    def get_policy_object(self):
        review = super().get_policy_object()
        self.sendings = selectors.brief_sendings(review)
        return review

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        if not self.sendings:
            del form.fields["confirm"]
        return form

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            page_title=_("Send the learning brief to the agencies"),
            publication=self.publication,
            sendings=self.sendings,
            **kwargs,
        )

    def perform(self, form):
        return services.brief_send(
            actor=self.request.user,
            review=self.review,
            agencies=form.cleaned_data["agencies"],
            confirmed=form.cleaned_data.get("confirm", False),
        )

    def get_success_url(self):
        return reverse("sharing:review", args=[self.board.pk, self.review.pk])

    def get_success_message(self, result) -> str:
        return _("The learning brief has been sent to %(count)s people") % {"count": result.people}
