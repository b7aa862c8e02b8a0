import datetime as dt

import pytest
import time_machine
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from deadlines.models import BankHoliday, Deadline
from reviews.models import Decision, Incident, IncidentPerson, Notification, Review
from reviews.services import clocks, incidents
from reviews.tests.factories import decide, log_incident

D = dt.date
pytestmark = pytest.mark.usefixtures("frozen_today")


@pytest.fixture
def frozen_today():
    with time_machine.travel(dt.datetime(2026, 3, 20, 12, 0, tzinfo=dt.UTC), tick=False):
        yield


def error_page(response):
    html = response.content.decode()
    assert response.status_code == 200
    assert '<div class="govuk-error-summary"' in html
    assert "<title>Error: " in html
    return html


def date_data(prefix, day):
    return {f"{prefix}_0": day.day, f"{prefix}_1": day.month, f"{prefix}_2": day.year}


def incident_data(**overrides):
    data = {
        "reference": "Child R",
        "subject_kind": "child",
        **date_data("incident_on", D(2026, 3, 1)),
        **date_data("la_aware_on", D(2026, 3, 2)),
        **date_data("notified_on", D(2026, 3, 3)),
        "notifier": "Children's services",
        "facts": ["abuse_or_neglect_suspected", "died"],
        "summary": "",
    }
    data.update(overrides)
    return data


class TestLogIncident:
    def url(self, board):
        return reverse("reviews:incident_log", args=[board.pk])

    def test_business_manager_logs_an_incident_and_sees_its_clocks(
        self, client, business_manager, board, agency
    ):
        client.force_login(business_manager)
        response = client.post(self.url(board), incident_data(agencies=[agency.pk]))
        incident = Incident.objects.get(reference="Child R")
        assert response.status_code == 302
        assert response.url == reverse("reviews:incident_detail", args=[board.pk, incident.pk])
        assert incident.rulebook == "partners-2023:1"
        assert list(incident.agencies.all()) == [agency]
        page = client.get(response.url)
        assertContains(page, "Incident logged: Child R")
        assertContains(page, "May initiate a review")
        assertContains(page, "Notify the Child Safeguarding Practice Review Panel")
        assertContains(page, "Children Act 2004 s16C; Working Together 2023 chapter 5")
        assertNotContains(page, "partners-2023.notify_panel")
        assertContains(page, "9 Mar 2026")  # 5 working days from Monday 2 March

    @pytest.mark.parametrize(
        ("change", "field", "message"),
        [
            ({"reference": ""}, "reference", "Enter the case reference"),
            (date_data("incident_on", D(2026, 3, 21)), "incident_on", "today or in the past"),
            (
                date_data("notified_on", D(2026, 3, 1)),
                "notified_on",
                "on or after the date the local authority",
            ),
            (
                date_data("la_aware_on", D(2026, 2, 28)),
                "la_aware_on",
                "on or after the date of the incident",
            ),
            ({"notified_on_0": "31", "notified_on_1": "2"}, "notified_on", "must be a real date"),
            ({"incident_on_2": "1899"}, "incident_on", "must be a real date"),
            ({"incident_on_2": "20260"}, "incident_on", "must be a real date"),
            ({"notified_on_1": ""}, "notified_on", "must include a month"),
            ({"subject_kind": ""}, "subject_kind", "Select child or adult"),
            ({"facts": ["flying"]}, "facts", "Select a valid choice"),
        ],
    )
    def test_bad_input_names_the_field_and_saves_nothing(
        self, client, business_manager, board, change, field, message
    ):
        client.force_login(business_manager)
        html = error_page(client.post(self.url(board), incident_data(**change)))
        assert message in html
        assert f'href="#id_{field}' in html
        assert 'value="Children&#x27;s services"' in html  # answers kept
        assert not Incident.objects.exists()

    def test_duplicate_reference_is_refused(self, client, business_manager, board, incident):
        client.force_login(business_manager)
        html = error_page(client.post(self.url(board), incident_data(reference="child q")))
        assert "already has an incident with this reference" in html
        assert Incident.objects.count() == 1

    def test_agencies_of_another_board_are_not_offered_or_taken(
        self, client, business_manager, board, agency, other_board
    ):
        from boards.models import Agency

        foreign = Agency.objects.create(board=other_board, name="Far Police", sector="police")
        client.force_login(business_manager)
        assertNotContains(client.get(self.url(board)), "Far Police")
        html = error_page(client.post(self.url(board), incident_data(agencies=[foreign.pk])))
        assert "Select a valid choice" in html

    @pytest.mark.parametrize("role", ["chair", "member", "lead_reviewer", "viewer"])
    def test_only_the_business_manager_logs(self, client, role_users, board, role):
        client.force_login(role_users[role])
        assert client.post(self.url(board), incident_data()).status_code == 403
        assert not Incident.objects.exists()


