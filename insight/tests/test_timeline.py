"""One review's timeline: its stay in each stage, its statutory clocks (by statute, after
pauses and extensions, met on time or late), drawn as labelled SVG with tables of the same
dates, for those who may see the review, in a bounded number of queries.

The story below is built through the services on frozen days, so that stage changes, clocks,
pauses and extensions are recorded as in use."""

import datetime as dt
import itertools
import re
import xml.etree.ElementTree as ET

import pytest
import time_machine
from django.urls import reverse

from accreditation.tests.factories import accredit
from boards.tests.factories import MembershipFactory
from core.tests.factories import UserFactory
from guidance import rulebooks
from insight import charts, timeline
from insight.selectors import ClockFacts, StagePeriod, clock_facts, stage_periods
from reviews.services import incidents
from reviews.services import reviews as review_services
from reviews.services.workflow import review_transition
from reviews.tests.factories import decide, log_incident

D = dt.date
TODAY = D(2026, 11, 24)
SVG = "{http://www.w3.org/2000/svg}"
NOTIFY, RAPID, COMPLETE = (
    "Notify the Child Safeguarding Practice Review Panel",
    "Complete the rapid review and decide on a local review",
    "Complete the review (target)",
)
SUBJECT_NAME = "Jasmine Realname"


def on(day: dt.date):
    return time_machine.travel(
        dt.datetime(day.year, day.month, day.day, 12, tzinfo=dt.UTC), tick=False
    )


@pytest.fixture(autouse=True)
def frozen():
    with on(TODAY):
        yield


@pytest.fixture
def supervisor(db):
    return UserFactory(name="Sue Pervisor", is_accreditation_staff=True)


@pytest.fixture
def story(board, business_manager, chair, supervisor):
    """Child T: the panel told 3 days late, the review initiated on 20 March (recorded on 25
    March), moved forward, back and forward again; its completion clock paused for a month,
    then extended to 15 December."""
    with on(D(2026, 3, 10)):
        incident = log_incident(actor=business_manager, board=board, reference="Child T")
        incidents.person_add(
            actor=business_manager, incident=incident, role="subject", name=SUBJECT_NAME
        )
    with on(D(2026, 3, 13)):
        incidents.notification_record(
            actor=business_manager,
            incident=incident,
            recipient="national_panel",
            sent_on=D(2026, 3, 12),
        )
    with on(D(2026, 3, 25)):
        decide(actor=chair, incident=incident, decided_on=D(2026, 3, 20))
        incident.refresh_from_db()
        review = incident.review
        manager = {"actor": business_manager, "review": review}
        for name, role in [("Lena Lead", "lead"), ("Colin Colead", "co_lead")]:
            user = MembershipFactory(board=board, role="lead_reviewer", user__name=name).user
            accredit(user)
            review_services.reviewer_appoint(
                **manager,
                user=user,
                role=role,
                independence_declared=True,
                appointed_on=D(2026, 3, 20),
            )
        review_services.review_setup(
            **manager,
            review_type=review.review_type,
            methodology=review.methodology,
            lt_option="full",
            terms_of_reference="What helped.",
            supervisor=supervisor,
        )
        review_services.research_question_add(**manager, question="How was the risk seen?")
    with on(D(2026, 4, 1)):
        review_services.review_pause(
            **manager, reason="criminal_proceedings", details="", paused_on=D(2026, 4, 1)
        )
    with on(D(2026, 4, 15)):
        review_transition(**manager, to="data_collection")
    with on(D(2026, 5, 1)):
        review_services.review_resume(**manager, resumed_on=D(2026, 5, 1))
    for day, stage in [(D(2026, 5, 20), "preparation"), (D(2026, 6, 3), "data_collection")]:
        with on(day):
            review_transition(**manager, to=stage)
    with on(D(2026, 10, 1)):
        review_services.review_extend(
            **manager,
            extended_to=D(2026, 12, 15),
            reason="Inquest evidence awaited",
            agreed_on=D(2026, 10, 1),
        )
    review.refresh_from_db()
    return review


def url_of(review):
    return reverse("insight:timeline", args=[review.board_id, review.pk])


def svg_in(html: str) -> ET.Element:
    start = html.index("<svg xmlns")
    end = html.index("</svg>", start) + len("</svg>")
    return ET.fromstring(html[start:end])  # noqa: S314 (our own page)


