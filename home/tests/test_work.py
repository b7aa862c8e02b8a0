"""Each role's work queue on the home page (home.work): what is theirs to do, most urgent first,
each item a link to where it is done; nothing of a board they hold no role on; the count in
the navigation; a number of queries that does not grow with the work."""

import datetime as dt

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accreditation.models import Accreditation, ApplicationScore, SupervisionBooking
from accreditation.tests.factories import (
    ApplicationFactory,
    SessionFactory,
    accredit,
    enrol,
)
from boards.tests.factories import AgencyFactory, MembershipFactory
from core.tests.factories import UserFactory
from core.work import DUE_SOON, OVERDUE, UPCOMING
from home.work import SHOWN_PER_SOURCE, navigation_counts, work_count, work_queue
from publication.models import Publication, Rendering, Report
from reviews.models import PanelAdvice
from reviews.services import contributions
from reviews.services.reviews import reviewer_appoint
from reviews.tests.factories import ask, decide, invite, log_incident

D = dt.date
TODAY = D(2026, 3, 20)


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(dt.datetime(2026, 3, 20, 12, tzinfo=dt.UTC), tick=False):
        yield


def home_of(client, user):
    client.force_login(user)
    response = client.get(reverse("home"))
    assert response.status_code == 200
    return response.context["work"], response.content.decode()


def groups(queue) -> set:
    return {item.group for item in queue.items}


@pytest.fixture
def incident(business_manager, board):
    return log_incident(actor=business_manager, board=board, reference="Child Q")


@pytest.fixture
def review(incident, chair):
    decide(actor=chair, incident=incident, decided_on=D(2026, 3, 10))
    incident.refresh_from_db()
    return incident.review


def test_the_business_manager_sees_the_cases_overdue_clocks_first_each_a_link_to_its_case(
    client, business_manager, board, incident
):
    queue, page = home_of(client, business_manager)
    clocks = [item for item in queue.items if item.group == "Statutory clock"]
    assert clocks, queue.items
    assert all(item.title.startswith("Child Q: ") for item in clocks)
    assert clocks[0].urgency == OVERDUE
    assert [item.sort_key for item in queue.items] == sorted(i.sort_key for i in queue.items)
    case_page = reverse("reviews:incident_detail", args=[board.pk, incident.pk])
    assert clocks[0].path == case_page
    assert f'href="{case_page}"' in page
    assert "Overdue" in page


def test_the_chair_sees_the_decision_to_make_until_it_is_made(client, chair, board, incident):
    queue, page = home_of(client, chair)
    decisions = [item for item in queue.items if item.group == "Decisions to make"]
    assert [item.title for item in decisions] == ["Child Q: decide whether to hold a review"]
    assert decisions[0].path == reverse("reviews:decision", args=[board.pk, incident.pk])
    # As urgent as the soonest clock of the case, which is overdue.
    assert decisions[0].urgency == OVERDUE
    decide(actor=chair, incident=incident, decided_on=D(2026, 3, 10))
    queue, _ = home_of(client, chair)
    assert "Decisions to make" not in groups(queue)


def test_panel_advice_waits_for_the_boards_response(client, chair, business_manager, review):
    advice = PanelAdvice.objects.create(
        decision=review.incident.decision, received_on=D(2026, 3, 16), advice="Consider X."
    )
    for user in (chair, business_manager):
        queue, page = home_of(client, user)
        items = [item for item in queue.items if item.group == "Panel advice to answer"]
        assert len(items) == 1 and "16 March 2026" in items[0].title
        assert items[0].path.endswith(f"/{advice.pk}/edit/") or str(advice.pk) in items[0].path
    advice.response = "We considered it."
    advice.save()
    queue, _ = home_of(client, chair)
    assert "Panel advice to answer" not in groups(queue)


def test_the_chair_is_asked_to_approve_sign_off_and_decide_on_publishing(
    client, chair, business_manager, board, review
):
    report = Report.objects.create(review=review, status=Report.Status.QUALITY_ASSURED)
    queue, _ = home_of(client, chair)
    report_page = reverse("publication:report", args=[board.pk, review.pk])
    items = [item for item in queue.items if item.path == report_page]
    assert [item.title for item in items] == ["Child Q: approve the report for the board"]

    report.status = Report.Status.BOARD_APPROVED
    report.save()
    queue, _ = home_of(client, chair)
    assert "Child Q: sign the report off as final" in [item.title for item in queue.items]

    report.status = Report.Status.FINAL
    report.save()
    queue, _ = home_of(client, chair)
    assert "Child Q: decide whether to publish the report" in [i.title for i in queue.items]
    # Not the business manager's to decide.
    queue, _ = home_of(client, business_manager)
    assert "Publication decisions" not in groups(queue)


