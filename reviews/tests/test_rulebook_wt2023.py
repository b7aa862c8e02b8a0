"""Working Together 2023 as its own edition of the safeguarding partners' regime: chosen by the
day the local authority became aware, the notice to the Department for Education and Ofsted of
the death of a looked-after child or a care leaver whatever the criteria say, up to four children
on one notification, and a child harmed outside England (docs/research/wt2023.md)."""

import datetime as dt

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse

from guidance import rulebooks
from guidance.rulebooks import Facts, Outcome
from reviews.models import IncidentPerson
from reviews.services import incidents
from reviews.tests.factories import log_incident
from reviews.tests.test_views import error_page, incident_data

D = dt.date
pytestmark = pytest.mark.usefixtures("frozen_today")


@pytest.fixture
def frozen_today():
    with time_machine.travel(dt.datetime(2026, 11, 23, 12, 0, tzinfo=dt.UTC), tick=False):
        yield


def aware(day, **facts):
    return {"incident_on": day, "la_aware_on": day, "notified_on": day, **facts}


def deadlines_of(incident):
    return {d.clock: d for d in incident.deadlines}


DIED_IN_CARE = {"abuse_or_neglect_suspected": False, "died": True, "looked_after": True}


class TestTheEdition:
    @pytest.mark.parametrize(
        ("la_aware_on", "rulebook"),
        [
            (D(2023, 12, 14), "partners-2018:1"),
            (D(2023, 12, 15), "partners-2023:1"),
            (D(2026, 3, 2), "partners-2023:1"),
        ],
    )
    def test_chosen_by_the_day_the_local_authority_became_aware(
        self, partners, la_aware_on, rulebook
    ):
        board, manager, _ = partners
        incident = log_incident(actor=manager, board=board, **aware(la_aware_on))
        assert incident.rulebook == rulebook

    def test_a_case_keeps_its_edition_when_its_dates_are_corrected(self, partners):
        board, manager, _ = partners
        incident = log_incident(actor=manager, board=board, **aware(D(2023, 12, 1)))
        incidents.incident_update(
            actor=manager, incident=incident, **aware(D(2024, 1, 8)), **DIED_IN_CARE
        )
        incident.refresh_from_db()
        assert incident.rulebook == "partners-2018:1"
        assert "notify_dfe_ofsted" not in deadlines_of(incident)  # not a rule of 2018

    def test_the_board_chooses_the_regime_and_new_cases_take_its_latest_edition(self):
        assert rulebooks.for_regime("partners-2018").key == "partners-2023:1"
        assert rulebooks.regimes_for("children", "england") == ["lscb-2015", "partners-2018"]


class TestADeathInCare:
    def test_without_abuse_it_is_not_a_serious_case_but_dfe_and_ofsted_are_told_in_5_days(
        self, partners
    ):
        board, manager, _ = partners
        # Friday 22 December 2023: Christmas, Boxing Day and New Year's Day are not counted.
        incident = log_incident(
            actor=manager, board=board, **aware(D(2023, 12, 22), **DIED_IN_CARE)
        )
        assert incident.criteria_outcome == Outcome.NOT_MET
        assert "Secretary of State" in incident.criteria_reason
        found = deadlines_of(incident)
        assert set(found) == {"notify_dfe_ofsted"}  # no Panel notification, no rapid review
        notice = found["notify_dfe_ofsted"]
        assert notice.due_on == D(2024, 1, 3)
        assert notice.rule == "partners-2023.notify_dfe_ofsted"

        # Both are needed: the Department alone does not meet it.
        incidents.notification_record(
            actor=manager, incident=incident, recipient="dfe", sent_on=D(2023, 12, 27)
        )
        assert deadlines_of(incident)["notify_dfe_ofsted"].met_on is None
        incidents.notification_record(
            actor=manager, incident=incident, recipient="ofsted", sent_on=D(2024, 1, 2)
        )
        assert deadlines_of(incident)["notify_dfe_ofsted"].met_on == D(2024, 1, 2)

    def test_with_abuse_suspected_the_panel_is_notified_too(self, partners):
        board, manager, _ = partners
        incident = log_incident(
            actor=manager,
            board=board,
            **aware(D(2026, 1, 30), **{**DIED_IN_CARE, "abuse_or_neglect_suspected": True}),
        )
        assert incident.criteria_outcome == Outcome.MAY_INITIATE
        found = deadlines_of(incident)
        # Friday 30 January: the month ends over the weekend.
        assert found["notify_panel"].due_on == found["notify_dfe_ofsted"].due_on == D(2026, 2, 6)
        # The Panel's notification does not meet the Department's and Ofsted's notice.
        incidents.notification_record(
            actor=manager, incident=incident, recipient="national_panel", sent_on=D(2026, 2, 2)
        )
        found = deadlines_of(incident)
        assert found["notify_panel"].met_on == D(2026, 2, 2)
        assert found["notify_dfe_ofsted"].met_on is None

    def test_a_care_leaver_to_24_and_the_source_says_it_is_unconfirmed(self, partners):
        board, manager, _ = partners
        incident = log_incident(
            actor=manager,
            board=board,
            subject_kind="adult",
            **aware(D(2026, 5, 22), died=True, abuse_or_neglect_suspected=False, care_leaver=True),
        )
        # Friday 22 May 2026: the spring bank holiday (25 May) is not counted.
        assert deadlines_of(incident)["notify_dfe_ofsted"].due_on == D(2026, 6, 1)
        clock = incident.rules.clock("notify_dfe_ofsted")
        assert "not confirmed in the primary source" in clock.source
        assert "care leaver aged 24 or under" in incident.criteria_reason

    @pytest.mark.parametrize(
        "facts",
        [
            {"died": False, "seriously_harmed": True, "looked_after": True},
            {"died": True, "looked_after": False, "care_leaver": False},
        ],
    )
    def test_no_notice_without_a_death_in_care(self, partners, facts):
        board, manager, _ = partners
        incident = log_incident(
            actor=manager,
            board=board,
            **aware(D(2026, 3, 2), abuse_or_neglect_suspected=False, **facts),
        )
        assert "notify_dfe_ofsted" not in deadlines_of(incident)

    def test_the_api_shows_the_notice_and_the_new_facts(self, api_client_for, partners):
        board, manager, _ = partners
        client = api_client_for(manager)
        response = client.post(
            reverse("api:incident-list"),
            {
                "board": str(board.pk),
                "reference": "Child L",
                "subject_kind": "child",
                "incident_on": "2026-11-16",
                "la_aware_on": "2026-11-16",
                "notified_on": "2026-11-17",
                "notifier": "Children's services",
                "died": True,
                "looked_after": True,
            },
            format="json",
        )
        assert response.status_code == 201, response.json()
        data = response.json()
        assert data["rulebook"] == "partners-2023:1"
        assert (data["looked_after"], data["care_leaver"]) == (True, False)
        assert data["deadlines"]["notify_dfe_ofsted"] == {
            "due": "2026-11-23",
            "status": "due_today",
            "met_on": None,
            "rule": "partners-2023.notify_dfe_ofsted",
        }
        assert data["deadlines"]["notify_panel"]["status"] == "not_applicable"
        url = reverse("api:incident-notifications", args=[data["id"]])
        for recipient in ("dfe", "ofsted"):
            client.post(url, {"recipient": recipient, "sent_on": "2026-11-20"}, format="json")
        detail = client.get(reverse("api:incident-detail", args=[data["id"]])).json()
        assert detail["deadlines"]["notify_dfe_ofsted"]["status"] == "met"

    def test_an_older_case_has_no_notice_in_the_api(self, api_client_for, partners):
        board, manager, _ = partners
        incident = log_incident(actor=manager, board=board, **aware(D(2023, 6, 1), **DIED_IN_CARE))
        detail = api_client_for(manager).get(reverse("api:incident-detail", args=[incident.pk]))
        assert detail.json()["deadlines"]["notify_dfe_ofsted"]["status"] == "not_applicable"