def table_rows(html: str, caption: str) -> list[list[str]]:
    """The text of each cell of the table with this caption, row by row, without the head."""
    table = re.search(rf"<caption[^>]*>{caption}</caption>(.*?)</table>", html, re.S)[1]
    rows = re.findall(r"<tr[^>]*>(.*?)</tr>", table.split("<tbody")[1], re.S)
    cells = [re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S) for row in rows]
    return [[" ".join(re.sub(r"<[^>]+>", " ", c).split()) for c in row] for row in cells]


# The facts


def test_each_stay_in_a_stage_is_a_period(story):
    assert [(p.code, p.entered_on, p.left_on) for p in stage_periods(story)] == [
        # Entered when the decision was made (20 March), not when it was recorded (25 March).
        ("preparation", D(2026, 3, 20), D(2026, 4, 15)),
        ("data_collection", D(2026, 4, 15), D(2026, 5, 20)),
        ("preparation", D(2026, 5, 20), D(2026, 6, 3)),
        ("data_collection", D(2026, 6, 3), None),
    ]
    assert stage_periods(story)[1].title == "Data collection"


def test_a_stage_is_named_as_the_reviews_own_methodology_names_it(story, business_manager):
    from reviews.models import StageChange

    story.methodology = "child_practice_review"
    story.stage = "learning_event"
    story.save()
    StageChange.objects.create(
        review=story, from_stage="data_collection", to_stage="learning_event",
        actor=business_manager,
    )  # fmt: skip
    periods = stage_periods(story)
    # SILP calls its stage of the same code "Learning event and recall session".
    assert periods[-1].title == "Learning event"
    assert periods[1].title == "Data collection"  # a Learning Together stay before the switch


def test_clocks_by_statute_after_a_pause_and_an_extension(story):
    clocks = clock_facts(story, TODAY)
    assert [c.title for c in clocks] == [NOTIFY, RAPID, COMPLETE]
    order = [c.title for c in rulebooks.get(story.incident.rulebook).clocks]
    assert sorted(clocks, key=lambda c: order.index(c.title)) == clocks
    notify, rapid, complete = clocks
    assert (notify.starts_on, notify.due_on, notify.met_on) == (
        D(2026, 3, 2),
        D(2026, 3, 9),
        D(2026, 3, 12),
    )
    assert (notify.status, notify.status_label, notify.moved) == ("met_late", "Met late", False)
    assert (rapid.met_on, rapid.status) == (D(2026, 3, 20), "met")
    # Six calendar months from initiation by statute; the extension replaces the due date.
    assert (complete.starts_on, complete.due_by_statute) == (D(2026, 3, 20), D(2026, 9, 20))
    assert (complete.due_on, complete.moved, complete.met_on) == (D(2026, 12, 15), True, None)
    assert [(p.paused_on, p.resumed_on) for p in complete.pauses] == [
        (D(2026, 4, 1), D(2026, 5, 1))
    ]
    assert [e.reason for e in complete.extensions] == ["Inquest evidence awaited"]


def test_a_finished_pause_moves_the_due_date_then_the_clock_is_overdue_or_paused(
    board, business_manager, chair
):
    with on(D(2026, 3, 10)):
        incident = log_incident(actor=business_manager, board=board)
        decide(actor=chair, incident=incident, decided_on=D(2026, 3, 3))
    manager = {"actor": business_manager, "review": incident.review}
    with on(D(2026, 4, 1)):
        review_services.review_pause(
            **manager, reason="inquest", details="", paused_on=D(2026, 4, 1)
        )
    with on(D(2026, 5, 1)):
        review_services.review_resume(**manager, resumed_on=D(2026, 5, 1))
    review = incident.review
    notify, complete = clock_facts(review, TODAY)
    assert (notify.status, notify.status_label, notify.met_on) == ("overdue", "Overdue", None)
    # Paused for 30 days: due 30 days after 3 September, and overdue today.
    assert (complete.due_by_statute, complete.due_on) == (D(2026, 9, 3), D(2026, 10, 3))
    assert (complete.moved, complete.status) == (True, "overdue")
    review_services.review_pause(**manager, reason="inquest", details="", paused_on=TODAY)
    complete = clock_facts(review, TODAY)[1]
    assert (complete.status, complete.status_label) == ("paused", "Paused")
    assert [p.resumed_on for p in complete.pauses] == [D(2026, 5, 1), None]


# The picture


def lane_of(picture, label):
    return next(lane for lane in picture.lanes if lane.label == label)


def marks_of(lane):
    return {mark.kind: mark for mark in lane.marks}


