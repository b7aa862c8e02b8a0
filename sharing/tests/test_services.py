import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from reminders.models import OutboxEmail
from reviews.models import FindingCategory
from sharing import selectors, services
from sharing.models import BriefSending, LearningActivity, Reach
from sharing.tests.conftest import SUBJECT, a_review, publish

HELD = dt.date(2026, 5, 20)


def record(actor, board, **values):
    fields = {
        "kind": LearningActivity.Kind.SEVEN_MINUTE_BRIEFING,
        "title": "Seven-minute briefing",
        "held_on": HELD,
        **values,
    }
    return services.activity_record(actor=actor, board=board, **fields)


def codes(error: ValidationError) -> set:
    return set(error.value.message_dict)


def test_an_activity_is_recorded_with_its_reach(board, business_manager, published, agency):
    activity = record(
        business_manager,
        board,
        reviews=[published],
        reach={agency.pk: 12, None: 3},
        feedback="Useful",
        feedback_count=10,
        practice_change_count=7,
    )
    assert list(activity.reviews.all()) == [published]
    assert {(row.agency_id, row.people) for row in activity.reach.all()} == {
        (agency.pk, 12),
        (None, 3),
    }
    assert activity.history.first().history_user == business_manager


def test_the_chair_records_too_and_others_may_not(board, chair, member, viewer, published):
    assert record(chair, board, reviews=[published]).recorded_by == chair
    for user in (member, viewer):
        with pytest.raises(PermissionDenied):
            record(user, board, reviews=[published])


def test_bad_input_is_refused_every_error_at_once(
    board, business_manager, unpublished, other_board, agency
):
    from boards.tests.factories import AgencyFactory

    elsewhere = AgencyFactory(board=other_board)
    with pytest.raises(ValidationError) as error:
        record(
            business_manager,
            board,
            kind="gossip",
            title=" ",
            held_on=dt.date(2026, 6, 16),  # tomorrow
            reviews=[unpublished],
            reach={agency.pk: -1, elsewhere.pk: 4},
            feedback_count=-2,
        )
    assert codes(error) == {
        "kind",
        "title",
        "held_on",
        "reviews",
        f"reach_{agency.pk}",
        f"reach_{elsewhere.pk}",
        "feedback_count",
    }
    assert not LearningActivity.all_objects.exists()


def test_at_least_one_review_or_category(board, business_manager):
    with pytest.raises(ValidationError) as error:
        record(business_manager, board)
    assert codes(error) == {"reviews"}
    activity = record(business_manager, board, categories=[FindingCategory.objects.first()])
    assert activity.reviews.count() == 0


def test_feedback_counts_are_no_more_than_those_reached(board, business_manager, published, agency):
    with pytest.raises(ValidationError) as error:
        record(
            business_manager,
            board,
            reviews=[published],
            reach={agency.pk: 5},
            feedback_count=6,
            practice_change_count=2,
        )
    assert codes(error) == {"feedback_count"}
    with pytest.raises(ValidationError) as error:
        record(
            business_manager,
            board,
            reviews=[published],
            reach={agency.pk: 5},
            feedback_count=3,
            practice_change_count=4,
        )
    assert codes(error) == {"practice_change_count"}


def test_a_correction_keeps_history(board, business_manager, published, agency, health):
    activity = record(business_manager, board, reviews=[published], reach={agency.pk: 12})
    services.activity_correct(
        actor=business_manager,
        activity=activity,
        kind=LearningActivity.Kind.LEARNING_EVENT,
        title="Learning event",
        held_on=HELD,
        reviews=[published],
        reach={health.pk: 4},
    )
    activity.refresh_from_db()
    assert activity.title == "Learning event"
    assert [h.title for h in activity.history.order_by("history_date")][-1] == "Learning event"
    assert "Seven-minute briefing" in {h.title for h in activity.history.all()}
    # The police are no longer reached: their row stays, at none, with its history.
    police = Reach.objects.get(activity=activity, agency=agency)
    assert police.people == 0
    assert [h.people for h in police.history.order_by("history_date")] == [12, 0]
    assert selectors.reach_of(activity)[0].agency == health


def test_withdrawn_activities_leave_the_lists_and_cannot_change(board, business_manager, published):
    activity = record(business_manager, board, reviews=[published])
    with pytest.raises(ValidationError):
        services.activity_withdraw(actor=business_manager, activity=activity, reason=" ")
    services.activity_withdraw(actor=business_manager, activity=activity, reason="Twice")
    assert not selectors.activity_list(user=business_manager, board=board).exists()
    assert LearningActivity.all_objects.get().withdrawal_reason == "Twice"
    with pytest.raises(ValidationError):
        services.activity_correct(
            actor=business_manager,
            activity=activity,
            kind="training",
            title="X",
            held_on=HELD,
            reviews=[published],
        )


PDF = b"%PDF-1.7\n1 0 obj<<>>endobj\n%%EOF\n"


