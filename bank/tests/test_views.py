"""The bank's pages: a business manager adds a report, confirms its themes, and a person of
another board finds it by a theme and by a phrase; an entry not yet confirmed is its keepers'
alone; bad input is said and nothing is saved; who gets nothing."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from bank import services, tasks
from bank.models import BankedReport, Theme
from bank.tests.test_services import NEGLECT_REPORT
from core.tests.clients import VerifiedClient
from core.tests.factories import UserFactory
from core.tests.test_document_text import weasyprint_pdf

pytestmark = pytest.mark.django_db


@pytest.fixture
def signed_in():
    def client_of(user):
        client = VerifiedClient()
        client.force_login(user)
        return client

    return client_of


def in_the_bank(manager, board):
    """A report kept as a link, confirmed by the board's business manager."""
    report = services.report_add(
        actor=manager,
        board=board,
        title="Adult R",
        published_by="Southshire Safeguarding Adults Board",
        year=2023,
        review_type="sar_mandatory",
        published_url="https://example.org/r.pdf",
    )
    return services.report_confirm(actor=manager, report=report, themes=[])


def add_form(board, **changes):
    return {
        "keeper": str(board.pk),
        "title": "Child Q: a local child safeguarding practice review",
        "published_by": "Northshire Safeguarding Children Partnership",
        "year": "2024",
        "review_type": "lcspr",
        "age_band": "5_to_10",
        "published_url": "",
        **changes,
    }


@pytest.mark.pdf
def test_a_report_added_confirmed_and_found_by_another_boards_reviewer(
    business_manager, board, other_board_user, signed_in
):
    manager = signed_in(business_manager)
    page = manager.get(reverse("bank:add"))
    assertContains(page, "Add a report to the bank")
    pdf = SimpleUploadedFile("child-q.pdf", weasyprint_pdf(NEGLECT_REPORT))
    sent = manager.post(reverse("bank:add"), {**add_form(board), "file": pdf})
    report = BankedReport.objects.get()
    assert sent.status_code == 302 and sent.url == reverse("bank:detail", args=[report.pk])
    tasks.read_report(str(report.pk))  # the worker

    # Not in the bank yet: its keepers see it waiting, nobody else finds it.
    stranger = signed_in(other_board_user)
    assert stranger.get(reverse("bank:detail", args=[report.pk])).status_code == 404
    assertNotContains(stranger.get(reverse("bank:list"), {"q": "neglect"}), "Child Q")
    assertContains(manager.get(reverse("bank:list")), "Waiting for you to confirm")

    confirm = manager.get(reverse("bank:confirm", args=[report.pk]))
    # The themes its words suggest are ticked.
    neglect = Theme.objects.get(code="neglect")
    assert re.search(rf'value="{neglect.pk}"\s+checked', confirm.content.decode())
    manager.post(reverse("bank:confirm", args=[report.pk]), {"themes": [neglect.pk]})

    by_theme = stranger.get(reverse("bank:list"), {"theme": "neglect"})
    assertContains(by_theme, "Child Q: a local child safeguarding practice review")
    by_words = stranger.get(reverse("bank:list"), {"q": "information sharing"})
    assertContains(by_words, "information sharing between them and the police")  # the passage
    assertNotContains(stranger.get(reverse("bank:list"), {"theme": "domestic_abuse"}), "Child Q")
    download = stranger.get(reverse("bank:file", args=[report.pk]))
    assert download["Content-Type"] == "application/pdf"
    assert b"".join(download.streaming_content).startswith(b"%PDF")
    # Only its keepers may change it.
    assert stranger.get(reverse("bank:confirm", args=[report.pk])).status_code == 403
    assert (
        stranger.post(reverse("bank:withdraw", args=[report.pk]), {"reason": "x"}).status_code
        == 403
    )


