"""Every clock of every regime on dated cases, through the services that keep the deadlines,
and the criteria of every regime."""

import datetime as dt

import pytest
import time_machine

from boards.services import board_update
from guidance import rulebooks
from guidance.rulebooks import Facts, Outcome
from reviews.services import clocks, incidents
from reviews.services.clocks import holidays_from
from reviews.tests.factories import decide, log_incident

D = dt.date
pytestmark = pytest.mark.usefixtures("frozen_today")


@pytest.fixture
def frozen_today():
    with time_machine.travel(dt.datetime(2026, 11, 23, 12, 0, tzinfo=dt.UTC), tick=False):
        yield


def deadlines_of(incident):
    return {d.clock: d for d in incident.deadlines}


def dated(incident_on, la_aware_on, notified_on):
    return {"incident_on": incident_on, "la_aware_on": la_aware_on, "notified_on": notified_on}


class TestLscb2015:
    def test_notification_within_5_working_days_over_christmas(self, lscb):
        board, manager, _ = lscb
        incident = log_incident(
            actor=manager, board=board, **dated(D(2025, 12, 22), D(2025, 12, 23), D(2025, 12, 23))
        )
        notify = deadlines_of(incident)["notify_panel"]
        assert notify.due_on == D(2026, 1, 2)
        assert notify.rule == "lscb-2015.notify_panel"
        incidents.notification_record(
            actor=manager, incident=incident, recipient="ofsted", sent_on=D(2025, 12, 30)
        )
        assert deadlines_of(incident)["notify_panel"].met_on == D(2025, 12, 30)

    @pytest.mark.parametrize(
        ("notified_on", "due"),
        [(D(2026, 1, 31), D(2026, 2, 28)), (D(2024, 1, 31), D(2024, 2, 29))],
    )
    def test_decision_within_one_calendar_month(self, lscb, notified_on, due):
        board, manager, chair = lscb
        incident = log_incident(
            actor=manager, board=board, **dated(notified_on, notified_on, notified_on)
        )
        assert deadlines_of(incident)["decision"].due_on == due
        decide(actor=chair, incident=incident, decided_on=due + dt.timedelta(days=1))
        decision_clock = deadlines_of(incident)["decision"]
        assert decision_clock.met_on == due + dt.timedelta(days=1)
        assert decision_clock.met_on > decision_clock.due_on  # met late

    def test_not_initiating_notice_within_14_days(self, lscb):
        board, manager, chair = lscb
        incident = log_incident(
            actor=manager, board=board, **dated(D(2025, 12, 1), D(2025, 12, 1), D(2025, 12, 2))
        )
        assert "not_initiating_notice" not in deadlines_of(incident)
        decide(actor=chair, incident=incident, outcome="no_review", decided_on=D(2025, 12, 20))
        notice = deadlines_of(incident)["not_initiating_notice"]
        assert notice.due_on == D(2026, 1, 3)
        # A notice sent before the decision does not tell the panel of it, nor does a
        # notification about something else after it.
        for sent_on, about in [(D(2025, 12, 5), "decision"), (D(2025, 12, 22), "other")]:
            incidents.notification_record(
                actor=manager,
                incident=incident,
                recipient="national_panel",
                sent_on=sent_on,
                about=about,
            )
        assert deadlines_of(incident)["not_initiating_notice"].met_on is None
        incidents.notification_record(
            actor=manager,
            incident=incident,
            recipient="national_panel",
            sent_on=D(2026, 1, 2),
            about="decision",
        )
        assert deadlines_of(incident)["not_initiating_notice"].met_on == D(2026, 1, 2)

    def test_completion_within_6_months_of_initiation(self, lscb):
        board, manager, chair = lscb
        incident = log_incident(
            actor=manager, board=board, **dated(D(2025, 8, 1), D(2025, 8, 4), D(2025, 8, 5))
        )
        decide(actor=chair, incident=incident, decided_on=D(2025, 8, 31))
        found = deadlines_of(incident)
        assert found["complete"].due_on == D(2026, 2, 28)
        assert "not_initiating_notice" not in found

    def test_report_to_the_panel_a_week_before_publication(self):
        clock = rulebooks.for_regime("lscb-2015").clock("panel_copy")
        assert clock.due(D(2026, 6, 15), frozenset()) == D(2026, 6, 8)

    def test_online_for_12_months(self):
        assert rulebooks.for_regime("lscb-2015").online_minimum_months == 12