def test_the_picture_is_ordered_in_time(story):
    picture, _, _ = timeline.review_timeline(story, TODAY)
    assert [lane.label for lane in picture.lanes] == [
        "Preparation and scoping",
        "Data collection",
        NOTIFY,
        RAPID,
        COMPLETE,
    ]
    stays = sorted(
        (span for lane in picture.lanes[:2] for span in lane.spans), key=lambda span: span.x
    )
    assert [span.label.split(":")[1] for span in stays] == [
        " 20 March 2026 to 15 April 2026",
        " 15 April 2026 to 20 May 2026",
        " 20 May 2026 to 3 June 2026",
        " 3 June 2026 to now",
    ]
    for earlier, later in itertools.pairwise(stays):
        assert earlier.x + earlier.width == later.x  # one stay ends where the next begins
    complete = marks_of(lane_of(picture, COMPLETE))
    # By statute 20 September, then today (24 November), then due 15 December.
    assert complete["statute"].x < picture.today_x < complete["due"].x
    assert complete["statute"].label == "Due by statute 20 September 2026"
    assert stays[-1].x + stays[-1].width == picture.today_x  # the current stay runs to today
    # Ticks on the first of a month, labelled "Mar 2026", left to right in time.
    months = [
        dt.datetime.strptime(label, "%b %Y").replace(tzinfo=dt.UTC).date()
        for _, label in picture.ticks
    ]
    assert len(months) >= 3 and months == sorted(months)
    assert D(2026, 3, 1) <= months[0] and months[-1] <= D(2026, 12, 1)
    xs = [x for x, _ in picture.ticks]
    assert xs == sorted(xs) and picture.plot_left <= xs[0] and xs[-1] <= picture.plot_right


def test_a_late_clock_has_a_red_late_span_and_mark(story):
    picture, _, _ = timeline.review_timeline(story, TODAY)
    notify = lane_of(picture, NOTIFY)
    marks = marks_of(notify)
    assert set(marks) == {"due", "late"}  # not moved: no statute mark
    assert marks["late"].label == "Met 12 March 2026, late"
    late = [span for span in notify.spans if span.colour == charts.RED]
    assert [(s.x, s.x + s.width, s.label) for s in late] == [
        (marks["due"].x, marks["late"].x, "Late after 9 March 2026")
    ]
    rapid = marks_of(lane_of(picture, RAPID))
    assert set(rapid) == {"due", "met"} and rapid["met"].x < rapid["due"].x
    paused = [s for s in lane_of(picture, COMPLETE).spans if s.colour == timeline.DARK_GREY]
    assert len(paused) == 1 and paused[0].label.startswith("Paused (parallel criminal")


def test_no_today_line_long_after_a_closed_review(story):
    stages = [StagePeriod("closed", "Closed", D(2024, 1, 10), None)]
    clock = ClockFacts(
        title=COMPLETE,
        length_text="6 calendar months",
        counts_back=False,
        starts_on=D(2023, 6, 1),
        due_by_statute=D(2023, 12, 1),
        due_on=D(2023, 12, 1),
        met_on=D(2023, 11, 20),
        status="met",
        status_label="Met",
        pauses=[],
        extensions=[],
    )
    picture = timeline.draw(story, stages, [clock], TODAY)
    assert picture.today_x is None
    assert marks_of(picture.lanes[1])["met"].x < marks_of(picture.lanes[1])["due"].x
    # Still in a stage: the stay runs to today, where the Today line is.
    still_open = timeline.draw(
        story, [StagePeriod("analysis", "Analysis", D(2024, 1, 10), None)], [clock], TODAY
    )
    (stay,) = still_open.lanes[0].spans
    assert still_open.today_x == stay.x + stay.width > marks_of(still_open.lanes[1])["due"].x


# The page


