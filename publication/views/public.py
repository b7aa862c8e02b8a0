"""Published reports, open to everyone: no sign-in, and nothing that is not published."""

from django.http import Http404, HttpResponse
from django.views import View
from django.views.generic import TemplateView

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
        publications = list(selectors.public_publications(board))
        if not publications:
            raise Http404
        return super().get_context_data(
            public_board=board,
            online=[p for p in publications if not p.on_request_only],
            on_request=[p for p in publications if p.on_request_only],
            **kwargs,
        )


def _published(kwargs):
    publication = selectors.public_publication(kwargs["board_id"], kwargs["publication_id"])
    if publication is None or publication.on_request_only:
        raise Http404
    return publication


class PublicPdfView(View):
    def get(self, request, *args, **kwargs):
        if kwargs["kind"] not in ("report", "brief"):
            raise Http404
        publication = _published(kwargs)
        item = publication.brief_pdf if kwargs["kind"] == "brief" else publication.report_pdf
        if item is None:
            raise Http404
        return pdf_response(item)


class PublicHtmlView(View):
    """The published report as a web page: the HTML its published PDF was made from, so a
    later change to the review's records can never reach the public unchecked."""

    def get(self, request, *args, **kwargs):
        publication = _published(kwargs)
        if publication.report_pdf is None or not publication.report_pdf.html:
            raise Http404
        return HttpResponse(publication.report_pdf.html)
