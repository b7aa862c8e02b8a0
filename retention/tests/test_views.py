"""The retention page: the business manager's only; the period's form with its bad input; the
cases falling due and the record of runs, in a bounded number of queries."""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from boards.models import Board
from retention import services
from retention.models import RetentionRecord
from retention.tests.factories import SUBJECT, at, case_without_review

D = dt.date


def url(board) -> str:
    return reverse("retention:board", args=[board.pk])


def error_summary_of(response) -> str:
    html = response.content.decode()
    assert response.status_code == 200
    assert '<div class="govuk-error-summary"' in html
    assert "<title>Error: " in html
    return html


class TestWhoMaySeeIt:
    def test_the_business_manager(self, client, business_manager, board):
        client.force_login(business_manager)
        response = client.get(url(board))
        assertContains(response, "Retention of case records")
        assertContains(response, "no statute sets how long")
        assertContains(response, 'value="15"')

    @pytest.mark.parametrize("role", ["chair", "member", "lead_reviewer", "viewer"])
    def test_other_roles_are_refused(self, client, board, role, request):
        client.force_login(request.getfixturevalue(role))
        assert client.get(url(board)).status_code == 403
        assert client.post(url(board), {"years": "1", "confirm": "on"}).status_code == 403
        assert Board.objects.get(pk=board.pk).retention_years == 15

    def test_a_platform_admin_is_refused(self, client, platform_admin, board):
        client.force_login(platform_admin)
        assert client.get(url(board)).status_code == 403

    def test_another_boards_user_gets_404(self, client, other_board_user, board):
        client.force_login(other_board_user)
        assert client.get(url(board)).status_code == 404
        assert client.post(url(board), {"years": "1"}).status_code == 404

    def test_the_board_page_links_to_it_for_the_business_manager_only(
        self, client, business_manager, chair, board
    ):
        client.force_login(business_manager)
        assertContains(client.get(reverse("boards:detail", args=[board.pk])), url(board))
        client.force_login(chair)
        assertNotContains(client.get(reverse("boards:detail", args=[board.pk])), url(board))


class TestForm:
    def test_saves_the_period(self, client, business_manager, board):
        client.force_login(business_manager)
        response = client.post(url(board), {"years": "25"}, follow=True)
        assertContains(response, "Retention period saved: 25 years")
        assert Board.objects.get(pk=board.pk).retention_years == 25

    @pytest.mark.parametrize(
        ("years", "message"),
        [
            ("", "Enter the retention period in years"),
            ("ten", "Enter the retention period in years as a whole number, like 12"),
            ("0", "Enter the retention period in years of 1 or more"),
            ("101", "Enter the retention period in years of 100 or less"),
            ("2.5", "Enter the retention period in years as a whole number, like 12"),
        ],
    )
    def test_bad_input_shows_the_error_summary_and_saves_nothing(
        self, client, business_manager, board, years, message
    ):
        client.force_login(business_manager)
        html = error_summary_of(client.post(url(board), {"years": years}))
        assert message in html
        assert Board.objects.get(pk=board.pk).retention_years == 15

    def test_a_shorter_period_making_cases_due_must_be_confirmed(
        self, client, business_manager, chair, board
    ):
        case_without_review(board=board, manager=business_manager, chair=chair, reference="Child N")
        # Signed in on the day: an older session would have timed out.
        with time_machine.travel(at(D(2030, 1, 1)), tick=False):
            client.force_login(business_manager)
            html = error_summary_of(client.post(url(board), {"years": "2"}))
            assert "makes 1 case due for anonymisation at the next run (Child N)" in html
            assert Board.objects.get(pk=board.pk).retention_years == 15
            response = client.post(url(board), {"years": "2", "confirm": "on"}, follow=True)
            assertContains(response, "Retention period saved: 2 years")
            # The case is now listed as anonymised at the next run.
            assertContains(response, "Child N")
        assert Board.objects.get(pk=board.pk).retention_years == 2


class TestWhatItShows:
    def test_cases_falling_due_and_the_record_of_runs_never_a_name(
        self, client, business_manager, chair, board
    ):
        case_without_review(board=board, manager=business_manager, chair=chair, reference="Child N")
        case_without_review(
            board=board,
            manager=business_manager,
            chair=chair,
            reference="Child M",
            decided_on=D(2026, 4, 20),
            subject="Maisie Featherstonehaugh",
        )
        with time_machine.travel(at(D(2041, 3, 11)), tick=False):
            services.retention_run(board=board)
        with time_machine.travel(at(D(2041, 3, 12)), tick=False):
            client.force_login(business_manager)
            response = client.get(url(board))
        html = response.content.decode()
        # Child N anonymised; Child M anonymised from 21 April 2041.
        assert RetentionRecord.objects.get().case_reference == "Child N"
        assertContains(response, "21 April 2041")
        assertContains(response, "Child M")
        assertContains(response, "People involved (real names and aliases): 2 deleted")
        assertContains(response, "Decided not to hold a review")
        assert "Finished" in html
        for name in (SUBJECT, "Thornbury", "Featherstonehaugh", "Millie"):
            assert name not in html

    def test_queries_do_not_grow_with_cases_and_runs(
        self, client, business_manager, chair, board, django_assert_max_num_queries
    ):
        for n in range(6):
            case_without_review(
                board=board,
                manager=business_manager,
                chair=chair,
                reference=f"Child {n}",
                decided_on=D(2026, 3, 10 + n),
            )
        for day in range(11, 14):
            with time_machine.travel(at(D(2041, 3, day)), tick=False):
                services.retention_run(board=board)
        assert RetentionRecord.objects.count() == 3
        with time_machine.travel(at(D(2041, 3, 14)), tick=False):
            client.force_login(business_manager)
            # Nine today (session, user, second factor, board, roles, the closed cases in one
            # query, records, runs, unread reminders), whatever the number of cases and runs.
            with django_assert_max_num_queries(11):
                response = client.get(url(board))
        assert response.status_code == 200


class TestDjangoAdmin:
    """Platform admins read the record of every board's runs in the Django admin; nobody
    changes it."""

    def test_platform_admins_read_it(self, client, platform_admin, business_manager, chair, board):
        case_without_review(board=board, manager=business_manager, chair=chair, reference="Child N")
        with time_machine.travel(at(D(2041, 3, 11)), tick=False):
            services.retention_run(board=board)
        record = RetentionRecord.objects.get()
        client.force_login(platform_admin)
        assertContains(client.get(reverse("admin:retention_retentionrun_changelist")), board.name)
        assertContains(
            client.get(reverse("admin:retention_retentionrecord_change", args=[record.pk])),
            "Child N",
        )
        assert client.get(reverse("admin:retention_retentionrun_add")).status_code == 403
        response = client.post(
            reverse("admin:retention_retentionrecord_delete", args=[record.pk]), {"post": "yes"}
        )
        assert response.status_code == 403
        assert RetentionRecord.objects.exists()

    def test_other_staff_do_not(self, client, board):
        from core.tests.factories import UserFactory

        staff = UserFactory(is_staff=True)
        client.force_login(staff)
        assert client.get(reverse("admin:retention_retentionrun_changelist")).status_code == 403
