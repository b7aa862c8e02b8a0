"""The chair's decision, the copy to the national panel, publishing, taking down and the
learning library, through the services, on a frozen clock (Monday 15 June 2026).

The rules are the rulebooks': lscb-2015 gives the panel its copy 7 calendar days before
publication, partners-2018 7 working days; sab-2014 and wales-2016 ask for no copy. A report
stays online for at least 12 months.
"""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from deadlines.models import BankHoliday, Deadline
from publication import sample, selectors
from publication.models import LibraryFinding, Publication, Rendering, Report
from publication.rendering import Document
from publication.services import publishing, reports
from reminders.models import Reminder
from reviews.models import Finding, Notification
from reviews.tests import conftest as review_fixtures
from reviews.tests.factories import decide, log_incident

D = dt.date
TODAY = D(2026, 6, 15)  # a Monday
# The regime boards of the reviews app's fixtures: (board, business manager, chair).
lscb, sab, wales = review_fixtures.lscb, review_fixtures.sab, review_fixtures.wales


def at(day: dt.date) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, 12, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def today(frozen):
    return frozen


def stub_pdf(title: str, text: str = "") -> bytes:
    """A real PDF of one page, its own bytes by its title, showing `text` (what the check of
    the published bytes reads back), written by hand: these tests do not render."""
    escaped = text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
    content = f"BT /F1 12 Tf 72 720 Td ({escaped}) Tj ET".encode("latin-1")
    objects = [
        b"<</Type/Catalog/Pages 2 0 R>>",
        b"<</Type/Pages/Kids[3 0 R]/Count 1>>",
        b"<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]"
        b"/Resources<</Font<</F1 4 0 R>>>>/Contents 5 0 R>>",
        b"<</Type/Font/Subtype/Type1/BaseFont/Helvetica>>",
        b"<</Length %d>>stream\n" % len(content) + content + b"\nendstream",
        b"<</Title(" + title.encode("latin-1") + b")>>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<</Size %d/Root 1 0 R/Info 6 0 R>>\n" % (len(objects) + 1)
    out += b"startxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)


@pytest.fixture
def fake_pdf(monkeypatch):
    """The worker's WeasyPrint step replaced by a stub giving each rendering its own bytes:
    these tests are about publishing, and test_reports renders real PDFs."""
    made = []

    def pdf_from_html(html):
        made.append(html)
        return Document(pdf=stub_pdf(f"stub {len(made)}"), pages=4)

    monkeypatch.setattr("publication.rendering.pdf_from_html", pdf_from_html)
    return made


def render_final(report: Report, actor) -> dict[str, Rendering]:
    """Ask for the report and its learning brief and play the worker."""
    done = {}
    for kind in ("report", "brief"):
        rendering = reports.rendering_request(actor=actor, report=report, kind=kind)
        done[kind] = reports.rendering_run(rendering.pk)
        assert done[kind].state == Rendering.State.READY, done[kind].failure_reason
    return done


def review_on(board_and_people, *, reference, **values):
    """A review on one of the regime boards (reviews.tests.conftest.board_with_manager)."""
    board, manager, chair = board_and_people
    review_type = values.pop("review_type", None)
    incident = log_incident(actor=manager, board=board, reference=reference, **values)
    extra = {"review_type": review_type} if review_type else {}
    decide(actor=chair, incident=incident, decided_on=incident.notified_on, **extra)
    incident.refresh_from_db()
    return incident.review


def signed_off(review, *, supervisor, chair) -> Report:
    report = sample.fill_review(review, supervisor=supervisor, chair=chair)
    sample.approve(report, supervisor=supervisor, chair=chair)
    return reports.report_sign_off(actor=chair, report=report)


@pytest.fixture
def final(approved, chair):
    """The report of the partners-2018 board's review, signed off as final."""
    return reports.report_sign_off(actor=chair, report=approved)


@pytest.fixture
def ready(final, pair, fake_pdf):
    """Final, with its report and learning brief rendered."""
    render_final(final, pair[0])
    return final


def publish(review, *, chair, manager, frozen, planned_on, sent_on=None, address=None):
    """Decide, send the copy (if the rules ask for one), and record it published on the
    planned date (the clock moved there)."""
    publishing.publication_decide(
        actor=chair, review=review, decision="publish", planned_on=planned_on
    )
    if sent_on is not None:
        publishing.panel_copy_record(actor=manager, review=review, sent_on=sent_on)
    frozen.move_to(at(planned_on))
    return publishing.publication_record(
        actor=manager,
        review=review,
        published_on=planned_on,
        address=address or f"https://example.org/{review.incident.reference}",
    )


def refusal(call, **kwargs) -> dict | list:
    with pytest.raises(ValidationError) as error:
        call(**kwargs)
    return error.value.message_dict if hasattr(error.value, "error_dict") else error.value.messages


def panel_copy_deadline(review) -> Deadline | None:
    return review.incident.deadlines.filter(clock="panel_copy").first()


# --- The planned date and the copy to the panel -------------------------------------------------


class TestPlannedDate:
    def test_lscb_the_panel_has_its_copy_7_calendar_days_before(self, lscb, supervisor):
        review = review_on(lscb, reference="Child L")
        chair = lscb[2]
        signed_off(review, supervisor=supervisor, chair=chair)
        errors = refusal(
            publishing.publication_decide,
            actor=chair,
            review=review,
            decision="publish",
            planned_on=D(2026, 6, 21),
        )
        assert errors == {
            "planned_on": [
                "The national panel must have the report 7 days before publication: plan it on "
                "or after 22 June 2026"
            ]
        }
        assert not Publication.objects.filter(review=review).exists()
        publication = publishing.publication_decide(
            actor=chair, review=review, decision="publish", planned_on=D(2026, 6, 22)
        )
        assert (publication.planned_on, publication.decided_by) == (D(2026, 6, 22), chair)

    def test_partners_7_working_days_over_the_weekend(self, final, chair):
        review = final.review
        errors = refusal(
            publishing.publication_decide,
            actor=chair,
            review=review,
            decision="publish",
            planned_on=D(2026, 6, 23),
        )
        assert errors["planned_on"] == [
            "The national panel must have the report 7 working days before publication: plan "
            "it on or after 24 June 2026"
        ]
        publication = publishing.publication_decide(
            actor=chair, review=review, decision="publish", planned_on=D(2026, 6, 24)
        )
        assert publication.planned_on == D(2026, 6, 24)

    def test_partners_a_bank_holiday_is_not_a_working_day(self, final, chair):
        BankHoliday.objects.create(date=D(2026, 6, 17), name="A one-off bank holiday")
        review = final.review
        errors = refusal(
            publishing.publication_decide,
            actor=chair,
            review=review,
            decision="publish",
            planned_on=D(2026, 6, 24),
        )
        assert "plan it on or after 25 June 2026" in errors["planned_on"][0]
        assert publishing.publication_decide(
            actor=chair, review=review, decision="publish", planned_on=D(2026, 6, 25)
        ).planned_on == D(2026, 6, 25)

    def test_earliest_publication(self, review, lscb, sab, wales, supervisor, frozen):
        assert publishing.earliest_publication(review) == D(2026, 6, 24)
        assert publishing.earliest_publication(review_on(lscb, reference="L")) == D(2026, 6, 22)
        adult = review_on(
            sab,
            reference="Adult S",
            subject_kind="adult",
            care_and_support_needs=True,
            concern_about_working_together=True,
        )
        assert publishing.earliest_publication(adult) == TODAY
        welsh = review_on(wales, reference="Child W", review_type="cpr_concise")
        assert publishing.earliest_publication(welsh) == TODAY
        # Counted from a given day: Friday 19 June, over the weekend, to Tuesday 30 June.
        assert publishing.earliest_publication(review, D(2026, 6, 19)) == D(2026, 6, 30)

    def test_earliest_publication_counts_from_the_copy_once_sent(
        self, final, chair, business_manager, frozen
    ):
        review = final.review
        publishing.publication_decide(
            actor=chair, review=review, decision="publish", planned_on=D(2026, 7, 31)
        )
        publishing.panel_copy_record(actor=business_manager, review=review, sent_on=TODAY)
        frozen.move_to(at(D(2026, 6, 18)))
        # The copy went on the 15th: publication can be 7 working days after it, not after today.
        assert publishing.earliest_publication(review) == D(2026, 6, 24)
        moved = publishing.publication_decide(
            actor=chair, review=review, decision="publish", planned_on=D(2026, 6, 24)
        )
        assert moved.planned_on == D(2026, 6, 24)

    def test_a_past_or_missing_date_is_refused(self, final, chair):
        for planned_on, message in [
            (D(2026, 6, 14), "The planned publication date must be in the future"),
            (None, "Enter the planned publication date"),
        ]:
            errors = refusal(
                publishing.publication_decide,
                actor=chair,
                review=final.review,
                decision="publish",
                planned_on=planned_on,
            )
            assert errors == {"planned_on": [message]}
        assert not Publication.objects.exists()

    def test_an_unknown_decision_is_refused(self, final, chair):
        errors = refusal(
            publishing.publication_decide, actor=chair, review=final.review, decision="maybe"
        )
        assert errors == {"decision": ["Select whether to publish the report"]}


class TestPublishDecision:
    def test_publishing_needs_a_final_report(self, approved, chair):
        errors = refusal(
            publishing.publication_decide,
            actor=chair,
            review=approved.review,
            decision="publish",
            planned_on=D(2026, 7, 1),
        )
        assert errors == {
            "decision": ["The report must be signed off as final before it can be published"]
        }
        assert not Publication.objects.exists()

    def test_refused_while_the_anonymisation_check_finds_a_name(self, final, chair):
        # Findings can still change after the sign-off: the decision checks again.
        Finding.objects.filter(review=final.review).update(
            issues_for_board="Why was Priya Ramaswamy not told?"
        )
        errors = refusal(
            publishing.publication_decide,
            actor=chair,
            review=final.review,
            decision="publish",
            planned_on=D(2026, 7, 1),
        )
        assert errors == {"decision": ["The anonymisation check finds a real name in the report"]}

    def test_only_the_chair_decides(self, final, business_manager, pair, member):
        for user in (business_manager, pair[0], member):
            with pytest.raises(PermissionDenied):
                publishing.publication_decide(
                    actor=user, review=final.review, decision="do_not_publish", reasons="No."
                )
        assert not Publication.objects.exists()

    def test_the_decision_starts_the_panel_copy_clock_counted_back_from_the_date(
        self, final, chair, business_manager
    ):
        review = final.review
        assert panel_copy_deadline(review) is None
        publishing.publication_decide(
            actor=chair, review=review, decision="publish", planned_on=D(2026, 6, 30)
        )
        deadline = panel_copy_deadline(review)
        # Tuesday 30 June, 7 working days back: Friday 19 June.
        assert (deadline.starts_on, deadline.due_on, deadline.met_on) == (
            D(2026, 6, 30),
            D(2026, 6, 19),
            None,
        )
        assert deadline.rulebook.startswith("partners-2023")
        # A new date moves it.
        publishing.publication_decide(
            actor=chair, review=review, decision="publish", planned_on=D(2026, 7, 14)
        )
        assert panel_copy_deadline(review).due_on == D(2026, 7, 3)
        # The copy recorded meets it.
        publishing.panel_copy_record(actor=business_manager, review=review, sent_on=TODAY)
        assert panel_copy_deadline(review).met_on == TODAY
        notification = Notification.objects.get(incident=review.incident, about="report")
        assert (notification.recipient, notification.sent_on) == ("national_panel", TODAY)

    def test_lscb_panel_copy_due_7_calendar_days_before(self, lscb, supervisor):
        review = review_on(lscb, reference="Child L")
        signed_off(review, supervisor=supervisor, chair=lscb[2])
        publishing.publication_decide(
            actor=lscb[2], review=review, decision="publish", planned_on=D(2026, 6, 30)
        )
        assert panel_copy_deadline(review).due_on == D(2026, 6, 23)

    def test_the_business_manager_and_reviewers_are_reminded_of_the_panel_copy(
        self, final, chair, business_manager, pair
    ):
        review = final.review
        publishing.publication_decide(
            actor=chair, review=review, decision="publish", planned_on=D(2026, 6, 30)
        )
        deadline = panel_copy_deadline(review)
        pending = Reminder.objects.filter(deadline=deadline, status=Reminder.Status.PENDING)
        kinds = set(pending.filter(recipient=business_manager).values_list("kind", flat=True))
        assert {"before:1", "due_day", "overdue"} <= kinds
        due_day = pending.get(recipient=business_manager, kind="due_day")
        assert due_day.send_at.date() == D(2026, 6, 19)
        assert pending.filter(recipient=pair[0], kind="due_day").exists()
        # Met, the reminders still to come are cancelled.
        publishing.panel_copy_record(actor=business_manager, review=review, sent_on=TODAY)
        assert not Reminder.objects.filter(deadline=deadline, status="pending").exists()
        assert Reminder.objects.filter(deadline=deadline, status="cancelled").exists()


class TestPanelCopy:
    def test_refused_before_a_decision_to_publish(self, final, business_manager):
        messages = refusal(
            publishing.panel_copy_record,
            actor=business_manager,
            review=final.review,
            sent_on=TODAY,
        )
        assert messages == ["The chair has not decided to publish the report"]

    def test_refused_in_the_future_or_before_the_decision(self, final, chair, business_manager):
        publishing.publication_decide(
            actor=chair, review=final.review, decision="publish", planned_on=D(2026, 7, 1)
        )
        for sent_on, message in [
            (D(2026, 6, 16), "The date it was sent must be today or in the past"),
            (D(2026, 6, 12), "The copy cannot be sent before the decision"),
        ]:
            errors = refusal(
                publishing.panel_copy_record,
                actor=business_manager,
                review=final.review,
                sent_on=sent_on,
            )
            assert errors == {"sent_on": [message]}
        assert not Notification.objects.filter(about="report").exists()

    def test_only_the_business_manager(self, final, chair, pair):
        publishing.publication_decide(
            actor=chair, review=final.review, decision="publish", planned_on=D(2026, 7, 1)
        )
        for user in (chair, pair[0]):
            with pytest.raises(PermissionDenied):
                publishing.panel_copy_record(actor=user, review=final.review, sent_on=TODAY)


class TestDoNotPublish:
    def test_reasons_are_needed(self, report, chair):
        errors = refusal(
            publishing.publication_decide,
            actor=chair,
            review=report.review,
            decision="do_not_publish",
            reasons="   ",
        )
        assert errors == {"reasons": ["Enter the reasons for not publishing the report"]}
        assert not Publication.objects.exists()
        assert not Notification.objects.filter(about="not_publishing").exists()

    def test_the_panel_is_told_once_even_if_decided_twice(self, report, chair):
        # A draft report may be kept unpublished: no sign-off needed.
        review = report.review
        publication = publishing.publication_decide(
            actor=chair,
            review=review,
            decision="do_not_publish",
            reasons="The family asked us not to.",
            planned_on=D(2026, 7, 1),
        )
        assert (publication.decision, publication.planned_on) == ("do_not_publish", None)
        assert publication.reasons == "The family asked us not to."
        publishing.publication_decide(
            actor=chair, review=review, decision="do_not_publish", reasons="Still not."
        )
        told = Notification.objects.filter(incident=review.incident, about="not_publishing")
        assert told.count() == 1
        assert (told.get().recipient, told.get().sent_on) == ("national_panel", TODAY)
        assert Publication.objects.get(review=review).reasons == "Still not."
        assert panel_copy_deadline(review) is None

    def test_changing_to_do_not_publish_tells_the_panel_and_stops_the_clock(self, final, chair):
        review = final.review
        publishing.publication_decide(
            actor=chair, review=review, decision="publish", planned_on=D(2026, 7, 1)
        )
        assert panel_copy_deadline(review) is not None
        publishing.publication_decide(
            actor=chair, review=review, decision="do_not_publish", reasons="Risk to a sibling."
        )
        assert panel_copy_deadline(review) is None
        told = Notification.objects.filter(incident=review.incident, about="not_publishing")
        assert told.count() == 1


# --- Recording the publication ----------------------------------------------------------------


class TestRecordPublication:
    def test_published_with_its_final_pdfs_and_findings_in_the_library(
        self, ready, chair, business_manager, frozen
    ):
        review = ready.review
        publication = publish(
            review,
            chair=chair,
            manager=business_manager,
            frozen=frozen,
            planned_on=D(2026, 6, 30),
            sent_on=TODAY,
            address="https://example.org/reports/child-q",
        )
        publication.refresh_from_db()
        assert publication.is_published and not publication.on_request_only
        assert (publication.published_on, publication.address) == (
            D(2026, 6, 30),
            "https://example.org/reports/child-q",
        )
        assert (publication.report_pdf.kind, publication.brief_pdf.kind) == ("report", "brief")
        assert publication.report_pdf.report_status == "final"
        assert LibraryFinding.objects.filter(publication=publication).count() == 3
        assert list(selectors.public_publications(review.board)) == [publication]
        assert publishing.online_until(review, publication) == D(2027, 6, 30)

    def test_refused_without_final_renderings(
        self, final, chair, business_manager, frozen, pair, fake_pdf
    ):
        review = final.review
        publishing.publication_decide(
            actor=chair, review=review, decision="publish", planned_on=D(2026, 6, 30)
        )
        publishing.panel_copy_record(actor=business_manager, review=review, sent_on=TODAY)
        frozen.move_to(at(D(2026, 6, 30)))
        expected = [
            "Render the final report and its learning brief before recording the publication"
        ]
        record = {"actor": business_manager, "review": review}
        arguments = {**record, "published_on": D(2026, 6, 30), "address": "https://x.org/q"}
        assert refusal(publishing.publication_record, **arguments) == expected
        # The report alone is not enough, nor a brief still queued.
        reports.rendering_run(reports.rendering_request(actor=pair[0], report=final).pk)
        reports.rendering_request(actor=pair[0], report=final, kind="brief")
        assert refusal(publishing.publication_record, **arguments) == expected
        assert not Publication.objects.get(review=review).is_published
        assert not LibraryFinding.objects.exists()

    def test_renderings_of_a_draft_do_not_count(
        self, approved, chair, business_manager, pair, fake_pdf, frozen
    ):
        render_final(approved, pair[0])  # board-approved, not yet final
        reports.report_sign_off(actor=chair, report=approved)
        review = approved.review
        publishing.publication_decide(
            actor=chair, review=review, decision="publish", planned_on=D(2026, 6, 30)
        )
        publishing.panel_copy_record(actor=business_manager, review=review, sent_on=TODAY)
        frozen.move_to(at(D(2026, 6, 30)))
        messages = refusal(
            publishing.publication_record,
            actor=business_manager,
            review=review,
            published_on=D(2026, 6, 30),
            address="https://example.org/q",
        )
        assert messages == [
            "Render the final report and its learning brief before recording the publication"
        ]

    def test_refused_without_the_copy_to_the_panel(self, ready, chair, business_manager, frozen):
        review = ready.review
        publishing.publication_decide(
            actor=chair, review=review, decision="publish", planned_on=D(2026, 6, 30)
        )
        frozen.move_to(at(D(2026, 6, 30)))
        errors = refusal(
            publishing.publication_record,
            actor=business_manager,
            review=review,
            published_on=D(2026, 6, 30),
            address="https://example.org/q",
        )
        assert errors == {
            "published_on": [
                "The national panel must have the report 7 working days before publication: "
                "it needed it by 19 June 2026"
            ]
        }

    def test_refused_when_the_copy_was_late(self, ready, chair, business_manager, frozen):
        review = ready.review
        publishing.publication_decide(
            actor=chair, review=review, decision="publish", planned_on=D(2026, 6, 30)
        )
        frozen.move_to(at(D(2026, 6, 22)))
        publishing.panel_copy_record(actor=business_manager, review=review, sent_on=D(2026, 6, 22))
        assert panel_copy_deadline(review).met_on == D(2026, 6, 22)  # met late
        frozen.move_to(at(D(2026, 6, 30)))
        errors = refusal(
            publishing.publication_record,
            actor=business_manager,
            review=review,
            published_on=D(2026, 6, 30),
            address="https://example.org/q",
        )
        assert "it needed it by 19 June 2026" in errors["published_on"][0]
        # Published later, 7 working days after the copy, it is in time.
        frozen.move_to(at(D(2026, 7, 1)))
        publication = publishing.publication_record(
            actor=business_manager,
            review=review,
            published_on=D(2026, 7, 1),
            address="https://example.org/q",
        )
        assert publication.is_published

    def test_refused_for_a_date_in_the_future(self, ready, chair, business_manager):
        review = ready.review
        publishing.publication_decide(
            actor=chair, review=review, decision="publish", planned_on=D(2026, 6, 30)
        )
        publishing.panel_copy_record(actor=business_manager, review=review, sent_on=TODAY)
        errors = refusal(
            publishing.publication_record,
            actor=business_manager,
            review=review,
            published_on=D(2026, 6, 30),
            address="https://example.org/q",
        )
        assert errors == {
            "published_on": ["The date it was published must be today or in the past"]
        }

    def test_refused_without_a_decision_to_publish(self, ready, chair, business_manager):
        for decide_first in (False, True):
            if decide_first:
                publishing.publication_decide(
                    actor=chair, review=ready.review, decision="do_not_publish", reasons="No."
                )
            messages = refusal(
                publishing.publication_record,
                actor=business_manager,
                review=ready.review,
                published_on=TODAY,
                address="https://example.org/q",
            )
            assert messages == ["The chair has not decided to publish the report"]

    def test_only_the_business_manager_records_it(self, ready, chair, pair, frozen):
        publishing.publication_decide(
            actor=chair, review=ready.review, decision="publish", planned_on=D(2026, 6, 30)
        )
        for user in (chair, pair[0]):
            with pytest.raises(PermissionDenied):
                publishing.publication_record(
                    actor=user, review=ready.review, published_on=TODAY, address="https://x.org"
                )


class TestCopyOfTheFinalReport:
    def test_a_copy_sent_before_a_reopening_does_not_count(
        self, ready, chair, business_manager, pair, frozen, fake_pdf
    ):
        """The panel must have the report as published: after the chair reopens and signs
        off again, the earlier copy is refused and a new one is recorded."""
        review = ready.review
        publishing.publication_decide(
            actor=chair, review=review, decision="publish", planned_on=D(2026, 6, 30)
        )
        publishing.panel_copy_record(actor=business_manager, review=review, sent_on=TODAY)
        frozen.move_to(at(D(2026, 6, 17)))
        report = reports.report_reopen(actor=chair, report=ready)
        sample.approve(report, supervisor=review.supervisor, chair=chair)
        report = reports.report_sign_off(actor=chair, report=report)
        render_final(report, pair[0])
        frozen.move_to(at(D(2026, 6, 30)))
        arguments = {
            "actor": business_manager,
            "review": review,
            "published_on": D(2026, 6, 30),
            "address": "https://example.org/q",
        }
        messages = refusal(publishing.publication_record, **arguments)
        assert messages == [
            "The national panel's copy was sent before the report was signed off as final: "
            "send the final report and record the copy again"
        ]
        frozen.move_to(at(D(2026, 6, 18)))
        publishing.panel_copy_record(actor=business_manager, review=review, sent_on=D(2026, 6, 18))
        frozen.move_to(at(D(2026, 6, 30)))
        assert publishing.publication_record(**arguments).is_published

    def test_not_published_before_the_decision(self, wales, supervisor, fake_pdf, frozen):
        review = review_on(wales, reference="Child V", review_type="cpr_concise")
        board, manager, chair = wales
        report = signed_off(review, supervisor=supervisor, chair=chair)
        render_final(report, manager)
        publishing.publication_decide(
            actor=chair, review=review, decision="publish", planned_on=TODAY
        )
        messages = refusal(
            publishing.publication_record,
            actor=manager,
            review=review,
            published_on=TODAY - dt.timedelta(days=1),
            address="https://example.org/v",
        )
        assert messages == {
            "published_on": ["The report cannot be published before the chair decided to publish"]
        }


class TestWhatIsPublishedIsWhatWasChecked:
    def test_a_record_changed_after_sign_off_is_not_published_until_signed_off_again(
        self, ready, chair, supervisor, business_manager, pair, frozen
    ):
        """A report version signed off never changes: an episode corrected after sign-off
        (here with a date of birth the chair never looked at) makes it another report."""
        review = ready.review
        episode = review.episodes.first()
        episode.what_happened = "The child, born on 5 March 2012, was seen at home."
        episode.save()
        assert refusal(
            publishing.publication_decide,
            actor=chair,
            review=review,
            decision="publish",
            planned_on=D(2026, 6, 30),
        ) == {"decision": [publishing.CHANGED_SINCE_SIGN_OFF]}
        # The chair reopens it; the flag must now be looked at before it is signed off again.
        report = reports.report_reopen(actor=chair, report=ready)
        reports.report_quality_assure(actor=supervisor, report=report)
        reports.report_approve(actor=chair, report=report)
        with pytest.raises(ValidationError) as refused:
            reports.report_sign_off(actor=chair, report=report)
        assert "1 detail that may identify someone is flagged" in refused.value.messages[0]
        (flag,) = reports.report_check(review).open_flags
        reports.flag_dismiss(
            actor=chair, report=report, key=flag.key, reason="The date is in the court record"
        )
        reports.report_sign_off(actor=chair, report=report)
        assert (
            publishing.publication_decide(
                actor=chair, review=review, decision="publish", planned_on=D(2026, 6, 30)
            ).decision
            == "publish"
        )

    def test_a_record_changed_after_rendering_needs_the_pdfs_again(
        self, ready, chair, supervisor, business_manager, pair, frozen
    ):
        review = ready.review
        publishing.publication_decide(
            actor=chair, review=review, decision="publish", planned_on=D(2026, 6, 30)
        )
        action = review.actions.first()
        action.evidence_of_impact = "Audited in May."
        action.save()
        arguments = {
            "actor": business_manager,
            "review": review,
            "published_on": D(2026, 6, 30),
            "address": "https://example.org/q",
        }
        frozen.move_to(at(D(2026, 6, 30)))
        assert refusal(publishing.publication_record, **arguments) == [
            publishing.CHANGED_SINCE_SIGN_OFF
        ]
        # Signed off again: the PDFs made before are not of what is signed off now.
        report = reports.report_reopen(actor=chair, report=ready)
        reports.report_quality_assure(actor=supervisor, report=report)
        reports.report_approve(actor=chair, report=report)
        reports.report_sign_off(actor=chair, report=report)
        assert refusal(publishing.publication_record, **arguments) == [
            "The review's records have changed since the final PDFs were rendered: render the "
            "report and its learning brief again"
        ]

    def test_a_final_pdf_is_not_made_with_a_real_name_added_after_sign_off(
        self, final, pair, fake_pdf
    ):
        action = final.review.actions.first()
        action.evidence_of_impact = "Priya Ramaswamy now attends every strategy meeting."
        action.save()
        rendering = reports.rendering_request(actor=pair[0], report=final)
        done = reports.rendering_run(rendering.pk)
        assert done.state == Rendering.State.FAILED
        assert done.failure_reason == (
            "The anonymisation check found a real name, in: Actions: evidence of impact. The "
            "final PDF was not made and the sign-off is withdrawn: correct the text, then sign "
            "off again"
        )
        assert not fake_pdf  # nothing was rendered
        assert "Ramaswamy" not in done.failure_reason
        final.refresh_from_db()
        assert (final.status, final.signed_off_by) == (Report.Status.BOARD_APPROVED, None)

    def test_a_name_in_the_pdf_as_made_is_found_and_withdraws_the_sign_off(
        self, final, pair, monkeypatch
    ):
        """The check reads the bytes that would be published, not only the records: a name
        that reaches the PDF by any way (here a template that prints one) stops it."""
        monkeypatch.setattr(
            "publication.rendering.pdf_from_html",
            lambda html: Document(pdf=stub_pdf("x", "Seen by P. Ramaswamy at home"), pages=1),
        )
        rendering = reports.rendering_request(actor=pair[0], report=final)
        done = reports.rendering_run(rendering.pk)
        assert done.state == Rendering.State.FAILED
        assert "in: page 1 of the PDF." in done.failure_reason
        assert "Ramaswamy" not in done.failure_reason
        assert not done.pdf
        final.refresh_from_db()
        assert final.status == Report.Status.BOARD_APPROVED

    def test_signing_off_queues_the_final_pdfs(self, approved, chair):
        report = reports.report_sign_off(actor=chair, report=approved)
        queued = report.renderings.filter(state=Rendering.State.QUEUED)
        assert sorted(queued.values_list("kind", "report_status")) == [
            ("brief", "final"),
            ("report", "final"),
        ]


class TestAfterPublishing:
    @pytest.fixture
    def published(self, ready, chair, business_manager, frozen):
        return publish(
            ready.review,
            chair=chair,
            manager=business_manager,
            frozen=frozen,
            planned_on=D(2026, 6, 30),
            sent_on=TODAY,
        )

    def test_the_decision_can_no_longer_change(self, published, chair):
        for decision, extra in [
            ("do_not_publish", {"reasons": "Changed our minds."}),
            ("publish", {"planned_on": D(2026, 8, 3)}),
        ]:
            messages = refusal(
                publishing.publication_decide,
                actor=chair,
                review=published.review,
                decision=decision,
                **extra,
            )
            assert messages == ["The report has been published: the decision can no longer change"]
        assert Publication.objects.get(pk=published.pk).decision == "publish"
        assert not Notification.objects.filter(about="not_publishing").exists()

    def test_the_report_can_no_longer_change(self, published, chair, pair):
        report = Report.objects.get(review=published.review)
        message = "The report has been published: it can no longer change"
        assert refusal(reports.report_reopen, actor=chair, report=report) == [message]
        assert refusal(
            reports.report_section_save,
            actor=pair[0],
            report=report,
            code="appraisal",
            text="New text.",
        ) == [message]
        assert Report.objects.get(pk=report.pk).status == Report.Status.FINAL

    def test_recorded_once(self, published, business_manager):
        messages = refusal(
            publishing.publication_record,
            actor=business_manager,
            review=published.review,
            published_on=D(2026, 6, 30),
            address="https://example.org/again",
        )
        assert messages == ["The report is already recorded as published"]
        assert LibraryFinding.objects.count() == 3

    def test_withdrawal_refused_before_12_months(self, published, business_manager, frozen):
        frozen.move_to(at(D(2027, 6, 29)))
        errors = refusal(
            publishing.publication_withdraw,
            actor=business_manager,
            review=published.review,
            withdrawn_on=D(2027, 6, 29),
        )
        assert errors == {
            "withdrawn_on": [
                "The report must stay on the website until 30 June 2027 (at least 12 months)"
            ]
        }
        assert not Publication.objects.get(pk=published.pk).on_request_only

    def test_withdrawal_at_12_months_leaves_it_on_request_and_in_the_library(
        self, published, business_manager, chair, frozen
    ):
        frozen.move_to(at(D(2027, 6, 30)))
        with pytest.raises(PermissionDenied):
            publishing.publication_withdraw(
                actor=chair, review=published.review, withdrawn_on=D(2027, 6, 30)
            )
        errors = refusal(
            publishing.publication_withdraw,
            actor=business_manager,
            review=published.review,
            withdrawn_on=D(2027, 7, 1),
        )
        assert errors == {
            "withdrawn_on": ["The date it was taken off the website must be today or in the past"]
        }
        withdrawn = publishing.publication_withdraw(
            actor=business_manager, review=published.review, withdrawn_on=D(2027, 6, 30)
        )
        assert withdrawn.on_request_only and withdrawn.is_published
        assert list(selectors.public_publications(published.review.board)) == [withdrawn]
        assert LibraryFinding.objects.filter(publication=published).count() == 3
        messages = refusal(
            publishing.publication_withdraw,
            actor=business_manager,
            review=published.review,
            withdrawn_on=D(2027, 6, 30),
        )
        assert messages == ["The report has already been taken off the website"]

    def test_withdrawal_of_an_unpublished_report_is_refused(self, final, business_manager):
        messages = refusal(
            publishing.publication_withdraw,
            actor=business_manager,
            review=final.review,
            withdrawn_on=TODAY,
        )
        assert messages == ["The report has not been published"]


# --- Boards whose rules ask for no copy --------------------------------------------------------


@pytest.mark.parametrize(
    ("regime", "values"),
    [
        (
            "sab",
            {
                "subject_kind": "adult",
                "care_and_support_needs": True,
                "concern_about_working_together": True,
            },
        ),
        ("wales", {"review_type": "cpr_concise"}),
    ],
)
def test_boards_without_a_copy_rule_publish_without_a_copy(
    request, regime, values, supervisor, fake_pdf
):
    board_and_people = request.getfixturevalue(regime)
    board, manager, chair = board_and_people
    review = review_on(board_and_people, reference="Case R", **values)
    report = signed_off(review, supervisor=supervisor, chair=chair)
    render_final(report, manager)
    publishing.publication_decide(actor=chair, review=review, decision="publish", planned_on=TODAY)
    assert panel_copy_deadline(review) is None
    messages = refusal(publishing.panel_copy_record, actor=manager, review=review, sent_on=TODAY)
    assert messages == ["This board's rules do not ask for a copy to the national panel"]
    publication = publishing.publication_record(
        actor=manager, review=review, published_on=TODAY, address="https://example.org/r"
    )
    assert publication.is_published
    assert LibraryFinding.objects.filter(publication=publication).count() == 3
    assert publishing.online_until(review, publication) == D(2027, 6, 15)


def test_do_not_publish_in_wales_records_the_reasons_but_tells_no_english_panel(wales, supervisor):
    """England's national panel has no say in Wales (no rule found names who is told there)."""
    review = review_on(wales, reference="Child W", review_type="cpr_concise")
    publication = publishing.publication_decide(
        actor=wales[2], review=review, decision="do_not_publish", reasons="The family's wishes."
    )
    assert publication.reasons == "The family's wishes."
    assert not Notification.objects.filter(incident=review.incident, about="not_publishing")


# --- The learning library ----------------------------------------------------------------------


@pytest.fixture
def library(ready, chair, business_manager, pair, lscb, supervisor, frozen, fake_pdf):
    """Two published reviews: the partners board's (an LCSPR, June 2026) with a finding about
    missed dental appointments, and the LSCB's (an SCR, January 2027); a third review decided
    but not published."""
    review = ready.review
    first = review.findings.order_by("created_at").first()
    Finding.objects.filter(pk=first.pk).update(
        why_it_matters="Missed dental appointments were a sign of neglect nobody saw."
    )
    # The records changed: the chair signs the report off again, and the final PDFs are made
    # again.
    report = reports.report_reopen(actor=chair, report=ready)
    reports.report_quality_assure(actor=supervisor, report=report)
    reports.report_approve(actor=chair, report=report)
    reports.report_sign_off(actor=chair, report=report)
    render_final(report, pair[0])
    publish(
        review,
        chair=chair,
        manager=business_manager,
        frozen=frozen,
        planned_on=D(2026, 6, 30),
        sent_on=TODAY,
    )
    board, manager, lscb_chair = lscb
    older = review_on(lscb, reference="Child L")
    frozen.move_to(at(D(2027, 1, 4)))
    report = signed_off(older, supervisor=supervisor, chair=lscb_chair)
    render_final(report, manager)
    publish(
        older,
        chair=lscb_chair,
        manager=manager,
        frozen=frozen,
        planned_on=D(2027, 1, 11),
        sent_on=D(2027, 1, 4),
    )
    unpublished = review_on(lscb, reference="Child U")
    report = signed_off(unpublished, supervisor=supervisor, chair=lscb_chair)
    publishing.publication_decide(
        actor=lscb_chair, review=unpublished, decision="publish", planned_on=D(2027, 2, 1)
    )
    Finding.objects.filter(review=unpublished).update(title="Unpublished dental finding")
    return review, older


class TestLibrary:
    def test_published_findings_of_every_board_appear(self, library):
        found, counts = selectors.library_search()
        assert found.count() == 6
        assert {f.case_reference for f in found} == {"Child Q", "Child L"}
        assert not any("Unpublished" in f.title for f in found)
        # Newest first.
        assert [f.case_reference for f in found][:3] == ["Child L"] * 3
        assert selectors.library_years() == [2027, 2026]

    def test_a_finding_holds_its_sections_and_the_boards_response(self, library):
        finding = LibraryFinding.objects.filter(case_reference="Child Q").order_by("position")[0]
        assert finding.title.startswith("Finding 1: health professionals")
        assert "Why it matters\nMissed dental appointments" in finding.body
        assert "The board's response\nThe board accepts this finding" in finding.body
        assert finding.review_type == "lcspr"
        assert finding.published_on == D(2026, 6, 30)

    @pytest.mark.parametrize(
        ("words", "count"),
        [
            ("strategy", 6),
            ("STRATEGY discussions", 6),
            ("discussion", 6),
            ("dental", 1),
            ("dental neglect", 1),
            ("dental cardiology", 0),
            ("xylophone", 0),
        ],
    )
    def test_searched_by_words(self, library, words, count):
        found, counts = selectors.library_search(words=words)
        assert found.count() == count
        assert sum(counts.values()) == count
        if words.startswith("dental") and count:
            assert found.get().case_reference == "Child Q"

    def test_postgresql_search_is_stemmed_and_ranked(self, library):
        from django.db import connection

        if connection.vendor != "postgresql":
            pytest.skip("full-text search is PostgreSQL's; SQLite matches the words as typed")
        found, _ = selectors.library_search(words="neglected appointment")
        assert [f.title for f in found] == [
            LibraryFinding.objects.get(body__contains="dental appointments").title
        ]
        # A word in the title ranks above the same word only in the body (every finding's
        # body tells of the risk that built up over the winter).
        LibraryFinding.objects.filter(case_reference="Child L", position=3).update(
            title="Risk builds up over the winter"
        )
        found, _ = selectors.library_search(words="winter")
        assert found.count() == 6
        assert found[0].title == "Risk builds up over the winter"

    def test_category_counts_and_filter(self, library):
        found, counts = selectors.library_search()
        assert counts == {"tools": 2, "management_systems": 2, "incidents_and_crises": 2}
        found, counts = selectors.library_search(category="tools")
        assert found.count() == 2
        assert {f.category.code for f in found} == {"tools"}
        # The counts are of everything but the category: they say where else to look.
        assert counts == {"tools": 2, "management_systems": 2, "incidents_and_crises": 2}
        found, counts = selectors.library_search(words="dental", category="tools")
        assert found.count() == 1
        assert counts == {"tools": 1}

    def test_review_type_and_year_filters(self, library):
        found, _ = selectors.library_search(review_type="scr")
        assert {f.case_reference for f in found} == {"Child L"}
        found, _ = selectors.library_search(review_type="lcspr")
        assert {f.case_reference for f in found} == {"Child Q"}
        found, counts = selectors.library_search(year=2026)
        assert {f.case_reference for f in found} == {"Child Q"}
        assert sum(counts.values()) == 3
        found, _ = selectors.library_search(year=2025)
        assert not found.exists()
        found, _ = selectors.library_search(words="strategy", review_type="scr", year=2027)
        assert found.count() == 3