def test_materials_are_checked_and_kept_privately(board, business_manager, published):
    activity = record(business_manager, board, reviews=[published])
    material = services.material_add(
        actor=business_manager,
        activity=activity,
        file=SimpleUploadedFile("slides.pdf", PDF, content_type="application/pdf"),
    )
    assert material.file_name == "slides.pdf"
    assert material.file.name.startswith("sharing/") and "slides" not in material.file.name
    with pytest.raises(ValidationError) as error:
        services.material_add(
            actor=business_manager,
            activity=activity,
            file=SimpleUploadedFile("run.exe", b"MZ\x90\x00" + b"\x00" * 100),
        )
    assert codes(error) == {"file"}
    services.material_withdraw(actor=business_manager, material=material, reason="Wrong file")
    assert not activity.materials.exists()


def test_a_powerpoint_file_is_taken(board, business_manager, published):
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("ppt/presentation.xml", "<p/>")
    activity = record(business_manager, board, reviews=[published])
    material = services.material_add(
        actor=business_manager,
        activity=activity,
        file=SimpleUploadedFile("slides.pptx", buffer.getvalue()),
    )
    assert material.file_kind == "pptx"


def test_reach_by_agency_category_and_kind(
    board, business_manager, chair, published, agency, health
):
    other = a_review(board, business_manager, chair)
    publish(other, chair=chair)
    chosen = FindingCategory.objects.last()
    record(business_manager, board, reviews=[published], reach={agency.pk: 10, health.pk: 5})
    record(
        business_manager,
        board,
        kind=LearningActivity.Kind.TRAINING,
        reviews=[other],
        categories=[chosen],
        reach={agency.pk: 2, None: 4},
    )
    # Outside the period, and withdrawn: neither counts.
    record(
        business_manager,
        board,
        reviews=[published],
        reach={agency.pk: 100},
        held_on=dt.date(2025, 1, 1),
    )
    gone = record(business_manager, board, reviews=[published], reach={agency.pk: 100})
    services.activity_withdraw(actor=business_manager, activity=gone, reason="Twice")

    figures = selectors.reach(board=board, first=dt.date(2026, 4, 1), last=dt.date(2027, 3, 31))
    assert figures.activities == 2
    assert figures.people == 21
    assert figures.by_agency == [
        ("Northshire Community Health NHS Trust", 5),
        ("Northshire Constabulary", 12),
        ("From outside the board's agencies", 4),
    ]
    # The first activity covers its review's finding's category; the second only the one
    # chosen (its review has no finding).
    finding_category = published.findings.get().category
    assert dict(figures.by_category) == {finding_category.name: 15, chosen.name: 6}
    assert [(kind, n, people) for kind, n, people in figures.by_kind] == [
        ("Seven-minute briefing", 1, 15),
        ("Training session", 1, 6),
    ]


def test_the_brief_goes_to_the_chosen_agencies_contacts(
    board, business_manager, published, agency, health, school, contacts
):
    sending = services.brief_send(
        actor=business_manager, review=published, agencies=[agency, health]
    )
    sent = OutboxEmail.objects.all()
    assert sorted(email.to for email in sent) == [
        "nurse@health.example",
        "pc.one@police.example",
        "pc.two@police.example",
    ]
    publication = published.publication
    link = f"/published/{board.pk}/{publication.pk}/brief.pdf"
    for email in sent:
        assert published.incident.reference in email.subject
        assert link in email.body
        assert SUBJECT not in email.subject + email.body
        assert "Realname" not in email.subject + email.body
    assert sending.people == 3
    assert set(sending.agencies.all()) == {agency, health}
    assert sending.sent_by == business_manager


def test_sending_twice_asks_to_confirm(board, business_manager, published, agency, contacts):
    services.brief_send(actor=business_manager, review=published, agencies=[agency])
    with pytest.raises(ValidationError) as error:
        services.brief_send(actor=business_manager, review=published, agencies=[agency])
    assert error.value.error_dict["confirm"][0].code == services.ALREADY_SENT
    assert OutboxEmail.objects.count() == 2
    services.brief_send(actor=business_manager, review=published, agencies=[agency], confirmed=True)
    assert OutboxEmail.objects.count() == 4
    assert BriefSending.objects.count() == 2


def test_no_brief_nobody_to_send_to_or_no_agency(
    board, business_manager, chair, published, school, contacts, member
):
    with pytest.raises(ValidationError) as error:
        services.brief_send(actor=business_manager, review=published, agencies=[])
    assert codes(error) == {"agencies"}
    from boards.tests.factories import AgencyFactory

    nobody = AgencyFactory(board=board, name="Nobody linked")
    with pytest.raises(ValidationError) as error:
        services.brief_send(actor=business_manager, review=published, agencies=[nobody])
    assert codes(error) == {"agencies"}
    no_brief = a_review(board, business_manager, chair)
    publish(no_brief, chair=chair, brief=False)
    with pytest.raises(ValidationError):
        services.brief_send(actor=business_manager, review=no_brief, agencies=[school])
    with pytest.raises(PermissionDenied):
        services.brief_send(actor=member, review=published, agencies=[school])
    assert not OutboxEmail.objects.exists()
