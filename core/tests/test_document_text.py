"""The words of an uploaded file (core.document_text): read from a PDF's text layer, a Word
document and a text file; a scanned PDF has none; a damaged file fails cleanly; bounded."""

import base64
import io

import docx
import pytest
from pypdf import PdfWriter

from core import document_text
from core.document_text import Outcome, UnreadableFile, extract

# A 2x2 grey PNG: a page holding only an image is what a scanner makes.
PIXELS = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAAAAABX3VL4AAAADklEQVR4nGNgYGBgYAAAAAUAAXpeqz8AAAAASUVORK5CYII="
)


def weasyprint_pdf(html: str) -> bytes:
    from weasyprint import HTML

    return HTML(string=html).write_pdf()


def word_document(*paragraphs, table=()) -> bytes:
    document = docx.Document()
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    if table:
        grid = document.add_table(rows=len(table), cols=len(table[0]))
        for r, row in enumerate(table):
            for c, value in enumerate(row):
                grid.cell(r, c).text = value
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


@pytest.mark.pdf
def test_a_pdf_gives_the_words_of_its_pages():
    pdf = weasyprint_pdf(
        "<p>The strategy discussion was held on 3 March.</p>"
        '<p style="break-before: page">Health visitors were not invited.</p>'
    )
    found = extract(pdf, "pdf")
    assert found.outcome == Outcome.READ and found.searchable
    assert "strategy discussion was held" in found.text
    assert "Health visitors were not invited." in found.text


@pytest.mark.pdf
def test_a_scanned_pdf_has_no_text_and_is_not_searchable():
    image = base64.b64encode(PIXELS).decode()
    pdf = weasyprint_pdf(f'<img src="data:image/png;base64,{image}" style="width: 15cm">')
    found = extract(pdf, "pdf")
    assert (found.text, found.outcome, found.searchable) == ("", Outcome.NO_TEXT, False)


def test_a_pdf_of_blank_pages_has_no_text():
    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    buffer = io.BytesIO()
    writer.write(buffer)
    assert extract(buffer.getvalue(), "pdf").outcome == Outcome.NO_TEXT


def test_a_word_document_gives_its_paragraphs_and_tables_in_order():
    data = word_document(
        "Agency report of Northshire Constabulary",
        "Officers attended the address twice.",
        table=[("12 January", "Referral to children's services")],
    )
    found = extract(data, "docx")
    assert found.outcome == Outcome.READ
    assert found.text == (
        "Agency report of Northshire Constabulary Officers attended the address twice. "
        "12 January Referral to children's services"
    )


def test_a_text_file_in_utf8_or_windows_1252():
    assert extract("Café visit,\r\n  missed".encode(), "text").text == "Café visit, missed"
    assert extract("Café".encode("cp1252"), "text").text == "Café"
    assert extract(b"\xef\xbb\xbfWith a byte order mark", "text").text == "With a byte order mark"


def test_kinds_whose_words_are_not_read():
    for kind in ("png", "jpeg", "doc", "xlsx"):
        found = extract(b"anything", kind)
        assert (found.text, found.outcome) == ("", Outcome.NOT_READ), kind


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (b"%PDF-1.7\nnot a PDF at all\n%%EOF\n", "pdf"),
        (b"PK\x03\x04 a damaged zip", "docx"),
        (word_document("Cut short")[:400], "docx"),
    ],
)
def test_a_damaged_file_fails_cleanly_naming_no_content(data, kind):
    with pytest.raises(UnreadableFile) as error:
        extract(data, kind)
    assert "Cut short" not in str(error.value)


@pytest.mark.pdf
def test_a_pdf_cut_short_fails_cleanly():
    pdf = weasyprint_pdf("<p>Minutes of the panel</p>")
    with pytest.raises(UnreadableFile):
        extract(pdf[: len(pdf) // 2], "pdf")


def test_the_text_kept_is_bounded(monkeypatch):
    monkeypatch.setattr(document_text, "MAX_CHARS", 50)
    found = extract(("word " * 100).encode(), "text")
    assert len(found.text) == 50 and found.cut
    found = extract(word_document(*["A paragraph of the report."] * 10), "docx")
    assert len(found.text) == 50 and found.cut
    assert not extract(b"short", "text").cut
