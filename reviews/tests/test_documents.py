"""A review's documents: uploaded in versions, checked by what they contain, kept private,
seen by the board, the reviewers and the agency that sent them, and every download recorded."""

import datetime as dt
import io
import zipfile

import pytest
import time_machine
from celery.contrib.testing.mocks import TaskMessage
from celery.signals import before_task_publish
from celery.worker.request import Request
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains

from audit.models import AccessEvent
from config.celery import app as celery_app
from reviews import tasks
from reviews.models import Document, DocumentVersion
from reviews.services import contributions, documents
from reviews.tests.test_contributions import agency_url
from reviews.tests.test_views import error_page

pytestmark = pytest.mark.usefixtures("agency_day")

PDF = b"%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
EXE = b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 200


def office(parts: dict) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, text in parts.items():
            archive.writestr(name, text)
    return buffer.getvalue()


DOCX = office({"[Content_Types].xml": "<Types/>", "word/document.xml": "<w:document/>"})
XLSM = office(
    {
        "[Content_Types].xml": "<Types/>",
        "xl/workbook.xml": "<workbook/>",
        "xl/vbaProject.bin": "macro",
    }
)
DOCM_AS_DOCX = office(
    {
        "[Content_Types].xml": "<Types/>",
        "word/document.xml": "<w:document/>",
        "word/vbaProject.bin": "macro",
    }
)


def a_file(name="report.pdf", content=PDF):
    return SimpleUploadedFile(name, content, content_type="application/octet-stream")


def upload(client, board, review, **data):
    url = reverse("reviews:document_upload", args=[board.pk, review.pk])
    return client.post(
        url, {"kind": "agency_report", "title": "Police report", "file": a_file(), **data}
    )


