"""Rendering a report, or its learning brief, to a tagged PDF (PDF/UA-1) with WeasyPrint.

Runs only in the worker (`publication.tasks.render`), never in a request. The HTML is the
project's own template, and nothing outside it is fetched: a resource other than an inline
`data:` URI stops the rendering, so a report can never make the worker reach the network or
read a file.
"""

import html as html_lib
import io
import re
from dataclasses import dataclass

from celery.exceptions import SoftTimeLimitExceeded
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.html import strip_tags
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from publication.anonymisation import Passage
from publication.assembly import ReportContent

TEMPLATES = {"report": "publication/pdf/report.html", "brief": "publication/pdf/brief.html"}


@dataclass(frozen=True)
class Document:
    pdf: bytes
    pages: int


class ExternalResourceRefused(Exception):
    """The HTML asked for a resource other than a `data:` URI; nothing was fetched."""


def html_for(content: ReportContent, *, kind: str = "report", draft: bool = True) -> str:
    """The document's HTML, in its language (`content.language`: Welsh once its Welsh is put
    in), whatever the language of whoever asked."""
    with translation.override(content.language):
        return render_to_string(
            TEMPLATES[kind],
            {
                "content": content,
                "review": content.review,
                "report": content.report,
                "draft": draft,
                "rendered_on": timezone.localdate(),
            },
        )


def _fetcher():
    from weasyprint.urls import FatalURLFetchingError, URLFetcher

    class RefuseExternal(URLFetcher):
        def fetch(self, url, headers=None):
            if url.startswith("data:"):
                return super().fetch(url, headers)
            raise FatalURLFetchingError(f"External resources are refused: {url[:80]}")

    return RefuseExternal(allowed_protocols=["data"])


def pdf_from_html(html: str) -> Document:
    # Imported here: WeasyPrint loads Pango when imported, which only the worker needs.
    import weasyprint
    from weasyprint.urls import FatalURLFetchingError

    try:
        document = weasyprint.HTML(string=html, base_url="data:,", url_fetcher=_fetcher()).render()
        pdf = document.write_pdf(pdf_variant="pdf/ua-1")
    except FatalURLFetchingError as error:
        # WeasyPrint's error is a BaseException (so that nothing inside WeasyPrint swallows it):
        # raised on as an Exception, so that the worker's `except Exception` records the failure
        # instead of leaving the rendering "rendering" for ever.
        raise ExternalResourceRefused(str(error)) from error
    return Document(pdf=with_header_scopes(pdf), pages=len(document.pages))


def with_header_scopes(pdf: bytes) -> bytes:
    """The PDF with each table header cell's scope in its tags (PDF/UA-1 7.5: a TH says
    whether it heads a column or a row). WeasyPrint tags the cells but drops HTML's `scope`:
    a TH in a table's THead heads its column, any other heads its row, as in our templates."""
    import pypdf
    from pypdf.generic import ArrayObject, DictionaryObject, NameObject

    writer = pypdf.PdfWriter(clone_from=pypdf.PdfReader(io.BytesIO(pdf)))
    tree = writer.root_object.get("/StructTreeRoot")
    if tree is None:
        return pdf

    def walk(node, in_head: bool) -> None:
        node = node.get_object()
        if isinstance(node, ArrayObject):
            for kid in node:
                walk(kid, in_head)
            return
        if not isinstance(node, DictionaryObject) or "/S" not in node:
            return
        kind = node["/S"]
        if kind == "/TH":
            scope = "/Column" if in_head else "/Row"
            attributes = node.get("/A")
            attributes = attributes.get_object() if attributes is not None else None
            if isinstance(attributes, DictionaryObject) and attributes.get("/O") == "/Table":
                # Keep what is there (a span), adding the scope.
                attributes.setdefault(NameObject("/Scope"), NameObject(scope))
            else:
                node[NameObject("/A")] = DictionaryObject(
                    {
                        NameObject("/O"): NameObject("/Table"),
                        NameObject("/Scope"): NameObject(scope),
                    }
                )
        if "/K" in node:
            walk(node["/K"], in_head or kind == "/THead")

    walk(tree.get_object()["/K"], False)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def published_text(document: Document, html: str) -> list[Passage]:
    """The text of a PDF as made, page by page, and of its web version: what the anonymisation
    check reads of the bytes that will be published."""
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(document.pdf))
    passages = [
        Passage(f"page {number} of the PDF", page.extract_text() or "")
        for number, page in enumerate(reader.pages, start=1)
    ]
    passages.append(Passage("the web version", html_lib.unescape(strip_tags(html))))
    return passages


# Reasons kept as they are in English; the page translates them as it shows them.
NO_PANGO = gettext_noop("The PDF libraries (Pango) are not installed on the worker")
EXTERNAL_REFUSED = gettext_noop("The report asked for an external resource, which is refused")
TOO_LONG = gettext_noop("It took longer than a rendering may take: ask for it again")


def failure_reason(error: Exception) -> str:
    """What the page says when a rendering fails: the kind of failure, no case details.

    Made by the worker, outside a request: in English (the default language), and kept."""
    where = error.args[0] if error.args and error.args[0] else ""
    if type(error).__name__ == "HoldsRealName":
        if where:
            return _(
                "The anonymisation check found a real name, in: %(places)s. The final PDF was "
                "not made and the sign-off is withdrawn: correct the text, then sign off again"
            ) % {"places": where}
        return _(
            "The anonymisation check found a real name. The final PDF was not made and the "
            "sign-off is withdrawn: correct the text, then sign off again"
        )
    if type(error).__name__ == "WordHoldsRealName":
        if where:
            return _(
                "The anonymisation check found a real name, in: %(places)s. The Word version "
                "was not made: correct the text, then ask for it again"
            ) % {"places": where}
        return _(
            "The anonymisation check found a real name. The Word version was not made: "
            "correct the text, then ask for it again"
        )
    if isinstance(error, OSError) and "pango" in str(error).lower():
        return NO_PANGO
    if isinstance(error, ExternalResourceRefused):
        return EXTERNAL_REFUSED
    if isinstance(error, SoftTimeLimitExceeded):  # the task's soft limit (publication.jobs)
        return TOO_LONG
    return _("The PDF could not be rendered (%(error)s)") % {"error": type(error).__name__}


def safe_file_name(name: str) -> str:
    return re.sub(r"[^A-Za-z0-9.-]+", "-", name).strip("-") or "report.pdf"