class TestPartners2018:
    def test_notification_within_5_working_days_over_substitute_holidays(self, partners):
        board, manager, _ = partners
        incident = log_incident(
            actor=manager, board=board, **dated(D(2021, 12, 23), D(2021, 12, 24), D(2021, 12, 24))
        )
        found = deadlines_of(incident)
        assert found["notify_panel"].due_on == D(2022, 1, 5)
        assert "decision" not in found  # the rapid review carries the decision
        # Ofsted alone does not meet the Panel notification under WT2018.
        incidents.notification_record(
            actor=manager, incident=incident, recipient="ofsted", sent_on=D(2021, 12, 29)
        )
        assert deadlines_of(incident)["notify_panel"].met_on is None

    def test_rapid_review_15_working_days_from_the_panel_notification_over_easter(self, partners):
        board, manager, chair = partners
        incident = log_incident(
            actor=manager, board=board, **dated(D(2026, 3, 20), D(2026, 3, 23), D(2026, 3, 24))
        )
        assert "rapid_review" not in deadlines_of(incident)  # starts with the notification
        incidents.notification_record(
            actor=manager, incident=incident, recipient="national_panel", sent_on=D(2026, 3, 25)
        )
        found = deadlines_of(incident)
        assert found["notify_panel"].met_on == D(2026, 3, 25)
        assert found["rapid_review"].due_on == D(2026, 4, 17)
        decide(actor=chair, incident=incident, decided_on=D(2026, 4, 15))
        found = deadlines_of(incident)
        assert found["rapid_review"].met_on == D(2026, 4, 15)
        assert found["complete"].due_on == D(2026, 10, 15)
        assert not found["complete"].definition.confirmed

    def test_completion_target_from_a_leap_day(self, partners):
        board, manager, chair = partners
        incident = log_incident(
            actor=manager, board=board, **dated(D(2024, 2, 20), D(2024, 2, 21), D(2024, 2, 21))
        )
        decide(actor=chair, incident=incident, decided_on=D(2024, 2, 29))
        assert deadlines_of(incident)["complete"].due_on == D(2024, 8, 29)

    def test_report_to_the_panel_7_working_days_before_publication(self, db):
        clock = rulebooks.for_regime("partners-2018").clock("panel_copy")
        table = holidays_from(D(2026, 1, 1))
        assert clock.due(D(2026, 6, 12), table) == D(2026, 6, 3)
        assert clock.due(D(2026, 4, 9), table) == D(2026, 3, 27)  # across Easter


class TestMovedAndOneOffHolidays:
    """The bank holidays announced late, through a regime's notification clock."""

    @pytest.mark.parametrize(
        ("fixture", "aware", "due"),
        [
            # VE Day 75: the early May bank holiday moved to Friday 8 May 2020.
            ("lscb", D(2020, 5, 5), D(2020, 5, 13)),
            # The Platinum Jubilee: Thursday 2 and Friday 3 June 2022.
            ("partners", D(2022, 6, 1), D(2022, 6, 10)),
            # The State Funeral of Queen Elizabeth II: Monday 19 September 2022.
            ("partners", D(2022, 9, 15), D(2022, 9, 23)),
            # The Coronation: Monday 8 May 2023.
            ("lscb", D(2023, 5, 4), D(2023, 5, 12)),
        ],
    )
    def test_the_notification_clock_skips_them(self, db, request, fixture, aware, due):
        board, manager, _ = request.getfixturevalue(fixture)
        incident = log_incident(
            actor=manager, board=board, **dated(aware - dt.timedelta(days=1), aware, aware)
        )
        assert deadlines_of(incident)["notify_panel"].due_on == due


class TestCriteriaNotMet:
    """No notification is owed for an incident that does not meet the criteria: its clock does
    not run (it would be overdue for ever), and comes back if the facts change."""

    @pytest.mark.parametrize("fixture", ["lscb", "partners"])
    def test_the_notification_clock_does_not_apply(self, request, fixture, api_client_for):
        from django.urls import reverse

        board, manager, _ = request.getfixturevalue(fixture)
        incident = log_incident(
            actor=manager,
            board=board,
            abuse_or_neglect_suspected=False,
            **dated(D(2026, 3, 1), D(2026, 3, 2), D(2026, 3, 3)),
        )
        assert incident.criteria_outcome == "not_met"
        assert "notify_panel" not in deadlines_of(incident)
        body = api_client_for(manager).get(reverse("api:incident-detail", args=[incident.pk]))
        assert body.json()["deadlines"]["notify_panel"]["status"] == "not_applicable"

        incidents.incident_update(actor=manager, incident=incident, abuse_or_neglect_suspected=True)
        assert deadlines_of(incident)["notify_panel"].due_on == D(2026, 3, 9)


