import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from reminders.models import OutboxEmail
from reviews.models import FindingCategory
from sharing import services
from sharing.models import BriefSending, LearningActivity, Material
from sharing.tests.conftest import SUBJECT

PDF = b"%PDF-1.7\n1 0 obj<<>>endobj\n%%EOF\n"


@pytest.fixture
def activity(board, business_manager, published, agency):
    return services.activity_record(
        actor=business_manager,
        board=board,
        kind=LearningActivity.Kind.LEARNING_EVENT,
        title="Learning event on information sharing",
        held_on=dt.date(2026, 5, 20),
        reviews=[published],
        reach={agency.pk: 14, None: 2},
        feedback="Clear and useful",
    )


def form_data(published, agency, **values):
    return {
        "kind": "seven_minute_briefing",
        "title": "Seven-minute briefing",
        "held_on_0": "20",
        "held_on_1": "5",
        "held_on_2": "2026",
        "reviews": [str(published.pk)],
        f"reach_{agency.pk}": "12",
        "reach_outside": "",
        "feedback": "",
        "feedback_count": "",
        "practice_change_count": "",
        **values,
    }


def has_error_summary(response) -> bool:
    page = response.content.decode()
    return response.status_code == 200 and "govuk-error-summary" in page and "Error: " in page


def test_the_list_filters_by_year_and_kind(client, board, viewer, activity):
    client.force_login(viewer)
    url = reverse("sharing:list", args=[board.pk])
    page = client.get(url).content.decode()
    assert activity.title in page and "16" in page
    assert "Record a learning activity" not in page  # a viewer sees, and cannot add
    assert activity.title not in client.get(url, {"year": "2025"}).content.decode()
    assert activity.title not in client.get(url, {"kind": "bulletin"}).content.decode()
    assert (
        activity.title
        in client.get(url, {"kind": "learning_event", "year": "2026"}).content.decode()
    )


def test_the_activity_page(client, board, member, activity, published):
    client.force_login(member)
    response = client.get(reverse("sharing:detail", args=[board.pk, activity.pk]))
    page = response.content.decode()
    assert response.status_code == 200
    assert published.incident.reference in page
    assert "Northshire Constabulary" in page and "From outside the board" in page
    assert "Correct the activity" not in page


def test_the_business_manager_records_an_activity(
    client, board, business_manager, published, agency
):
    client.force_login(business_manager)
    url = reverse("sharing:add", args=[board.pk])
    assert client.get(url, {"review": str(published.pk)}).status_code == 200
    response = client.post(url, form_data(published, agency))
    activity = LearningActivity.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("sharing:detail", args=[board.pk, activity.pk])
    assert activity.reach.get().people == 12


@pytest.mark.parametrize(
    "bad",
    [
        {"kind": ""},
        {"title": ""},
        {"held_on_0": "16", "held_on_1": "6"},  # tomorrow
        {"held_on_0": "31", "held_on_1": "2"},
        {"reviews": []},
        {"reviews": ["not-a-review"]},
        {"feedback_count": "-1"},
        {"reach_outside": "-3"},
        {"reach_outside": "lots"},
        {"feedback_count": "20"},  # more than the 12 reached
    ],
)
def test_bad_input_shows_the_error_summary_and_saves_nothing(
    client, board, business_manager, published, agency, bad
):
    client.force_login(business_manager)
    response = client.post(
        reverse("sharing:add", args=[board.pk]), form_data(published, agency, **bad)
    )
    assert has_error_summary(response)
    assert not LearningActivity.all_objects.exists()


def test_an_unpublished_review_cannot_be_chosen(
    client, board, business_manager, published, unpublished, agency
):
    client.force_login(business_manager)
    url = reverse("sharing:add", args=[board.pk])
    assert unpublished.incident.reference not in client.get(url).content.decode()
    response = client.post(url, form_data(published, agency, reviews=[str(unpublished.pk)]))
    assert has_error_summary(response)


