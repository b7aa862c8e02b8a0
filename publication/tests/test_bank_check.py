"""A report added to the bank is checked for the names recorded for the keeping board's cases,
and its keepers are warned before they confirm it into the bank (bank.signals.names_in_report,
answered here)."""

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from bank import services
from bank.models import BankedReport
from boards.tests.factories import BoardFactory
from reviews.services.incidents import person_add

pytestmark = pytest.mark.django_db

WORDS = (
    "The review found that Amy's mother, Mrs Tate, asked for help twice. Amy Tate was seen at "
    "school on the Monday. The health visitor did not share what she saw."
)


def banked_with_words(actor, board, text=WORDS):
    report = services.report_add(
        actor=actor,
        board=board,
        title="Child A",
        published_by="Northshire",
        year=2019,
        review_type="scr",
        published_url="https://example.org/a.pdf",
    )
    # As the worker leaves it once it has read the PDF.
    BankedReport.objects.filter(pk=report.pk).update(text=text, text_state="extracted")
    report.refresh_from_db()
    return report


def test_the_keepers_are_warned_of_a_name_recorded_for_their_case(
    client, business_manager, board, review
):
    person_add(actor=business_manager, incident=review.incident, role="subject", name="Amy Tate")
    report = banked_with_words(business_manager, board)
    client.force_login(business_manager)
    confirm = client.get(reverse("bank:confirm", args=[report.pk]))
    assertContains(confirm, "Names recorded for your board's cases are in this report")
    assertContains(confirm, "the subject")
    assertContains(confirm, "Amy Tate was seen at school")
    detail = client.get(reverse("bank:detail", args=[report.pk]))
    assertContains(detail, "Where the anonymisation check found a name")


def test_no_warning_without_a_name_of_the_boards_cases(client, business_manager, board, review):
    person_add(
        actor=business_manager, incident=review.incident, role="subject", name="Zoe Quartermaine"
    )
    report = banked_with_words(business_manager, board)
    client.force_login(business_manager)
    assertNotContains(client.get(reverse("bank:confirm", args=[report.pk])), "names-found")


def test_another_boards_names_are_not_looked_for(client, business_manager, board, review):
    """A board's staff see the names of their own cases only."""
    person_add(actor=business_manager, incident=review.incident, role="subject", name="Amy Tate")
    other = BoardFactory(name="Southshire")
    from boards.models import Membership
    from boards.tests.factories import MembershipFactory

    manager = MembershipFactory(board=other, role=Membership.Role.BUSINESS_MANAGER).user
    report = banked_with_words(manager, other)
    client.force_login(manager)
    assertNotContains(client.get(reverse("bank:confirm", args=[report.pk])), "names-found")
