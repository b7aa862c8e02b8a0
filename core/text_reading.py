"""The words of a stored file, read by the worker so that a search finds them: a review's
document versions (the case search) and the bank's reports (the bank and the library).

A model whose rows are read declares `file`, `file_kind` (core.uploads' kind), `text`,
`text_state` (`TextState`), `text_search` (a `SearchVectorField`, empty on SQLite) and
`updated_at`. `read(model, pk, ...)` claims the row, reads the file with `core.document_text`
and stores the words by an UPDATE, so that the change history keeps no copy of them. It runs in
the worker, never in a request: reading a long PDF takes seconds.
"""

import datetime as dt
import logging

from django.db import DatabaseError, connection, models, transaction
from django.db.models import Q, TextField, Value
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core import document_text

logger = logging.getLogger(__name__)

# Reading a file takes seconds; one still being read after this was left by a worker that died.
READING_ABANDONED_AFTER = dt.timedelta(minutes=15)
# PostgreSQL's search document (a tsvector) holds at most 1 MB: a text of many different words
# (a long table of numbers) can pass it. Then only the text's beginning is searched.
SEARCHED_WHEN_TOO_LONG = 200_000


class TextState(models.TextChoices):
    # Said beside the file (but "extracted", which is usual).
    PENDING = "pending", _("Text not read yet: the search finds it by its title")
    READING = "reading", _("Text being read for the search")
    EXTRACTED = "extracted", _("Text searchable")
    NO_TEXT = (
        "no_text",
        _("Text not searchable: the file has no text layer (a scanned document)"),
    )
    NOT_READABLE = (
        "not_readable",
        _("Text not searchable: the search does not read this kind of file"),
    )
    FAILED = "failed", _("Text not searchable: the file could not be read")
    # A banked report kept as a link to where it is published: no file, nothing to read.
    NO_FILE = "no_file", _("Text not searchable: only a link to the report is kept")


def claimable() -> Q:
    """Rows waiting to be read: never read, or left half-read by a worker that died."""
    lost = timezone.now() - READING_ABANDONED_AFTER
    return Q(text_state=TextState.PENDING) | Q(text_state=TextState.READING, updated_at__lt=lost)


def backlog(model) -> list:
    """The ids of `model`'s rows whose words are still to be read (lost by the broker or a
    worker), oldest first."""
    return list(
        model.objects.filter(claimable()).order_by("created_at").values_list("pk", flat=True)
    )


def queue(task, pk, *, label: str) -> None:
    """Ask the worker to read row `pk` (`task`, a Celery task taking its id). With the broker
    down the row stays pending, for the command that reads what is waiting."""
    try:
        task.delay(str(pk))
    except Exception:
        logger.exception("Reading %s %s could not be queued", label, pk)


def read(model, pk, *, config: str, label: str) -> str | None:
    """Read one row's words: pending → reading → extracted, no text (a scanned PDF), not
    readable (a kind whose words are not read) or failed (a damaged file). Returns the state,
    or None when the row was not waiting to be read.

    Safe to run twice: the claim is an UPDATE from pending (or abandoned while reading), so a
    task delivered twice reads the file once. `config`: the PostgreSQL text search
    configuration of the searches that read it. Logs name the row by `label` and its id only:
    a file's name and words may be case data."""
    claimed = model.objects.filter(claimable(), pk=pk).update(
        text_state=TextState.READING, updated_at=timezone.now()
    )
    if not claimed:
        return None
    row = model.objects.only("pk", "file", "file_kind").get(pk=pk)
    try:
        with row.file.open("rb") as file:
            found = document_text.extract(file.read(), row.file_kind)
    except (document_text.UnreadableFile, OSError) as error:
        logger.warning("%s %s could not be read (%s)", label, pk, type(error).__name__)
        text, state = "", TextState.FAILED
    else:
        text, state = found.text, TextState(found.outcome.value)
        if found.cut:
            logger.info("%s %s: only its first part is kept to search", label, pk)
    _store(model, pk, text, state, config=config, label=label)
    return state


def _store(model, pk, text: str, state: str, *, config: str, label: str) -> None:
    reading = model.objects.filter(pk=pk, text_state=TextState.READING)
    fields = {"text": text, "text_state": state, "updated_at": timezone.now()}
    if connection.vendor != "postgresql":
        reading.update(**fields)
        return
    from django.contrib.postgres.search import SearchVector

    for searched in (text, text[:SEARCHED_WHEN_TOO_LONG]):
        vector = SearchVector(Value(searched, output_field=TextField()), config=config)
        try:
            with transaction.atomic():
                reading.update(text_search=vector, **fields)
            return
        except DatabaseError:
            logger.warning("%s %s: its words are too many to search whole", label, pk)
    raise RuntimeError(f"{label} {pk}: its search document could not be made")