def test_correcting_an_activity(client, board, chair, activity, published, agency):
    client.force_login(chair)
    url = reverse("sharing:edit", args=[board.pk, activity.pk])
    page = client.get(url).content.decode()
    assert 'value="14"' in page and activity.title in page
    response = client.post(url, form_data(published, agency, title="Corrected"))
    assert response.status_code == 302
    activity.refresh_from_db()
    assert activity.title == "Corrected"
    assert activity.history.count() >= 2
    bad = client.post(url, form_data(published, agency, title=""))
    assert has_error_summary(bad)
    activity.refresh_from_db()
    assert activity.title == "Corrected"


def test_withdrawing_an_activity(client, board, business_manager, activity):
    client.force_login(business_manager)
    url = reverse("sharing:withdraw", args=[board.pk, activity.pk])
    assert client.get(url).status_code == 200
    assert has_error_summary(client.post(url, {"reason": ""}))
    assert client.post(url, {"reason": "Recorded twice"}).status_code == 302
    assert LearningActivity.all_objects.get().is_withdrawn
    page = client.get(reverse("sharing:list", args=[board.pk])).content.decode()
    assert "Recorded twice" in page
    # Its page still answers, saying it was withdrawn, with nothing to change.
    page = client.get(reverse("sharing:detail", args=[board.pk, activity.pk])).content.decode()
    assert "Withdrawn on" in page and "Correct the activity" not in page


def test_documents_upload_download_and_withdraw(client, board, business_manager, viewer, activity):
    client.force_login(business_manager)
    url = reverse("sharing:material_add", args=[board.pk, activity.pk])
    assert client.get(url).status_code == 200
    bad = client.post(url, {"file": SimpleUploadedFile("notes.txt", b"just words")})
    assert has_error_summary(bad)
    assert has_error_summary(client.post(url, {}))
    assert not Material.objects.exists()
    response = client.post(url, {"file": SimpleUploadedFile("slides.pdf", PDF)})
    assert response.status_code == 302
    material = Material.objects.get()
    client.force_login(viewer)
    download = client.get(
        reverse("sharing:material_download", args=[board.pk, activity.pk, material.pk])
    )
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == PDF
    assert "slides.pdf" in download["Content-Disposition"]
    assert client.post(url, {"file": SimpleUploadedFile("slides.pdf", PDF)}).status_code == 403
    client.force_login(business_manager)
    withdraw = reverse("sharing:material_withdraw", args=[board.pk, activity.pk, material.pk])
    assert has_error_summary(client.post(withdraw, {"reason": ""}))
    assert client.post(withdraw, {"reason": "Old slides"}).status_code == 302
    assert not Material.objects.exists()


def test_a_viewer_or_member_cannot_record(
    client, board, viewer, member, lead_reviewer, activity, published, agency
):
    for user in (viewer, member, lead_reviewer):
        client.force_login(user)
        assert client.get(reverse("sharing:add", args=[board.pk])).status_code == 403
        assert (
            client.post(
                reverse("sharing:add", args=[board.pk]), form_data(published, agency)
            ).status_code
            == 403
        )
        assert client.get(reverse("sharing:edit", args=[board.pk, activity.pk])).status_code == 403
    assert LearningActivity.objects.count() == 1


def test_another_boards_user_gets_404(client, board, other_board_user, activity, published):
    client.force_login(other_board_user)
    urls = [
        reverse("sharing:list", args=[board.pk]),
        reverse("sharing:add", args=[board.pk]),
        reverse("sharing:detail", args=[board.pk, activity.pk]),
        reverse("sharing:edit", args=[board.pk, activity.pk]),
        reverse("sharing:withdraw", args=[board.pk, activity.pk]),
        reverse("sharing:review", args=[board.pk, published.pk]),
        reverse("sharing:brief_send", args=[board.pk, published.pk]),
    ]
    for url in urls:
        assert client.get(url).status_code == 404, url
        assert client.post(url, {}).status_code == 404, url


