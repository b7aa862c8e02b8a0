"""The bank holiday table (platform admins) and the board's local criteria."""

import datetime as dt

from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.views.generic import TemplateView

from boards.views import BoardMixin
from core.views import PolicyMixin, ServiceFormView
from reviews import forms, selectors
from reviews.services import calendar as services
from reviews.services import incidents as incident_services


class BankHolidayListView(PolicyMixin, TemplateView):
    template_name = "reviews/bank_holidays.html"

    def get_context_data(self, **kwargs):
        years = selectors.bank_holiday_years()
        try:
            year = int(self.request.GET.get("year", ""))
        except ValueError:
            year = timezone.localdate().year
        if year not in years:
            year = timezone.localdate().year
        return super().get_context_data(
            year=year, years=years, holidays=selectors.bank_holiday_list(year=year), **kwargs
        )


class BankHolidayAddView(ServiceFormView):
    form_class = forms.BankHolidayForm
    extra_context = {"page_title": "Add a bank holiday"}
    success_message = "Bank holiday added: {result}. Open deadlines have been recalculated."

    def perform(self, form):
        return services.bank_holiday_add(actor=self.request.user, **form.cleaned_data)

    def get_success_url(self):
        return reverse("bank_holidays") + f"?year={self.result.date.year}"


class BankHolidayRemoveView(PolicyMixin, TemplateView):
    template_name = "reviews/bank_holiday_remove.html"

    @cached_property
    def holiday(self):
        try:
            on = dt.date.fromisoformat(self.kwargs["on"])
        except ValueError as error:
            raise Http404 from error
        return selectors.bank_holiday_get(on=on)

    def get_context_data(self, **kwargs):
        return super().get_context_data(holiday=self.holiday, **kwargs)

    def post(self, request, *args, **kwargs):
        services.bank_holiday_remove(actor=request.user, holiday=self.holiday)
        return redirect(reverse("bank_holidays") + f"?year={self.holiday.date.year}")


class LocalCriterionAddView(BoardMixin, ServiceFormView):
    form_class = forms.LocalCriterionForm
    extra_context = {"page_title": "Add a local criterion"}
    success_message = "Local criterion added: {result.name}"

    def perform(self, form):
        return incident_services.local_criterion_add(
            actor=self.request.user, board=self.board, **form.cleaned_data
        )
