"""The report and its learning brief as tagged PDFs (PDF/UA-1), read back with pypdf: what
they say, their structure, their page numbers and draft mark, and external resources refused.

Skipped when WeasyPrint's system libraries (Pango) are missing, unless REQUIRE_PDF=1 (as
.ci/run sets), where missing libraries fail the run.
"""

import io
import os
import re

import pytest

try:
    import weasyprint  # noqa: F401  (loads Pango)
except (ImportError, OSError) as error:  # pragma: no cover - depends on the machine
    if os.environ.get("REQUIRE_PDF") == "1":
        raise RuntimeError(f"REQUIRE_PDF=1 but WeasyPrint cannot be loaded: {error}") from error
    pytest.skip(f"WeasyPrint cannot be loaded: {error}", allow_module_level=True)

import pypdf  # noqa: E402
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject  # noqa: E402

from publication import assembly, rendering, sample  # noqa: E402
from publication.models import Rendering, Report  # noqa: E402
from publication.services import reports  # noqa: E402

pytestmark = pytest.mark.pdf  # selected or left out with -m, as every test that renders a PDF

DRAFT_MARK = "DRAFT — not for publication"


@pytest.fixture(autouse=True)
def today(frozen):
    return frozen


# Reading a PDF back.


def read(pdf: bytes) -> pypdf.PdfReader:
    return pypdf.PdfReader(io.BytesIO(pdf))


def page_texts(reader: pypdf.PdfReader) -> list[str]:
    return [page.extract_text() for page in reader.pages]


def flat(text: str) -> str:
    """Text with every run of white space (line breaks included) made one space."""
    return " ".join(text.split())


def structure_types(reader: pypdf.PdfReader) -> dict[str, int]:
    """How many structure elements of each type (/P, /H2, /TH...) the structure tree holds."""
    counts: dict[str, int] = {}
    stack = [reader.trailer["/Root"]["/StructTreeRoot"]]
    while stack:
        node = stack.pop()
        if isinstance(node, IndirectObject):
            node = node.get_object()
        if isinstance(node, ArrayObject):
            stack.extend(node)
        elif isinstance(node, DictionaryObject):
            if "/S" in node:
                counts[node["/S"]] = counts.get(node["/S"], 0) + 1
            if "/K" in node:  # children only: /P points back up
                stack.append(node["/K"])
    return counts


def real_names() -> list[str]:
    """Every name and alias of the sample's people and participants, and each of their words
    long enough to be looked for alone."""
    names = [name for _, name, _ in sample.PEOPLE] + [name for _, name, _ in sample.PARTICIPANTS]
    names += [alias for _, _, text in sample.PEOPLE for alias in text.splitlines() if alias]
    words = {word for name in names for word in re.split(r"[\s-]+", name) if len(word) >= 3}
    return names + sorted(words)


def assert_no_real_name(text: str) -> None:
    text = flat(text)
    for name in real_names():
        assert not re.search(rf"(?<!\w){re.escape(name)}", text, re.IGNORECASE), name


def assert_tagged(reader: pypdf.PdfReader, reference: str) -> None:
    root = reader.trailer["/Root"]
    assert "/StructTreeRoot" in root
    assert root["/Lang"] == "en-GB"
    assert root["/MarkInfo"]["/Marked"].value is True
    assert reference in reader.metadata.title
    assert root["/ViewerPreferences"]["/DisplayDocTitle"]
    xmp = root["/Metadata"].get_object().get_data().decode()
    assert 'pdfuaid:part="1"' in xmp or "<pdfuaid:part>1</pdfuaid:part>" in xmp
    types = structure_types(reader)
    for kind in ("/Document", "/H1", "/H2", "/P"):
        assert types.get(kind), kind