def test_the_business_manager_is_asked_to_render_a_report_to_be_published(
    client, chair, business_manager, board, review
):
    report = Report.objects.create(review=review, status=Report.Status.FINAL, version=3)
    Publication.objects.create(
        review=review, decision="publish", decided_by=chair, decided_on=TODAY
    )
    queue, _ = home_of(client, business_manager)
    assert "Reports to render" in groups(queue)
    # A PDF of an earlier version does not do; one of the final version (being made) does.
    rendering = Rendering.objects.create(
        report=report, report_version=2, report_status="final", requested_by=business_manager
    )
    assert "Reports to render" in groups(home_of(client, business_manager)[0])
    rendering.report_version = 3
    rendering.save()
    assert "Reports to render" not in groups(home_of(client, business_manager)[0])
    # A failed one puts it back.
    rendering.state = Rendering.State.FAILED
    rendering.save()
    assert "Reports to render" in groups(home_of(client, business_manager)[0])


def test_a_reviewer_sees_their_reviews_next_step_and_what_stops_it(
    client, business_manager, board, review
):
    lead = MembershipFactory(board=board, role="lead_reviewer", user__name="Lena Lead").user
    accredit(lead)
    reviewer_appoint(
        actor=business_manager,
        review=review,
        user=lead,
        role="lead",
        independence_declared=True,
        appointed_on=D(2026, 3, 11),
    )
    queue, page = home_of(client, lead)
    steps = [item for item in queue.items if item.group == "Your reviews' next steps"]
    assert len(steps) == 1
    assert steps[0].path == reverse("reviews:review_detail", args=[board.pk, review.pk])
    assert steps[0].title.startswith("Child Q: before ")
    assert "no reviewer pair appointed" in steps[0].title


def test_a_contributor_sees_their_agencys_requests_and_not_another_agencys(
    client, business_manager, board, review
):
    police = AgencyFactory(board=board, name="Northshire Police", sector="police")
    health = AgencyFactory(board=board, name="Northshire Health", sector="health")
    officer = invite(business_manager, review, police, "pc.jones@police.example", "Pat").user
    nurse = invite(business_manager, review, health, "n.patel@health.example", "Nina").user
    for agency, due_on in ((police, D(2026, 4, 30)), (health, D(2026, 3, 18))):
        request = ask(business_manager, review, agency, requested_on=D(2026, 3, 11), due_on=due_on)
        contributions.agency_request_send(actor=business_manager, request=request)

    queue, page = home_of(client, officer)
    assert [(item.title, item.urgency) for item in queue.items] == [
        ("Child Q: answer the request for a chronology of the agency's contact", UPCOMING)
    ]
    assert queue.items[0].path.startswith("/agency/")
    # The health trust's request is overdue, and theirs alone.
    queue, _ = home_of(client, nurse)
    assert [item.urgency for item in queue.items] == [OVERDUE]
    assert all("Northshire Police" not in item.board for item in queue.items)


def test_the_accreditation_staff_see_applications_sessions_annual_reviews_and_lapses(client, db):
    staff = UserFactory(is_accreditation_staff=True)
    application = ApplicationFactory(applicant__name="Ann Applicant")
    session = SessionFactory(date=D(2026, 3, 12), title="Group supervision March")
    trainee = enrol(UserFactory(name="Tam Trainee"))
    SupervisionBooking.objects.create(session=session, trainee=trainee)
    accredit(UserFactory(name="Rhys Reviewer"), annual_review_due_on=D(2026, 3, 24))
    accredit(
        UserFactory(name="Lou Lapsed"),
        status=Accreditation.Status.LAPSED,
        status_changed_on=D(2026, 3, 1),
    )
    accredit(UserFactory(name="Far Future"), annual_review_due_on=D(2026, 9, 1))

    queue, page = home_of(client, staff)
    by_group = {item.group: item for item in queue.items}
    assert by_group["Applications to score"].title.startswith("Score Ann Applicant's")
    assert (
        "Record who attended Group supervision March"
        in by_group["Supervision sessions to record"].title
    )
    assert by_group["Annual reviews due"].title == "Hold Rhys Reviewer's annual review"
    assert by_group["Annual reviews due"].urgency == DUE_SOON
    assert "Lou Lapsed" in by_group["Accreditations lapsed"].title
    assert "Far Future" not in page

    ApplicationScore.objects.create(
        application=application,
        criterion=application.cohort.criteria.create(text="Experience"),
        scorer=staff,
        score=4,
    )
    assert "Applications to score" not in groups(home_of(client, staff)[0])
    # None of it is anyone else's work.
    queue, _ = home_of(client, UserFactory())
    assert queue.items == []


def test_another_boards_people_get_none_of_the_boards_work(
    client, other_board_user, incident, review
):
    queue, page = home_of(client, other_board_user)
    assert queue.items == []
    assert "Child Q" not in page
    assert "You have nothing to do now" in page


def test_the_navigation_counts_the_work_wherever_the_user_is(client, chair, incident):
    client.force_login(chair)
    total = work_queue(user=chair).total
    assert total >= 1 and work_count(user=chair) == total
    page = client.get(reverse("reminders:list")).content.decode()
    assert f"Your work ({total}" in page