class TestIncidentPages:
    def test_list_shows_references_never_real_names(
        self, client, business_manager, member, board, incident
    ):
        incidents.person_add(
            actor=business_manager, incident=incident, role="subject", name="Quentin Realname"
        )
        client.force_login(member)
        response = client.get(reverse("reviews:incident_list", args=[board.pk]))
        assertContains(response, "Child Q")
        assertNotContains(response, "Quentin")
        detail = client.get(reverse("reviews:incident_detail", args=[board.pk, incident.pk]))
        assertNotContains(detail, "Quentin")

    def test_list_filters_by_status(self, client, business_manager, chair, board, incident):
        other = log_incident(actor=business_manager, board=board, reference="Child S")
        decide(actor=chair, incident=other, outcome="no_review")
        client.force_login(business_manager)
        url = reverse("reviews:incident_list", args=[board.pk])
        response = client.get(url, {"status": "no_review"})
        assertContains(response, "Child S")
        assertNotContains(response, ">Child Q<")

    def test_list_queries_do_not_grow_with_incidents(
        self, client, business_manager, board, django_assert_max_num_queries
    ):
        for _ in range(15):
            log_incident(actor=business_manager, board=board)
        client.force_login(business_manager)
        # With the navigation's count of the user's work (their roles, the bank holidays), and
        # the count of the list's rows for its pages.
        with django_assert_max_num_queries(11):
            client.get(reverse("reviews:incident_list", args=[board.pk]))

    def test_detail_queries_are_bounded(
        self, client, business_manager, chair, board, incident, django_assert_max_num_queries
    ):
        for day in (4, 5, 6):
            incidents.notification_record(
                actor=business_manager,
                incident=incident,
                recipient="ofsted",
                sent_on=D(2026, 3, day),
            )
            incident.proceedings.create(
                kind="inquest", description=f"Inquest {day}", started_on=D(2026, 3, day)
            )
            incident.restrictions.create(
                kind="court_order",
                made_by=f"Court {day}",
                made_on=D(2026, 3, day),
                ends_on=D(2026, 12, day),
                what_it_forbids="Naming the school",
            )
        decide(actor=chair, incident=incident)
        client.force_login(chair)
        # One of them reads the board's own timescales, for the clocks no source fixes; two
        # the navigation's count of the user's work (their roles, the bank holidays). The
        # board is read with the incident; no local criteria nor pauses, so no query for them.
        with django_assert_max_num_queries(17):
            response = client.get(reverse("reviews:incident_detail", args=[board.pk, incident.pk]))
        assertContains(response, "Local child safeguarding practice review initiated")
        assertContains(response, "Inquest 6")
        assertContains(response, "Court 6")

    def test_lead_reviewers_do_not_see_the_boards_incidents(
        self, client, lead_reviewer, board, incident
    ):
        client.force_login(lead_reviewer)
        assert client.get(reverse("reviews:incident_list", args=[board.pk])).status_code == 403
        url = reverse("reviews:incident_detail", args=[board.pk, incident.pk])
        assert client.get(url).status_code == 403

    def test_an_incident_of_another_board_is_404_through_my_board(
        self, client, business_manager, board, other_board, other_board_user
    ):
        from boards.models import Membership

        manager = Membership.objects.filter(board=other_board, role="business_manager").get().user
        foreign = log_incident(actor=manager, board=other_board)
        client.force_login(business_manager)
        assert (
            client.get(reverse("reviews:incident_detail", args=[board.pk, foreign.pk])).status_code
            == 404
        )
        assert (
            client.get(
                reverse("reviews:incident_detail", args=[other_board.pk, foreign.pk])
            ).status_code
            == 404
        )

    def test_edit_keeps_answers_and_moves_the_clocks(
        self, client, business_manager, board, incident
    ):
        client.force_login(business_manager)
        url = reverse("reviews:incident_edit", args=[board.pk, incident.pk])
        form = client.get(url)
        assertContains(form, 'value="Child Q"')
        assertContains(
            form,
            'value="abuse_or_neglect_suspected"\n          \n            checked="checked"',
            html=False,
        )
        response = client.post(
            url, incident_data(reference="Child Q", **date_data("la_aware_on", D(2026, 3, 3)))
        )
        assert response.status_code == 302
        assert incident.deadlines.get(clock="notify_panel").due_on == D(2026, 3, 10)

    def test_platform_admin_without_a_role_sees_no_case(
        self, client, platform_admin, board, incident
    ):
        client.force_login(platform_admin)
        assert (
            client.get(reverse("reviews:incident_detail", args=[board.pk, incident.pk])).status_code
            == 404
        )
        assert client.get(reverse("reviews:incident_list", args=[board.pk])).status_code == 403


