"""One search of the learning library finds both: the findings published through the service and
the passages of reports in the bank of completed reports, on the page and in the API."""

import datetime as dt

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from bank import services
from bank.models import BankedReport, Theme
from publication.tests import test_publishing as shared

D = dt.date
# Fixtures of test_publishing, found by pytest under these names.
fake_pdf, final, ready = shared.fake_pdf, shared.final, shared.ready

BANKED_WORDS = (
    "Child B's mother missed every strategy meeting, and the strategy discussion never "
    "included the GP. The health visitor was not invited."
)


@pytest.fixture(autouse=True)
def today(frozen):
    return frozen


@pytest.fixture
def published(ready, chair, business_manager, frozen):
    return shared.publish(
        ready.review,
        chair=chair,
        manager=business_manager,
        frozen=frozen,
        planned_on=D(2026, 6, 30),
        sent_on=D(2026, 6, 15),
    )


@pytest.fixture
def banked(business_manager, board):
    report = services.report_add(
        actor=business_manager,
        board=board,
        title="Child B: a serious case review",
        published_by="Northshire LSCB",
        year=2017,
        review_type="scr",
        published_url="https://example.org/b.pdf",
    )
    # As the worker leaves a report it has read (its reading is tested in bank/tests).
    BankedReport.objects.filter(pk=report.pk).update(text=BANKED_WORDS, text_state="extracted")
    BankedReport.objects.filter(pk=report.pk).update(
        text_search=_search_vector() if _on_postgres() else None
    )
    return services.report_confirm(
        actor=business_manager,
        report=report,
        themes=Theme.objects.filter(code__in=["management_systems", "neglect"]),
    )


def _on_postgres():
    from django.db import connection

    return connection.vendor == "postgresql"


def _search_vector():
    from django.contrib.postgres.search import SearchVector

    return SearchVector("text", config=services.SEARCH_CONFIG)


def test_one_search_finds_a_finding_and_a_banked_passage(
    client, published, banked, other_board_user
):
    client.force_login(other_board_user)
    page = client.get(reverse("publication:library"), {"q": "strategy"})
    assertContains(page, "3 findings")
    assertContains(page, "1 report in the bank of completed reports")
    assertContains(page, "Child B: a serious case review")
    assertContains(page, "missed every strategy meeting")  # the passage that matched
    # The category of a finding is a theme of the bank too.
    by_category = client.get(reverse("publication:library"), {"q": "strategy", "category": "tools"})
    assertContains(by_category, "0 reports in the bank of completed reports")
    assertNotContains(by_category, "Child B: a serious case review")

    body = client.get("/api/v1/library/", {"q": "strategy"}).json()
    assert (body["count"], body["bank"]["count"]) == (3, 1)
    assert "missed every strategy meeting" in body["bank"]["results"][0]["passage"]


def test_the_library_shows_no_bank_to_those_it_is_not_for(
    client, published, banked, platform_admin
):
    client.force_login(platform_admin)
    page = client.get(reverse("publication:library"), {"q": "strategy"})
    assertContains(page, "3 findings")
    assertNotContains(page, "bank of completed reports")