class TestUploading:
    def test_the_board_uploads_and_downloads_from_private_storage(
        self, client, business_manager, board, review, police, private_files
    ):
        client.force_login(business_manager)
        response = upload(client, board, review, agency=str(police.pk))
        assert response.status_code == 302
        document = Document.objects.get()
        (version,) = document.versions.all()
        assert (document.agency, version.number, version.name) == (police, 1, "report.pdf")
        assert version.file.path.startswith(str(private_files))
        assert "report" not in version.file.name  # stored under a random name

        download = client.get(
            reverse("reviews:document_download", args=[board.pk, review.pk, document.pk])
        )
        assert b"".join(download.streaming_content) == PDF
        assert "attachment" in download["Content-Disposition"]
        event = AccessEvent.objects.get(url_name="reviews:document_download")
        assert (event.user, event.object_id) == (business_manager, str(document.pk))

    @pytest.mark.parametrize(
        ("name", "content", "message"),
        [
            ("report.pdf", EXE, "is a program, not a document"),
            ("report.exe", EXE, "is a program, not a document"),
            ("figures.xlsm", XLSM, "contains macros"),
            ("figures.xlsx", XLSM, "contains macros"),
            ("letter.docx", DOCM_AS_DOCX, "contains macros"),
            ("letter.docm", DOCX, "contains macros"),
            ("report.pdf", b"", "The selected file is empty"),
            ("report.pdf", DOCX, "must be a PDF, a Word document"),
            ("page.html", b"<script>alert(1)</script>", "must be a PDF, a Word document"),
        ],
    )
    def test_a_bad_file_is_refused_with_a_clear_message_and_nothing_saved(
        self, client, business_manager, board, review, name, content, message
    ):
        client.force_login(business_manager)
        html = error_page(upload(client, board, review, file=a_file(name, content)))
        assert message in html
        assert 'value="Police report"' in html
        assert not Document.objects.exists() and not DocumentVersion.objects.exists()

    def test_a_file_over_the_limit_is_refused_with_the_limit(
        self, client, business_manager, board, review, settings
    ):
        settings.DOCUMENT_MAX_BYTES = 1024 * 1024
        client.force_login(business_manager)
        big = a_file(content=PDF + b"0" * (1024 * 1024))
        assert "must be smaller than 1 MB" in error_page(upload(client, board, review, file=big))
        assert not Document.objects.exists()

    def test_a_file_past_every_limit_is_not_read_and_the_form_says_the_limit(
        self, client, business_manager, board, review, settings
    ):
        settings.FILE_UPLOAD_LIMIT = 64 * 1024
        settings.DOCUMENT_MAX_BYTES = 64 * 1024
        client.force_login(business_manager)
        huge = a_file(content=PDF + b"0" * (256 * 1024))
        html = error_page(upload(client, board, review, file=huge))
        assert "must be smaller than 0.0625 MB" in html
        assert not Document.objects.exists()

    def test_a_new_version_keeps_the_old_one(self, business_manager, review):
        document = documents.document_upload(
            actor=business_manager, review=review, kind="minutes", title="Minutes", file=a_file()
        )
        documents.document_version_add(
            actor=business_manager, document=document, file=a_file("minutes.docx", DOCX)
        )
        assert list(document.versions.values_list("number", "file_kind")) == [
            (2, "docx"),
            (1, "pdf"),
        ]

    def test_a_withdrawn_document_leaves_the_list_and_cannot_be_downloaded(
        self, client, business_manager, board, review
    ):
        document = documents.document_upload(
            actor=business_manager,
            review=review,
            kind="minutes",
            title="Old minutes",
            file=a_file(),
        )
        documents.document_withdraw(actor=business_manager, document=document, reason="Wrong case")
        client.force_login(business_manager)
        page = client.get(reverse("reviews:documents", args=[board.pk, review.pk]))
        assertNotContains(
            page, reverse("reviews:document_download", args=[board.pk, review.pk, document.pk])
        )
        url = reverse("reviews:document_download", args=[board.pk, review.pk, document.pk])
        assert client.get(url).status_code == 404

    def test_someone_of_another_board_gets_404(
        self, client, business_manager, other_board_user, board, review
    ):
        document = documents.document_upload(
            actor=business_manager, review=review, kind="minutes", title="Minutes", file=a_file()
        )
        client.force_login(other_board_user)
        url = reverse("reviews:document_download", args=[board.pk, review.pk, document.pk])
        assert client.get(url).status_code == 404


class TestInABucket:
    """With PRIVATE_STORAGE_BUCKET set: the same pages, the files in a private bucket (moto's)."""

    def test_an_upload_goes_to_the_bucket_and_comes_back_only_to_the_board(
        self, s3_private_storage, client, business_manager, other_board_user, board, review
    ):
        client.force_login(business_manager)
        content = b"Seen at school by the nurse on 3 March."
        response = upload(client, board, review, file=a_file("notes.txt", content))
        assert response.status_code == 302
        version = DocumentVersion.objects.get()
        assert s3_private_storage.keys() == {version.file.name}
        assert s3_private_storage.read(version.file.name) == content

        url = reverse("reviews:document_download", args=[board.pk, review.pk, version.document_id])
        download = client.get(url)
        assert b"".join(download.streaming_content) == content
        assert download["Content-Length"] == str(len(content))
        assert 'filename="notes.txt"' in download["Content-Disposition"]
        client.force_login(other_board_user)
        assert client.get(url).status_code == 404

        # The worker reads its words from the bucket too.
        assert tasks.extract_text(str(version.pk)) == "extracted"
        version.refresh_from_db()
        assert version.text == content.decode()

    def test_a_file_lost_from_the_bucket_is_not_found(
        self, s3_private_storage, client, business_manager, board, review
    ):
        document = documents.document_upload(
            actor=business_manager, review=review, kind="minutes", title="Minutes", file=a_file()
        )
        s3_private_storage.client.delete_object(
            Bucket=s3_private_storage.name, Key=document.versions.get().file.name
        )
        client.force_login(business_manager)
        url = reverse("reviews:document_download", args=[board.pk, review.pk, document.pk])
        assert client.get(url).status_code == 404


