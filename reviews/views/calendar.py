"""The bank holiday table (platform admins), the board's local criteria and its own
timescales."""

import datetime as dt

from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from boards.views import BoardMixin
from core import paging
from core.views import PolicyMixin, ServiceFormView
from reviews import forms, selectors
from reviews.services import calendar as services
from reviews.services import incidents as incident_services
from reviews.services import timescales as timescale_services


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
    extra_context = {"page_title": gettext_lazy("Add a bank holiday")}

    def get_success_message(self, result):
        return _("Bank holiday added: %(holiday)s. Open deadlines have been recalculated.") % {
            "holiday": result
        }

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
    extra_context = {"page_title": gettext_lazy("Add a local criterion")}

    def get_success_message(self, result):
        return _("Local criterion added: %(name)s") % {"name": result.name}

    def perform(self, form):
        return incident_services.local_criterion_add(
            actor=self.request.user, board=self.board, **form.cleaned_data
        )


class TimescaleSetView(BoardMixin, ServiceFormView):
    """The board's own length for a clock that no primary source fixes."""

    form_class = forms.TimescaleForm
    template_name = "reviews/timescale_form.html"
    success_message = gettext_lazy(
        "Timescale saved. The board's open cases have been recalculated."
    )

    def get_policy_object(self):
        board = super().get_policy_object()
        found = [
            (rulebook, clock)
            for rulebook, clock in selectors.board_timescales(board=board)
            if rulebook.key == self.kwargs["rulebook"] and clock.code == self.kwargs["clock"]
        ]
        if not found:
            raise Http404
        self.rulebook, self.current = found[0]
        self.clock = self.rulebook.clock(self.current.code)
        return board

    def get_initial(self):
        timescale = self.board.timescales.filter(
            rulebook=self.rulebook.key, clock=self.clock.code
        ).first()
        if timescale is None:
            return {}
        return {"length": timescale.length, "unit": timescale.unit, "reason": timescale.reason}

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            rulebook=self.rulebook, clock=self.clock, current=self.current, **kwargs
        )

    def perform(self, form):
        return timescale_services.timescale_set(
            actor=self.request.user,
            board=self.board,
            rulebook=self.rulebook.key,
            clock=self.clock.code,
            **form.cleaned_data,
        )


class ApprovedReviewerListView(PolicyMixin, TemplateView):
    """The national approved lists of reviewers (platform admins)."""

    template_name = "reviews/approved_reviewers.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            page=paging.paginate(selectors.approved_reviewer_list(), self.request.GET.get("page")),
            **kwargs,
        )


class ApprovedReviewerAddView(ServiceFormView):
    form_class = forms.ApprovedReviewerForm
    extra_context = {"page_title": gettext_lazy("Add a reviewer to an approved list")}

    def get_success_message(self, result):
        return _("%(reviewer)s added.") % {"reviewer": result}

    def perform(self, form):
        return services.approved_reviewer_add(actor=self.request.user, **form.cleaned_data)

    def get_success_url(self):
        return reverse("approved_reviewers")


class ApprovedReviewerEndView(ServiceFormView):
    form_class = forms.ApprovedReviewerEndForm

    def get_success_message(self, result):
        return _("%(reviewer)s taken off the %(list)s list.") % {
            "reviewer": result.user,
            "list": result.approved_list,
        }

    @cached_property
    def place(self):
        place = selectors.approved_reviewer_list().filter(pk=self.kwargs["place_id"]).first()
        if place is None or place.ended_on is not None:
            raise Http404
        return place

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            page_title=_("Take %(reviewer)s off the %(list)s list")
            % {"reviewer": self.place.user, "list": self.place.approved_list},
            **kwargs,
        )

    def perform(self, form):
        return services.approved_reviewer_end(
            actor=self.request.user, place=self.place, **form.cleaned_data
        )

    def get_success_url(self):
        return reverse("approved_reviewers")
