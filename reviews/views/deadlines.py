"""The board's deadlines, and pausing and restarting a clock."""

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from boards.views import BoardMixin
from core import paging
from core.views import ServiceFormView
from deadlines import kinds
from guidance import rulebooks
from reviews import forms, selectors
from reviews.services import clocks as services
from reviews.views.incidents import IncidentMixin


class DeadlineListView(BoardMixin, TemplateView):
    template_name = "reviews/deadline_list.html"

    def get_context_data(self, **kwargs):
        form = forms.DeadlineFilterForm(
            self.request.GET or None, clock_choices=list(rulebooks.CLOCK_KINDS.items())
        )
        filters = form.cleaned_data if form.is_valid() else {"status": "", "clock": ""}
        page = paging.paginate(
            selectors.deadline_list_for_board(board=self.board, **filters),
            self.request.GET.get("page"),
        )
        # The statutory clocks show their clock and case reference; the others their own title
        # and page, as their kind describes them (one query per kind on the page).
        kinds.describe(d for d in page.object_list if not d.is_statutory)
        return super().get_context_data(
            filter_form=form,
            page=page,
            # The filters as chosen, for the download of the same deadlines.
            query=paging.without_page(self.request.GET),
            filtered=any(filters.values()),
            due_soon_days=settings.DEADLINE_DUE_SOON_WORKING_DAYS,
            **kwargs,
        )


class DeadlineMixin(IncidentMixin):
    def get_policy_object(self):
        incident = super().get_policy_object()
        self.deadline = selectors.deadline_get(
            user=self.request.user, incident=incident, deadline_id=self.kwargs["deadline_id"]
        )
        return incident

    def get_context_data(self, **kwargs):
        clock = self.deadline.definition
        return super().get_context_data(deadline=self.deadline, clock=clock, **kwargs)

    def get_success_url(self):
        return reverse("reviews:incident_detail", args=[self.board.pk, self.incident.pk])


class DeadlinePauseView(DeadlineMixin, ServiceFormView):
    form_class = forms.PauseForm
    template_name = "reviews/clock_form.html"
    success_message = gettext_lazy("Clock paused")

    def get_context_data(self, **kwargs):
        return super().get_context_data(page_title=_("Pause the clock"), **kwargs)

    def perform(self, form):
        return services.deadline_pause(
            actor=self.request.user, deadline=self.deadline, **form.cleaned_data
        )


class DeadlineResumeView(DeadlineMixin, ServiceFormView):
    form_class = forms.ResumeForm
    template_name = "reviews/clock_form.html"
    success_message = gettext_lazy(
        "Clock restarted: the deadline has moved on by the time it was paused"
    )

    def get_context_data(self, **kwargs):
        return super().get_context_data(page_title=_("Restart the clock"), **kwargs)

    def perform(self, form):
        return services.deadline_resume(
            actor=self.request.user, deadline=self.deadline, **form.cleaned_data
        )
