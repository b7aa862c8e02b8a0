"""Published reports, open to everyone: no sign-in, and nothing that is not published."""

from django.http import Http404, HttpResponse
from django.views import View
from django.views.generic import TemplateView

from core import paging
from publication import selectors
from publication.views.reports import pdf_response


class PublicIndexView(TemplateView):
    template_name = "publication/public_index.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(boards=selectors.public_boards(), **kwargs)


class PublicBoardView(TemplateView):
    template_name = "publication/public_board.html"

    def get_context_data(self, **kwargs):
        board = selectors.public_board(self.kwargs["board_id"])
        page = paging.paginate(selectors.public_publications(board), self.request.GET.get("page"))
        if not page.paginator.count:
            raise Http404
        return super().get_context_data(
            public_board=board,
            page=page,
            online=[p for p in page.object_list if not p.on_request_only],
            on_request=[p for p in page.object_list if p.on_request_only],
            **kwargs,
        )


def _published(kwargs):
    publication = selectors.public_publication(kwargs["board_id"], kwargs["publication_id"])
    if publication is None or publication.on_request_only:
        raise Http404
    return publication


# Each published file by the name in its address: the report and its brief, and their Welsh.
PUBLISHED_FILES = {
    "report": "report_pdf",
    "brief": "brief_pdf",
    "report-cy": "welsh_report_pdf",
    "brief-cy": "welsh_brief_pdf",
}


class PublicPdfView(View):
    def get(self, request, *args, **kwargs):
        if kwargs["kind"] not in PUBLISHED_FILES:
            raise Http404
        publication = _published(kwargs)
        item = getattr(publication, PUBLISHED_FILES[kwargs["kind"]])
        if item is None:
            raise Http404
        return pdf_response(item)


class PublicHtmlView(View):
    """The published report as a web page: the HTML its published PDF was made from, so a
    later change to the review's records can never reach the public unchecked."""

    in_welsh = False

    def get(self, request, *args, **kwargs):
        publication = _published(kwargs)
        item = publication.welsh_report_pdf if self.in_welsh else publication.report_pdf
        if item is None or not item.html:
            raise Http404
        return HttpResponse(item.html)