class TestNotifications:
    def url(self, board, incident):
        return reverse("reviews:notification_add", args=[board.pk, incident.pk])

    def test_a_panel_notification_meets_the_clock(self, client, business_manager, board, incident):
        client.force_login(business_manager)
        response = client.post(
            self.url(board, incident),
            {
                "recipient": "national_panel",
                "about": "incident",
                **date_data("sent_on", D(2026, 3, 4)),
                "summary": "Form sent",
            },
        )
        assert response.status_code == 302
        notify = incident.deadlines.get(clock="notify_panel")
        assert notify.met_on == D(2026, 3, 4)
        assert incident.deadlines.get(clock="rapid_review").due_on == D(2026, 3, 25)

    def test_telling_the_panel_something_else_meets_no_clock(
        self, client, business_manager, board, incident
    ):
        client.force_login(business_manager)
        page = client.get(self.url(board, incident)).content.decode()
        chosen = page.split('value="incident"', 1)[1].split(">", 1)[0]
        assert "checked" in chosen  # the usual answer, chosen already
        response = client.post(
            self.url(board, incident),
            {
                "recipient": "national_panel",
                "about": "other",
                **date_data("sent_on", D(2026, 3, 4)),
            },
        )
        assert response.status_code == 302
        assert incident.deadlines.get(clock="notify_panel").met_on is None
        assert not incident.deadlines.filter(clock="rapid_review").exists()

    def test_a_notification_before_awareness_is_refused(
        self, client, business_manager, board, incident
    ):
        client.force_login(business_manager)
        html = error_page(
            client.post(
                self.url(board, incident),
                {"recipient": "ofsted", "about": "incident", **date_data("sent_on", D(2026, 3, 1))},
            )
        )
        assert "The date the notification was sent must be on or after the date the local" in html
        assert not Notification.objects.exists()

    def test_bad_input(self, client, business_manager, board, incident):
        client.force_login(business_manager)
        html = error_page(client.post(self.url(board, incident), {"recipient": "", "summary": "x"}))
        assert "Select who was notified" in html
        assert "Select what the notification was about" in html
        assert "Enter the date the notification was sent" in html
        assert not Notification.objects.exists()


class TestDecision:
    def url(self, board, incident):
        return reverse("reviews:decision", args=[board.pk, incident.pk])

    def data(self, **overrides):
        return {
            "outcome": "initiate_review:lcspr",
            "rationale": "The criteria are met.",
            **date_data("decided_on", D(2026, 3, 10)),
            **overrides,
        }

    def test_chair_initiates_a_review(self, client, chair, board, incident):
        client.force_login(chair)
        assertContains(client.get(self.url(board, incident)), "May initiate a review")
        response = client.post(self.url(board, incident), self.data())
        assert response.status_code == 302
        review = Review.objects.get(incident=incident)
        assert (review.review_type, review.initiated_on) == ("lcspr", D(2026, 3, 10))
        incident.refresh_from_db()
        assert incident.status == "review_initiated"
        assert client.get(self.url(board, incident)).status_code == 302  # already decided

    @pytest.mark.parametrize(
        ("change", "message"),
        [
            ({"rationale": ""}, "Enter the reasons for the decision"),
            (
                date_data("decided_on", D(2026, 3, 2)),
                "must be on or after the date the board was notified",
            ),
            (date_data("decided_on", D(2026, 3, 21)), "today or in the past"),
            ({"outcome": "initiate_review"}, "Select the decision"),
            ({"outcome": "no_review:lcspr"}, "Select the decision"),
            ({"outcome": ""}, "Select the decision"),
        ],
    )
    def test_bad_input_saves_nothing(self, client, chair, board, incident, change, message):
        client.force_login(chair)
        html = error_page(client.post(self.url(board, incident), self.data(**change)))
        assert message in html
        assert not Decision.objects.exists()
        assert not Review.objects.exists()

    @pytest.mark.parametrize("role", ["business_manager", "member", "lead_reviewer", "viewer"])
    def test_only_the_chair_decides(self, client, role_users, board, incident, role):
        client.force_login(role_users[role])
        assert client.post(self.url(board, incident), self.data()).status_code == 403
        assert not Decision.objects.exists()

    def test_panel_advice(self, client, chair, business_manager, board, incident):
        decide(actor=chair, incident=incident, outcome="no_review", decided_on=D(2026, 3, 10))
        client.force_login(business_manager)
        url = reverse("reviews:panel_advice_add", args=[board.pk, incident.pk])
        html = error_page(
            client.post(url, {"advice": "", **date_data("received_on", D(2026, 3, 9))})
        )
        assert "Enter the panel" in html
        response = client.post(
            url, {"advice": "Reconsider.", **date_data("received_on", D(2026, 3, 18))}
        )
        assert response.status_code == 302
        assertContains(client.get(response.url), "Reconsider.")


