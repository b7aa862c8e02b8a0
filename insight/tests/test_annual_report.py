"""A board's annual learning and improvement report (reporting year 1 April to 31 March).

A seeded year gives known answers, 31 March and 1 April included; a real name written into an
action is withheld; a request is queued once, rendered by the worker to a tagged PDF (or failed
with a reason, or failed when abandoned); the pages let in only who may, in bounded queries.
Today is frozen at Friday 15 May 2026, so the year under test (2025 to 2026) is over.
"""

import datetime as dt
import io

import pypdf
import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from deadlines.models import Deadline
from guidance import rulebooks
from insight import annual, services, tasks
from insight.models import AnnualReport
from publication import rendering
from publication.models import LibraryFinding, Publication
from reviews.models import Finding, FindingCategory, Review
from reviews.services import actions as action_services
from reviews.services import incidents as incident_services
from reviews.tests.factories import decide, log_incident

D = dt.date
YEAR = annual.ReportingYear(2025)
REAL_NAME = "Jasmine Realname"
State = AnnualReport.State
FAKE_PDF = rendering.Document(pdf=b"%PDF-1.7 not really", pages=3)

CASES = [  # reference, notified on, the chair's decision, decided on, review completed on
    ("Child A", D(2024, 6, 10), "initiate_review", D(2024, 6, 20), D(2025, 4, 1)),
    ("Child B", D(2025, 4, 1), "initiate_review", D(2025, 4, 10), D(2026, 3, 31)),
    ("Child C", D(2025, 3, 31), "initiate_review", D(2025, 3, 31), D(2026, 4, 1)),
    ("Child D", D(2026, 3, 31), "alternative_review", D(2026, 4, 1), None),
    ("Child E", D(2025, 9, 1), "no_review", D(2025, 9, 15), None),
    ("Child F", D(2026, 4, 1), None, None, None),
    ("Child G", D(2025, 10, 1), "alternative_review", D(2025, 10, 5), D(2026, 1, 15)),
]
DEADLINES = [  # reference, clock, due on, met on
    ("Child A", "complete", D(2025, 5, 1), D(2025, 4, 1)),  # on time
    ("Child B", "complete", D(2026, 2, 1), D(2026, 3, 31)),  # late
    ("Child C", "complete", D(2026, 4, 1), D(2026, 4, 1)),  # due after the year
    ("Child B", "notify_panel", D(2025, 4, 1), D(2025, 4, 1)),  # first day: on time
    ("Child C", "notify_panel", D(2025, 3, 31), None),  # the day before the year
    ("Child D", "notify_panel", D(2026, 3, 31), D(2026, 4, 2)),  # last day, met after: late
    ("Child E", "notify_panel", D(2025, 9, 3), None),  # overdue: late
    ("Child G", "notify_panel", D(2025, 10, 3), D(2025, 10, 2)),  # on time
    ("Child B", "rapid_review", D(2025, 4, 20), D(2025, 4, 15)),  # on time
    ("Child F", "rapid_review", D(2026, 4, 20), None),  # after the year
]
FINDINGS = [("Child A", "tools"), ("Child A", "tools"), ("Child B", "human_reasoning")]
FINDINGS += [("Child C", "tools"), ("Child G", "retired")]  # C: completed after the year
ACTIONS = [  # reference, status, completed on, description, evidence of impact
    ("Child A", "completed", D(2025, 4, 1), "Invite the nurse", "Nurses came to 9 of 10"),
    ("Child A", "completed", D(2025, 3, 31), "Audit referrals", "Done the year before"),
    ("Child B", "completed", D(2026, 3, 31), "Train duty social workers", ""),
    ("Child C", "completed", D(2026, 4, 1), "Review escalation", "Done the year after"),
    ("Child G", "in_progress", None, "Write a neglect strategy", ""),
    ("Child G", "planned", None, "Audit the strategy", ""),
    ("Child C", "cancelled", None, "Buy a new system", ""),
]


