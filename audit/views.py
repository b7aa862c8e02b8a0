"""Who has looked at a case, or opened one of its documents: the access events, for the
board's admins."""

from django.views.generic import TemplateView

from audit import selectors
from reviews.models import Document
from reviews.views.incidents import IncidentMixin
from reviews.views.reviews import ReviewChildMixin


class IncidentAccessView(IncidentMixin, TemplateView):
    template_name = "audit/incident_access.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            page=selectors.access_page(
                incident=self.incident, page_number=self.request.GET.get("page")
            ),
            **kwargs,
        )


class DocumentAccessView(ReviewChildMixin, TemplateView):
    """Who has opened one of the review's documents: its access record."""

    template_name = "audit/document_access.html"
    child_model, child_kwarg = Document, "document_id"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            page=selectors.access_page(
                incident=self.review.incident,
                document=self.object,
                page_number=self.request.GET.get("page"),
            ),
            **kwargs,
        )