class TestPeople:
    def test_business_manager_adds_and_removes_people(
        self, client, business_manager, board, incident
    ):
        client.force_login(business_manager)
        add = reverse("reviews:person_add", args=[board.pk, incident.pk])
        html = error_page(client.post(add, {"role": "", "name": ""}))
        assert "Enter the person&#x27;s real name" in html
        response = client.post(
            add,
            {
                "role": "family",
                "name": "Mary Realname",
                "aliases": "Mags\n\nMaz",
                "relationship": "mother",
            },
        )
        assert response.status_code == 302
        person = incident.people.get()
        assert person.aliases == "Mags\nMaz"
        assertContains(client.get(response.url), "Mary Realname")
        withdraw = reverse("reviews:person_withdraw", args=[board.pk, incident.pk, person.pk])
        html = error_page(client.post(withdraw, {"reason": ""}))
        assert "Enter why you are withdrawing it" in html
        assert incident.people.exists()
        assert client.post(withdraw, {"reason": "Not involved after all"}).status_code == 302
        assert not incident.people.exists()
        assert IncidentPerson.all_objects.get(pk=person.pk).withdrawal_reason == (
            "Not involved after all"
        )

    @pytest.mark.parametrize(
        ("role", "status"),
        [("chair", 200), ("member", 403), ("viewer", 403), ("lead_reviewer", 403)],
    )
    def test_who_sees_real_names(self, client, role_users, board, incident, role, status):
        client.force_login(role_users[role])
        assert (
            client.get(reverse("reviews:people", args=[board.pk, incident.pk])).status_code
            == status
        )


class TestClocks:
    def test_pause_and_restart_from_the_incident_page(
        self, client, business_manager, board, incident
    ):
        deadline = incident.deadlines.get(clock="notify_panel")
        client.force_login(business_manager)
        pause = reverse("reviews:deadline_pause", args=[board.pk, incident.pk, deadline.pk])
        html = error_page(
            client.post(
                pause, {"reason": "other", "details": "", **date_data("paused_on", D(2026, 3, 4))}
            )
        )
        assert "Say why the clock is paused" in html
        response = client.post(
            pause, {"reason": "inquest", **date_data("paused_on", D(2026, 3, 4))}
        )
        assert response.status_code == 302
        assertContains(client.get(response.url), "Paused")
        restart = reverse("reviews:deadline_resume", args=[board.pk, incident.pk, deadline.pk])
        html = error_page(client.post(restart, date_data("resumed_on", D(2026, 3, 3))))
        assert "The date the clock restarted must be on or after the date it was paused" in html
        assert client.post(restart, date_data("resumed_on", D(2026, 3, 6))).status_code == 302
        deadline.refresh_from_db()
        assert deadline.due_on == D(2026, 3, 11)  # 4 and 5 March stood still

    def test_a_deadline_of_another_incident_is_404(self, client, business_manager, board, incident):
        other = log_incident(actor=business_manager, board=board)
        deadline = other.deadlines.first()
        client.force_login(business_manager)
        url = reverse("reviews:deadline_pause", args=[board.pk, incident.pk, deadline.pk])
        assert client.get(url).status_code == 404