def test_an_activity_of_another_board_is_not_found_under_this_one(
    client, board, other_board, other_board_user, activity
):
    client.force_login(other_board_user)
    url = reverse("sharing:detail", args=[other_board.pk, activity.pk])
    assert client.get(url).status_code == 404


def test_the_review_page_lists_its_sharing_and_links_from_the_report(
    client, board, business_manager, activity, published
):
    client.force_login(business_manager)
    url = reverse("sharing:review", args=[board.pk, published.pk])
    page = client.get(url).content.decode()
    assert activity.title in page and "Send the learning brief" in page
    report = client.get(reverse("publication:report", args=[board.pk, published.pk]))
    assert url in report.content.decode()
    review = client.get(reverse("reviews:review_detail", args=[board.pk, published.pk]))
    assert url in review.content.decode()
    board_page = client.get(reverse("boards:detail", args=[board.pk]))
    assert reverse("sharing:list", args=[board.pk]) in board_page.content.decode()


def test_an_unpublished_review_has_nothing_to_share(client, board, business_manager, unpublished):
    client.force_login(business_manager)
    page = client.get(reverse("sharing:review", args=[board.pk, unpublished.pk])).content.decode()
    assert "not published yet" in page
    response = client.post(reverse("sharing:brief_send", args=[board.pk, unpublished.pk]), {})
    assert has_error_summary(response)


def test_sending_the_brief_from_its_page(
    client, board, business_manager, published, agency, health, contacts
):
    client.force_login(business_manager)
    url = reverse("sharing:brief_send", args=[board.pk, published.pk])
    page = client.get(url).content.decode()
    assert "Yes, send it again" not in page
    assert has_error_summary(client.post(url, {"agencies": []}))
    response = client.post(url, {"agencies": [str(agency.pk)]})
    assert response.status_code == 302
    assert sorted(OutboxEmail.objects.values_list("to", flat=True)) == [
        "pc.one@police.example",
        "pc.two@police.example",
    ]
    assert all(SUBJECT not in email.body for email in OutboxEmail.objects.all())
    review_page = client.get(reverse("sharing:review", args=[board.pk, published.pk]))
    assert "Bea Manager" in review_page.content.decode()
    # Again: the page asks to confirm, and sends nothing until it is.
    assert "Yes, send it again" in client.get(url).content.decode()
    again = client.post(url, {"agencies": [str(health.pk)]})
    assert has_error_summary(again)
    assert OutboxEmail.objects.count() == 2
    confirmed = client.post(url, {"agencies": [str(health.pk)], "confirm": "on"})
    assert confirmed.status_code == 302
    assert OutboxEmail.objects.count() == 3
    assert BriefSending.objects.count() == 2


def test_a_chair_sends_and_a_viewer_may_not(
    client, board, chair, viewer, published, agency, contacts
):
    url = reverse("sharing:brief_send", args=[board.pk, published.pk])
    client.force_login(viewer)
    assert client.get(url).status_code == 403
    assert client.post(url, {"agencies": [str(agency.pk)]}).status_code == 403
    client.force_login(chair)
    assert client.post(url, {"agencies": [str(agency.pk)]}).status_code == 302


def test_categories_only(client, board, business_manager, published, agency):
    client.force_login(business_manager)
    category = FindingCategory.objects.last()
    data = form_data(published, agency, reviews=[], categories=[str(category.pk)])
    assert client.post(reverse("sharing:add", args=[board.pk]), data).status_code == 302
    assert list(LearningActivity.objects.get().categories.all()) == [category]


def test_an_activity_held_before_the_publication_says_so(
    client, board, business_manager, published
):
    activity = services.activity_record(
        actor=business_manager,
        board=board,
        kind=LearningActivity.Kind.SEVEN_MINUTE_BRIEFING,
        title="Briefing",
        held_on=dt.date(2026, 4, 20),
        reviews=[published],
    )
    client.force_login(business_manager)
    page = client.get(reverse("sharing:detail", args=[board.pk, activity.pk])).content.decode()
    assert "Held before the report of" in page and "1 May 2026" in page
