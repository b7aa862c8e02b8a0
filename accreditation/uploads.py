"""CVs: checked by what they contain, not what they are called, and kept outside the web root.

A CV must be a PDF or a Word document (.doc or .docx) no bigger than `CV_MAX_BYTES`. The name
is not trusted: the first bytes must be those of the format the name claims, so an executable
renamed "cv.pdf" is refused. Files are stored with a random name in private storage
(core/storage.py), which has no public address: the service streams them to those allowed to
see them.
"""

import uuid
import zipfile
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError

PDF_MAGIC = b"%PDF-"
OLE_MAGIC = bytes.fromhex("D0CF11E0A1B11AE1")  # Word 97-2003 (.doc): a Compound File
ZIP_MAGIC = b"PK\x03\x04"  # Word 2007 onwards (.docx): a zip holding word/document.xml
PDF_END = b"%%EOF"
WORD_STREAM = "WordDocument".encode("utf-16-le")  # the name of a .doc's main stream
WRONG_TYPE = "The selected file must be a PDF or Word document"


def _is_docx(upload) -> bool:
    upload.seek(0)
    try:
        with zipfile.ZipFile(upload) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError):
        return False
    finally:
        upload.seek(0)
    return {"[Content_Types].xml", "word/document.xml"} <= names


def _content_matches(upload, suffix: str) -> bool:
    upload.seek(0)
    content = upload.read()  # at most CV_MAX_BYTES, checked before
    upload.seek(0)
    if suffix == ".pdf":
        # A PDF starts with its header and ends with its trailer's end-of-file marker.
        return content.startswith(PDF_MAGIC) and PDF_END in content[-2048:]
    if suffix == ".doc":
        # A Compound File (as installers and spreadsheets are too) holding a Word stream.
        return content.startswith(OLE_MAGIC) and WORD_STREAM in content
    return content.startswith(ZIP_MAGIC) and _is_docx(upload)


def check_cv(upload) -> None:
    """Refuse a CV that is missing, empty, too big, or not really a PDF or Word document."""
    if upload is None:
        raise ValidationError({"cv": "Select your CV"})
    if upload.size == 0:
        raise ValidationError({"cv": "The selected file is empty"})
    if upload.size > settings.CV_MAX_BYTES:
        raise ValidationError(
            {"cv": f"The selected file must be smaller than {megabytes(settings.CV_MAX_BYTES)}"}
        )
    suffix = PurePath(upload.name or "").suffix.lower()
    if suffix not in (".pdf", ".doc", ".docx") or not _content_matches(upload, suffix):
        raise ValidationError({"cv": WRONG_TYPE})


def stored_name(original: str) -> str:
    """A random name with the original's (checked) extension: nothing of the uploader's choice
    reaches the file system."""
    return f"{uuid.uuid4().hex}{PurePath(original).suffix.lower()}"


def display_name(original: str) -> str:
    """The uploaded name, for display and download only, without any path, at most 200
    characters with its extension kept."""
    name = PurePath(original.replace("\\", "/")).name or "cv"
    suffix = PurePath(name).suffix[:10]
    return name if len(name) <= 200 else name[: 200 - len(suffix)] + suffix


def megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):g} MB"
