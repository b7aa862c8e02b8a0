"""Uploaded files: checked by what they contain, not what they are called, and kept outside the
web root (core/storage.py).

`kind_of(upload)` is the one place every upload (CVs, documents, chronologies) is recognised.
It asks a maintained detector (filetype) what the first bytes are, then checks what no
signature tells: that a PDF is whole, what an Office zip holds, that anything else is text. The
name is not trusted: an executable renamed "report.pdf" is a program, and a Word or Excel file
with macros (a `vbaProject.bin` part, whatever its extension says) is refused with its own
message. Files are stored under a random name; the uploaded name is kept for
display and download only.
"""

import hashlib
import uuid
import zipfile
from pathlib import PurePath

import filetype
from django.core.exceptions import ValidationError
from django.core.files.uploadhandler import SkipFile, TemporaryFileUploadHandler
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

# What the detector (filetype, by each format's signature) calls the kinds taken, and programs.
PDF_TYPE, DOC_TYPE, PNG_TYPE, JPEG_TYPE = (
    "application/pdf",
    "application/msword",
    "image/png",
    "image/jpeg",
)
ZIP_TYPES = {
    "application/zip",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation",
}
PROGRAM_TYPES = {
    "application/x-msdownload",  # Windows
    "application/x-executable",  # Linux
    "application/wasm",
    "application/x-deb",
    "application/x-rpm",
    "application/x-shockwave-flash",
    "application/vnd.android.dex",
}
PDF_END = b"%%EOF"
SCRIPT_START = b"#!"  # a text file that asks to be run
PROGRAM_REFUSED = gettext_lazy(
    "The selected file is a program, not a document: it cannot be uploaded"
)
MACRO_SUFFIXES = {".docm", ".dotm", ".xlsm", ".xltm", ".xlsb", ".pptm"}

PDF, DOC, DOCX, XLSX, TEXT, PNG, JPEG = "pdf", "doc", "docx", "xlsx", "text", "png", "jpeg"
PPTX = "pptx"
MACRO, PROGRAM = "macro", "program"
# What each kind may be called.
SUFFIXES = {
    PDF: {".pdf"},
    DOC: {".doc"},
    DOCX: {".docx"},
    XLSX: {".xlsx"},
    PPTX: {".pptx"},
    TEXT: {".csv", ".txt"},
    PNG: {".png"},
    JPEG: {".jpg", ".jpeg"},
}


