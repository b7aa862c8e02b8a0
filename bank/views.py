"""The bank of completed reports' pages: find a report, add one, confirm its themes."""

from django.http import FileResponse, Http404
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import TemplateView

from bank import forms, selectors, services
from core import paging, permissions
from core.views import PolicyMixin, ServiceFormView, WithdrawView
from guidance import rulebooks


class BankView(PolicyMixin, TemplateView):
    template_name = "bank/bank.html"

    def get_context_data(self, **kwargs):
        params = self.request.GET
        words = params.get("q", "").strip()[: selectors.MAX_WORDS]
        theme = params.get("theme", "")
        review_type = params.get("review_type", "")
        if review_type not in rulebooks.REVIEW_TYPES:
            review_type = ""
        year = paging.year_filter(params.get("year", ""))
        found = selectors.bank_search(words=words, theme=theme, year=year, review_type=review_type)
        page = paging.paginate(found, params.get("page"), per_page=selectors.PAGE_SIZE)
        # The passage of each report around the words asked for, read for this page only.
        page.object_list = selectors.with_passages(page.object_list, words)
        user = self.request.user
        return super().get_context_data(
            page=page,
            words=words,
            theme=theme,
            review_type=review_type,
            year=year,
            themes=selectors.themes(),
            review_types=rulebooks.REVIEW_TYPES,
            years=selectors.years(),
            can_add=permissions.can(user, "bank.add"),
            waiting=selectors.waiting_for(user),
            **kwargs,
        )


class ReportMixin(PolicyMixin):
    def get_policy_object(self):
        self.report = selectors.report_get(user=self.request.user, pk=self.kwargs["banked_id"])
        return self.report

    def get_success_url(self):
        return reverse("bank:detail", args=[self.report.pk])


class ReportView(ReportMixin, TemplateView):
    template_name = "bank/report.html"

    def get_context_data(self, **kwargs):
        report = self.report
        return super().get_context_data(
            report=report,
            themes=list(report.themes.all()),
            suggested=list(report.suggested_themes.all()),
            can_manage=permissions.can(self.request.user, "bank.manage", report),
            names_found=selectors.names_to_warn_of(user=self.request.user, report=report),
            **kwargs,
        )


class ReportFileView(ReportMixin, View):
    def get(self, request, *args, **kwargs):
        if not self.report.file:
            raise Http404
        try:
            handle = self.report.file.open("rb")
        except FileNotFoundError as error:
            raise Http404 from error
        return FileResponse(
            handle,
            as_attachment=True,
            filename=self.report.file_name,
            content_type="application/pdf",
        )


class ReportAddView(ServiceFormView):
    form_class = forms.ReportAddForm
    template_name = "bank/form.html"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "keepers": selectors.keeper_choices(self.request.user)}

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            page_title=_("Add a report to the bank"),
            lead=_(
                "A published report, of any board. Its words are read after it is added, and "
                "the themes they suggest are offered to you to confirm: until then only those "
                "who keep the entry see it."
            ),
            **kwargs,
        )

    def perform(self, form):
        data = form.cleaned_data
        return services.report_add(
            actor=self.request.user,
            board=form.keeper_board(),
            title=data["title"],
            published_by=data["published_by"],
            year=data["year"],
            review_type=data["review_type"],
            age_band=data["age_band"],
            file=data["file"] or None,
            published_url=data["published_url"],
        )

    def get_success_url(self):
        return reverse("bank:detail", args=[self.result.pk])

    def get_success_message(self, result) -> str:
        return _("The report has been added: check its themes and confirm it")


class ReportConfirmView(ReportMixin, ServiceFormView):
    form_class = forms.ConfirmForm
    template_name = "bank/form.html"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "themes": selectors.themes()}

    def get_initial(self):
        report = self.report
        chosen = report.themes.all() if report.confirmed_at else report.suggested_themes.all()
        return {"themes": list(chosen)}

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            page_title=_("Confirm the report's themes"),
            caption=self.report.title,
            names_found=selectors.names_to_warn_of(user=self.request.user, report=self.report),
            **kwargs,
        )

    def perform(self, form):
        return services.report_confirm(
            actor=self.request.user, report=self.report, themes=form.cleaned_data["themes"]
        )

    def get_success_message(self, result) -> str:
        return _("The report is in the bank")


class ReportCorrectView(ReportMixin, ServiceFormView):
    form_class = forms.ReportCorrectForm
    template_name = "bank/form.html"

    def get_initial(self):
        return {field: getattr(self.report, field) for field in services.CORRECTABLE}

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            page_title=_("Correct the report's details"), caption=self.report.title, **kwargs
        )

    def perform(self, form):
        return services.report_correct(
            actor=self.request.user, report=self.report, **form.cleaned_data
        )

    def get_success_message(self, result) -> str:
        return _("The report's details have been corrected")


class ReportWithdrawView(ReportMixin, WithdrawView):
    what = gettext_lazy("this report")
    consequences = (
        gettext_lazy("It leaves the bank: nobody finds it in a search any more."),
        gettext_lazy("Its file may be added again."),
    )

    def summary(self):
        return [(_("Title"), self.report.title), (_("Published by"), self.report.published_by)]

    def get_success_url(self):
        return reverse("bank:list")

    def get_cancel_url(self):
        return reverse("bank:detail", args=[self.report.pk])

    def perform(self, form):
        return services.report_withdraw(
            actor=self.request.user, report=self.report, reason=form.cleaned_data["reason"]
        )