@pytest.fixture(autouse=True)
def clock():
    with time_machine.travel(dt.datetime(2026, 5, 15, 12, tzinfo=dt.UTC), tick=False) as now:
        yield now


@pytest.fixture
def fake_pdf(monkeypatch):
    """WeasyPrint is not needed to test the report's life: a stand-in PDF."""
    monkeypatch.setattr("publication.rendering.pdf_from_html", lambda html: FAKE_PDF)


@pytest.fixture
def queue(monkeypatch):
    sent = []
    monkeypatch.setattr(services, "_enqueue", sent.append)
    return sent


def add_action(manager, agency, review, status, completed_on, description, impact):
    return action_services.action_add(
        actor=manager, review=review, description=description, owner_agency=agency,
        due_on=D(2026, 6, 30), status=status, completed_on=completed_on,
        evidence_of_impact=impact,
    )  # fmt: skip


def case(manager, chair, board, notified, outcome=None, decided=None, completed=None, **ref):
    """An incident notified, decided on by the chair, its review completed, as in use."""
    dates = {"incident_on": notified, "la_aware_on": notified, "notified_on": notified}
    incident = log_incident(actor=manager, board=board, **dates, **ref)
    if outcome:
        decide(actor=chair, incident=incident, outcome=outcome, decided_on=decided)
    Review.objects.filter(incident=incident).update(completed_on=completed)
    return incident


@pytest.fixture
def seeded(board, business_manager, chair, agency):
    """CASES through the services; then exactly DEADLINES, FINDINGS, ACTIONS and a published
    report of Child A (in the year) and of Child C (after it). Returns the incidents."""
    cases = {
        reference: case(business_manager, chair, board, *facts, reference=reference)
        for reference, *facts in CASES
    }
    reviews = {r.incident.reference: r for r in Review.objects.select_related("incident")}
    Deadline.objects.filter(board=board).delete()
    for reference, clock, due_on, met_on in DEADLINES:
        incident = cases[reference]
        Deadline.objects.create(
            board=board, kind="clock", owner_id=incident.pk, case_id=incident.pk,
            rulebook=incident.rulebook, clock=clock,
            starts_on=due_on - dt.timedelta(days=10), due_on=due_on, met_on=met_on,
        )  # fmt: skip
    FindingCategory.objects.create(code="retired", name="Retired category", order=9, active=False)
    FindingCategory.objects.create(code="unused", name="Unused category", order=10, active=False)
    for reference, code in FINDINGS:
        category = FindingCategory.objects.get(code=code)
        Finding.objects.create(review=reviews[reference], category=category, title="A finding")
    for reference, *action in ACTIONS:
        add_action(business_manager, agency, reviews[reference], *action)
    for reference, published_on in [("Child A", D(2025, 6, 1)), ("Child C", D(2026, 4, 10))]:
        publication = Publication.objects.create(
            review=reviews[reference], decision="publish", decided_by=chair,
            decided_on=published_on, published_on=published_on,
        )  # fmt: skip
        LibraryFinding.objects.create(
            publication=publication, board=board, category=FindingCategory.objects.first(),
            review_type="lcspr", case_reference=reference, published_on=published_on,
            position=1, title=f"Published finding of {reference}", body="What was learned.",
        )  # fmt: skip
    return cases


@pytest.fixture
def named(seeded, board, business_manager, agency):
    """A real name of Child B's subject, written by mistake into an action done in the year."""
    incident_services.person_add(
        actor=business_manager, incident=seeded["Child B"], role="subject", name=REAL_NAME
    )
    review = Review.objects.get(incident=seeded["Child B"])
    add_action(
        business_manager, agency, review, "completed", D(2026, 3, 1),
        f"Talk with {REAL_NAME}'s school", "The Realname family were told",
    )  # fmt: skip
    return review


