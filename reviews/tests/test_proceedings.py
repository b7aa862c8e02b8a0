"""The register of parallel proceedings and reporting restrictions of an incident: a
proceeding pauses the clocks chosen and its conclusion restarts them; a restriction needs its
end; bad input is refused with nothing saved; the pages show them and keep what was typed."""

import datetime as dt

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse
from pytest_django.asserts import assertContains

from deadlines.models import ClockPause
from reviews.models import ParallelProceeding, ReportingRestriction
from reviews.services import proceedings
from reviews.tests.factories import log_incident
from reviews.tests.test_views import date_data, error_page

D = dt.date
pytestmark = pytest.mark.usefixtures("frozen_today")


@pytest.fixture
def frozen_today():
    # Monday 20 April 2026.
    with time_machine.travel(dt.datetime(2026, 4, 20, 12, 0, tzinfo=dt.UTC), tick=False):
        yield


@pytest.fixture
def case(partners):
    board, manager, _ = partners
    incident = log_incident(
        actor=manager,
        board=board,
        incident_on=D(2026, 4, 1),
        la_aware_on=D(2026, 4, 1),
        notified_on=D(2026, 4, 1),
    )
    return board, manager, incident


def clock(incident, code):
    return incident.deadlines.get(clock=code)


class TestProceedings:
    def test_an_inquest_pauses_the_chosen_clock_and_its_end_restarts_it(self, case):
        board, manager, incident = case
        notify = clock(incident, "notify_panel")
        # Wednesday 1 April: Good Friday (3 April) and Easter Monday (6 April) are not counted.
        assert notify.due_on == D(2026, 4, 10)
        proceeding = proceedings.proceeding_record(
            actor=manager,
            incident=incident,
            kind="inquest",
            description="Coroner's inquest into the death",
            started_on=D(2026, 4, 3),
            pause_clocks=[str(notify.pk)],
        )
        notify.refresh_from_db()
        assert notify.paused_since == D(2026, 4, 3)
        pause = notify.pauses.get()
        assert (pause.reason, pause.details) == (
            ClockPause.Reason.INQUEST,
            "Inquest: Coroner's inquest into the death",
        )

        proceedings.proceeding_update(
            actor=manager,
            proceeding=proceeding,
            kind="inquest",
            description="Coroner's inquest into the death",
            started_on=D(2026, 4, 3),
            concluded_on=D(2026, 4, 17),
            resume_clocks=[str(notify.pk)],
        )
        notify.refresh_from_db()
        assert notify.paused_since is None
        # Stood still from Good Friday 3 April to Friday 17 April: 8 working days (7 to 16
        # April), so 10 April moves on to 22 April.
        assert notify.due_on == D(2026, 4, 22)
        proceeding.refresh_from_db()
        assert not proceeding.is_ongoing

    def test_a_proceeding_pauses_nothing_unless_asked(self, case):
        board, manager, incident = case
        proceedings.proceeding_record(
            actor=manager,
            incident=incident,
            kind="trial",
            description="Crown Court trial",
            started_on=D(2026, 4, 10),
            next_date=D(2026, 9, 1),
            next_date_what="Trial starts",
        )
        assert clock(incident, "notify_panel").paused_since is None

    @pytest.mark.parametrize(
        ("change", "field", "message"),
        [
            ({"started_on": D(2026, 4, 21)}, "started_on", "must be today or in the past"),
            (
                {"next_date": D(2026, 4, 1)},
                "next_date",
                "The next key date must be on or after the date it started",
            ),
            ({"description": ""}, "description", "This field cannot be blank"),
            ({"kind": "picnic"}, "kind", "is not a valid choice"),
            ({"pause_clocks": ["not-a-clock"]}, "clocks", "Select only the clocks listed"),
        ],
    )
    def test_bad_input_is_refused_and_nothing_is_saved(self, case, change, field, message):
        board, manager, incident = case
        values = {
            "kind": "inquest",
            "description": "Inquest",
            "started_on": D(2026, 4, 10),
            **change,
        }
        with pytest.raises(ValidationError) as refused:
            proceedings.proceeding_record(actor=manager, incident=incident, **values)
        assert message in " ".join(refused.value.message_dict[field])
        assert not ParallelProceeding.objects.exists()
        assert not ClockPause.objects.exists()

    def test_restarting_needs_the_day_it_concluded(self, case):
        board, manager, incident = case
        notify = clock(incident, "notify_panel")
        proceeding = proceedings.proceeding_record(
            actor=manager,
            incident=incident,
            kind="criminal_investigation",
            description="Police investigation",
            started_on=D(2026, 4, 3),
            pause_clocks=[str(notify.pk)],
        )
        with pytest.raises(ValidationError) as refused:
            proceedings.proceeding_update(
                actor=manager,
                proceeding=proceeding,
                kind="criminal_investigation",
                description="Police investigation",
                started_on=D(2026, 4, 3),
                resume_clocks=[str(notify.pk)],
            )
        assert "concluded_on" in refused.value.message_dict
        notify.refresh_from_db()
        assert notify.paused_since == D(2026, 4, 3)

    def test_the_pages_record_and_show_it(self, client, case):
        board, manager, incident = case
        client.force_login(manager)
        add = reverse("reviews:proceeding_add", args=[board.pk, incident.pk])
        form = client.get(add)
        assertContains(form, "Pause these clocks while it runs")
        html = error_page(client.post(add, {"kind": "iopc", "description": "IOPC inquiry"}))
        assert "Enter the date it started" in html
        assert "IOPC inquiry" in html
        assert not ParallelProceeding.objects.exists()
        response = client.post(
            add,
            {
                "kind": "iopc",
                "description": "IOPC investigation of the police contact",
                **date_data("started_on", D(2026, 4, 14)),
            },
        )
        assert response.status_code == 302
        page = client.get(response.url)
        assertContains(page, "IOPC investigation of the police contact")
        assertContains(page, "Ongoing")
        proceeding = ParallelProceeding.objects.get()
        withdraw = reverse(
            "reviews:proceeding_withdraw", args=[board.pk, incident.pk, proceeding.pk]
        )
        assert client.post(withdraw, {"reason": "Recorded twice"}).status_code == 302
        assert not ParallelProceeding.objects.exists()
        assert ParallelProceeding.all_objects.get().withdrawal_reason == "Recorded twice"

    def test_someone_of_another_board_gets_404(self, client, case, other_board_user):
        board, manager, incident = case
        proceeding = proceedings.proceeding_record(
            actor=manager,
            incident=incident,
            kind="disciplinary",
            description="Disciplinary process",
            started_on=D(2026, 4, 14),
        )
        client.force_login(other_board_user)
        for name, args in [
            ("reviews:proceeding_add", []),
            ("reviews:proceeding_edit", [proceeding.pk]),
            ("reviews:restriction_add", []),
        ]:
            url = reverse(name, args=[board.pk, incident.pk, *args])
            assert client.get(url).status_code == 404
            assert client.post(url, {}).status_code == 404


