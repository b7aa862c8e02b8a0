"""Wales's single unified safeguarding review and England's domestic homicide reviews: their
criteria, their clocks (the times no source fixes are the board's own), who is told and the
Home Office's quality assurance (docs/research/wales-susr.md and dhr.md)."""

import datetime as dt

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from boards.models import Board, Timescale
from boards.tests.factories import BoardFactory, MembershipFactory
from guidance import rulebooks
from guidance.rulebooks import Facts, Outcome
from reviews.models import Decision, Notification
from reviews.services import incidents, timescales
from reviews.tests.conftest import board_with_manager
from reviews.tests.factories import decide, log_incident
from reviews.tests.test_views import error_page

D = dt.date
pytestmark = pytest.mark.usefixtures("frozen_today")

SUSR = rulebooks.get("wales-susr-2024:1")
DHR = rulebooks.get("dhr-2016:1")
KILLED_BY_PARTNER = {"died": True, "domestic_homicide": True, "subject_kind": "adult"}


@pytest.fixture
def frozen_today():
    with time_machine.travel(dt.datetime(2026, 11, 23, 12, 0, tzinfo=dt.UTC), tick=False):
        yield


@pytest.fixture
def susr(db):
    return board_with_manager(Board.Regime.WALES_SUSR_2024, nation="wales")


@pytest.fixture
def csp(db):
    return board_with_manager(Board.Regime.DHR_2016, kind="community_safety")


def aware(day, **facts):
    return {"incident_on": day, "la_aware_on": day, "notified_on": day, **facts}


def deadlines_of(incident):
    return {d.clock: d for d in incident.deadlines}


def set_time(board, manager, rulebook, clock, length, unit):
    return timescales.timescale_set(
        actor=manager,
        board=board,
        rulebook=rulebook.key,
        clock=clock,
        length=length,
        unit=unit,
        reason="Agreed at the board meeting of 2 March 2026 (minute 7).",
    )


def notify(manager, incident, recipient, sent_on, about=Notification.About.INCIDENT):
    return incidents.notification_record(
        actor=manager, incident=incident, recipient=recipient, sent_on=sent_on, about=about
    )


class TestTheSusrCriteria:
    """SUSR guidance: "a single review process incorporating all reviews in Wales"."""

    @pytest.mark.parametrize(
        ("facts", "meets"),
        [
            ({"subject_kind": "child", "abuse_or_neglect_suspected": True, "died": True}, "child"),
            (
                {"subject_kind": "adult", "abuse_or_neglect_suspected": True, "died": True},
                "adult practice",
            ),
            (KILLED_BY_PARTNER, "domestic homicide"),
            ({"subject_kind": "adult", "mental_health_homicide": True}, "mental health"),
            ({"subject_kind": "adult", "offensive_weapon_homicide": True}, "offensive weapons"),
        ],
    )
    def test_any_of_the_five_reviews_criteria_makes_one_susr(self, facts, meets):
        assessment = SUSR.assess(Facts(**facts))
        assert assessment.outcome == Outcome.MUST_INITIATE
        assert meets in assessment.reason
        assert assessment.suggested_review_type == "susr"

    def test_no_offensive_weapons_review_where_a_domestic_homicide_review_is_required(self):
        facts = Facts(**KILLED_BY_PARTNER, offensive_weapon_homicide=True)
        assert "offensive weapons" not in SUSR.assess(facts).reason

    def test_nothing_recorded_meets_none(self):
        assert SUSR.assess(Facts(subject_kind="child")).outcome == Outcome.NOT_MET

    def test_welsh_boards_of_children_and_adults_may_choose_it(self):
        assert "wales-susr-2024" in rulebooks.regimes_for("children", "wales")
        assert "wales-susr-2024" in rulebooks.regimes_for("adults", "wales")
        assert "wales-susr-2024" not in rulebooks.regimes_for("children", "england")