class TestSeveralChildren:
    def test_up_to_four_children_and_a_fifth_is_refused_with_nothing_saved(self, partners):
        board, manager, _ = partners
        incident = log_incident(actor=manager, board=board, **aware(D(2026, 3, 2)))
        for name in ("Ann", "Ben", "Cal", "Dee"):
            incidents.person_add(actor=manager, incident=incident, role="subject", name=name)
        with pytest.raises(ValidationError) as refused:
            incidents.person_add(actor=manager, incident=incident, role="subject", name="Eve")
        assert "at most 4 children" in refused.value.message_dict["role"][0]
        assert incident.people.filter(role="subject").count() == 4
        # Other people of the case are not children of the notification.
        incidents.person_add(actor=manager, incident=incident, role="family", name="Fay")
        # A withdrawn subject frees the place.
        ann = IncidentPerson.objects.get(incident=incident, name="Ann")
        incidents.person_withdraw(actor=manager, person=ann, reason="Recorded in error")
        incidents.person_add(actor=manager, incident=incident, role="subject", name="Eve")

    def test_the_people_page_says_so_and_keeps_what_was_typed(self, client, partners):
        board, manager, _ = partners
        incident = log_incident(actor=manager, board=board, **aware(D(2026, 3, 2)))
        for name in ("Ann", "Ben", "Cal", "Dee"):
            incidents.person_add(actor=manager, incident=incident, role="subject", name=name)
        client.force_login(manager)
        add = reverse("reviews:person_add", args=[board.pk, incident.pk])
        html = error_page(client.post(add, {"role": "subject", "name": "Eve Realname"}))
        assert "A notification names at most 4 children" in html
        assert "Eve Realname" in html
        assert incident.people.count() == 4

    def test_an_edition_without_the_rule_takes_more(self, partners):
        board, manager, _ = partners
        incident = log_incident(actor=manager, board=board, **aware(D(2022, 3, 2)))
        for name in ("Ann", "Ben", "Cal", "Dee", "Eve"):
            incidents.person_add(actor=manager, incident=incident, role="subject", name=name)
        assert incident.people.count() == 5


class TestOutsideEngland:
    def test_the_assessment_names_the_limb_of_s16c(self):
        assessment = rulebooks.get("partners-2023:1").assess(
            Facts(
                subject_kind="child",
                abuse_or_neglect_suspected=True,
                seriously_harmed=True,
                outside_england=True,
            )
        )
        assert assessment.outcome == Outcome.MAY_INITIATE
        assert "outside England" in assessment.reason
        assert assessment.source.startswith("Children Act 2004 s16C(1)(b)")

    def test_the_incident_form_records_it(self, client, partners):
        board, manager, _ = partners
        client.force_login(manager)
        response = client.post(
            reverse("reviews:incident_log", args=[board.pk]),
            incident_data(
                facts=["abuse_or_neglect_suspected", "seriously_harmed", "outside_england"]
            ),
        )
        assert response.status_code == 302
        incident = board.incidents.get()
        assert incident.outside_england
        assert "s16C(1)(b)" in incident.criteria_source
        page = client.get(response.url).content.decode()
        assert "Harmed or died outside England while normally living in the board" in page
