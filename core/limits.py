"""How much a person or a system may send: the one place that states the limits.

Every free-text field has a maximum. A model's `CharField` states its own (`max_length`); a
`TextField` has none in the database, so its limit is `LONG_TEXT` unless the field states one
(`models.TextField(max_length=limits.NARRATIVE)`: Django keeps it for forms and the API, the
database does not enforce it). The GOV.UK base form (`core.forms.GovUKFormMixin`) gives every text
field of a form a limit (a text input `SHORT_TEXT`, a text box `LONG_TEXT`, unless the field
says otherwise), says it on the page and refuses more with a message naming the field; the
API's serializers take the model field's limit (`core.api.ModelSerializer`) or the same
defaults (`core.api.bounded`). `core/tests/test_limits.py` walks every form and serializer.

The request limits (`REQUEST_MAX_BYTES`, `JSON_MAX_DEPTH`) sit above the largest text: a
report section of `NARRATIVE` characters, each up to four bytes in UTF-8, still reaches its
form, which refuses it with the text kept (docs/runbook.md).
"""

from django.conf import settings
from django.db import models

# A name, a title, a reference, a one-line answer: what a text input holds.
SHORT_TEXT = 200
# Notes, reasons, descriptions, the answer to a question: a few paragraphs (about 1,500 words).
LONG_TEXT = 10_000
# A narrative written over weeks: a report section, the terms of reference.
NARRATIVE = 100_000

# JSON bodies nest no deeper than this (the deepest the API takes is 3: an object of lists of
# objects); deeper input is refused before it is parsed, so it cannot exhaust the stack.
JSON_MAX_DEPTH = 32


def request_max_bytes() -> int:
    """The largest request body read: Django's DATA_UPLOAD_MAX_MEMORY_SIZE (form fields) and the
    API's JSON bodies alike. Files are limited by their own settings (CV_MAX_BYTES)."""
    return settings.DATA_UPLOAD_MAX_MEMORY_SIZE


def for_model_field(field: models.Field) -> int:
    """The most characters the field takes from a form or the API."""
    return getattr(field, "max_length", None) or LONG_TEXT


def megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):g} MB"