def test_the_reporting_year_runs_from_1_april_to_31_march():
    assert (YEAR.first, YEAR.last, YEAR.label) == (D(2025, 4, 1), D(2026, 3, 31), "2025 to 2026")
    assert annual.ReportingYear.containing(D(2026, 3, 31)) == YEAR
    assert annual.ReportingYear.containing(D(2026, 4, 1)) == annual.ReportingYear(2026)
    assert services.annual_report_years()[:2] == [2026, 2025]
    assert services.annual_report_years()[-1] == services.FIRST_YEAR


@pytest.mark.pdf
def test_the_pdf_with_its_charts_passes_the_machine_checkable_pdf_ua_rules(seeded, board, tmp_path):
    from core.tests.pdf_ua import assert_pdf_ua

    content = annual.annual_content(board, YEAR)
    assert content.timeliness  # the chart is drawn
    assert_pdf_ua(rendering.pdf_from_html(annual.html_for(content)).pdf, tmp_path)


def test_a_seeded_year_gives_the_known_figures(seeded, board, agency):
    content = annual.annual_content(board, YEAR)
    assert content.notified == 4  # B, D, E and G; C a day before, F a day after
    assert content.decisions == [
        ("Initiate a statutory review", 1), ("Hold an alternative review", 1), ("No review", 1)
    ]  # fmt: skip
    lcspr = "Local child safeguarding practice review"
    assert content.started == [(lcspr, 1), ("Learning review", 1)]
    assert [(c.reference, c.completed_on, c.on_time) for c in content.completed] == [
        ("Child A", D(2025, 4, 1), True),
        ("Child G", D(2026, 1, 15), None),  # no completion clock: no statutory timescale
        ("Child B", D(2026, 3, 31), False),
    ]
    assert [(clock.code, rate.on_time, rate.late) for clock, rate in content.timeliness] == [
        ("notify_panel", 2, 2), ("rapid_review", 1, 0), ("complete", 1, 1)
    ]  # fmt: skip
    themes = dict(content.themes)
    assert themes["Human–tool operation"] == 2 and themes["Human reasoning"] == 1
    assert themes["Retired category"] == 1 and "Unused category" not in themes
    assert sum(themes.values()) == 4 and len(themes) == 7
    assert [f.title for f in content.published_findings] == ["Published finding of Child A"]
    done = content.actions_done
    assert [(a.reference, a.description, a.agency, a.completed_on, a.impact) for a in done] == [
        ("Child A", "Invite the nurse", agency.name, D(2025, 4, 1), "Nurses came to 9 of 10"),
        ("Child B", "Train duty social workers", agency.name, D(2026, 3, 31), ""),
    ]
    assert content.actions_now == [
        ("Planned", 1), ("In progress", 1), ("Completed", 4), ("Cancelled", 1)
    ]  # fmt: skip
    assert content.withheld == []


def test_a_deadline_due_on_the_last_day_and_never_met_counts_late(seeded, board):
    Deadline.objects.filter(clock="rapid_review").delete()
    incident = seeded["Child D"]
    Deadline.objects.create(
        board=board, kind="clock", owner_id=incident.pk, case_id=incident.pk,
        rulebook=incident.rulebook, clock="rapid_review",
        starts_on=D(2026, 3, 20), due_on=D(2026, 3, 31), met_on=None,
    )  # fmt: skip
    rates = dict(annual.annual_content(board, YEAR).timeliness)
    assert rates[rulebooks.for_regime(board.regime).clock("rapid_review")].late == 1


def test_a_real_name_in_an_action_is_withheld_and_its_place_listed(named, board, agency):
    content = annual.annual_content(board, YEAR)
    # Named as the action plan lists it, so that the board can find it and correct it.
    place = f"Child B, the action of {agency.name} due 30 June 2026"
    assert content.withheld == [f"{place}: its description", f"{place}: its impact"]
    first_of_b = next(a for a in content.actions_done if a.reference == "Child B")
    assert (first_of_b.description, first_of_b.impact) == (annual.WITHHELD, annual.WITHHELD)
    html = annual.html_for(content)
    assert "Jasmine" not in html and "Realname" not in html
    assert "2 passages withheld" in html and escape(f"{place}: its impact") in html


