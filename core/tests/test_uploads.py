"""Every upload (CVs, documents, chronologies) is recognised by one function, `kind_of`, from
what the file contains: the format by its signature (filetype), then what no signature says."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from core import uploads

PDF = b"%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
OLE_HEADER = bytes.fromhex("D0CF11E0A1B11AE1") + b"\x00" * 504
DOC = OLE_HEADER + b"\xec\xa5\xc1\x00" + b"\x00" * 64
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + b"\x00" * 40
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 40
WINDOWS_PROGRAM = b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 200
LINUX_PROGRAM = b"\x7fELF\x02\x01\x01" + b"\x00" * 120


def office(*parts: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for part in parts:
            archive.writestr(part, "<x/>")
    return buffer.getvalue()


def kind(content: bytes, name: str = "file") -> str | None:
    return uploads.kind_of(SimpleUploadedFile(name, content))


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (PDF, uploads.PDF),
        (DOC, uploads.DOC),
        (office("[Content_Types].xml", "_rels/.rels", "word/document.xml"), uploads.DOCX),
        (office("[Content_Types].xml", "_rels/.rels", "xl/workbook.xml"), uploads.XLSX),
        (PNG, uploads.PNG),
        (JPEG, uploads.JPEG),
        (b"date,what happened\n2024-01-02,Home visit by the health visitor\n", uploads.TEXT),
        ("Dyddiad,Beth ddigwyddodd\n2024-01-02,Ymweliad â'r cartref\n".encode(), uploads.TEXT),
        ("Réunion,café\n".encode("cp1252"), uploads.TEXT),  # Windows-1252, as Excel saves CSV
    ],
)
def test_each_kind_is_recognised_by_its_content(content, expected):
    assert kind(content) == expected


def test_a_word_file_whose_parts_come_in_another_order_is_still_word():
    """The detector reads only the first parts' names, so a zip written by another program
    looks like any zip to it: the list of parts decides."""
    content = office("docProps/custom.xml", "customXml/item1.xml", "customXml/item2.xml",
                     "customXml/item3.xml", "customXml/item4.xml", "[Content_Types].xml",
                     "word/document.xml")  # fmt: skip
    assert kind(content) == uploads.DOCX


@pytest.mark.parametrize(
    "content",
    [
        WINDOWS_PROGRAM,
        LINUX_PROGRAM,
        b"#!/bin/sh\nrm -rf ~\n",
        b"\x00asm\x01\x00\x00\x00" + b"\x00" * 16,  # WebAssembly
    ],
)
def test_programs_are_programs_whatever_they_are_called(content):
    assert kind(content, "report.pdf") == uploads.PROGRAM


@pytest.mark.parametrize(
    "parts",
    [
        ("[Content_Types].xml", "word/document.xml", "word/vbaProject.bin"),
        ("[Content_Types].xml", "xl/workbook.xml", "xl/vbaProject.bin"),
    ],
)
def test_office_files_with_macros_are_told_apart(parts):
    assert kind(office(*parts)) == uploads.MACRO


@pytest.mark.parametrize(
    "content",
    [
        PDF.replace(b"%%EOF", b""),  # cut short: no end-of-file marker
        office("notes.txt"),  # a zip, not an Office file
        OLE_HEADER + "SummaryInformation".encode("utf-16-le"),  # an installer's container
        b"GIF89a" + b"\x00" * 40,  # an image of a kind not taken
        b"\x00\x01\x02binary\xff\xfe",
    ],
)
def test_anything_else_is_not_recognised(content):
    assert kind(content) is None


@pytest.mark.parametrize("line", [b"BMI,age\n24,17\n", b"ID3 review,notes\n", b"GIF89 notes\n"])
def test_text_that_opens_like_another_format_is_still_text(line):
    """Short signatures ("BM" a bitmap, "ID3" a sound file) can begin a line of a CSV."""
    assert kind(line) == uploads.TEXT
