"""The restore drill's check (`manage.py check_private_files`): every row's file is in private
storage, on local disk or in a bucket; a missing one is told by its model, id, case reference
and stored name, never by a subject's name, and fails the check."""

import pytest
from django.core.files.base import ContentFile
from django.core.management import CommandError, call_command

from accreditation.tests.factories import ApplicationFactory
from core.storage import private_storage
from core.tests.factories import UserFactory
from publication.models import Rendering
from retention.tests.factories import SUBJECT, published_case
from reviews.models import DocumentVersion


@pytest.fixture(params=["disk", "s3"])
def store(request):
    """Private storage on local disk (the default), then in moto's bucket."""
    if request.param == "s3":
        request.getfixturevalue("s3_private_storage")
    return request.param


@pytest.fixture
def case(store, board, business_manager, chair):
    """A published case: a police report's version, a draft and final report, a brief."""
    supervisor = UserFactory(name="Sue Pervisor", is_accreditation_staff=True)
    return published_case(
        board=board, manager=business_manager, chair=chair, supervisor=supervisor, reference="Q1"
    )


def check(capsys, *args) -> tuple[int, list[str]]:
    try:
        call_command("check_private_files", *args)
    except CommandError as error:
        code, last = error.returncode, str(error)
    else:
        code, last = 0, None
    lines = capsys.readouterr().out.splitlines() + ([last] if last else [])
    return code, lines


def test_every_file_in_place_passes(case, store, capsys):
    ApplicationFactory()
    code, lines = check(capsys)
    files = DocumentVersion.objects.count() + Rendering.objects.exclude(pdf="").count() + 1
    assert code == 0
    assert lines == [f"{files} files named by rows, 0 missing"]


def test_a_missing_file_is_told_by_its_case_and_fails(case, store, capsys):
    application = ApplicationFactory()
    version = DocumentVersion.objects.get()
    private_storage.delete(version.file.name)
    private_storage.delete(application.cv.name)
    private_storage.save("documents/stray/left-over.pdf", ContentFile(b"%PDF-1.7"))

    code, lines = check(capsys, "--unreferenced")

    assert code == 1
    assert sorted(lines[:-1]) == sorted(
        [
            f"Missing: reviews.DocumentVersion {version.pk} case Q1: {version.file.name}",
            f"Missing: accreditation.Application {application.pk}: {application.cv.name}",
            "Unreferenced: documents/stray/left-over.pdf",
        ]
    )
    assert lines[-1].endswith(", 2 missing, 1 in storage named by no row")
    # The version's uploaded name holds the subject's name; the store's name is random.
    assert SUBJECT in version.name
    assert not any(part in "\n".join(lines) for part in SUBJECT.split())