@pytest.mark.pdf
def test_asked_rendered_and_read_back_as_a_tagged_pdf(
    named, board, business_manager, queue, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        report = services.annual_report_request(actor=business_manager, board=board, year=2025)
    assert queue == [report.pk] and report.state == State.QUEUED
    done = services.annual_report_run(report.pk)
    assert done.state == State.READY, done.failure_reason
    reader = pypdf.PdfReader(io.BytesIO(done.pdf.read()))
    texts = [page.extract_text() for page in reader.pages]
    text = " ".join(" ".join(texts).split())
    assert done.pages == len(texts) >= 2
    for wanted in (
        "Annual learning and improvement report", board.name, "2025 to 2026",
        "Serious incidents notified to the board 4", "Reviews completed 3",
        f"Page 2 of {len(texts)}", f"Page {len(texts)} of {len(texts)}",
    ):  # fmt: skip
        assert wanted in text, wanted
    assert "Jasmine" not in text + done.html and "Realname" not in text + done.html
    root = reader.trailer["/Root"]
    assert "/StructTreeRoot" in root and root["/MarkInfo"]["/Marked"].value is True
    assert root["/Lang"] == "en-GB"
    assert "Annual learning and improvement report 2025 to 2026" in reader.metadata.title
    finished = done.finished_at
    assert services.annual_report_run(report.pk) is None  # delivered twice: left alone
    report.refresh_from_db()
    assert (report.state, report.finished_at) == (State.READY, finished)


@pytest.mark.parametrize("year", [1990, 2014, 2027])
def test_a_year_not_offered_is_refused(board, business_manager, year):
    with pytest.raises(ValidationError) as refused:
        services.annual_report_request(actor=business_manager, board=board, year=year)
    assert refused.value.message_dict == {"year": ["Select a reporting year"]}
    assert not AnnualReport.objects.exists()


def test_asked_twice_queued_once_and_rendered_by_the_celery_task(
    board, business_manager, chair, queue, fake_pdf, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        report = services.annual_report_request(actor=business_manager, board=board, year=2025)
        again = services.annual_report_request(actor=chair, board=board, year=2025)
        other_year = services.annual_report_request(actor=chair, board=board, year=2024)
    assert again.pk == report.pk and other_year.pk != report.pk
    assert queue == [report.pk, other_year.pk]  # each sent to the worker once, after the commit
    assert tasks.render_annual_report.apply(args=[str(report.pk)]).get() == State.READY
    assert tasks.render_annual_report(str(report.pk)) is None
    report.refresh_from_db()
    assert report.pages == 3 and report.pdf.read().startswith(b"%PDF")
    assert "Annual learning and improvement report" in report.html


def test_a_failed_rendering_says_why_without_case_details(named, board, chair, queue, monkeypatch):
    def broken(html):
        raise RuntimeError(f"{REAL_NAME} of Child B broke it")

    monkeypatch.setattr("publication.rendering.pdf_from_html", broken)
    report = services.annual_report_request(actor=chair, board=board, year=2025)
    done = services.annual_report_run(report.pk)
    assert done.state == State.FAILED and not done.pdf
    assert done.failure_reason == "The PDF could not be rendered (RuntimeError)"


def test_an_abandoned_request_is_failed_and_asked_again(board, chair, queue, clock):
    lost = services.annual_report_request(actor=chair, board=board, year=2025)
    clock.move_to(timezone.now() + dt.timedelta(minutes=14))
    assert services.annual_report_request(actor=chair, board=board, year=2025).pk == lost.pk
    clock.move_to(timezone.now() + dt.timedelta(minutes=2))
    again = services.annual_report_request(actor=chair, board=board, year=2025)
    assert again.pk != lost.pk and again.state == State.QUEUED
    lost.refresh_from_db()
    assert lost.state == State.FAILED
    assert lost.failure_reason == "The worker did not finish it: ask for it again"
    assert services.annual_report_run(lost.pk) is None


# The pages.


def urls(board, report=None) -> dict[str, str]:
    found = {
        "list": reverse("insight:annual_reports", args=[board.pk]),
        "web": reverse("insight:annual_report_web", args=[board.pk, 2025]),
    }
    if report is not None:
        found["pdf"] = reverse("insight:annual_report_pdf", args=[board.pk, report.pk])
    return found


@pytest.fixture
def ready(board, chair, queue, fake_pdf):
    report = services.annual_report_request(actor=chair, board=board, year=2025)
    return services.annual_report_run(report.pk)


@pytest.mark.parametrize("role", ["business_manager", "chair", "member", "viewer"])
def test_the_boards_readers_see_the_list_and_only_makers_the_form(
    request, client, role, ready, django_assert_max_num_queries
):
    client.force_login(request.getfixturevalue(role))
    with django_assert_max_num_queries(10):
        response = client.get(urls(ready.board)["list"])
    assert response.status_code == 200
    html = response.content.decode()
    assert "Annual learning and improvement reports" in html and "Download the PDF" in html
    assert ("Make the report" in html) == (role in ("business_manager", "chair"))


@pytest.mark.parametrize("data", [{}, {"year": ""}, {"year": "1990"}, {"year": "2027"}])
def test_a_bad_choice_shows_the_error_summary_and_saves_nothing(client, board, chair, data, queue):
    client.force_login(chair)
    response = client.post(urls(board)["list"], data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "There is a problem" in html and "Select a reporting year" in html
    assert not AnnualReport.objects.exists() and queue == []


def test_the_business_manager_makes_a_report(client, board, business_manager, queue):
    client.force_login(business_manager)
    response = client.post(urls(board)["list"], {"year": "2025"}, follow=True)
    report = AnnualReport.objects.get()
    assert (report.year, report.requested_by, report.state) == (2025, business_manager, "queued")
    assert "The annual report for 2025 to 2026 is queued" in response.content.decode()


@pytest.mark.parametrize("role", ["member", "viewer", "lead_reviewer"])
def test_only_the_business_manager_and_chair_may_make_one(request, client, board, role, queue):
    user = request.getfixturevalue(role)
    client.force_login(user)
    assert client.post(urls(board)["list"], {"year": "2025"}).status_code == 403
    with pytest.raises(PermissionDenied):
        services.annual_report_request(actor=user, board=board, year=2025)
    assert not AnnualReport.objects.exists()


def test_another_boards_user_gets_404_and_a_lead_reviewer_403(
    client, ready, other_board_user, lead_reviewer
):
    for user, status in [(other_board_user, 404), (lead_reviewer, 403)]:
        client.force_login(user)
        for name, url in urls(ready.board, ready).items():
            assert client.get(url).status_code == status, (user, name)
        assert client.post(urls(ready.board)["list"], {"year": "2025"}).status_code == status


def test_only_a_ready_pdf_of_the_board_is_downloaded(
    client, ready, board, chair, other_board, other_board_user
):
    client.force_login(chair)
    response = client.get(urls(board, ready)["pdf"])
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    queued = services.annual_report_request(actor=chair, board=board, year=2024)
    failed = AnnualReport.objects.create(board=board, year=2023, requested_by=chair, state="failed")
    theirs = AnnualReport.objects.create(
        board=other_board, year=2025, requested_by=other_board_user, state="ready",
        pdf=ready.pdf.name,
    )  # fmt: skip
    for report in (queued, failed):
        assert client.get(urls(board, report)["pdf"]).status_code == 404
    assert client.get(urls(board, theirs)["pdf"]).status_code == 404


def test_the_web_version_shows_the_figures_now(
    client, seeded, board, member, django_assert_max_num_queries
):
    client.force_login(member)
    with django_assert_max_num_queries(28):
        html = client.get(urls(board)["web"]).content.decode()
    assert "<td>4</td>" in html.split("Serious incidents notified to the board")[1][:40]
    for wanted in ("Child A", "Child G", "Published finding of Child A", "No (due 1 Feb 2026)"):
        assert wanted in html
    for not_offered in (1990, 2027):
        url = reverse("insight:annual_report_web", args=[board.pk, not_offered])
        assert client.get(url).status_code == 404


def more_completed_reviews(board, manager, chair, agency, count):
    """`count` reviews completed in the year, each with an action done and a finding."""
    for _ in range(count):
        day = D(2025, 5, 1)
        incident = case(manager, chair, board, day, "initiate_review", day, D(2025, 12, 1))
        review = Review.objects.get(incident=incident)
        Finding.objects.create(review=review, category=FindingCategory.objects.first(), title="F")
        add_action(manager, agency, review, "completed", D(2025, 12, 2), "Do it", "Done")


def test_the_web_versions_queries_do_not_grow_with_the_reviews(
    client, seeded, board, chair, business_manager, agency, django_assert_max_num_queries
):
    client.force_login(chair)
    more_completed_reviews(board, business_manager, chair, agency, 1)
    # The year's counts are one query, the completion clocks read with the reviews, the
    # findings by category one (issue 21); the learning shared in the year three
    # (sharing.selectors.reach).
    with django_assert_max_num_queries(22) as few:
        client.get(urls(board)["web"])
    more_completed_reviews(board, business_manager, chair, agency, 5)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(urls(board)["web"])


def test_an_abandoned_report_is_tried_again_once_by_the_sweep(
    board, chair, queue, clock, fake_pdf, django_capture_on_commit_callbacks
):
    from publication import jobs

    stuck = services.annual_report_request(actor=chair, board=board, year=2025)
    assert jobs.claim(AnnualReport, stuck.pk)  # and its worker dies
    fresh = services.annual_report_request(actor=chair, board=board, year=2024)
    clock.move_to(timezone.now() + dt.timedelta(minutes=14))
    with django_capture_on_commit_callbacks(execute=True):
        assert jobs.retry_abandoned() == 0
    clock.move_to(timezone.now() + dt.timedelta(minutes=2))
    with django_capture_on_commit_callbacks(execute=True):
        assert jobs.retry_abandoned() == 2  # the one left rendering, and the one lost queued
        assert jobs.retry_abandoned() == 0
    stuck.refresh_from_db()
    assert (stuck.state, stuck.failure_reason) == (State.FAILED, jobs.ABANDONED_RETRIED)
    again = stuck.retried_as
    assert (again.board, again.year, again.requested_by, again.attempt) == (board, 2025, chair, 2)
    assert queue == [fresh.retried_as.pk, again.pk] or queue == [again.pk, fresh.retried_as.pk]
    assert services.annual_report_run(again.pk).state == State.READY
    assert services.annual_report_run(stuck.pk) is None


def test_an_annual_report_abandoned_on_every_try_is_failed_for_good(
    board, chair, queue, clock, client, django_capture_on_commit_callbacks
):
    from publication import jobs

    current = services.annual_report_request(actor=chair, board=board, year=2025)
    for _ in range(jobs.MAX_ATTEMPTS):
        clock.move_to(timezone.now() + dt.timedelta(minutes=16))
        with django_capture_on_commit_callbacks(execute=True):
            jobs.retry_abandoned()
        current.refresh_from_db()
        current = getattr(current, "retried_as", current)
    assert (current.attempt, current.state) == (jobs.MAX_ATTEMPTS, State.FAILED)
    assert current.failure_reason == jobs.ABANDONED_GIVEN_UP
    assert board.annual_reports.count() == jobs.MAX_ATTEMPTS
    assert len(queue) == jobs.MAX_ATTEMPTS - 1
    # The page lists each try, with its reason.
    client.force_login(chair)
    page = client.get(urls(board)["list"]).content.decode()
    assert "The worker did not finish it after several tries: ask for it again" in page
    assert "The worker did not finish it: it was tried again" in page
    assert "(try 3: an earlier try was not finished)" in page
