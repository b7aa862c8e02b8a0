"""The retention job, on a frozen clock: what it anonymises, when, what it keeps, and the record
it writes. A case without a review closes on 10 March 2026 (kept until 10 March 2041 under the
default 15 years); the published case closes on 1 September 2026 (kept until 1 September 2041).
"""

import datetime as dt
import json

import pytest
import time_machine
from django.apps import apps
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import CharField, JSONField, Q, TextField

from deadlines.models import Deadline
from publication.models import LibraryFinding, Publication, Rendering, Report
from retention import selectors, services
from retention.anonymise import HISTORY
from retention.models import RetentionRecord, RetentionRun
from retention.tests.factories import SUBJECT, at, case_without_review, published_case
from reviews.models import (
    Action,
    Conversation,
    Decision,
    DocumentVersion,
    Finding,
    Incident,
    IncidentPerson,
    Involvement,
    Meeting,
    Notification,
    ReviewParticipant,
)
from reviews.tests.factories import decide, log_incident

D = dt.date
KEPT_UNTIL = D(2041, 3, 10)
# Real names the cases of `board` hold somewhere (texts, people, participants, history).
NAMES = ["Thornbury", "Millie", "Ramaswamy", "Blackwood", "Castellane"]


def run_on(day: dt.date, board, **kwargs) -> RetentionRun:
    with time_machine.travel(at(day), tick=False):
        return services.retention_run(board=board, **kwargs)


def tables_holding(text: str) -> list[str]:
    """Every table (historical ones included) with a text column holding `text`."""
    found = []
    for model in apps.get_models():
        columns = [
            field.name
            for field in model._meta.concrete_fields
            if isinstance(field, CharField | TextField | JSONField)
        ]
        query = Q()
        for column in columns:
            query |= Q(**{f"{column}__icontains": text})
        if columns and model._default_manager.filter(query).exists():
            found.append(model._meta.label)
    return found


def history_of(incident) -> int:
    """Historical rows of the incident and of the records hanging directly from it."""
    return sum(
        model.history.model.objects.filter(**{field: incident.pk}).count()
        for model, field, key in HISTORY
        if key == "incident"
    )


@pytest.fixture
def no_review(board, business_manager, chair):
    return case_without_review(
        board=board, manager=business_manager, chair=chair, reference="Child N"
    )


@pytest.fixture
def published(board, business_manager, chair, supervisor):
    return published_case(
        board=board,
        manager=business_manager,
        chair=chair,
        supervisor=supervisor,
        reference="Child Q",
    )


@pytest.fixture
def elsewhere(other_board, other_board_people):
    """A case of the other board, closed and due on the same day as `no_review`."""
    manager, chair = other_board_people
    return case_without_review(
        board=other_board,
        manager=manager,
        chair=chair,
        reference="Child N",
        subject="Zebedee Quartermain",
    )


class TestWhen:
    def test_kept_to_its_last_day_and_anonymised_the_day_after(self, no_review, board):
        run = run_on(KEPT_UNTIL, board)
        assert (run.cases_due, run.cases_anonymised) == (0, 0)
        assert IncidentPerson.objects.filter(incident=no_review).exists()
        assert not RetentionRecord.objects.exists()

        run = run_on(KEPT_UNTIL + dt.timedelta(days=1), board)
        assert (run.cases_due, run.cases_anonymised) == (1, 1)
        assert not IncidentPerson.objects.filter(incident=no_review).exists()
        no_review.refresh_from_db()
        assert (no_review.summary, no_review.notifier) == ("", "")

    def test_the_boards_own_period(self, no_review, board, business_manager):
        services.retention_period_set(actor=business_manager, board=board, years=2)
        assert run_on(D(2028, 3, 10), board).cases_anonymised == 0
        assert run_on(D(2028, 3, 11), board).cases_anonymised == 1

    def test_open_cases_are_never_touched(self, board, business_manager, chair):
        with time_machine.travel(at(D(2026, 6, 15)), tick=False):
            awaiting = log_incident(actor=business_manager, board=board, reference="Child A")
            reviewed = log_incident(actor=business_manager, board=board, reference="Child R")
            decide(actor=chair, incident=reviewed, decided_on=D(2026, 6, 1))
        run = run_on(D(2090, 1, 1), board)
        assert run.cases_due == 0
        assert not RetentionRecord.objects.exists()
        awaiting.refresh_from_db()
        assert awaiting.notifier

    def test_a_report_to_be_published_keeps_its_case_open(self, published, board):
        incident, _ = published
        Publication.objects.filter(review__incident=incident).update(published_on=None)
        assert run_on(D(2090, 1, 1), board).cases_due == 0