def test_the_page_shows_the_picture_and_the_same_dates_in_tables(client, business_manager, story):
    client.force_login(business_manager)
    response = client.get(url_of(story))
    assert response.status_code == 200
    html = response.content.decode()
    svg = svg_in(html)
    assert svg.get("role") == "img"
    assert svg.find(f"{SVG}title").text == "Timeline of the review of Child T"
    description = svg.find(f"{SVG}desc").text
    for named in ["Preparation and scoping", "Data collection", NOTIFY, RAPID, COMPLETE]:
        assert named in description
    assert f"{COMPLETE}: due 15 December 2026 (by statute 20 September 2026)" in description
    assert "Today" in [text.text for text in svg.iter(f"{SVG}text")]
    assert table_rows(html, "Stages") == [
        ["Preparation and scoping", "20 March 2026", "15 April 2026"],
        ["Data collection", "15 April 2026", "20 May 2026"],
        ["Preparation and scoping", "20 May 2026", "3 June 2026"],
        ["Data collection", "3 June 2026", "Current stage"],
    ]
    clocks = table_rows(html, "Statutory clocks")
    assert [row[:5] for row in clocks] == [
        [f"{NOTIFY} 5 working days", "2 Mar 2026", "9 Mar 2026", "9 Mar 2026", "12 Mar 2026"],
        [f"{RAPID} 15 working days", "12 Mar 2026", "2 Apr 2026", "2 Apr 2026", "20 Mar 2026"],
        [f"{COMPLETE} 6 calendar months", "20 Mar 2026", "20 Sep 2026", "15 Dec 2026", "Not yet"],
    ]
    assert [row[5] for row in clocks] == ["Met late", "Met", "Upcoming"]
    assert "Paused for parallel criminal proceedings from 1 April 2026 to 1 May 2026" in html
    assert "Extended to 15 December 2026, agreed 1 October 2026: Inquest evidence awaited" in html


def test_the_subjects_real_name_is_not_on_the_page(client, business_manager, story):
    client.force_login(business_manager)
    html = client.get(url_of(story)).content.decode()
    assert "Child T" in html
    assert SUBJECT_NAME not in html and "Realname" not in html


def test_the_review_page_links_to_the_timeline(client, business_manager, story):
    client.force_login(business_manager)
    detail = reverse("reviews:review_detail", args=[story.board_id, story.pk])
    assert f'href="{url_of(story)}"' in client.get(detail).content.decode()


def test_another_boards_user_gets_nothing(client, other_board_user, story):
    client.force_login(other_board_user)
    assert client.get(url_of(story)).status_code == 404


def test_a_signed_out_user_is_sent_to_sign_in(client, story):
    response = client.get(url_of(story))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_the_appointed_reviewer_and_the_supervisor_see_it(client, story, supervisor, lead_reviewer):
    appointed = story.appointments.get(role="lead").user
    for user in [appointed, supervisor]:
        client.force_login(user)
        assert client.get(url_of(story)).status_code == 200
    client.force_login(lead_reviewer)  # a lead reviewer of the board, not appointed
    assert client.get(url_of(story)).status_code == 403


def test_the_pages_queries_do_not_grow_with_the_history(
    client, business_manager, story, django_assert_max_num_queries
):
    client.force_login(business_manager)
    # With the navigation's count of the user's work (their roles, the bank holidays ahead).
    with django_assert_max_num_queries(16) as few:
        assert client.get(url_of(story)).status_code == 200
    manager = {"actor": business_manager, "review": story}
    for day, stage in [(D(2026, 11, 2), "preparation"), (D(2026, 11, 3), "data_collection")]:
        with on(day):
            review_transition(**manager, to=stage)
    review_services.review_extend(
        **manager, extended_to=D(2027, 2, 1), reason="Adjourned", agreed_on=D(2026, 11, 1)
    )
    for paused_on, resumed_on in [(D(2026, 11, 4), D(2026, 11, 5)), (D(2026, 11, 9), None)]:
        review_services.review_pause(**manager, reason="inquest", details="", paused_on=paused_on)
        if resumed_on:
            review_services.review_resume(**manager, resumed_on=resumed_on)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(url_of(story)).status_code == 200
    assert len(stage_periods(story)) == 6
    assert len(clock_facts(story, TODAY)[2].extensions) == 2


def test_a_clock_counted_back_says_so_not_started_after_it_is_due(client, business_manager, story):
    """The copy for the national panel is due a week before the planned publication: the
    table said "Started 10 Dec, Due 3 Dec"; it says what the date is."""
    from deadlines.models import Deadline

    incident = story.incident
    Deadline.objects.create(
        board=incident.board,
        kind="clock",
        owner_id=incident.pk,
        case_id=incident.pk,
        rulebook=incident.rulebook,
        clock="panel_copy",
        starts_on=D(2026, 12, 10),
        due_on=D(2026, 12, 1),
    )
    client.force_login(business_manager)
    rows = table_rows(client.get(url_of(story)).content.decode(), "Statutory clocks")
    (copy,) = [row for row in rows if "before" in row[0]]
    assert copy[1] == "Counted back from 10 Dec 2026, the planned publication"
    assert copy[3] == "1 Dec 2026"
