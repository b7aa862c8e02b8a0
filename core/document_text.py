"""The words of an uploaded file, read so that they can be searched: a review's documents
(reviews' case search) and, later, the bank of published reports.

`extract(data, kind)` takes the file's bytes and the kind `core.uploads.kind_of` gave it and
returns its text with what became of it (`Outcome`): read; a PDF with no text layer (a scanned
document: nothing to read, which is not an error); or a kind whose words are not read (images,
Word 97-2003, spreadsheets). A file that cannot be parsed (corrupt, encrypted, not what its
kind says) raises `UnreadableFile`, whose message names no content.

It runs in the worker, never in a request: reading a long PDF takes seconds.
"""

import codecs
import enum
import io
import re
import zipfile
from dataclasses import dataclass

from core import uploads

# The text kept of one file. It is stored with the file, read whole to cut a search's excerpt
# and made into a PostgreSQL tsvector (which holds at most 1 MB): a 20 MB upload of text, or
# a 2,000-page PDF, would otherwise make every search that finds it slow, or fail. A million
# characters is about 400 pages of prose, longer than any agency report or review.
MAX_CHARS = 1_000_000
# Pages of a PDF read at most, for the same reason: the characters' cap stops a long report
# earlier; this stops a PDF of thousands of near-empty pages from holding the worker.
MAX_PAGES = 2_000
# The largest main part of a .docx read, uncompressed: a zip a few MB long can unpack to
# gigabytes (a "zip bomb"). A million characters of Word's XML is some tens of MB.
MAX_DOCX_XML_BYTES = 200 * 1024 * 1024


class Outcome(enum.StrEnum):
    READ = "extracted"
    NO_TEXT = "no_text"  # a PDF without a text layer: a scanned document
    NOT_READ = "not_readable"  # a kind whose words are not read


class UnreadableFile(Exception):
    """The file could not be parsed as its kind. The message names no content."""


@dataclass(frozen=True)
class Text:
    text: str
    outcome: Outcome
    cut: bool = False  # more text than MAX_CHARS (or pages than MAX_PAGES): the rest not kept

    @property
    def searchable(self) -> bool:
        return self.outcome == Outcome.READ


READ_KINDS = frozenset({uploads.PDF, uploads.DOCX, uploads.TEXT})


def extract(data: bytes, kind: str) -> Text:
    """The text of a file of `kind` (core.uploads: "pdf", "docx", "text"; any other kind is
    `NOT_READ`), whitespace collapsed, at most MAX_CHARS characters."""
    if kind not in READ_KINDS:
        return Text("", Outcome.NOT_READ)
    reader = {uploads.PDF: _pdf, uploads.DOCX: _docx, uploads.TEXT: _plain}[kind]
    try:
        parts, cut = reader(data)
    except UnreadableFile:
        raise
    except Exception as error:
        # The parsers raise many kinds of error on a damaged file (pypdf's own, ValueError,
        # KeyError, zlib's, lxml's...): each means the same thing here.
        raise UnreadableFile(
            f"The {kind} file could not be read ({type(error).__name__})"
        ) from None
    text = _tidy(parts)
    cut = cut or len(text) > MAX_CHARS
    text = text[:MAX_CHARS]
    if kind == uploads.PDF and not text:
        return Text("", Outcome.NO_TEXT, cut)
    return Text(text, Outcome.READ, cut)


def _tidy(parts: list[str]) -> str:
    # One space for every run of whitespace (an excerpt is shown on one line, and PDFs break
    # lines anywhere); PostgreSQL's text holds no NUL character.
    return re.sub(r"\s+", " ", " ".join(parts).replace("\x00", " ")).strip()


def _pdf(data: bytes) -> tuple[list[str], bool]:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    if reader.is_encrypted and not reader.decrypt(""):
        raise UnreadableFile("The PDF is protected by a password")
    parts, length = [], 0
    for number, page in enumerate(reader.pages):
        if number >= MAX_PAGES or length > MAX_CHARS:
            return parts, True
        words = page.extract_text() or ""
        parts.append(words)
        length += len(words)
    return parts, False


def _docx(data: bytes) -> tuple[list[str], bool]:
    import docx
    from docx.table import Table

    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        if archive.getinfo("word/document.xml").file_size > MAX_DOCX_XML_BYTES:
            raise UnreadableFile("The Word document is too large to read")
    document = docx.Document(io.BytesIO(data))
    parts, length = [], 0
    for block in document.iter_inner_content():
        if isinstance(block, Table):
            words = " ".join(cell.text for row in block.rows for cell in row.cells)
        else:
            words = block.text
        parts.append(words)
        length += len(words)
        if length > MAX_CHARS:
            return parts, True
    return parts, False


def _plain(data: bytes) -> tuple[list[str], bool]:
    # The encodings core.uploads accepts as text: UTF-8 (a character cut by the cap below is
    # left out), else Windows-1252, which decodes almost anything; the last resort replaces
    # what it cannot.
    limit = 4 * (MAX_CHARS + 1)  # at most 4 bytes a character in UTF-8
    cut, data = len(data) > limit, data[:limit]
    try:
        decoder = codecs.getincrementaldecoder("utf-8-sig")()
        return [decoder.decode(data, final=not cut)], cut
    except UnicodeDecodeError:
        pass
    try:
        return [data.decode("cp1252")], cut
    except UnicodeDecodeError:
        return [data.decode("utf-8", errors="replace")], cut