class TestScope:
    def test_another_boards_case_is_untouched(self, no_review, elsewhere, board, other_board):
        before = history_of(elsewhere)
        run_on(KEPT_UNTIL + dt.timedelta(days=1), board)
        assert IncidentPerson.objects.filter(incident=elsewhere).exists()
        assert history_of(elsewhere) == before > 0
        elsewhere.refresh_from_db()
        assert "Quartermain" in elsewhere.summary
        assert not RetentionRun.objects.filter(board=other_board).exists()
        # Its own run, the same night, does it.
        assert run_on(KEPT_UNTIL + dt.timedelta(days=1), other_board).cases_anonymised == 1

    def test_the_case_is_read_again_under_its_lock(self, no_review, board, other_board):
        # Asked for the wrong board, or before it is due, the case is left alone.
        with time_machine.travel(at(KEPT_UNTIL + dt.timedelta(days=1)), tick=False):
            run = RetentionRun.objects.create(
                board=other_board, retention_years=15, run_on=KEPT_UNTIL
            )
            assert not services._anonymise_case(
                run=run, board=other_board, incident_id=no_review.pk, today=KEPT_UNTIL
            )
            assert not services._anonymise_case(
                run=run, board=board, incident_id=no_review.pk, today=KEPT_UNTIL
            )
        assert IncidentPerson.objects.filter(incident=no_review).exists()