class TestTheSusrClocks:
    def test_no_clock_runs_until_the_board_sets_its_times(self, susr):
        board, manager, _ = susr
        incident = log_incident(
            actor=manager, board=board, **aware(D(2026, 3, 2), **KILLED_BY_PARTNER)
        )
        assert incident.rulebook == "wales-susr-2024:1"
        assert deadlines_of(incident) == {}
        assert all(clock.length is None and not clock.confirmed for clock in SUSR.clocks)

    def test_the_boards_time_for_the_decision_moves_its_open_cases(self, susr):
        board, manager, _ = susr
        # Thursday 30 April 2026: 20 working days skip the bank holidays of 4 and 25 May.
        incident = log_incident(
            actor=manager, board=board, **aware(D(2026, 4, 30), **KILLED_BY_PARTNER)
        )
        set_time(board, manager, SUSR, "decision", 20, "working_days")
        decision = deadlines_of(incident)["decision"]
        assert decision.due_on == D(2026, 6, 1)
        assert decision.definition.set_by_board
        assert decision.definition.length_text == "20 working days"

    def test_welsh_government_told_whenever_a_susr_takes_place_home_office_for_domestic_homicide(
        self, susr
    ):
        board, manager, chair = susr
        set_time(board, manager, SUSR, "notify_welsh_government", 5, "working_days")
        set_time(board, manager, SUSR, "notify_home_office", 1, "calendar_months")
        homicide = log_incident(
            actor=manager, board=board, **aware(D(2026, 1, 30), **KILLED_BY_PARTNER)
        )
        child = log_incident(
            actor=manager,
            board=board,
            **aware(D(2026, 1, 30), abuse_or_neglect_suspected=True, died=True),
        )
        # A notice of the referral, before any decision to hold a review, is not the notice
        # that a SUSR takes place.
        notify(manager, homicide, "welsh_government", D(2026, 2, 2))
        # Friday 30 January 2026, decided a week later, Friday 6 February.
        decide(actor=chair, incident=homicide, decided_on=D(2026, 2, 6))
        decide(actor=chair, incident=child, decided_on=D(2026, 2, 6))
        assert deadlines_of(homicide)["notify_welsh_government"].due_on == D(2026, 2, 13)
        assert deadlines_of(homicide)["notify_home_office"].due_on == D(2026, 3, 6)
        assert "notify_home_office" not in deadlines_of(child)

        notify(manager, homicide, "home_office", D(2026, 2, 9))
        clocks = deadlines_of(homicide)
        assert clocks["notify_home_office"].met_on == D(2026, 2, 9)
        assert clocks["notify_welsh_government"].met_on is None  # the Home Office is not the WG
        notify(manager, homicide, "welsh_government", D(2026, 2, 10), Notification.About.DECISION)
        assert deadlines_of(homicide)["notify_welsh_government"].met_on == D(2026, 2, 10)

    def test_home_office_quality_assurance_only_for_a_domestic_homicide(self):
        assert SUSR.needs_home_office_qa(Facts(**KILLED_BY_PARTNER))
        assert not SUSR.needs_home_office_qa(Facts(subject_kind="child", died=True))
        assert SUSR.approved_list == "Welsh Government"


class TestTheDhrCriteria:
    def test_a_domestic_homicide_must_be_reviewed(self):
        assessment = DHR.assess(Facts(**KILLED_BY_PARTNER))
        assert assessment.outcome == Outcome.MUST_INITIATE
        assert "s9(1)" in assessment.source

    def test_a_death_with_domestic_abuse_but_not_by_a_relative_may_be_reviewed(self):
        facts = Facts(subject_kind="adult", died=True, abuse_or_neglect_suspected=True)
        assert DHR.assess(facts).outcome == Outcome.MAY_INITIATE

    def test_otherwise_not_met_but_the_secretary_of_state_may_direct(self):
        assessment = DHR.assess(Facts(subject_kind="adult", died=True))
        assert assessment.outcome == Outcome.NOT_MET
        assert "s9(2)" in assessment.source

    def test_only_community_safety_partnerships_in_england_run_it(self):
        assert rulebooks.regimes_for("community_safety", "england") == ["dhr-2016"]
        assert rulebooks.regimes_for("community_safety", "wales") == []