def test_the_home_page_reads_as_many_queries_for_many_cases_as_for_one(
    client, business_manager, chair, board
):
    def queries_of_home(user):
        client.force_login(user)
        with CaptureQueriesContext(connection) as captured:
            assert client.get(reverse("home")).status_code == 200
        return len(captured)

    log_incident(actor=business_manager, board=board)
    few = {user: queries_of_home(user) for user in (business_manager, chair)}
    for _ in range(6):
        log_incident(actor=business_manager, board=board)
    assert {user: queries_of_home(user) for user in (business_manager, chair)} == few
    assert len(work_queue(user=chair).items) > 6


def test_more_deadlines_than_are_shown_are_all_counted_as_the_navigation_counts_them(
    client, business_manager, board
):
    for _ in range(SHOWN_PER_SOURCE + 5):
        log_incident(actor=business_manager, board=board)
    queue, page = home_of(client, business_manager)
    shown = [item for item in queue.items if item.group == "Statutory clock"]
    assert queue.counts["deadlines"] > SHOWN_PER_SOURCE
    assert len(shown) == SHOWN_PER_SOURCE
    # The home page counts the deadlines it reads; the navigation counts them in SQL.
    assert navigation_counts(user=business_manager)["work"] == queue.total
    assert f"You have {queue.total} things to do" in page
    assert "of them are shown: up to 25 of each kind" in page


def test_a_chair_told_of_a_missed_deadline_is_not_given_its_work(
    client, chair, business_manager, board, incident
):
    """The chair's escalation of an overdue clock tells them, but the work stays the business
    manager's: it is not in the chair's queue (their decision is, once)."""
    from deadlines.models import Deadline
    from reminders.models import Reminder

    clock = Deadline.objects.filter(case_id=incident.pk, clock="notify_panel").get()
    Reminder.objects.filter(deadline=clock, recipient=chair).delete()
    Reminder.objects.create(
        deadline=clock,
        recipient=chair,
        kind="escalation:1",
        send_at=dt.datetime(2026, 3, 16, 9, tzinfo=dt.UTC),
    )
    queue, _ = home_of(client, chair)
    assert "Statutory clock" not in groups(queue)
    assert "Decisions to make" in groups(queue)
    queue, _ = home_of(client, business_manager)
    assert "Statutory clock" in groups(queue)


@pytest.fixture
def work_count_kept(settings):
    """The navigation's count kept for a minute, as in use, in a cache of this test's own."""
    settings.WORK_COUNT_SECONDS = 60
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "work-count-tests",
        }
    }
    from django.core.cache import cache

    cache.clear()


def navigation_count_on(client, url) -> int:
    page = client.get(url).content.decode()
    return int(page.split("Your work (", 1)[1].split(")", 1)[0])


def test_the_navigation_keeps_its_count_for_a_minute_then_counts_again(
    client, chair, business_manager, board, incident, work_count_kept
):
    client.force_login(chair)
    before = navigation_count_on(client, reverse("reminders:list"))
    log_incident(actor=business_manager, board=board)  # a decision more for the chair

    with CaptureQueriesContext(connection) as kept:
        assert navigation_count_on(client, reverse("reminders:list")) == before
    a_minute_on = time_machine.travel(dt.datetime(2026, 3, 20, 12, 1, 1, tzinfo=dt.UTC), tick=False)
    with a_minute_on, CaptureQueriesContext(connection) as counted:
        assert navigation_count_on(client, reverse("reminders:list")) == before + 1
    # Counting is queries of its own (the roles, the bank holidays, the counts); kept, none.
    assert len(counted) > len(kept)


def test_the_home_page_counts_afresh_and_the_navigation_follows_it(
    client, chair, business_manager, board, incident, work_count_kept
):
    client.force_login(chair)
    before = navigation_count_on(client, reverse("reminders:list"))
    log_incident(actor=business_manager, board=board)

    assert navigation_count_on(client, reverse("home")) == before + 1
    assert navigation_count_on(client, reverse("reminders:list")) == before + 1


def test_what_someone_changes_shows_in_their_count_on_the_next_page(
    client, chair, business_manager, board, incident, work_count_kept
):
    client.force_login(chair)
    before = navigation_count_on(client, reverse("reminders:list"))
    log_incident(actor=business_manager, board=board)

    # Any form they send (here, the language they read in) counts their work afresh.
    client.post(reverse("language"), {"language": "en-gb", "next": reverse("reminders:list")})
    assert navigation_count_on(client, reverse("reminders:list")) == before + 1


def test_a_kept_count_is_only_its_owners(
    client, chair, business_manager, board, incident, work_count_kept
):
    client.force_login(chair)
    chairs = navigation_count_on(client, reverse("reminders:list"))
    log_incident(actor=business_manager, board=board)

    client.force_login(business_manager)
    managers = navigation_count_on(client, reverse("reminders:list"))
    assert managers == work_count(user=business_manager) != chairs
    client.force_login(chair)
    assert navigation_count_on(client, reverse("reminders:list")) == chairs