class TestAnAgencysDocuments:
    def test_a_contributor_uploads_with_the_answer_and_sees_only_their_agencys(
        self, client, business_manager, board, review, officer, police_request, health_request
    ):
        ours = documents.document_upload(
            actor=officer,
            review=review,
            request=police_request,
            kind="agency_report",
            title="Police agency report",
            file=a_file(),
        )
        theirs = documents.document_upload(
            actor=business_manager,
            review=review,
            kind="agency_report",
            title="Health report",
            agency=health_request.agency,
            file=a_file(),
        )
        board_only = documents.document_upload(
            actor=business_manager, review=review, kind="minutes", title="Minutes", file=a_file()
        )
        assert ours.agency == police_request.agency
        client.force_login(officer)
        page = client.get(agency_url("review", review.pk))
        assertContains(page, "Police agency report")
        assertNotContains(page, "Health report")
        assertNotContains(page, "Minutes")
        assert client.get(agency_url("document_download", review.pk, ours.pk)).status_code == 200
        for other in (theirs, board_only):
            url = agency_url("document_download", review.pk, other.pk)
            assert client.get(url).status_code == 404

        # The answer may be the documents alone.
        contributions.agency_return_submit(actor=officer, request=police_request)
        police_request.refresh_from_db()
        assert police_request.received_on is not None

        # The access record says who opened it, and whom they act for.
        client.force_login(business_manager)
        record = client.get(reverse("audit:document_access", args=[board.pk, review.pk, ours.pk]))
        assertContains(record, officer.name)
        assertContains(record, "Contributor for Northshire Police")

    def test_the_contributors_upload_page_refuses_a_macro_file(
        self, client, review, officer, police_request
    ):
        client.force_login(officer)
        url = agency_url("request_document", review.pk, police_request.pk)
        html = error_page(
            client.post(
                url, {"kind": "chronology", "title": "Ours", "file": a_file("c.xlsm", XLSM)}
            )
        )
        assert "contains macros" in html
        assert not Document.objects.exists()

    def test_another_agencys_contributor_cannot_upload_to_the_request(
        self, client, review, nurse, police_request
    ):
        client.force_login(nurse)
        url = agency_url("request_document", review.pk, police_request.pk)
        response = client.post(url, {"kind": "other", "title": "X", "file": a_file()})
        assert response.status_code == 404
        assert not Document.objects.exists()

    def test_no_upload_after_the_answer_is_submitted(self, officer, review, police_request):
        from django.core.exceptions import ValidationError

        contributions.agency_return_submit(actor=officer, request=police_request, answer="Done")
        with pytest.raises(ValidationError, match="has been submitted"):
            documents.document_upload(
                actor=officer,
                review=review,
                request=police_request,
                kind="other",
                title="Late",
                file=a_file(),
            )