class TestTheDhrClocks:
    def test_decision_in_a_calendar_month_at_a_month_end(self, csp):
        board, manager, _ = csp
        incident = log_incident(
            actor=manager, board=board, **aware(D(2026, 1, 31), **KILLED_BY_PARTNER)
        )
        decision = deadlines_of(incident)["decision"]
        assert decision.due_on == D(2026, 2, 28)
        assert not decision.definition.confirmed  # shown as a default, not statute

    def test_completion_six_months_after_the_decision(self, csp):
        board, manager, chair = csp
        incident = log_incident(
            actor=manager, board=board, **aware(D(2026, 2, 27), **KILLED_BY_PARTNER)
        )
        decide(actor=chair, incident=incident, decided_on=D(2026, 3, 31))
        assert incident.review.review_type == "dhr"
        assert deadlines_of(incident)["complete"].due_on == D(2026, 9, 30)

    def test_the_home_office_is_told_of_the_decision_either_way_once_the_board_sets_a_time(
        self, csp
    ):
        board, manager, chair = csp
        incident = log_incident(
            actor=manager, board=board, **aware(D(2026, 3, 2), subject_kind="adult", died=True)
        )
        decide(actor=chair, incident=incident, outcome="no_review", decided_on=D(2026, 3, 20))
        assert "home_office_notice" not in deadlines_of(incident)
        # Friday 20 March 2026: Good Friday (3 April) and Easter Monday (6 April) skipped.
        set_time(board, manager, DHR, "home_office_notice", 10, "working_days")
        assert deadlines_of(incident)["home_office_notice"].due_on == D(2026, 4, 7)
        # A notice of the incident, or one sent before the decision, does not meet it.
        notify(manager, incident, "home_office", D(2026, 3, 10), Notification.About.DECISION)
        notify(manager, incident, "home_office", D(2026, 3, 23))
        assert deadlines_of(incident)["home_office_notice"].met_on is None
        notify(manager, incident, "home_office", D(2026, 3, 24), Notification.About.DECISION)
        assert deadlines_of(incident)["home_office_notice"].met_on == D(2026, 3, 24)

    def test_a_copy_to_the_domestic_abuse_commissioner_after_completion(self, csp):
        board, manager, chair = csp
        set_time(board, manager, DHR, "commissioner_copy", 10, "working_days")
        incident = log_incident(
            actor=manager, board=board, **aware(D(2026, 1, 5), **KILLED_BY_PARTNER)
        )
        decide(actor=chair, incident=incident, decided_on=D(2026, 1, 20))
        assert "commissioner_copy" not in deadlines_of(incident)
        review = incident.review
        review.completed_on = D(2026, 7, 31)
        review.save()
        from reviews.services.clocks import deadlines_sync

        deadlines_sync(incident=incident)
        assert deadlines_of(incident)["commissioner_copy"].due_on == D(2026, 8, 14)
        notify(manager, incident, "domestic_abuse_commissioner", D(2026, 8, 3), "report")
        assert deadlines_of(incident)["commissioner_copy"].met_on == D(2026, 8, 3)

    def test_every_dhr_needs_home_office_quality_assurance(self):
        assert DHR.needs_home_office_qa(Facts(subject_kind="adult"))