class TestWhatGoes:
    def test_no_real_name_is_left_anywhere_not_even_in_the_history(
        self, no_review, published, board
    ):
        assert history_of(no_review) > 0
        assert all(tables_holding(name) for name in NAMES)
        run_on(D(2042, 1, 1), board)
        assert history_of(no_review) == 0
        for name in NAMES:
            assert tables_holding(name) == [], name

    def test_the_history_of_every_record_of_the_case_is_purged(self, published, board):
        incident, _ = published
        run_on(D(2042, 1, 1), board)
        review_id = incident.review.pk
        for model, field, key in HISTORY:
            history = model.history.model.objects
            if key == "incident":
                assert not history.filter(**{field: incident.pk}).exists(), model
            elif key == "review":
                assert not history.filter(**{field: review_id}).exists(), model
        assert not Rendering.history.model.objects.filter(report__review=review_id).exists()

    def test_a_reviews_personal_data_and_free_text(self, published, board):
        incident, _ = published
        review = incident.review
        run_on(D(2042, 1, 1), board)
        assert not ReviewParticipant.objects.filter(review=review).exists()
        assert not Conversation.objects.filter(review=review).exists()
        assert not review.chronology.exists()
        assert not review.research_questions.exists()
        involvement = Involvement.objects.get(review=review)
        assert (involvement.who, involvement.views) == ("Family member", "")
        assert Meeting.objects.get(review=review).notes == ""
        report = Report.objects.get(review=review)
        assert report.case_summary == report.appraisal == report.learning_brief == ""
        for finding in Finding.objects.filter(review=review):
            assert finding.manifested == finding.board_response == finding.why_it_matters == ""
        for episode in review.episodes.all():
            assert episode.what_happened == ""
            assert set(episode.factors) == {"own_team", "inter_agency"}
            assert set(episode.factors.values()) == {""}
        review.refresh_from_db()
        assert review.terms_of_reference == ""

    def test_an_actions_words_go_only_if_they_name_someone(self, published, board):
        incident, _ = published
        run_on(D(2042, 1, 1), board)
        actions = Action.objects.filter(review=incident.review).order_by("created_at")
        assert actions[0].description == ""
        assert actions[1].description == "Invite the health visitor to every strategy discussion."

    def test_unpublished_renderings_go_with_their_files(self, published, board, private_files):
        incident, renderings = published
        draft_file = private_files / renderings["draft"].pdf.name
        assert draft_file.exists()
        run_on(D(2042, 1, 1), board)
        assert not Rendering.objects.filter(pk=renderings["draft"].pk).exists()
        assert not draft_file.exists()
        for kept in ("final", "brief"):
            assert (private_files / renderings[kept].pdf.name).exists()
        record = RetentionRecord.objects.get()
        # The draft's PDF and the police's report (a document of the review).
        assert record.removed["files_deleted"] == 2

    def test_in_a_bucket_the_files_go_from_the_bucket(self, s3_private_storage, published, board):
        incident, renderings = published
        version = DocumentVersion.objects.get(document__review=incident.review)
        kept = {renderings["final"].pdf.name, renderings["brief"].pdf.name}
        assert s3_private_storage.keys() == kept | {renderings["draft"].pdf.name, version.file.name}
        run_on(D(2042, 1, 1), board)
        assert s3_private_storage.keys() == kept
        assert RetentionRecord.objects.get().removed["files_deleted"] == 2

    def test_a_report_published_in_welsh_keeps_its_welsh_pdfs_and_loses_its_welsh_text(
        self, published, board, private_files, business_manager
    ):
        from publication.models import WelshPassage
        from retention.tests.factories import _rendering

        incident, _ = published
        publication = Publication.objects.get(review=incident.review)
        report = Report.objects.get(review=incident.review)
        report.in_welsh = True
        report.save()
        WelshPassage.objects.create(
            report=report,
            key="section:case_summary",
            text=f"Roedd {SUBJECT} yn byw gyda'i mam.",
            english_digest="0" * 64,
            written_by=business_manager,
        )
        publication.welsh_report_pdf = _rendering(
            report, business_manager, "report", "final", b"cy"
        )
        publication.welsh_brief_pdf = _rendering(report, business_manager, "brief", "final", b"cyb")
        publication.save()

        run = run_on(D(2042, 1, 1), board)
        assert run.cases_anonymised == 1
        assert not WelshPassage.objects.filter(report=report).exists()
        assert not WelshPassage.history.filter(report_id=report.pk).exists()
        publication.refresh_from_db()
        for kept in (publication.welsh_report_pdf, publication.welsh_brief_pdf):
            assert (private_files / kept.pdf.name).exists()

    def test_the_reviews_documents_go_with_every_versions_file(
        self, published, board, private_files
    ):
        from reviews.models import DocumentVersion

        incident, _ = published
        (version,) = DocumentVersion.objects.filter(document__review__incident=incident)
        # The words the worker read from it, for the case search, hold the name too.
        DocumentVersion.objects.filter(pk=version.pk).update(
            text=f"{SUBJECT} was seen at school.", text_state="extracted"
        )
        stored = private_files / version.file.name
        assert stored.exists()
        run_on(D(2042, 1, 1), board)
        assert not stored.exists()
        assert not DocumentVersion._base_manager.filter(pk=version.pk).exists()
        assert not DocumentVersion._base_manager.filter(text__contains=SUBJECT).exists()
        assert not DocumentVersion.history.model.objects.filter(id=version.pk).exists()


class TestWhatStays:
    def test_the_statistics_and_timeliness_figures(self, published, no_review, board):
        incident, _ = published
        clocks = set(
            Deadline.objects.filter(board=board).values_list(
                "case_id", "clock", "starts_on", "due_on", "met_on"
            )
        )
        decisions = set(Decision.objects.values_list("incident", "outcome", "decided_on"))
        categories = sorted(Finding.objects.values_list("category", flat=True))
        notifications = set(Notification.objects.values_list("recipient", "about", "sent_on"))
        run_on(D(2042, 1, 1), board)
        assert (
            set(
                Deadline.objects.filter(board=board).values_list(
                    "case_id", "clock", "starts_on", "due_on", "met_on"
                )
            )
            == clocks
        )
        assert set(Decision.objects.values_list("incident", "outcome", "decided_on")) == decisions
        assert sorted(Finding.objects.values_list("category", flat=True)) == categories
        assert (
            set(Notification.objects.values_list("recipient", "about", "sent_on")) == notifications
        )
        incident.refresh_from_db()
        assert (incident.reference, incident.notified_on, incident.died) == (
            "Child Q",
            D(2026, 3, 3),
            True,
        )
        assert incident.incident_on == D(2026, 3, 1)  # already the first: its month
        review = incident.review
        assert (review.stage, review.completed_on) == ("closed", D(2026, 9, 1))

    def test_the_incident_date_keeps_only_its_month(self, board, business_manager, chair):
        with time_machine.travel(at(D(2026, 6, 15)), tick=False):
            incident = log_incident(actor=business_manager, board=board, incident_on=D(2026, 2, 17))
            decide(actor=chair, incident=incident, outcome="no_review", decided_on=D(2026, 3, 4))
        run_on(D(2042, 1, 1), board)
        incident.refresh_from_db()
        assert incident.incident_on == D(2026, 2, 1)

    def test_what_was_published(self, published, board):
        incident, renderings = published
        run_on(D(2042, 1, 1), board)
        publication = Publication.objects.get(review__incident=incident)
        assert publication.published_on == D(2026, 9, 1)
        assert publication.address == "https://example.org/reviews/child-q.pdf"
        assert publication.report_pdf.html == "<p>report final</p>"
        assert LibraryFinding.objects.filter(case_reference="Child Q").count() == 1


