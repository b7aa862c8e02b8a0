import pytest
from django.core.management import CommandError, call_command

from boards.models import Board, Membership
from core.models import User


def test_seed_demo_refuses_without_debug(db, settings):
    settings.DEBUG = False
    with pytest.raises(CommandError):
        call_command("seed_demo")
    assert not User.objects.exists()


def test_seed_demo_creates_a_board_of_each_regime_and_one_account_per_role(
    db, settings, capsys, mailoutbox
):
    settings.DEBUG = True
    call_command("seed_demo")
    output = capsys.readouterr().out

    regimes = set(Board.objects.values_list("regime", flat=True))
    assert regimes == {"lscb-2015", "partners-2018", "wales-susr-2024", "dhr-2016"}
    assert set(Membership.objects.values_list("role", flat=True)) == set(Membership.Role.values)
    assert User.objects.get(email="admin@example.org").is_platform_admin
    for board in Board.objects.all():
        assert board.agencies.exists()
        assert board.incidents.exists()
        assert board.deadlines.filter(met_on__isnull=True).exists()
    northshire = Board.objects.get(regime="lscb-2015")
    assert northshire.reviews.get(incident__reference="Child A").review_type == "scr"
    # Its published review is part-way through a self-assessment against the quality markers.
    assessment = northshire.reviews.get(incident__reference="Child Q").quality_assessments.get()
    assert assessment.judgements.exclude(judgement="").count() == 5
    # An agency's contributor on a review of each English children's board, the first with a
    # request to answer.
    for board in Board.objects.filter(regime__in=["lscb-2015", "partners-2018"]):
        assert board.reviews.filter(contributors__isnull=False).exists()
    # The Welsh board set its SUSR times; the partnership's DHR is joint with Westbridge's LCSPR.
    welsh = Board.objects.get(regime="wales-susr-2024")
    assert welsh.deadlines.get(clock="decision").due_on is not None
    dhr = Board.objects.get(regime="dhr-2016").reviews.get()
    assert dhr.joint_as_lead.get().partner.incident.reference == "Child K"
    # A member of the Welsh board reads the service in Welsh.
    assert User.objects.get(email="aelod@example.org").language == "cy"
    police = User.objects.get(email="police.contributor@example.org")
    assert not police.memberships.exists()
    assert police.contributions.get().review.agency_requests.get().sent_at is not None

    # Every printed password signs its account in; the last line says how to set up the
    # second factor.
    *accounts, how_to_sign_in = output.splitlines()[1:]
    assert "authenticator app" in how_to_sign_in
    for line in accounts:
        email, password = line.split()[:2]
        assert User.objects.get(email=email).check_password(password)
    assert mailoutbox == []
    # The trainee holds the lead reviewer role to be appointed, but is named for what they are.
    roles = {line.split()[0]: line.split(maxsplit=2)[2] for line in accounts}
    assert roles["trainee.reviewer@example.org"] == "trainee reviewer"
    assert roles["lead.reviewer@example.org"] == "lead reviewer"


@pytest.mark.pdf
def test_the_demo_has_a_published_review(db, settings, client):
    """Child Q's review is published: on the public listing, its findings in the library."""
    settings.DEBUG = True
    call_command("seed_demo")
    published = (
        Board.objects.get(regime="lscb-2015").reviews.get(incident__reference="Child Q").publication
    )
    assert published.is_published and published.report_pdf.state == "ready"
    assert published.library_findings.exists()
    response = client.get(f"/published/{published.review.board_id}/")
    assert "Child Q" in response.content.decode()
    # Two activities shared its learning, with reach for the dashboard (sharing/demo.py).
    shared = published.review.learning_activities.all()
    assert shared.count() == 2
    assert all(activity.reach.exists() for activity in shared)


def test_the_demo_has_a_reminder_for_the_first_sweep_to_send(db, settings, mailoutbox):
    """`make run` shows reminders working: an overdue clock whose reminder goes out at once."""
    from reminders.services import deliver, sweep

    settings.DEBUG = True
    call_command("seed_demo")
    assert sweep() >= 1
    deliver()
    assert any(
        message.subject.startswith("Reminder: Child D") and "overdue" in message.subject
        for message in mailoutbox
    )


def test_seed_demo_twice_keeps_one_copy(db, settings):
    settings.DEBUG = True
    call_command("seed_demo")
    counts = (Board.objects.count(), Membership.objects.count(), User.objects.count())
    call_command("seed_demo")
    assert (Board.objects.count(), Membership.objects.count(), User.objects.count()) == counts


@pytest.mark.pdf
def test_the_demo_bank_holds_reports_found_by_their_words(db, settings, client):
    """The bank of completed reports has a few reports, read and confirmed, with their themes."""
    from bank.models import BankedReport
    from bank.selectors import bank_search

    settings.DEBUG = True
    call_command("seed_demo")
    reports = BankedReport.objects.filter(confirmed_at__isnull=False)
    assert reports.count() == 3
    assert {r.text_state for r in reports} == {"extracted"}
    assert [r.title for r in bank_search(theme="self_neglect")] == [
        "Adult X: a safeguarding adults review"
    ]
    assert "information sharing" in reports.get(title__startswith="Child V").text.lower()