class TestTimescales:
    def test_a_confirmed_statutory_length_is_never_the_boards(self, partners):
        board, manager, _ = partners
        with pytest.raises(ValidationError):
            set_time(board, manager, rulebooks.get("partners-2023:1"), "notify_panel", 9, "days")
        assert not Timescale.objects.exists()

    def test_a_clock_of_another_regime_is_refused(self, partners):
        board, manager, _ = partners
        with pytest.raises(ValidationError):
            set_time(board, manager, SUSR, "decision", 9, "days")
        assert not Timescale.objects.exists()

    def test_only_the_business_manager_sets_them(self, susr):
        board, _, chair = susr
        with pytest.raises(PermissionDenied):
            set_time(board, chair, SUSR, "decision", 9, "days")

    def test_a_closed_case_keeps_the_time_it_was_counted_in(self, csp):
        board, manager, chair = csp
        incident = log_incident(
            actor=manager, board=board, **aware(D(2026, 1, 5), **KILLED_BY_PARTNER)
        )
        decide(actor=chair, incident=incident, decided_on=D(2026, 1, 20))
        review = incident.review
        review.completed_on = D(2026, 6, 30)
        review.save()
        from reviews.services.clocks import deadlines_sync

        deadlines_sync(incident=incident)
        before = {d.clock: d.due_on for d in incident.deadlines}
        set_time(board, manager, DHR, "complete", 3, "calendar_months")
        assert {d.clock: d.due_on for d in incident.deadlines} == before
        open_case = log_incident(
            actor=manager, board=board, **aware(D(2026, 9, 1), **KILLED_BY_PARTNER)
        )
        decide(actor=chair, incident=open_case, decided_on=D(2026, 9, 15))
        assert deadlines_of(open_case)["complete"].due_on == D(2026, 12, 15)

    def test_a_change_is_kept_in_the_history(self, susr):
        board, manager, _ = susr
        set_time(board, manager, SUSR, "decision", 9, "days")
        timescale = set_time(board, manager, SUSR, "decision", 15, "working_days")
        assert [h.length for h in timescale.history.order_by("history_date")] == [9, 15]


class TestTheTimescalePages:
    def url(self, board, rulebook=SUSR, clock="decision"):
        return reverse("reviews:timescale_set", args=[board.pk, rulebook.key, clock])

    def test_the_board_page_lists_the_times_to_set(self, client, susr):
        board, manager, _ = susr
        client.force_login(manager)
        html = client.get(reverse("boards:detail", args=[board.pk])).content.decode()
        assert "Timescales the board sets" in html
        assert "Not set" in html
        assert self.url(board) in html

    def test_setting_a_time(self, client, susr):
        board, manager, _ = susr
        client.force_login(manager)
        response = client.get(self.url(board))
        assert response.status_code == 200
        assert "No timescale was found in the SUSR guidance" in response.content.decode()
        response = client.post(
            self.url(board), {"length": "20", "unit": "working_days", "reason": "Minute 7."}
        )
        assert response.status_code == 302
        assert Timescale.objects.get().length == 20

    @pytest.mark.parametrize(
        ("data", "message"),
        [
            ({"length": "0", "unit": "days", "reason": "x"}, "Enter the length of 1 or more"),
            ({"length": "ten", "unit": "days", "reason": "x"}, "as a whole number"),
            ({"length": "10", "unit": "", "reason": "x"}, "Select working days, days or"),
            ({"length": "10", "unit": "days", "reason": ""}, "Enter why the board chose"),
        ],
    )
    def test_bad_input_says_what_is_wrong_and_saves_nothing(self, client, susr, data, message):
        board, manager, _ = susr
        client.force_login(manager)
        html = error_page(client.post(self.url(board), data))
        assert message in html
        assert not Timescale.objects.exists()

    def test_a_clock_the_board_does_not_set_is_not_found(self, client, partners):
        board, manager, _ = partners
        client.force_login(manager)
        url = self.url(board, rulebooks.get("partners-2023:1"), "notify_panel")
        assert client.get(url).status_code == 404

    def test_someone_of_another_board_gets_nothing(self, client, susr):
        board, _, _ = susr
        other = MembershipFactory(
            board=BoardFactory(regime="wales-susr-2024", nation="wales"), role="business_manager"
        ).user
        client.force_login(other)
        assert client.get(self.url(board)).status_code == 404
        assert (
            client.post(self.url(board), {"length": "3", "unit": "days", "reason": "x"}).status_code
            == 404
        )
        assert not Timescale.objects.exists()


