"""The report's steps with the Home Office Quality Assurance Panel, and the package of a Welsh
review for the Wales Safeguarding Repository."""

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views import View

from core.views import ServiceFormView, WithdrawView
from publication import forms, selectors, wsr
from publication.models import HomeOfficeQaStep
from publication.services import home_office_qa
from publication.views.reports import ReportMixin

Kind = HomeOfficeQaStep.Kind
# What each page records: its form and its title.
PAGES = {
    Kind.SUBMITTED: (
        forms.HomeOfficeQaSubmittedForm,
        _("Record the report's submission to the Home Office Quality Assurance Panel"),
        _("Submission recorded"),
    ),
    Kind.FEEDBACK: (
        forms.HomeOfficeQaFeedbackForm,
        _("Record the Home Office's feedback"),
        _("Feedback recorded"),
    ),
    Kind.APPROVED: (
        forms.HomeOfficeQaApprovedForm,
        _("Record the Home Office's approval for publication"),
        _("Approval recorded: the report may now be published"),
    ),
}


def unavailable(view, title: str, reason: str):
    """The page of a step this review cannot take, saying why (a page of the case, like the
    others: it is audited and answers 200)."""
    return render(
        view.request,
        "publication/unavailable.html",
        {
            "page_title": title,
            "reason": reason,
            "board": view.board,
            "review": view.review,
            "incident": view.review.incident,
        },
    )


class HomeOfficeQaRecordView(ReportMixin, ServiceFormView):
    template_name = "publication/home_office_qa_form.html"

    def get_policy_object(self):
        review = super().get_policy_object()
        if self.kwargs["qa_kind"] not in PAGES:
            raise Http404
        self.form_class, self.page_title, self.success_message = PAGES[self.kwargs["qa_kind"]]
        return review

    def get(self, request, *args, **kwargs):
        if not home_office_qa.required(self.review):
            return self._not_needed()
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        if not home_office_qa.required(self.review):
            return self._not_needed()
        return super().post(request, *args, **kwargs)

    def _not_needed(self):
        return unavailable(
            self,
            gettext("Not for the Home Office Quality Assurance Panel"),
            gettext("This review's report does not go to the Home Office Quality Assurance Panel"),
        )

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            page_title=self.page_title,
            home_office_qa=home_office_qa.status(self.review),
            **kwargs,
        )

    def perform(self, form):
        return home_office_qa.home_office_qa_record(
            actor=self.request.user,
            review=self.review,
            kind=self.kwargs["qa_kind"],
            **form.cleaned_data,
        )


class HomeOfficeQaWithdrawView(ReportMixin, WithdrawView):
    template_name = WithdrawView.template_name  # not the report's form page (ReportMixin)
    what = _("this step")
    consequences = (
        _(
            "The report's standing with the Home Office Quality Assurance Panel is worked out "
            "again without it: a withdrawn approval holds the report back from publication again."
        ),
    )

    def get_policy_object(self):
        review = super().get_policy_object()
        self.step = selectors.home_office_qa_step_of(review=review, pk=self.kwargs["qa_step_id"])
        return review

    def summary(self):
        return [
            (gettext("What"), self.step.get_kind_display()),
            (gettext("Date"), date_format(self.step.occurred_on, "j F Y")),
            *([(gettext("Note"), self.step.note)] if self.step.note else []),
        ]

    def get_context_data(self, **kwargs):
        return super().get_context_data(caption=self.review.incident.reference, **kwargs)

    def get_success_message(self, result) -> str:
        return gettext("The step has been withdrawn")

    def perform(self, form):
        return home_office_qa.home_office_qa_withdraw(
            actor=self.request.user, step=self.step, **form.cleaned_data
        )


class WsrExportView(ReportMixin, View):
    """The published report and its metadata, as one ZIP to upload to the WSR by hand."""

    def get(self, request, *args, **kwargs):
        review = self.review
        publication = selectors.publication_of(review)
        refusal = wsr.refusal(review, publication)
        if refusal:
            return unavailable(
                self, gettext("Not ready for the Wales Safeguarding Repository"), refusal
            )
        try:
            content = wsr.package(review, publication)
        except FileNotFoundError as missing:  # the file store lost the published PDF
            raise Http404 from missing
        name, _ = wsr.file_names(review)
        response = HttpResponse(content, content_type="application/zip")
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response