def _zip_parts(upload) -> set[str] | None:
    upload.seek(0)
    try:
        with zipfile.ZipFile(upload) as archive:
            return set(archive.namelist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return None
    finally:
        upload.seek(0)


def _is_text(head: bytes) -> bool:
    """Text a person could have written: no NUL byte, and UTF-8 or Windows-1252 throughout
    the part read."""
    if b"\x00" in head:
        return False
    for encoding in ("utf-8", "cp1252"):
        try:
            head.decode(encoding)
            return True
        except UnicodeDecodeError as error:
            # A multi-byte character cut by the end of the part read is still UTF-8.
            if encoding == "utf-8" and error.start >= len(head) - 3:
                return True
    return False


def kind_of(upload) -> str | None:
    """What the file really is (one of the kinds above, MACRO or PROGRAM), or None.

    The format comes from its signature (filetype). What no signature tells is checked here:
    that a PDF is whole (its end-of-file marker), what an Office zip holds (Word or Excel,
    and macros, which ride in any of them), and that anything else is text a person wrote."""
    upload.seek(0)
    head = upload.read(64 * 1024)
    upload.seek(0)
    found = filetype.guess(head)
    mime = found.mime if found else None
    if mime in PROGRAM_TYPES or head.startswith(SCRIPT_START):
        return PROGRAM
    if mime == PDF_TYPE:
        upload.seek(max(0, upload.size - 2048))
        tail = upload.read()
        upload.seek(0)
        return PDF if PDF_END in tail else None
    if mime in ZIP_TYPES:
        # The detector reads only the first parts' names; the whole list is read here.
        parts = _zip_parts(upload) or set()
        if any(part.endswith("vbaProject.bin") for part in parts):
            return MACRO
        if {"[Content_Types].xml", "word/document.xml"} <= parts:
            return DOCX
        if {"[Content_Types].xml", "xl/workbook.xml"} <= parts:
            return XLSX
        if {"[Content_Types].xml", "ppt/presentation.xml"} <= parts:
            return PPTX
        return None
    kind = {DOC_TYPE: DOC, PNG_TYPE: PNG, JPEG_TYPE: JPEG}.get(mime)
    if kind:
        return kind
    # A short signature can begin a line of text ("BM" a bitmap, "ID3" a sound file): what
    # is text throughout is text.
    return TEXT if _is_text(head) else None


def check(upload, *, field: str, kinds: dict[str, str], max_bytes: int, wrong_type: str):
    """Refuse a file that is missing, empty, too big, a program, a document with macros, or
    not one of `kinds` ({kind: what to call it}) under a name that fits. Returns its kind."""
    if upload is None:
        raise ValidationError({field: _("Select a file")})
    if upload.size == 0:
        raise ValidationError({field: _("The selected file is empty")})
    if upload.size > max_bytes:
        raise ValidationError(
            {
                field: _("The selected file must be smaller than %(limit)s")
                % {"limit": megabytes(max_bytes)}
            }
        )
    suffix = PurePath(upload.name or "").suffix.lower()
    kind = kind_of(upload)
    if kind == PROGRAM:
        raise ValidationError({field: str(PROGRAM_REFUSED)})
    if kind == MACRO or suffix in MACRO_SUFFIXES:
        raise ValidationError(
            {
                field: _(
                    "The selected file contains macros, which could run on the reviewers' "
                    "computers: save it without macros (as .docx or .xlsx) and upload it again"
                )
            }
        )
    if kind not in kinds or suffix not in SUFFIXES[kind]:
        raise ValidationError({field: wrong_type})
    return kind


def sha256_of(upload) -> str:
    """The SHA-256 of an upload's bytes, read in chunks; the upload is left at its start."""
    upload.seek(0)
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    return digest.hexdigest()


def stored_name(original: str) -> str:
    """A random name with the original's (checked) extension: nothing of the uploader's choice
    reaches the file system."""
    return f"{uuid.uuid4().hex}{PurePath(original).suffix.lower()}"


def display_name(original: str, default: str = "file") -> str:
    """The uploaded name, for display and download only, without any path, at most 200
    characters with its extension kept."""
    name = PurePath(original.replace("\\", "/")).name or default
    suffix = PurePath(name).suffix[:10]
    return name if len(name) <= 200 else name[: 200 - len(suffix)] + suffix


def megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):g} MB"


class SizeLimitedUploadHandler(TemporaryFileUploadHandler):
    """Stops reading a file once it passes the largest size an upload may have
    (`FILE_UPLOAD_LIMIT`), so that a 100 MB upload does not fill the disk: the file is
    skipped and the request marked (`request.upload_too_big`) for the form to say so. A page
    that takes larger files (the bank's bulk import) names the setting of its limit in its
    view's `upload_limit_setting`: every other page keeps the smaller limit."""

    def new_file(self, *args, **kwargs):
        super().new_file(*args, **kwargs)
        self.received = 0
        self.max_bytes = self.limit()

    def limit(self) -> int:
        from django.conf import settings
        from django.urls import Resolver404, resolve

        # The body may be read before Django resolves the URL (core.request_guard reads it).
        match = getattr(self.request, "resolver_match", None)
        if match is None:
            try:
                match = resolve(self.request.path_info)
            except Resolver404:
                return settings.FILE_UPLOAD_LIMIT
        view_class = getattr(match.func, "view_class", None)
        larger = getattr(view_class, "upload_limit_setting", None)
        return getattr(settings, larger) if larger else settings.FILE_UPLOAD_LIMIT

    def receive_data_chunk(self, raw_data, start):
        self.received += len(raw_data)
        if self.received > self.max_bytes:
            self.request.upload_too_big = True
            self.file.close()
            raise SkipFile
        return super().receive_data_chunk(raw_data, start)
