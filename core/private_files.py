"""Every private file's row checked against the store: the restore drill's
`manage.py check_private_files` (docs/deploy.md, "Backups and a restore drill").

The models are found by their fields (a FileField on `private_storage`), not named here, so a
new one is checked without a change in core. A model may name the lookup of its case reference
(`CASE_REFERENCE = "document__review__incident__reference"`) so that a missing file is told by
the case it belongs to; nothing else of a row is read, so no subject's name is printed.
"""

from dataclasses import dataclass, field

from django.apps import apps
from django.db import models

from core.storage import PrivateStorage, private_storage


@dataclass(frozen=True)
class StoredFile:
    model: str  # app label and model name
    pk: str
    case_reference: str  # "" when the row belongs to no case
    name: str  # the file's name in the store (random, or a case reference and version)

    def __str__(self):
        case = f" case {self.case_reference}" if self.case_reference else ""
        return f"{self.model} {self.pk}{case}: {self.name}"


@dataclass
class Findings:
    rows: int = 0
    missing: list[StoredFile] = field(default_factory=list)
    unreferenced: list[str] | None = None  # None: not looked for


def private_file_fields() -> list[tuple[type[models.Model], models.FileField]]:
    """Every (model, field) whose files are kept in private storage."""
    return [
        (model, each)
        for model in apps.get_models()
        for each in model._meta.concrete_fields
        if isinstance(each, models.FileField) and isinstance(each.storage, PrivateStorage)
    ]


def stored_files():
    """Every row's file, withdrawn rows too (their files are kept)."""
    for model, file_field in private_file_fields():
        reference = getattr(model, "CASE_REFERENCE", None)
        lookups = ["pk", file_field.name] + ([reference] if reference else [])
        rows = (
            model._base_manager.exclude(**{file_field.name: ""})
            .order_by("pk")
            .values_list(*lookups)
        )
        for row in rows.iterator(chunk_size=2000):
            yield StoredFile(
                model=model._meta.label,
                pk=str(row[0]),
                case_reference=(row[2] or "") if reference else "",
                name=row[1],
            )


def check(*, unreferenced: bool = False) -> Findings:
    """The rows whose file is not in the store; with `unreferenced`, also the files in the
    store that no row names. The store is listed once (a thousand names a request on S3),
    rather than asked about each row."""
    in_store = set(private_storage.names())
    findings = Findings()
    referenced = set()
    for stored in stored_files():
        findings.rows += 1
        referenced.add(stored.name)
        if stored.name not in in_store:
            findings.missing.append(stored)
    if unreferenced:
        findings.unreferenced = sorted(in_store - referenced)
    return findings