class TestTheApi:
    def test_a_partnership_logs_a_domestic_homicide_and_reads_its_clocks(self, api_client_for, csp):
        from reviews.tests.test_api import body

        board, manager, _ = csp
        response = api_client_for(manager).post(
            reverse("api:incident-list"),
            body(board, reference="Adult K", subject_kind="adult", domestic_homicide=True),
            format="json",
        )
        assert response.status_code == 201, response.json()
        data = response.json()
        assert data["rulebook"] == "dhr-2016:1"
        assert data["domestic_homicide"] is True
        assert data["criteria_outcome"] == "must_initiate"
        assert data["deadlines"]["decision"]["due"] == "2026-04-03"
        assert data["deadlines"]["decision"]["rule"] == "dhr-2016.decision"
        # Not started (no decision yet), and with no time set it would not run.
        assert data["deadlines"]["home_office_notice"] is None

    def test_a_board_of_community_safety_in_england(self, api_client_for, platform_admin):
        response = api_client_for(platform_admin).post(
            reverse("api:board-list"),
            {
                "name": "Westbridge CSP",
                "kind": "community_safety",
                "nation": "england",
                "regime": "dhr-2016",
            },
            format="json",
        )
        assert response.status_code == 201, response.json()
        wrong = api_client_for(platform_admin).post(
            reverse("api:board-list"),
            {
                "name": "Cardiff CSP",
                "kind": "community_safety",
                "nation": "wales",
                "regime": "dhr-2016",
            },
            format="json",
        )
        assert wrong.status_code == 400
        assert not Board.objects.filter(name="Cardiff CSP").exists()


class TestTheCaseReviewGroup:
    """SUSR guidance: a case review group meets, then the chair decides."""

    def referral(self, susr):
        board, manager, chair = susr
        incident = log_incident(
            actor=manager, board=board, **aware(D(2026, 3, 2), **KILLED_BY_PARTNER)
        )
        return incident, chair

    def test_the_decision_needs_the_date_the_group_met(self, susr):
        from reviews.services import decisions

        incident, chair = self.referral(susr)
        values = {
            "actor": chair,
            "incident": incident,
            "outcome": "initiate_review",
            "review_type": "susr",
            "rationale": "The criteria are met.",
            "decided_on": D(2026, 3, 20),
        }
        with pytest.raises(ValidationError) as error:
            decisions.decision_record(**values)
        assert "case_review_group_on" in error.value.message_dict
        with pytest.raises(ValidationError) as error:
            decisions.decision_record(**values, case_review_group_on=D(2026, 3, 23))
        assert "on or after the date the case review group met" in str(error.value)
        assert not Decision.objects.filter(incident=incident).exists()
        decision = decisions.decision_record(**values, case_review_group_on=D(2026, 3, 16))
        assert decision.case_review_group_on == D(2026, 3, 16)

    def test_the_page_asks_for_it_and_says_when_it_is_missing(self, client, susr):
        from reviews.tests.test_views import date_data

        incident, chair = self.referral(susr)
        client.force_login(chair)
        url = reverse("reviews:decision", args=[incident.board.pk, incident.pk])
        assert "Date the case review group met" in client.get(url).content.decode()
        html = error_page(
            client.post(
                url,
                {
                    "outcome": "initiate_review:susr",
                    "rationale": "The criteria are met.",
                    **date_data("decided_on", D(2026, 3, 20)),
                },
            )
        )
        assert "Enter the date the case review group met" in html
        assert "The criteria are met." in html  # what was typed is kept
        assert not Decision.objects.exists()

    def test_a_date_where_the_rules_have_no_group_is_refused(self, csp):
        from reviews.services import decisions

        board, manager, chair = csp
        incident = log_incident(
            actor=manager, board=board, **aware(D(2026, 3, 2), **KILLED_BY_PARTNER)
        )
        with pytest.raises(ValidationError) as error:
            decisions.decision_record(
                actor=chair,
                incident=incident,
                outcome="initiate_review",
                review_type="dhr",
                rationale="The criteria are met.",
                decided_on=D(2026, 3, 20),
                case_review_group_on=D(2026, 3, 16),
            )
        assert "case_review_group_on" in error.value.message_dict
        assert not Decision.objects.exists()

    def test_other_regimes_do_not_ask(self, client, csp):
        board, manager, chair = csp
        incident = log_incident(
            actor=manager, board=board, **aware(D(2026, 3, 2), **KILLED_BY_PARTNER)
        )
        client.force_login(chair)
        url = reverse("reviews:decision", args=[board.pk, incident.pk])
        assert "case review group" not in client.get(url).content.decode()