def assert_page_numbers(texts: list[str]) -> None:
    count = len(texts)
    assert "Page" not in texts[0]  # not on the cover
    for number in (2, count // 2, count):
        assert f"Page {number} of {count}" in texts[number - 1]


# A small report: the sample review, signed off or not.


@pytest.fixture
def final(approved, chair):
    return reports.report_sign_off(actor=chair, report=approved)


def rendered(report, *, kind="report", draft=True):
    review = Report.objects.get(pk=report.pk).review
    content = assembly.assemble(review)
    document = rendering.pdf_from_html(rendering.html_for(content, kind=kind, draft=draft))
    reader = read(document.pdf)
    assert document.pages == len(reader.pages)
    return content, document, reader


class TestTheReport:
    def test_says_what_the_review_found_and_no_real_name(self, final):
        content, _, reader = rendered(final, draft=False)
        texts = page_texts(reader)
        assert "Child Q" in texts[0]  # the cover
        assert content.review.board.name in texts[0]
        everything = flat("\n".join(texts))
        for heading in (
            "1. Introduction and why this case was chosen",
            "3. Methodology, review team, case group and research questions",
            "5. Findings",
            "6. Issues for the board and the board's response",
            "Appendix: chronology",
        ):
            assert heading in everything
        for finding in content.findings:
            assert flat(finding.title) in everything
        assert "Head of safeguarding" in everything  # the review team, by role
        assert sample.SECTIONS["further_work"] in everything
        assert_no_real_name(everything)

    def test_is_tagged_pdf_ua_with_its_language_and_title(self, final):
        _, _, reader = rendered(final, draft=False)
        assert_tagged(reader, "Child Q")
        assert reader.metadata.title == "Local child safeguarding practice review: Child Q"
        assert reader.metadata.author == "Northshire Safeguarding Children Partnership"
        types = structure_types(reader)
        assert types.get("/Table") and types.get("/TH") and types.get("/Caption")

    def test_numbers_its_pages(self, final):
        _, _, reader = rendered(final, draft=False)
        assert_page_numbers(page_texts(reader))

    def test_lists_its_contents_with_the_pages_they_are_on(self, final):
        _, _, reader = rendered(final, draft=False)
        texts = page_texts(reader)
        contents = texts[1]
        assert contents.startswith("Contents")
        listed = dict(re.findall(r"^(.+?) \.{3,} ?(\d+)$", contents, re.MULTILINE))
        assert len(listed) == 8, contents
        for title, page in listed.items():
            # The chapter starts on the page the contents give (its heading is on that page).
            assert title in flat(texts[int(page) - 1]), (title, page)
        titles = [item.title for item in reader.outline if not isinstance(item, list)]
        assert "5. Findings" in titles  # and the PDF's bookmarks

    def test_a_draft_is_marked_on_every_page(self, approved):
        _, _, reader = rendered(approved, draft=True)
        assert reader.metadata.title.endswith("(draft)")
        for text in page_texts(reader):
            assert DRAFT_MARK in text

    def test_a_final_is_not_marked(self, final):
        _, _, reader = rendered(final, draft=False)
        assert "DRAFT" not in "\n".join(page_texts(reader)).upper()
        assert "draft" not in reader.metadata.title


class TestTheLearningBrief:
    def test_fits_on_one_page(self, final):
        content, document, reader = rendered(final, kind="brief", draft=False)
        assert document.pages == len(reader.pages) == 1
        text = flat(reader.pages[0].extract_text())
        assert "Learning brief: Child Q" in text
        assert flat(sample.SECTIONS["learning_brief"]) in text
        for finding in content.findings:
            assert flat(finding.title) in text
        assert "DRAFT" not in text
        assert_no_real_name(text)
        assert_tagged(reader, "Child Q")

    def test_a_draft_brief_is_marked(self, approved):
        _, _, reader = rendered(approved, kind="brief", draft=True)
        assert len(reader.pages) == 1
        assert DRAFT_MARK in reader.pages[0].extract_text()


def test_a_hundred_page_report(supervised, supervisor, chair, agency, pair):
    """A long review: every page numbered, the structure tagged, the chronology a table with
    its header row repeated and tagged as such."""
    sample.fill_review(
        supervised, supervisor=supervisor, chair=chair, findings=40, episodes=20, chronology=500
    )
    content = assembly.assemble(supervised)
    document = rendering.pdf_from_html(rendering.html_for(content, kind="report", draft=True))
    reader = read(document.pdf)
    assert document.pages == len(reader.pages) >= 100
    texts = page_texts(reader)
    assert "Child Q" in texts[0]
    assert_tagged(reader, "Child Q")
    assert_page_numbers(texts)
    types = structure_types(reader)
    assert types.get("/Table") and types.get("/THead") and types.get("/TH", 0) >= 10
    assert types.get("/TD", 0) >= 3 * 500
    everything = flat("\n".join(texts))
    assert flat(content.findings[-1].title) in everything
    assert "Entry 500: a home visit was made" in everything
    # The chronology's header row is repeated on each page the table runs over.
    chronology = [text for text in texts if "Entry " in text and "a home visit" in text]
    assert len(chronology) >= 10
    assert all("Date Agency What happened" in flat(text) for text in chronology)
    for text in texts:
        assert DRAFT_MARK in text
    assert_no_real_name(everything)


# External resources: nothing is fetched, and the rendering fails saying why.

PAGE = '<html lang="en"><head><title>x</title>{head}</head><body>{body}</body></html>'


@pytest.mark.parametrize(
    ("head", "body"),
    [
        ("", '<img alt="x" src="http://example.invalid/x.png">'),
        ("", '<img alt="x" src="https://example.invalid/x.png">'),
        ("", '<img alt="x" src="file:///etc/passwd">'),
        ("", '<img alt="x" src="x.png">'),
        ("<style>body { background: url(file:///etc/passwd) }</style>", "x"),
        ("<style>@import url(file:///etc/passwd);</style>", "x"),
        ('<link rel="stylesheet" href="file:///etc/passwd">', "x"),
        ('<link rel="stylesheet" href="http://example.invalid/x.css">', "x"),
        (
            "<style>@font-face { font-family: X; src: url(http://example.invalid/x.woff) }"
            " body { font-family: X }</style>",
            "x",
        ),
    ],
)
def test_an_external_resource_stops_the_rendering(head, body):
    from weasyprint.urls import FatalURLFetchingError

    with pytest.raises(rendering.ExternalResourceRefused) as refused:
        rendering.pdf_from_html(PAGE.format(head=head, body=body))
    # WeasyPrint's own error (a BaseException), raised on as an Exception the worker catches.
    assert isinstance(refused.value.__cause__, FatalURLFetchingError)
    assert isinstance(refused.value, Exception)
    assert "External resources are refused" in str(refused.value)


def test_an_inline_data_uri_is_allowed():
    pixel = (
        "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk"
        "YPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=="
    )
    document = rendering.pdf_from_html(PAGE.format(head="", body=f'<img alt="x" src="{pixel}">'))
    assert document.pages == 1


class TestTheWorker:
    def test_a_report_that_would_fetch_fails_saying_why(self, final, pair, monkeypatch):
        def fetching(content, *, kind="report", draft=True):
            return PAGE.format(head="", body='<img alt="x" src="http://example.invalid/x.png">')

        monkeypatch.setattr(rendering, "html_for", fetching)
        asked = reports.rendering_request(actor=pair[0], report=final)
        done = reports.rendering_run(asked.pk)
        assert done.state == Rendering.State.FAILED
        assert done.failure_reason == "The report asked for an external resource, which is refused"
        assert done.finished_at is not None and not done.pdf
        stored = Rendering.objects.get(pk=asked.pk)
        assert (stored.state, stored.failure_reason) == (done.state, done.failure_reason)

    def test_renders_a_final_report_unmarked_and_stores_its_pages(self, final, pair):
        asked = reports.rendering_request(actor=pair[0], report=final)
        done = reports.rendering_run(asked.pk)
        assert done.state == Rendering.State.READY, done.failure_reason
        with done.pdf.open("rb") as file:
            reader = read(file.read())
        assert done.pages == len(reader.pages)
        assert "DRAFT" not in "\n".join(page_texts(reader))
        assert done.pdf.name.endswith(".pdf") and "Child-Q-report-v1" in done.pdf.name

    def test_a_board_approved_report_is_rendered_as_a_draft(self, approved, pair):
        asked = reports.rendering_request(actor=pair[0], report=approved, kind="brief")
        done = reports.rendering_run(asked.pk)
        with done.pdf.open("rb") as file:
            reader = read(file.read())
        assert done.pages == len(reader.pages) == 1
        assert DRAFT_MARK in reader.pages[0].extract_text()

    def test_a_rendering_run_twice_is_left_alone_the_second_time(self, final, pair):
        asked = reports.rendering_request(actor=pair[0], report=final)
        first = reports.rendering_run(asked.pk)
        assert first.state == Rendering.State.READY
        assert reports.rendering_run(asked.pk) is None
        stored = Rendering.objects.get(pk=asked.pk)
        assert (stored.state, stored.pdf.name, stored.finished_at) == (
            Rendering.State.READY,
            first.pdf.name,
            first.finished_at,
        )


@pytest.mark.parametrize(("kind", "draft"), [("report", False), ("brief", False), ("brief", True)])
def test_each_pdf_passes_the_machine_checkable_pdf_ua_rules(final, tmp_path, kind, draft):
    from core.tests.pdf_ua import assert_pdf_ua

    _, document, _ = rendered(final, kind=kind, draft=draft)
    assert_pdf_ua(document.pdf, tmp_path)
