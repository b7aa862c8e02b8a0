import datetime as dt

from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from reminders.models import Reminder, ReminderPolicy
from reminders.services import sweep
from reminders.tests.conftest import aware_on_2_march

D = dt.date
AFTER_DOWNTIME = D(2026, 3, 11)


def sent(clock, day=AFTER_DOWNTIME):
    clock.move_to(dt.datetime(day.year, day.month, day.day, 9, tzinfo=dt.UTC))
    sweep()


def test_your_reminders_lists_sent_and_coming_with_unread(client, business_manager, notify, clock):
    sent(clock, D(2026, 3, 6))
    client.force_login(business_manager)
    response = client.get(reverse("reminders:list"))
    assertContains(response, "Unread", count=2)  # 5 before and 1 before
    assertContains(response, "Your reminders (2 unread)")
    assertContains(response, "Coming up")
    assertContains(response, "Child Q: Notify the Child Safeguarding Practice Review Panel")


def test_opening_a_reminder_marks_it_read_and_goes_to_the_deadline(
    client, business_manager, notify, clock
):
    sent(clock)
    reminder = Reminder.objects.filter(status="sent").first()
    client.force_login(business_manager)
    response = client.get(reverse("reminders:open", args=[reminder.pk]))
    assert response.url == reverse(
        "reviews:incident_detail", args=[notify.board_id, notify.case_id]
    )
    reminder.refresh_from_db()
    assert reminder.read_at is not None


def test_mark_all_read_and_the_digest_setting(client, business_manager, notify, clock):
    sent(clock)
    client.force_login(business_manager)
    client.post(reverse("reminders:list"))
    assert not Reminder.objects.filter(status="sent", read_at__isnull=True).exists()
    response = client.post(reverse("reminders:list"), {"digest": "daily"}, follow=True)
    assertContains(response, "one e-mail a day")
    business_manager.refresh_from_db()
    assert business_manager.reminder_digest


def test_another_users_reminder_is_404(client, chair, notify, clock):
    sent(clock)
    reminder = Reminder.objects.filter(status="sent").first()
    client.force_login(chair)
    assert client.get(reverse("reminders:open", args=[reminder.pk])).status_code == 404


def test_the_list_queries_do_not_grow(
    client, business_manager, board, clock, django_assert_max_num_queries
):

    for _ in range(10):
        aware_on_2_march(actor=business_manager, board=board)
    sent(clock)
    client.force_login(business_manager)
    # One of them asks which ways in the person has (reminders.access.seen_by), so that the
    # rule leaves out the rest.
    with django_assert_max_num_queries(11):
        client.get(reverse("reminders:list"))


def test_the_board_policy_page(client, business_manager, board, notify):
    client.force_login(business_manager)
    url = reverse("boards:reminder_policy", args=[board.pk])
    assertContains(client.get(url), 'value="5, 1"')
    response = client.post(url, {"working_days_before": "five"})
    html = response.content.decode()
    assert "<title>Error: " in html
    assert "Enter whole numbers separated by commas" in html
    assert not ReminderPolicy.objects.exists()
    response = client.post(url, {"working_days_before": "10, 2", "when_overdue": "on"})
    assert response.status_code == 302
    policy = ReminderPolicy.objects.get()
    assert (policy.working_days_before, policy.on_due_day, policy.escalate_weekly) == (
        [10, 2],
        False,
        False,
    )
    assert set(
        Reminder.objects.filter(deadline=notify, status="pending").values_list("kind", flat=True)
    ) == {"before:2", "overdue"}


def test_the_policy_is_the_business_managers(client, chair, board):
    client.force_login(chair)
    assert client.get(reverse("boards:reminder_policy", args=[board.pk])).status_code == 403


def test_the_api_lists_my_reminders_only(api_client_for, chair, business_manager, notify, clock):
    sent(clock)
    body = api_client_for(business_manager).get(reverse("api:me-reminder-list")).json()
    assert (
        body["count"]
        == Reminder.objects.filter(recipient=business_manager).exclude(status="cancelled").count()
    )
    first = body["results"][0]
    assert first["reference"] == "Child Q"
    assert first["deadline"]["rule"] == "partners-2023.notify_panel"
    chair_body = api_client_for(chair).get(reverse("api:me-reminder-list")).json()
    assert [r["kind"] for r in chair_body["results"]] == ["escalation:1"]


def test_the_nav_shows_no_count_when_all_is_read(client, business_manager, notify):
    client.force_login(business_manager)
    response = client.get(reverse("home"))
    assertContains(response, "Your reminders")
    assertNotContains(response, "unread)")


def test_coming_up_is_soonest_first_with_one_row_per_deadline(
    client, business_manager, board, notify, clock
):
    aware_on_2_march(
        actor=business_manager,
        board=board,
        reference="Child R",  # due first (5 March), but reminded after Child Q
        incident_on=D(2026, 2, 25),
        la_aware_on=D(2026, 2, 26),
        notified_on=D(2026, 2, 26),
    )
    client.force_login(business_manager)
    page = client.get(reverse("reminders:list")).content.decode()
    coming = page.split("Coming up", 1)[1]
    rows = coming.split('<tr class="govuk-table__row">')[2:]  # after the header row
    assert [row.split(":", 1)[0].split(">")[-1].strip() for row in rows] == ["Child Q", "Child R"]
    # Child Q: 5 working days before (2 March), then 1 before, the due day and the day after.
    assert "2 Mar 2026 07:00" in rows[0] and "5 working days before" in rows[0]
    assert "3 more, the last on 10 Mar 2026" in rows[0]
    assert "4 Mar 2026 07:00" in rows[1] and "1 working day before" in rows[1]
    assert "2 more, the last on 6 Mar 2026" in rows[1]


def test_the_reminders_sent_are_paged(client, business_manager, board):
    from core.tests.paging import assert_paged, table_rows
    from reviews.tests.factories import log_incident

    at = dt.datetime(2026, 3, 6, 9, tzinfo=dt.UTC)

    def add(n):
        for _ in range(n):  # sent at the same moment: the order ties but for the key
            incident = log_incident(actor=business_manager, board=board)
            Reminder.objects.create(
                deadline=incident.deadlines.get(clock="notify_panel"),
                recipient=business_manager,
                kind="before:9",
                status=Reminder.Status.SENT,
                send_at=at,
                sent_at=at,
            )

    client.force_login(business_manager)
    assert_paged(
        client,
        reverse("reminders:list"),
        add=add,
        rows=lambda response: table_rows(response, "Reminders sent to you"),
    )


def test_the_api_pages_my_reminders_in_a_stable_order(api_client_for, business_manager, board):
    from core.tests.paging import assert_api_paged
    from reviews.tests.factories import log_incident

    at = dt.datetime(2026, 3, 6, 9, tzinfo=dt.UTC)

    def add(n):
        for _ in range(n):  # sent at the same moment: the order ties but for the key
            incident = log_incident(actor=business_manager, board=board)
            Reminder.objects.filter(deadline__case_id=incident.pk).delete()
            Reminder.objects.create(
                deadline=incident.deadlines.get(clock="notify_panel"),
                recipient=business_manager,
                kind="before:9",
                status=Reminder.Status.SENT,
                send_at=at,
                sent_at=at,
            )

    assert_api_paged(api_client_for(business_manager), reverse("api:me-reminder-list"), add=add)