class TestRecord:
    def test_the_run_and_one_record_a_case_naming_no_one(self, no_review, published, board):
        run = run_on(D(2042, 1, 1), board)
        assert run.finished_at is not None and run.started_at <= run.finished_at
        assert (run.cases_due, run.cases_anonymised, run.cases_failed) == (2, 2, 0)
        assert (run.retention_years, run.run_on, run.outcome) == (15, D(2042, 1, 1), "Finished")
        records = {record.case_reference: record for record in run.records.all()}
        assert set(records) == {"Child N", "Child Q"}
        child_n = records["Child N"]
        assert (child_n.closed_on, child_n.kept_until, child_n.closed_by) == (
            D(2026, 3, 10),
            KEPT_UNTIL,
            "no_review",
        )
        # The subject, and the family member withdrawn long ago (withdrawn, not deleted).
        assert child_n.removed["deleted"] == {"people involved (real names and aliases)": 2}
        assert child_n.removed["history_rows_deleted"] > 0
        assert child_n.incident_id == no_review.pk
        child_q = records["Child Q"]
        participants = "review participants (names, roles, contact details)"
        assert child_q.removed["deleted"][participants] == 4
        assert child_q.closed_by_label == "Review closed, report published"
        text = json.dumps([r.removed for r in records.values()])
        assert not any(name in text for name in [*NAMES, "Amelia", "Gareth"])

    def test_a_second_run_changes_nothing(self, no_review, published, board):
        run_on(D(2042, 1, 1), board)
        snapshot = json.dumps(
            list(Incident.objects.values()) + list(Finding.objects.values()), default=str
        )
        again = run_on(D(2042, 1, 1), board)
        assert (again.cases_due, again.cases_anonymised) == (0, 0)
        assert RetentionRecord.objects.count() == 2
        assert history_of(no_review) == 0
        assert snapshot == json.dumps(
            list(Incident.objects.values()) + list(Finding.objects.values()), default=str
        )

    def test_in_batches_up_to_the_limit_the_next_run_takes_the_rest(
        self, board, business_manager, chair, settings
    ):
        settings.RETENTION_BATCH_SIZE = 2
        for n in range(3):
            case_without_review(
                board=board,
                manager=business_manager,
                chair=chair,
                reference=f"Child {n}",
                decided_on=D(2026, 3, 10 + n),
            )
        first = run_on(D(2042, 1, 1), board, limit=2)
        assert (first.cases_due, first.cases_anonymised, first.cases_left) == (3, 2, 1)
        assert first.outcome == "Finished, more cases left for the next run"
        # Soonest due first.
        assert set(first.records.values_list("case_reference", flat=True)) == {"Child 0", "Child 1"}
        second = run_on(D(2042, 1, 2), board)
        assert (second.cases_due, second.cases_anonymised) == (1, 1)

    def test_a_case_that_fails_is_rolled_back_named_and_retried(
        self, no_review, published, board, monkeypatch, caplog
    ):
        from retention import anonymise as anonymise_module

        real = anonymise_module.anonymise

        def failing_for_child_n(incident):
            result = real(incident)
            if incident.reference == "Child N":
                raise RuntimeError(f"{SUBJECT} broke it")
            return result

        monkeypatch.setattr(services, "anonymise", failing_for_child_n)
        run = run_on(D(2042, 1, 1), board)
        assert (run.cases_anonymised, run.cases_failed, run.failed_references) == (
            1,
            1,
            ["Child N"],
        )
        assert run.outcome == "Finished with failures"
        # Rolled back: nothing of it was removed, and it is still due.
        assert IncidentPerson.objects.filter(incident=no_review).exists()
        assert SUBJECT not in caplog.text and "Child N" in caplog.text
        monkeypatch.setattr(services, "anonymise", real)
        assert run_on(D(2042, 1, 2), board).cases_anonymised == 1


