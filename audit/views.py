"""Who has looked at a case: the access events of one incident, for the board's admins."""

from django.views.generic import TemplateView

from audit import selectors
from reviews.views.incidents import IncidentMixin


class IncidentAccessView(IncidentMixin, TemplateView):
    template_name = "audit/incident_access.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            page=selectors.access_page(
                incident=self.incident, page_number=self.request.GET.get("page")
            ),
            **kwargs,
        )