class TestSab2014:
    def test_only_a_completion_target(self, sab):
        board, manager, chair = sab
        incident = log_incident(
            actor=manager,
            board=board,
            subject_kind="adult",
            care_and_support_needs=True,
            concern_about_working_together=True,
            **dated(D(2023, 8, 1), D(2023, 8, 2), D(2023, 8, 3)),
        )
        assert deadlines_of(incident) == {}
        decide(actor=chair, incident=incident, decided_on=D(2023, 8, 31))
        assert set(deadlines_of(incident)) == {"complete"}
        assert deadlines_of(incident)["complete"].due_on == D(2024, 2, 29)
        assert incident.review.review_type == "sar_mandatory"


class TestWales2016:
    def test_no_clocks_were_found_in_the_welsh_guidance(self, wales):
        board, manager, chair = wales
        incident = log_incident(actor=manager, board=board)
        decide(actor=chair, incident=incident, review_type="cpr_concise")
        assert deadlines_of(incident) == {}


class TestPauses:
    def test_a_pause_across_a_bank_holiday_moves_a_working_day_clock_by_working_days(
        self, partners
    ):
        board, manager, _ = partners
        incident = log_incident(
            actor=manager, board=board, **dated(D(2026, 4, 24), D(2026, 4, 27), D(2026, 4, 27))
        )
        notify = deadlines_of(incident)["notify_panel"]
        assert notify.due_on == D(2026, 5, 5)  # Monday 4 May is the early May bank holiday
        clocks.deadline_pause(
            actor=manager,
            deadline=notify,
            reason="criminal_proceedings",
            details="",
            paused_on=D(2026, 4, 30),
        )
        assert deadlines_of(incident)["notify_panel"].paused_since == D(2026, 4, 30)
        resumed = clocks.deadline_resume(actor=manager, deadline=notify, resumed_on=D(2026, 5, 5))
        # Thursday 30 April and Friday 1 May stood still; 4 May was a holiday anyway.
        assert resumed.due_on == D(2026, 5, 7)
        assert resumed.paused_since is None
        assert [p.resumed_on for p in resumed.pauses.all()] == [D(2026, 5, 5)]

    def test_a_pause_moves_a_calendar_clock_by_the_days_paused(self, lscb):
        board, manager, _ = lscb
        incident = log_incident(
            actor=manager, board=board, **dated(D(2026, 3, 1), D(2026, 3, 2), D(2026, 3, 2))
        )
        decision_clock = deadlines_of(incident)["decision"]
        assert decision_clock.due_on == D(2026, 4, 2)
        clocks.deadline_pause(
            actor=manager,
            deadline=decision_clock,
            reason="inquest",
            details="",
            paused_on=D(2026, 3, 10),
        )
        resumed = clocks.deadline_resume(
            actor=manager, deadline=decision_clock, resumed_on=D(2026, 3, 20)
        )
        assert resumed.due_on == D(2026, 4, 12)
        # The pause survives later changes to the facts.
        incidents.incident_update(actor=manager, incident=incident, summary="More known now.")
        assert deadlines_of(incident)["decision"].due_on == D(2026, 4, 12)


def test_a_board_changing_regime_keeps_its_open_cases_under_their_rules(lscb, platform_admin):
    board, manager, chair = lscb
    old = log_incident(
        actor=manager, board=board, **dated(D(2026, 3, 1), D(2026, 3, 2), D(2026, 3, 2))
    )
    board = board_update(
        actor=platform_admin,
        board=board,
        name=board.name,
        kind=board.kind,
        nation=board.nation,
        regime="partners-2018",
    )
    new = log_incident(
        actor=manager, board=board, **dated(D(2026, 3, 1), D(2026, 3, 2), D(2026, 3, 2))
    )
    assert old.rulebook == "lscb-2015:1"
    assert new.rulebook == "partners-2023:1"
    # Editing the old case keeps its rulebook and its one-month decision clock.
    incidents.incident_update(actor=manager, incident=old, notified_on=D(2026, 3, 3))
    old.refresh_from_db()
    assert old.rulebook == "lscb-2015:1"
    assert deadlines_of(old)["decision"].due_on == D(2026, 4, 3)
    assert "decision" not in deadlines_of(new)
    decide(actor=chair, incident=old, decided_on=D(2026, 3, 20))
    assert old.review.review_type == "scr"


