"""CVs are checked by what they contain, not what they are called."""

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from accreditation.uploads import check_cv, display_name, stored_name

PDF = b"%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
OLE = bytes.fromhex("D0CF11E0A1B11AE1") + b"\x00" * 504  # a Compound File's header
# Word 97-2003: the Word stream in the first sector, opening with its identifier (0xA5EC).
DOC = OLE + b"\xec\xa5\xc1\x00" + b"\x00" * 64
MSI = OLE + "SummaryInformation".encode("utf-16-le")  # an installer: a Compound File too
EXE = b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 200


def docx() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


def upload(name, content):
    return SimpleUploadedFile(name, content, content_type="application/octet-stream")


@pytest.mark.parametrize(
    ("name", "content"), [("cv.pdf", PDF), ("CV.PDF", PDF), ("cv.doc", DOC), ("cv.docx", docx())]
)
def test_pdf_and_word_documents_are_taken(name, content):
    check_cv(upload(name, content))


def refusal(name, content) -> str:
    with pytest.raises(ValidationError) as error:
        check_cv(upload(name, content))
    return error.value.message_dict["cv"][0]


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("cv.txt", b"My CV"),
        ("cv.docx", PDF),  # the content of another type
        ("cv.pdf", docx()),
        ("cv.docx", b"PK\x03\x04 not really a zip"),
        ("cv", PDF),  # no extension
        ("cv.doc", MSI),  # a renamed installer: the right container, no Word in it
        ("cv.pdf", b"%PDF-1.7 then an executable" + EXE),  # no end-of-file marker
    ],
)
def test_anything_else_is_refused_whatever_its_name(name, content):
    assert refusal(name, content) == "The selected file must be a PDF or Word document"


@pytest.mark.parametrize("name", ["cv.pdf", "cv.docx", "cv.exe"])
def test_a_program_is_refused_as_one_whatever_its_name(name):
    assert refusal(name, EXE) == (
        "The selected file is a program, not a document: it cannot be uploaded"
    )


def test_an_empty_file_is_refused():
    assert refusal("cv.pdf", b"") == "The selected file is empty"


def test_a_file_over_the_limit_is_refused(settings):
    settings.CV_MAX_BYTES = 1024 * 1024
    assert (
        refusal("cv.pdf", PDF + b"0" * (1024 * 1024))
        == "The selected file must be smaller than 1 MB"
    )
    check_cv(upload("cv.pdf", PDF + b"0" * 1000))


def test_nothing_of_the_uploaded_name_reaches_the_file_system():
    assert stored_name("../../etc/passwd.PDF").endswith(".pdf")
    assert "/" not in stored_name("a/b.pdf")
    assert display_name("C:\\Users\\ann\\My CV.docx") == "My CV.docx"
    long_name = display_name("x" * 300 + ".pdf")
    assert (len(long_name), long_name[-4:]) == (200, ".pdf")
