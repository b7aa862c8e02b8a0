"""Factual accuracy of a draft report: the reviewers' pages (share, read the comments, accept
or decline each, the family's view) and the contributor's (the draft as shared, comments)."""

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from core.views import ServiceFormView
from publication import forms, selectors
from publication.services import accuracy as services
from publication.views.reports import ReportMixin
from reviews.selectors import contributions as contribution_selectors
from reviews.views.contributions import ContributedReviewMixin


class AccuracyShareView(ReportMixin, ServiceFormView):
    form_class = forms.AccuracyShareForm
    success_message = _("The draft has been shared for factual accuracy")
    extra_context = {"page_title": _("Share the draft for factual accuracy")}

    def get_form_kwargs(self):
        return {
            **super().get_form_kwargs(),
            "contributors": contribution_selectors.contributor_list_of_review(
                review=self.review
            ).in_force(),
        }

    def perform(self, form):
        return services.accuracy_share(
            actor=self.request.user, report=self.report, **form.cleaned_data
        )

    def get_success_url(self):
        return reverse(
            "publication:accuracy_check", args=[self.board.pk, self.review.pk, self.result.pk]
        )


class _CheckMixin(ReportMixin):
    def get_policy_object(self):
        review = super().get_policy_object()
        self.accuracy_check = selectors.accuracy_check_of(
            report=self.report, pk=self.kwargs["check_id"]
        )
        return review

    def get_context_data(self, **kwargs):
        return super().get_context_data(accuracy_check=self.accuracy_check, **kwargs)

    def get_success_url(self):
        return reverse(
            "publication:accuracy_check",
            args=[self.board.pk, self.review.pk, self.accuracy_check.pk],
        )


class AccuracyCheckView(_CheckMixin, TemplateView):
    template_name = "publication/accuracy_check.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            by_section=selectors.comments_by_section(accuracy_check=self.accuracy_check),
            can_decide=self.can("reports.edit"),
            can_record_family=self.can("publication.manage"),
            **kwargs,
        )


class AccuracyDecideView(_CheckMixin, ServiceFormView):
    form_class = forms.AccuracyDecisionForm
    success_message = _("Decision saved")

    def get_policy_object(self):
        review = super().get_policy_object()
        self.comment = selectors.accuracy_comment_of(
            accuracy_check=self.accuracy_check, pk=self.kwargs["comment_id"]
        )
        return review

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            page_title=gettext("Accept or decline the comment"), **kwargs
        )

    def perform(self, form):
        return services.accuracy_decide(
            actor=self.request.user, comment=self.comment, **form.cleaned_data
        )


class FamilyViewView(_CheckMixin, ServiceFormView):
    form_class = forms.FamilyViewForm
    success_message = _("The family's view has been recorded")
    extra_context = {"page_title": _("Record the family's view on the draft")}

    def perform(self, form):
        return services.accuracy_family_view(
            actor=self.request.user, accuracy_check=self.accuracy_check, **form.cleaned_data
        )


class AgencyAccuracyView(ContributedReviewMixin, ServiceFormView):
    """The draft as shared with the contributor, their comments, and the form to add one."""

    template_name = "publication/agency_accuracy.html"
    form_class = forms.AccuracyCommentForm
    success_message = _("Comment added")

    def get_policy_object(self):
        review = super().get_policy_object()
        self.accuracy_check, self.invitee = selectors.accuracy_check_for_contributor(
            user=self.request.user, review=review, pk=self.kwargs["check_id"]
        )
        return review

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            accuracy_check=self.accuracy_check,
            invitee=self.invitee,
            sections=selectors.shared_sections(accuracy_check=self.accuracy_check),
            comments=self.accuracy_check.comments.filter(author=self.request.user),
            finish_form=forms.FinishForm(),
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        if "finish" in request.POST:
            services.accuracy_finish(actor=request.user, accuracy_check=self.accuracy_check)
            messages.success(request, gettext("Your comments have gone to the reviewers"))
            return redirect(request.path)
        return super().post(request, *args, **kwargs)

    def perform(self, form):
        return services.accuracy_comment(
            actor=self.request.user, accuracy_check=self.accuracy_check, **form.cleaned_data
        )

    def get_success_url(self):
        return self.request.path