class TestPeriod:
    def test_the_business_manager_sets_it_and_the_history_says_who(self, board, business_manager):
        services.retention_period_set(actor=business_manager, board=board, years=10)
        board.refresh_from_db()
        assert board.retention_years == 10
        assert board.history.first().history_user == business_manager

    @pytest.mark.parametrize("role", ["chair", "member", "viewer", "lead_reviewer"])
    def test_no_one_else(self, board, role, request):
        with pytest.raises(PermissionDenied):
            services.retention_period_set(
                actor=request.getfixturevalue(role), board=board, years=10
            )

    @pytest.mark.parametrize("years", [0, 101, -3])
    def test_out_of_range(self, board, business_manager, years):
        with pytest.raises(ValidationError) as error:
            services.retention_period_set(actor=business_manager, board=board, years=years)
        assert "years" in error.value.message_dict
        board.refresh_from_db()
        assert board.retention_years == 15

    def test_a_shorter_period_that_makes_cases_due_at_once_must_be_confirmed(
        self, no_review, board, business_manager
    ):
        with time_machine.travel(at(D(2030, 1, 1)), tick=False):
            with pytest.raises(ValidationError) as error:
                services.retention_period_set(actor=business_manager, board=board, years=3)
            assert "Child N" in error.value.message_dict["confirm"][0]
            board.refresh_from_db()
            assert board.retention_years == 15
            # Not yet due under 4 years: nothing to confirm.
            services.retention_period_set(actor=business_manager, board=board, years=4)
            services.retention_period_set(
                actor=business_manager, board=board, years=3, confirm=True
            )
            board.refresh_from_db()
            assert [c.reference for c in selectors.cases_due(board=board, today=D(2030, 1, 1))] == [
                "Child N"
            ]


class TestAfterwards:
    """An anonymised case still opens everywhere it did, and still counts."""

    PAGES = [
        ("reviews:incident_list", ()),
        ("reviews:incident_detail", ("incident",)),
        ("reviews:people", ("incident",)),
        ("reviews:deadline_list", ()),
        ("reviews:review_list", ()),
        *(
            (f"reviews:{name}", ("review",))
            for name in (
                "review_detail",
                "appointments",
                "clock",
                "participants",
                "meetings",
                "agency_requests",
                "chronology",
                "involvements",
                "conversations",
                "episodes",
                "findings",
                "actions",
            )
        ),
        ("publication:report", ("review",)),
        ("publication:report_html", ("review",)),
        ("insight:dashboard", ()),
        ("insight:timeline", ("review",)),
        ("insight:annual_report_web", ("year",)),
        ("publication:public_board", ()),
        ("publication:public_html", ("publication",)),
    ]

    def test_its_pages_open(self, client, published, board, business_manager):
        from django.urls import reverse

        incident, _ = published
        run_on(D(2042, 1, 1), board)
        objects = {
            "incident": ("incident_id", incident.pk),
            "review": ("review_id", incident.review.pk),
            "year": ("year", 2026),
            "publication": ("publication_id", incident.review.publication.pk),
        }
        with time_machine.travel(at(D(2042, 1, 2)), tick=False):
            client.force_login(business_manager)
            for name, needs in self.PAGES:
                kwargs = {"board_id": board.pk, **dict(objects[need] for need in needs)}
                response = client.get(reverse(name, kwargs=kwargs))
                assert response.status_code == 200, name

    def test_the_annual_report_still_counts_it(self, published, no_review, board):
        from insight.annual import ReportingYear, annual_content, html_for

        years = (ReportingYear(2025), ReportingYear(2026))  # notified, then completed
        before = [annual_content(board, year, today=D(2041, 1, 1)) for year in years]
        run_on(D(2042, 1, 1), board)
        after = [annual_content(board, year, today=D(2042, 1, 2)) for year in years]
        assert after[0].notified == before[0].notified == 2
        assert after[0].decisions == before[0].decisions
        assert [r.reference for r in after[1].completed] == ["Child Q"]
        assert after[1].themes == before[1].themes
        assert len(after[1].published_findings) == len(before[1].published_findings) == 1
        for content in after:
            assert "Thornbury" not in html_for(content)
