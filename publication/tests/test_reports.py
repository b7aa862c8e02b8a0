"""The report's versions (draft → quality-assured → board-approved → final), its edits and
history, and asking the worker for PDFs, through the services on a frozen clock."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from publication.models import Publication, Rendering, Report
from publication.services import reports
from reviews.models import Finding

D = dt.date
TODAY = D(2026, 6, 15)


@pytest.fixture(autouse=True)
def today(frozen):
    return frozen


def refused(call, **kwargs) -> str:
    """The messages of the ValidationError the service raises, joined."""
    with pytest.raises(ValidationError) as error:
        call(**kwargs)
    return " | ".join(error.value.messages)


def fresh(report) -> Report:
    return Report.objects.get(pk=report.pk)


def publish_directly(report, chair):
    """A published report, recorded straight in the tables (publishing has its own tests)."""
    Report.objects.filter(pk=report.pk).update(status=Report.Status.FINAL)
    return Publication.objects.create(
        review=report.review,
        decision=Publication.Decision.PUBLISH,
        planned_on=TODAY,
        decided_by=chair,
        decided_on=TODAY,
        published_on=TODAY,
        address="https://example.org/child-q",
    )


class TestQualityAssurance:
    def test_the_supervisor_quality_assures_a_complete_draft(self, report, supervisor):
        done = reports.report_quality_assure(actor=supervisor, report=report)
        assert done.status == Report.Status.QUALITY_ASSURED
        assert (fresh(report).quality_assured_by, fresh(report).quality_assured_on) == (
            supervisor,
            TODAY,
        )

    def test_refused_with_every_reason_when_a_section_is_empty_and_a_finding_not_assured(
        self, report, supervisor
    ):
        Report.objects.filter(pk=report.pk).update(introduction="  ", further_work="")
        Finding.objects.filter(pk=report.review.findings.first().pk).update(quality_assured_on=None)
        message = refused(reports.report_quality_assure, actor=supervisor, report=report)
        assert "“Introduction and why this case was chosen” is empty" in message
        assert "“What more will be done” is empty" in message
        assert "not every finding is quality-assured" in message
        assert "Methodology" not in message
        assert fresh(report).status == Report.Status.DRAFT
        assert fresh(report).quality_assured_on is None

    def test_refused_when_the_review_has_no_findings(self, report, supervisor):
        report.review.findings.all().delete()
        message = refused(reports.report_quality_assure, actor=supervisor, report=report)
        assert "the review has no findings" in message

    def test_only_a_draft_can_be_quality_assured(self, approved, supervisor):
        message = refused(reports.report_quality_assure, actor=supervisor, report=approved)
        assert message == "Only a draft report can be quality-assured"

    def test_only_the_supervisor(self, report, pair, chair, business_manager):
        for user in (pair[0], chair, business_manager):
            with pytest.raises(PermissionDenied):
                reports.report_quality_assure(actor=user, report=report)
        assert fresh(report).status == Report.Status.DRAFT


class TestApproval:
    def test_the_chair_approves_a_quality_assured_report(self, report, supervisor, chair):
        reports.report_quality_assure(actor=supervisor, report=report)
        done = reports.report_approve(actor=chair, report=report)
        assert done.status == Report.Status.BOARD_APPROVED
        assert (fresh(report).approved_by, fresh(report).approved_on) == (chair, TODAY)

    def test_refused_while_a_finding_has_no_board_response(self, report, supervisor, chair):
        reports.report_quality_assure(actor=supervisor, report=report)
        Finding.objects.filter(pk=report.review.findings.last().pk).update(board_response="")
        message = refused(reports.report_approve, actor=chair, report=report)
        assert "the board has not responded to every finding" in message
        assert fresh(report).status == Report.Status.QUALITY_ASSURED

    def test_a_draft_cannot_be_approved(self, report, chair):
        message = refused(reports.report_approve, actor=chair, report=report)
        assert message == "Only a quality-assured report can be approved"

    def test_only_the_chair(self, report, supervisor, business_manager, pair):
        reports.report_quality_assure(actor=supervisor, report=report)
        for user in (supervisor, business_manager, pair[0]):
            with pytest.raises(PermissionDenied):
                reports.report_approve(actor=user, report=report)


class TestSignOff:
    def test_the_chair_signs_off_an_approved_report_free_of_names(self, approved, chair):
        done = reports.report_sign_off(actor=chair, report=approved)
        assert done.status == Report.Status.FINAL
        assert (fresh(approved).signed_off_by, fresh(approved).signed_off_on) == (chair, TODAY)
        assert not fresh(approved).is_draft

    def test_refused_while_the_anonymisation_check_finds_a_name(self, approved, chair):
        # A family member's alias in a finding the report shows, and a practitioner's surname
        # across a line break in the case group's section.
        finding = approved.review.findings.first()
        Finding.objects.filter(pk=finding.pk).update(why_it_matters="Gaz was not asked.")
        Report.objects.filter(pk=approved.pk).update(
            appraisal="The health visitor, Tobias\nWrenfield, was not invited."
        )
        message = refused(reports.report_sign_off, actor=chair, report=approved)
        assert "the anonymisation check found 2 real names" in message
        assert fresh(approved).status == Report.Status.BOARD_APPROVED
        # The names removed, the chair signs it off.
        Finding.objects.filter(pk=finding.pk).update(why_it_matters="The father was not asked.")
        Report.objects.filter(pk=approved.pk).update(appraisal="The health visitor was not.")
        assert reports.report_sign_off(actor=chair, report=approved).status == "final"

    def test_one_name_is_counted_as_one(self, approved, chair):
        Report.objects.filter(pk=approved.pk).update(case_summary="Amelia Thornbury's home.")
        message = refused(reports.report_sign_off, actor=chair, report=approved)
        assert "found 1 real name, in:" in message

    def test_only_a_board_approved_report(self, report, chair):
        message = refused(reports.report_sign_off, actor=chair, report=report)
        assert message == "Only a board-approved report can be signed off"

    def test_only_the_chair(self, approved, supervisor, business_manager, pair):
        for user in (supervisor, business_manager, pair[0]):
            with pytest.raises(PermissionDenied):
                reports.report_sign_off(actor=user, report=approved)


class TestEdits:
    def test_an_edit_takes_an_approved_report_back_to_draft_as_a_new_version(self, approved, pair):
        before = fresh(approved)
        saved = reports.report_section_save(
            actor=pair[0], report=approved, code="further_work", text="An audit in March."
        )
        assert saved.version == before.version + 1
        report = fresh(approved)
        assert (report.status, report.version, report.further_work) == (
            Report.Status.DRAFT,
            before.version + 1,
            "An audit in March.",
        )
        assert report.quality_assured_on is None and report.approved_on is None
        assert report.quality_assured_by is None and report.approved_by is None

    def test_every_version_is_kept_in_the_history(self, report, pair):
        first = fresh(report)
        reports.report_section_save(
            actor=pair[0], report=report, code="further_work", text="Version two."
        )
        reports.report_section_save(
            actor=pair[1], report=report, code="further_work", text="Version three."
        )
        # The last history row of each version holds its text.
        history = {row.version: row for row in fresh(report).history.order_by("history_date")}
        assert history[first.version].further_work == first.further_work
        assert history[first.version + 1].further_work == "Version two."
        assert history[first.version + 1].history_user == pair[0]
        assert history[first.version + 2].further_work == "Version three."
        assert history[first.version + 2].history_user == pair[1]

    def test_saving_the_same_text_is_not_a_new_version(self, approved, pair):
        before = fresh(approved)
        reports.report_section_save(
            actor=pair[0], report=approved, code="further_work", text=before.further_work
        )
        after = fresh(approved)
        assert (after.version, after.status) == (before.version, Report.Status.BOARD_APPROVED)

    def test_an_unknown_section_is_refused(self, report, pair):
        with pytest.raises(ValidationError) as error:
            reports.report_section_save(actor=pair[0], report=report, code="status", text="final")
        assert error.value.message_dict == {"code": ["Select a section of the report"]}
        assert fresh(report).status == Report.Status.DRAFT

    def test_a_final_report_cannot_be_edited(self, approved, pair, chair):
        reports.report_sign_off(actor=chair, report=approved)
        message = refused(
            reports.report_section_save,
            actor=pair[0],
            report=approved,
            code="further_work",
            text="Changed.",
        )
        assert "signed off as final: ask the chair to reopen it" in message
        assert fresh(approved).further_work != "Changed."
        assert fresh(approved).status == Report.Status.FINAL

    def test_only_an_appointed_reviewer_edits(
        self, report, supervisor, chair, business_manager, lead_reviewer
    ):
        # lead_reviewer holds the role on the board but is not appointed to this review.
        for user in (supervisor, chair, business_manager, lead_reviewer):
            with pytest.raises(PermissionDenied):
                reports.report_section_save(
                    actor=user, report=report, code="further_work", text="x"
                )
        assert fresh(report).further_work != "x"


class TestReopen:
    def test_the_chair_reopens_a_final_report_as_a_draft(self, approved, chair, pair):
        reports.report_sign_off(actor=chair, report=approved)
        reopened = reports.report_reopen(actor=chair, report=approved)
        assert reopened.status == Report.Status.DRAFT
        report = fresh(approved)
        assert report.signed_off_on is None and report.approved_on is None
        assert report.quality_assured_on is None
        # A draft again, the reviewers can change it.
        reports.report_section_save(
            actor=pair[0], report=report, code="further_work", text="Reopened."
        )
        assert fresh(approved).further_work == "Reopened."

    def test_a_draft_cannot_be_reopened(self, report, chair):
        assert refused(reports.report_reopen, actor=chair, report=report) == (
            "The report is already a draft"
        )

    def test_only_the_chair(self, approved, supervisor, business_manager, pair):
        for user in (supervisor, business_manager, pair[0]):
            with pytest.raises(PermissionDenied):
                reports.report_reopen(actor=user, report=approved)

    def test_refused_once_published(self, approved, chair, pair):
        publish_directly(approved, chair)
        message = refused(reports.report_reopen, actor=chair, report=approved)
        assert message == "The report has been published: it can no longer change"
        message = refused(
            reports.report_section_save,
            actor=pair[0],
            report=approved,
            code="further_work",
            text="Changed.",
        )
        assert message == "The report has been published: it can no longer change"
        assert fresh(approved).status == Report.Status.FINAL


class TestRendering:
    @pytest.mark.pdf
    def test_a_request_is_queued_then_the_worker_stores_the_pdf(self, report, pair):
        queued = reports.rendering_request(actor=pair[0], report=report)
        assert (queued.state, queued.kind) == (Rendering.State.QUEUED, Rendering.Kind.REPORT)
        assert (queued.report_version, queued.report_status) == (report.version, "draft")
        assert queued.requested_by == pair[0]
        assert not queued.pdf

        done = reports.rendering_run(queued.pk)
        assert done.state == Rendering.State.READY, done.failure_reason
        assert done.pages >= 2
        assert done.finished_at is not None
        with done.pdf.open("rb") as stored:
            assert stored.read(5) == b"%PDF-"
        assert done.pdf.name.endswith(f"-report-v{report.version}.pdf")
        # Delivered twice, the worker leaves a finished rendering alone.
        assert reports.rendering_run(queued.pk) is None

    @pytest.mark.pdf
    def test_the_learning_brief_is_rendered_on_its_own(self, report, business_manager):
        brief = reports.rendering_request(actor=business_manager, report=report, kind="brief")
        done = reports.rendering_run(brief.pk)
        assert (done.kind, done.state) == ("brief", Rendering.State.READY)
        assert done.pages == 1

    def test_asking_twice_while_queued_gives_the_same_rendering(self, report, pair):
        first = reports.rendering_request(actor=pair[0], report=report)
        again = reports.rendering_request(actor=pair[1], report=report)
        assert again.pk == first.pk
        # The brief, or a new version of the report, is another rendering.
        brief = reports.rendering_request(actor=pair[0], report=report, kind="brief")
        assert brief.pk != first.pk
        reports.report_section_save(actor=pair[0], report=report, code="further_work", text="v2")
        newer = reports.rendering_request(actor=pair[0], report=report)
        assert newer.pk != first.pk
        assert newer.report_version == first.report_version + 1
        assert report.renderings.count() == 3

    def test_a_rendering_abandoned_by_a_dead_worker_is_failed_and_asked_again(
        self, report, pair, time_machine
    ):
        stuck = reports.rendering_request(actor=pair[0], report=report)
        Rendering.objects.filter(pk=stuck.pk).update(
            state=Rendering.State.RENDERING, started_at=timezone.now()
        )
        # Still within the time a rendering takes: the same rendering.
        assert reports.rendering_request(actor=pair[0], report=report).pk == stuck.pk
        time_machine.move_to(timezone.now() + dt.timedelta(minutes=16))
        again = reports.rendering_request(actor=pair[0], report=report)
        assert again.pk != stuck.pk and again.state == Rendering.State.QUEUED
        stuck.refresh_from_db()
        assert stuck.state == Rendering.State.FAILED
        assert stuck.failure_reason == "The worker did not finish it: ask for it again"

    def test_a_slow_rendering_failed_as_abandoned_stays_failed_when_it_finishes(
        self, report, pair, time_machine
    ):
        from publication import jobs

        slow = reports.rendering_request(actor=pair[0], report=report)
        assert jobs.claim(Rendering, slow.pk)
        time_machine.move_to(timezone.now() + dt.timedelta(minutes=16))
        again = reports.rendering_request(actor=pair[0], report=report)
        slow.refresh_from_db()
        done = jobs.finish(slow, data=b"%PDF-1.7", pages=1, html="<p>", file_name="a.pdf")
        assert (done.state, done.pdf.name) == (Rendering.State.FAILED, "")
        assert again.pk != slow.pk

    def test_a_rendering_lost_in_the_queue_is_asked_again(self, report, pair, time_machine):
        lost = reports.rendering_request(actor=pair[0], report=report)
        time_machine.move_to(timezone.now() + dt.timedelta(minutes=16))
        again = reports.rendering_request(actor=pair[0], report=report)
        assert again.pk != lost.pk
        lost.refresh_from_db()
        assert lost.state == Rendering.State.FAILED

    def test_the_worker_is_asked_once_after_the_commit(
        self, report, pair, django_capture_on_commit_callbacks, monkeypatch
    ):
        sent = []
        monkeypatch.setattr("publication.tasks.render.delay", sent.append)
        with django_capture_on_commit_callbacks(execute=False) as callbacks:
            rendering = reports.rendering_request(actor=pair[0], report=report)
            reports.rendering_request(actor=pair[0], report=report)  # the same: not sent again
        assert len(callbacks) == 1
        assert sent == []  # nothing is sent before the commit
        callbacks[0]()
        assert sent == [str(rendering.pk)]

    def test_a_failed_rendering_says_why_without_case_details(self, report, pair, monkeypatch):
        def broken(*args, **kwargs):
            raise OSError("cannot load library 'pango-1.0-0'")

        monkeypatch.setattr("publication.rendering.pdf_from_html", broken)
        rendering = reports.rendering_request(actor=pair[0], report=report)
        done = reports.rendering_run(rendering.pk)
        assert done.state == Rendering.State.FAILED
        assert done.failure_reason == "The PDF libraries (Pango) are not installed on the worker"
        assert not done.pdf

    def test_an_unknown_kind_is_refused(self, report, pair):
        with pytest.raises(ValidationError):
            reports.rendering_request(actor=pair[0], report=report, kind="summary")
        assert not report.renderings.exists()


@pytest.mark.parametrize("role", ["member", "viewer"])
def test_readers_cannot_edit_assure_approve_or_render(request, role, report, supervisor):
    user = request.getfixturevalue(role)
    calls = [
        (reports.report_section_save, {"code": "further_work", "text": "x"}),
        (reports.report_quality_assure, {}),
        (reports.report_approve, {}),
        (reports.report_sign_off, {}),
        (reports.report_reopen, {}),
        (reports.rendering_request, {}),
    ]
    for call, extra in calls:
        with pytest.raises(PermissionDenied):
            call(actor=user, report=report, **extra)
    assert fresh(report).status == Report.Status.DRAFT
    assert not report.renderings.exists()


def test_the_business_manager_renders_but_does_not_approve(approved, business_manager):
    rendering = reports.rendering_request(actor=business_manager, report=approved)
    assert rendering.requested_by == business_manager
    for call in (reports.report_approve, reports.report_sign_off, reports.report_reopen):
        with pytest.raises(PermissionDenied):
            call(actor=business_manager, report=approved)
    with pytest.raises(PermissionDenied):
        reports.report_section_save(
            actor=business_manager, report=approved, code="further_work", text="x"
        )
    assert fresh(approved).status == Report.Status.BOARD_APPROVED


def test_someone_of_another_board_can_do_nothing(report, approved, other_board_user):
    for call in (
        reports.report_quality_assure,
        reports.report_approve,
        reports.report_sign_off,
        reports.report_reopen,
        reports.rendering_request,
    ):
        with pytest.raises(PermissionDenied):
            call(actor=other_board_user, report=approved)
