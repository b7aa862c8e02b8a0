from django.urls import reverse
from django.utils.translation import gettext_lazy, ngettext

from boards.views import BoardMixin
from core.views import ServiceFormView
from retention import forms, selectors, services


class RetentionView(BoardMixin, ServiceFormView):
    """The board's retention period (the business manager sets it), the cases the next runs
    will anonymise, and the record of past runs."""

    form_class = forms.RetentionPeriodForm
    template_name = "retention/retention.html"
    extra_context = {"page_title": gettext_lazy("Retention of case records")}

    def get_initial(self):
        return {"years": self.board.retention_years}

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            overview=selectors.retention_overview(board=self.board), **kwargs
        )

    def perform(self, form):
        return services.retention_period_set(
            actor=self.request.user, board=self.board, **form.cleaned_data
        )

    def get_success_message(self, board):
        return ngettext(
            "Retention period saved: %(years)s years after a case closes",
            "Retention period saved: %(years)s years after a case closes",
            board.retention_years,
        ) % {"years": board.retention_years}

    def get_success_url(self):
        return reverse("retention:board", args=[self.board.pk])