def test_bad_input_is_said_and_nothing_is_saved(business_manager, board, signed_in):
    manager = signed_in(business_manager)
    page = manager.post(
        reverse("bank:add"),
        add_form(board, title="", year="19", published_url="not an address"),
    )
    assert page.status_code == 200
    assertContains(page, "There is a problem")
    assertContains(page, "Enter the title of the report")
    assertContains(page, "Enter a web address in the correct format")
    assertContains(page, "Northshire Safeguarding Children Partnership")  # kept as typed
    # Neither a file nor an address: the service says what is missing.
    page = manager.post(reverse("bank:add"), add_form(board))
    assertContains(page, "Choose the report&#x27;s PDF, or enter the address where it is published")
    page = manager.post(
        reverse("bank:add"), add_form(board, year="1985", published_url="https://example.org/q.pdf")
    )
    assertContains(page, "Enter a year from 1991 to")
    # Another board's entry cannot be chosen.
    page = manager.post(
        reverse("bank:add"),
        add_form(board, keeper="scie", published_url="https://example.org/q.pdf"),
    )
    assertContains(page, "Select a valid choice")
    assert not BankedReport.all_objects.exists()


def test_its_keeper_corrects_the_details_and_the_history_keeps_them(
    business_manager, board, signed_in, other_board_user
):
    report = in_the_bank(business_manager, board)
    manager = signed_in(business_manager)
    url = reverse("bank:correct", args=[report.pk])
    assertContains(manager.get(url), "Southshire Safeguarding Adults Board")  # as it was added
    form = {
        "title": "Adult R: a safeguarding adults review",
        "published_by": "Southshire Safeguarding Adults Board",
        "year": "2022",
        "review_type": "sar_mandatory",
        "age_band": "65_plus",
        "published_url": "https://example.org/r.pdf",
    }
    # Bad input: said, nothing saved, what was typed kept.
    page = manager.post(url, {**form, "year": "1890", "published_url": ""})
    assertContains(page, "There is a problem")
    assertContains(page, "Adult R: a safeguarding adults review")
    report.refresh_from_db()
    assert (report.title, report.year) == ("Adult R", 2023)

    sent = manager.post(url, form)
    assert sent.status_code == 302
    report.refresh_from_db()
    assert (report.title, report.year, report.age_band) == (form["title"], 2022, "65_plus")
    assert report.history.order_by("history_date").first().year == 2023  # what it was
    # Another board's people may read it but not correct it.
    other = signed_in(other_board_user)
    assert other.get(reverse("bank:detail", args=[report.pk])).status_code == 200
    assert other.post(url, {**form, "year": "2020"}).status_code == 403
    report.refresh_from_db()
    assert report.year == 2022


def test_withdrawn_with_a_reason_it_leaves_the_bank(business_manager, board, signed_in, member):
    report = in_the_bank(business_manager, board)
    manager = signed_in(business_manager)
    url = reverse("bank:withdraw", args=[report.pk])
    assertContains(manager.post(url, {"reason": ""}), "Enter why you are withdrawing it")
    manager.post(url, {"reason": "Added twice"})
    assertNotContains(signed_in(member).get(reverse("bank:list")), "Adult R")
    assert signed_in(member).get(reverse("bank:detail", args=[report.pk])).status_code == 404
    assertContains(manager.get(reverse("bank:detail", args=[report.pk])), "has been withdrawn")


def test_who_gets_nothing(db, board, business_manager, platform_admin, member, signed_in):
    report = in_the_bank(business_manager, board)
    applicant = signed_in(UserFactory())  # an account made only to apply to the programme
    for client in (applicant, signed_in(platform_admin)):
        assert client.get(reverse("bank:list")).status_code == 403
        assert client.get(reverse("bank:detail", args=[report.pk])).status_code == 403
    # A member of the board reads the bank but adds nothing.
    assert signed_in(member).get(reverse("bank:add")).status_code == 403
    assert signed_in(member).get(reverse("bank:detail", args=[report.pk])).status_code == 200
    # The accreditation staff add to SCIE's own bank only.
    staff = signed_in(UserFactory(is_accreditation_staff=True))
    page = staff.get(reverse("bank:add"))
    assertContains(page, "SCIE&#x27;s own bank")
    assertNotContains(page, board.name)