class TestCriteria:
    @pytest.mark.parametrize(
        ("regime", "facts", "outcome", "review_type"),
        [
            (
                "lscb-2015",
                {"abuse_or_neglect_suspected": True, "died": True},
                "must_initiate",
                "scr",
            ),
            (
                "lscb-2015",
                {
                    "abuse_or_neglect_suspected": True,
                    "seriously_harmed": True,
                    "concern_about_working_together": True,
                },
                "must_initiate",
                "scr",
            ),
            (
                "lscb-2015",
                {"abuse_or_neglect_suspected": True, "seriously_harmed": True},
                "may_initiate",
                "scr",
            ),
            ("lscb-2015", {"died": True, "died_in_custody": True}, "must_initiate", "scr"),
            # A death in custody is a death, "died" ticked or not.
            ("lscb-2015", {"died_in_custody": True}, "must_initiate", "scr"),
            (
                "partners-2018",
                {"abuse_or_neglect_suspected": True, "died_in_custody": True},
                "may_initiate",
                "lcspr",
            ),
            (
                "lscb-2015",
                {"died": True, "detained_mental_health_act": True},
                "must_initiate",
                "scr",
            ),
            ("lscb-2015", {"died": True, "deprivation_of_liberty": True}, "must_initiate", "scr"),
            ("lscb-2015", {"deprivation_of_liberty": True}, "not_met", ""),
            ("lscb-2015", {"died": True}, "not_met", ""),
            (
                "lscb-2015",
                {
                    "abuse_or_neglect_suspected": True,
                    "concern_about_working_together": True,
                    "local_criteria": ("Serious sexual abuse",),
                },
                "must_initiate",
                "scr",
            ),
            (
                "partners-2018",
                {"abuse_or_neglect_suspected": True, "died": True},
                "may_initiate",
                "lcspr",
            ),
            (
                "partners-2018",
                {"abuse_or_neglect_suspected": True, "seriously_harmed": True},
                "may_initiate",
                "lcspr",
            ),
            ("partners-2018", {"died": True}, "not_met", ""),
            ("sab-2014", {"abuse_or_neglect_suspected": True, "died": True}, "not_met", ""),
            (
                "sab-2014",
                {
                    "care_and_support_needs": True,
                    "abuse_or_neglect_suspected": True,
                    "died": True,
                    "concern_about_working_together": True,
                },
                "must_initiate",
                "sar_mandatory",
            ),
            (
                "sab-2014",
                {
                    "care_and_support_needs": True,
                    "abuse_or_neglect_suspected": True,
                    "seriously_harmed": True,
                    "concern_about_working_together": True,
                },
                "must_initiate",
                "sar_mandatory",
            ),
            ("sab-2014", {"care_and_support_needs": True}, "may_initiate", "sar_discretionary"),
            (
                "wales-2016",
                {"abuse_or_neglect_suspected": True, "seriously_harmed": True},
                "must_initiate",
                "cpr_concise",
            ),
            (
                "wales-2016",
                {
                    "abuse_or_neglect_suspected": True,
                    "died": True,
                    "protection_plan_or_looked_after": True,
                },
                "must_initiate",
                "cpr_extended",
            ),
            ("wales-2016", {"seriously_harmed": True}, "not_met", ""),
        ],
    )
    def test_outcomes(self, regime, facts, outcome, review_type):
        kind = "adult" if regime == "sab-2014" else "child"
        assessment = rulebooks.for_regime(regime).assess(Facts(subject_kind=kind, **facts))
        assert assessment.outcome == Outcome(outcome)
        assert assessment.suggested_review_type == review_type
        assert assessment.reason and assessment.source

    def test_the_assessment_is_stored_on_the_incident_and_follows_edits(self, lscb):
        board, manager, _ = lscb
        incident = log_incident(actor=manager, board=board, died=False, seriously_harmed=True)
        assert incident.criteria_outcome == "may_initiate"
        incidents.incident_update(
            actor=manager, incident=incident, concern_about_working_together=True
        )
        incident.refresh_from_db()
        assert incident.criteria_outcome == "must_initiate"
        assert "regulation 5(2)" in incident.criteria_source


def test_every_clock_cites_its_source_and_every_regime_has_a_rulebook():
    from boards.models import Board

    assert set(rulebooks.CURRENT) == set(Board.Regime.values)
    for rulebook in rulebooks.RULEBOOKS.values():
        assert rulebook.applies_to
        for clock in rulebook.clocks:
            assert clock.source and clock.title
            assert rulebook.rule(clock.code) == f"{rulebook.code}.{clock.code}"