class TestDeadlineList:
    def test_open_deadlines_soonest_first_with_status_tags(self, client, business_manager, board):
        late = log_incident(
            actor=business_manager,
            board=board,
            reference="Child Late",
            **{
                "incident_on": D(2026, 2, 1),
                "la_aware_on": D(2026, 2, 2),
                "notified_on": D(2026, 2, 3),
            },
        )
        soon = log_incident(
            actor=business_manager,
            board=board,
            reference="Child Soon",
            **{
                "incident_on": D(2026, 3, 16),
                "la_aware_on": D(2026, 3, 16),
                "notified_on": D(2026, 3, 16),
            },
        )
        client.force_login(business_manager)
        url = reverse("reviews:deadline_list", args=[board.pk])
        html = client.get(url).content.decode()
        assert html.index("Child Late") < html.index("Child Soon")
        assert "govuk-tag--red" in html and "Overdue" in html
        assert "Due soon" in html
        overdue = client.get(url, {"status": "overdue"}).content.decode()
        assert "Child Late" in overdue and "Child Soon" not in overdue
        assert soon.deadlines.get().due_on == D(2026, 3, 23)
        assert late.deadlines.get().due_on == D(2026, 2, 9)

    def test_met_deadlines_are_found_by_filter_only(
        self, client, business_manager, board, incident
    ):
        incidents.notification_record(
            actor=business_manager,
            incident=incident,
            recipient="national_panel",
            sent_on=D(2026, 3, 4),
        )
        client.force_login(business_manager)
        url = reverse("reviews:deadline_list", args=[board.pk])
        # Each clock named in words, with where its rule comes from.
        notify_panel = "Report a serious child safeguarding incident: within 5 working days"
        assert notify_panel not in client.get(url).content.decode()
        assertContains(client.get(url, {"status": "met"}), notify_panel)
        assertContains(
            client.get(url, {"clock": "rapid_review"}),
            "within 15 working days of the notification to the Panel",
        )

    def test_a_bad_filter_shows_the_open_list(self, client, business_manager, board, incident):
        client.force_login(business_manager)
        response = client.get(
            reverse("reviews:deadline_list", args=[board.pk]), {"status": "nonsense"}
        )
        assertContains(response, "Child Q")

    def test_queries_do_not_grow(
        self, client, business_manager, board, django_assert_max_num_queries
    ):
        for _ in range(20):
            log_incident(actor=business_manager, board=board)
        client.force_login(business_manager)
        # With the second factor's device (django-otp), the navigation's count of the user's
        # work (their roles, the bank holidays ahead), and the count of the list's rows.
        with django_assert_max_num_queries(11):
            response = client.get(reverse("reviews:deadline_list", args=[board.pk]))
        assert len(response.context["page"].object_list) == 20


class TestStatus:
    @pytest.mark.parametrize(
        ("today", "status"),
        [
            (D(2026, 3, 2), "upcoming"),
            (D(2026, 3, 3), "upcoming"),
            (D(2026, 3, 4), "due_soon"),  # 5 working days before Wednesday 11 March
            (D(2026, 3, 10), "due_soon"),
            (D(2026, 3, 11), "due_today"),
            (D(2026, 3, 12), "overdue"),
        ],
    )
    def test_status_follows_the_date(self, business_manager, board, today, status):
        with time_machine.travel(dt.datetime(2026, 3, 2, 9, tzinfo=dt.UTC), tick=False):
            incident = log_incident(
                actor=business_manager,
                board=board,
                reference="Child T",
                incident_on=D(2026, 2, 20),
                la_aware_on=D(2026, 2, 20),
                notified_on=D(2026, 3, 2),
            )
        deadline = incident.deadlines.get(clock="notify_panel")
        Deadline.objects.filter(pk=deadline.pk).update(due_on=D(2026, 3, 11))
        from reviews.selectors import with_status

        assert (
            with_status(Deadline.objects.filter(pk=deadline.pk), today=today).get().status == status
        )

    def test_met_late_and_paused(self, business_manager, board, incident):
        from reviews.selectors import with_status

        notify = incident.deadlines.get(clock="notify_panel")
        clocks.deadline_pause(
            actor=business_manager,
            deadline=notify,
            reason="inquest",
            details="",
            paused_on=D(2026, 3, 3),
        )
        assert with_status(Deadline.objects.filter(pk=notify.pk)).get().status == "paused"
        # Met while paused: the pause ends that day and the clock stood still until then, so
        # the notification was not late (due 9 March, paused from 3 to 20 March).
        incidents.notification_record(
            actor=business_manager,
            incident=incident,
            recipient="national_panel",
            sent_on=D(2026, 3, 20),
        )
        notify = with_status(Deadline.objects.filter(pk=notify.pk)).get()
        assert (notify.status, notify.paused_since) == ("met", None)
        assert list(notify.pauses.values_list("paused_on", "resumed_on")) == [
            (D(2026, 3, 3), D(2026, 3, 20))
        ]
        assert notify.due_on == D(2026, 3, 26)  # 9 March plus the 13 working days paused

    def test_met_late(self, business_manager, board, incident):
        from reviews.selectors import with_status

        incidents.notification_record(
            actor=business_manager,
            incident=incident,
            recipient="national_panel",
            sent_on=D(2026, 3, 20),
        )
        notify = with_status(Deadline.objects.filter(clock="notify_panel")).get()
        assert (notify.due_on, notify.status) == (D(2026, 3, 9), "met_late")