class TestReadingTheWords:
    """The worker reads each version's words for the case search, after the upload commits."""

    def uploaded(self, actor, review, name, content, title="Police report"):
        document = documents.document_upload(
            actor=actor,
            review=review,
            kind="agency_report",
            title=title,
            file=a_file(name, content),
        )
        return document.versions.get()

    def test_the_upload_queues_the_reading_after_it_commits(
        self, business_manager, review, django_capture_on_commit_callbacks, monkeypatch
    ):
        sent = []
        monkeypatch.setattr("reviews.tasks.extract_text.delay", sent.append)
        with django_capture_on_commit_callbacks(execute=False) as callbacks:
            version = self.uploaded(business_manager, review, "notes.txt", b"Seen at school.")
        assert sent == []  # not in the request's transaction
        for callback in callbacks:
            callback()
        assert sent == [str(version.pk)]

    def test_reading_is_done_once_however_often_the_task_is_delivered(
        self, business_manager, review, caplog
    ):
        content = b"Quinn Morrow was seen at school by the nurse."
        version = self.uploaded(
            business_manager, review, "Quinn Morrow.txt", content, title="Quinn Morrow"
        )
        assert version.text_state == "pending"
        with caplog.at_level("DEBUG"):
            assert tasks.extract_text(str(version.pk)) == "extracted"
            assert tasks.extract_text(str(version.pk)) is None  # delivered twice
        version.refresh_from_db()
        assert (version.text_state, version.text) == (
            "extracted",
            "Quinn Morrow was seen at school by the nurse.",
        )
        assert "Morrow" not in caplog.text and "school" not in caplog.text
        # The change history keeps no copy of the words.
        assert not version.history.exclude(text="").exists()

    def test_a_damaged_file_fails_and_a_kind_not_read_is_said_so(
        self, business_manager, review, caplog
    ):
        damaged = self.uploaded(business_manager, review, "report.pdf", PDF)
        image = self.uploaded(business_manager, review, "scan.png", b"\x89PNG\r\n\x1a\n" + b"0" * 9)
        assert tasks.extract_text(str(damaged.pk)) == "failed"
        assert str(damaged.pk) in caplog.text and "report.pdf" not in caplog.text
        assert tasks.extract_text(str(image.pk)) == "not_readable"

    def test_a_reading_abandoned_by_a_worker_is_taken_up_again_by_the_command(
        self, business_manager, review
    ):
        lost = self.uploaded(business_manager, review, "a.txt", b"Lost by the worker")
        left = self.uploaded(business_manager, review, "b.txt", b"Uploaded before the upgrade")
        DocumentVersion.objects.filter(pk=lost.pk).update(
            text_state="reading", updated_at=timezone.now()
        )
        out = io.StringIO()
        call_command("extract_document_text", stdout=out)
        assert "read: 1 (extracted 1)" in out.getvalue()  # the one being read is left alone
        with time_machine.travel(timezone.now() + dt.timedelta(minutes=16)):
            call_command("extract_document_text", stdout=out)
        assert set(DocumentVersion.objects.values_list("text_state", flat=True)) == {"extracted"}
        left.refresh_from_db()
        assert left.text == "Uploaded before the upgrade"

    def test_the_documents_page_says_when_the_latest_versions_text_is_not_searchable(
        self, client, business_manager, board, review
    ):
        version = self.uploaded(business_manager, review, "report.pdf", PDF)
        tasks.extract_text(str(version.pk))
        client.force_login(business_manager)
        page = client.get(reverse("reviews:documents", args=[board.pk, review.pk]))
        assertContains(page, "Text not searchable: the file could not be read")


@pytest.mark.django_db(transaction=True)
def test_the_workers_lines_about_an_upload_carry_the_id_of_the_request_that_queued_it(
    client, business_manager, board, review, police, json_log
):
    """The request's id travels in the task's message (django-guid's Celery integration), and
    the worker's lines while it runs the task carry it. Transactional, so that the task is
    queued when the upload really commits, inside the request, as in production."""
    published = []

    def keep(sender, headers, body, **kwargs):
        published.append((sender, headers, body))

    before_task_publish.connect(keep, weak=False)
    try:
        client.force_login(business_manager)
        response = upload(client, board, review, agency=str(police.pk))
    finally:
        before_task_publish.disconnect(keep)
    ((name, headers, (args, kwargs, _)),) = published
    assert name == "reviews.tasks.extract_text"
    assert headers["X-Request-ID"] == response["X-Request-ID"]

    # A worker runs the message as delivered: Celery's own request, in this process.
    options = {key: value for key, value in headers.items() if key not in {"task", "shadow"}}
    message = TaskMessage(name, args=args, kwargs=kwargs, **options)
    Request(message, app=celery_app, task=celery_app.tasks[name]).execute()
    lines = [line for line in json_log() if line["logger"].startswith(("celery", "reviews"))]
    assert lines
    assert {line["request_id"] for line in lines} == {response["X-Request-ID"]}