class TestRestrictions:
    def test_a_restriction_without_an_end_is_refused(self, case):
        board, manager, incident = case
        with pytest.raises(ValidationError) as refused:
            proceedings.restriction_record(
                actor=manager,
                incident=incident,
                kind="court_order",
                made_by="Family court",
                made_on=D(2026, 4, 14),
                ends_on=None,
                what_it_forbids="Naming the school",
            )
        assert "Enter the date the restriction ends" in refused.value.message_dict["ends_on"][0]
        assert not ReportingRestriction.objects.exists()

    def test_it_ends_on_or_after_it_was_made(self, case):
        board, manager, incident = case
        with pytest.raises(ValidationError) as refused:
            proceedings.restriction_record(
                actor=manager,
                incident=incident,
                kind="court_order",
                made_by="Family court",
                made_on=D(2026, 4, 14),
                ends_on=D(2026, 4, 13),
                what_it_forbids="Naming the school",
            )
        assert "on or after the date it was made" in refused.value.message_dict["ends_on"][0]

    def test_the_page_says_what_is_missing_and_shows_it_in_force(self, client, case):
        board, manager, incident = case
        client.force_login(manager)
        add = reverse("reviews:restriction_add", args=[board.pk, incident.pk])
        data = {
            "kind": "reporting_restriction",
            "made_by": "Crown Court",
            **date_data("made_on", D(2026, 4, 14)),
            "what_it_forbids": "Identifying the child until the trial ends",
        }
        html = error_page(client.post(add, data))
        assert "Enter the date the restriction ends" in html
        assert "Identifying the child until the trial ends" in html
        assert not ReportingRestriction.objects.exists()
        response = client.post(add, {**data, **date_data("ends_on", D(2026, 12, 31))})
        assert response.status_code == 302
        page = client.get(response.url)
        assertContains(page, "in force until 31 December 2026")
        assertContains(page, "the report cannot be published before then")