class TestBankHolidays:
    def test_platform_admin_adds_a_late_announced_holiday_and_deadlines_move(
        self, client, platform_admin, business_manager, board, incident
    ):
        assert incident.deadlines.get(clock="notify_panel").due_on == D(2026, 3, 9)
        client.force_login(platform_admin)
        assertContains(client.get(reverse("bank_holidays"), {"year": 2026}), "Good Friday")
        add = reverse("bank_holiday_add")
        html = error_page(client.post(add, {"name": "", **date_data("date", D(2026, 3, 7))}))
        assert "Enter the name of the bank holiday" in html
        html = error_page(client.post(add, {"name": "Sat", **date_data("date", D(2026, 3, 7))}))
        assert "falls on a weekday" in html
        response = client.post(add, {"name": "Special day", **date_data("date", D(2026, 3, 5))})
        assert response.status_code == 302
        assert incident.deadlines.get(clock="notify_panel").due_on == D(2026, 3, 10)
        remove = reverse("bank_holiday_remove", args=["2026-03-05"])
        assertContains(client.get(remove), "Remove Special day")
        assert client.post(remove).status_code == 302
        assert not BankHoliday.objects.filter(date=D(2026, 3, 5)).exists()
        assert incident.deadlines.get(clock="notify_panel").due_on == D(2026, 3, 9)

    def test_a_bad_date_in_the_address_is_404(self, client, platform_admin):
        client.force_login(platform_admin)
        assert client.get(reverse("bank_holiday_remove", args=["not-a-date"])).status_code == 404
        assert client.get(reverse("bank_holiday_remove", args=["2026-03-04"])).status_code == 404


class TestLocalCriteriaAndBoardEdit:
    def test_business_manager_adds_a_local_criterion_that_counts_as_serious_harm(
        self, client, business_manager, board
    ):
        client.force_login(business_manager)
        url = reverse("reviews:local_criterion_add", args=[board.pk])
        html = error_page(client.post(url, {"name": ""}))
        assert "Enter the name of the local criterion" in html
        assert (
            client.post(
                url, {"name": "Serious sexual abuse", "description": "Including exploitation"}
            ).status_code
            == 302
        )
        criterion = board.local_criteria.get()
        response = client.post(
            reverse("reviews:incident_log", args=[board.pk]),
            incident_data(facts=["abuse_or_neglect_suspected"], local_criteria=[criterion.pk]),
        )
        incident = Incident.objects.get()
        assert response.status_code == 302
        assert incident.criteria_outcome == "may_initiate"
        assert "Serious sexual abuse" in incident.criteria_reason

    def test_platform_admin_changes_the_regime(self, client, platform_admin, board):
        client.force_login(platform_admin)
        url = reverse("boards:edit", args=[board.pk])
        html = error_page(
            client.post(
                url,
                {"name": board.name, "kind": "children", "nation": "england", "regime": "sab-2014"},
            )
        )
        assert "A board for children in England works under" in html
        response = client.post(
            url,
            {"name": board.name, "kind": "children", "nation": "england", "regime": "lscb-2015"},
        )
        assert response.status_code == 302
        board.refresh_from_db()
        assert board.regime == "lscb-2015"
