"""CVs: a PDF or a Word document (.doc or .docx) no bigger than `CV_MAX_BYTES`, checked by what
it contains (core/uploads.py), kept outside the web root with a random name."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from core import uploads
from core.uploads import display_name, megabytes, stored_name

__all__ = ["WRONG_TYPE", "check_cv", "display_name", "megabytes", "stored_name"]

WRONG_TYPE = _("The selected file must be a PDF or Word document")
CV_KINDS = {uploads.PDF: "PDF", uploads.DOC: "Word", uploads.DOCX: "Word"}


def check_cv(upload) -> None:
    """Refuse a CV that is missing, empty, too big, or not really a PDF or Word document."""
    if upload is None:
        raise ValidationError({"cv": _("Select your CV")})
    uploads.check(
        upload, field="cv", kinds=CV_KINDS, max_bytes=settings.CV_MAX_BYTES, wrong_type=WRONG_TYPE
    )
