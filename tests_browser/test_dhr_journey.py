"""A Community Safety Partnership's domestic homicide review from the police's notice to
publication: the incident logged, the chair's decision, and, once the report is signed off,
the Home Office Quality Assurance Panel (submission, the letter asking for changes, approval)
before the chair may decide to publish and the business manager records the publication.
axe-core checks every page on the way."""

import datetime as dt
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from boards.models import Board
from boards.tests.factories import BoardFactory
from core.tests.factories import UserFactory
from publication.models import Publication
from publication.services import reports
from publication.tests.test_publishing import fake_pdf, render_final
from reviews.models import Incident, Review
from tests_browser.steps import fill_date, go, sign_in, sign_out

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
__all__ = ["fake_pdf"]  # the publishing tests' stub of WeasyPrint, a fixture used here


@pytest.fixture
def board(db):
    return BoardFactory(
        name="Westbridge Community Safety Partnership",
        kind=Board.Kind.COMMUNITY_SAFETY,
        nation=Board.Nation.ENGLAND,
        regime=Board.Regime.DHR_2016,
    )


def save(page, check, button):
    page.get_by_role("button", name=button, exact=True).click()
    check(page)


def test_a_partnership_from_the_notice_to_home_office_approval_and_publication(
    page, live_server, check_accessibility, business_manager, chair, password, board, fake_pdf
):
    from publication import sample

    check = check_accessibility
    today = timezone.localdate()
    notified = today - dt.timedelta(days=120)
    sign_in(page, check, live_server, business_manager, password)
    page.get_by_role("link", name=board.name).click()
    check(page)
    page.get_by_role("link", name="Log a notified incident").click()
    check(page)
    page.get_by_label("Case reference").fill("Adult K")
    page.get_by_label("Adult", exact=True).check()
    fill_date(page, "Date of the incident", notified - dt.timedelta(days=1))
    fill_date(page, "Date the local authority became aware", notified)
    fill_date(page, "Date the board was notified", notified)
    page.get_by_label("Who notified the board").fill("Westbridge Police, in writing")
    page.get_by_label("The child or adult died").check()
    page.get_by_label("Aged 16 or over, died from violence").check()
    page.get_by_role("button", name="Save incident").click()
    check(page)
    expect(page.get_by_text("Must initiate a review.")).to_be_visible()
    clocks = page.get_by_role("table", name=re.compile("Statutory deadlines"))
    expect(clocks).to_contain_text("Decide whether to hold a domestic homicide review")
    expect(clocks).to_contain_text("within one month of the police telling the partnership")
    expect(clocks).not_to_contain_text("dhr-2016.decision")
    sign_out(page)

    incident = Incident.objects.get()
    sign_in(page, check, live_server, chair, password)
    page.goto(f"{live_server.url}/boards/{board.pk}/incidents/{incident.pk}/")
    check(page)
    page.get_by_role("button", name="Record the decision").click()
    check(page)
    page.get_by_label("Initiate a statutory review: domestic homicide review").check()
    page.get_by_label("Reasons for the decision").fill("A domestic homicide: s9(1) is met.")
    fill_date(page, "Date of the decision", notified + dt.timedelta(days=20))
    page.get_by_role("button", name="Record decision").click()
    check(page)
    review = Review.objects.get()
    assert review.review_type == "dhr"
    sign_out(page)

    # The review's work is done and its report signed off (the publication journey walks it
    # page by page), its PDFs rendered.
    supervisor = UserFactory(name="Sue Pervisor", is_accreditation_staff=True)
    review.supervisor = supervisor
    review.save()
    report = sample.fill_review(review, supervisor=supervisor, chair=chair)
    sample.approve(report, supervisor=supervisor, chair=chair)
    render_final(reports.report_sign_off(actor=chair, report=report), business_manager)

    report_url = f"{live_server.url}/boards/{board.pk}/reviews/{review.pk}/report/"
    sign_in(page, check, live_server, business_manager, password)
    page.goto(report_url)
    check(page)
    expect(page.get_by_text("Awaiting submission")).to_be_visible()
    save(page, check, "Record the submission")  # a link styled as a button
    fill_date(page, "Submitted on", today)
    save(page, check, "Record the submission")
    save(page, check, "Record feedback")
    save(page, check, "Record the feedback")  # nothing typed: an error, nothing saved
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        "Enter what the Home Office's letter asked for"
    )
    fill_date(page, "Date of the Home Office's letter", today)
    page.get_by_label("What the letter asked for").fill("Say more about the GP's part.")
    save(page, check, "Record the feedback")
    save(page, check, "Record the approval")
    fill_date(page, "Date of the Home Office's letter", today)
    save(page, check, "Record the approval")
    expect(page.get_by_text(f"Approved on {today:%-d %B %Y}")).to_be_visible()
    sign_out(page)

    sign_in(page, check, live_server, chair, password)
    page.goto(report_url)
    check(page)
    save(page, check, "Decide on publication")  # a link styled as a button
    page.get_by_label("Publish", exact=True).check()
    fill_date(page, "Planned publication date (if publishing)", today)
    save(page, check, "Record the decision")
    expect(page.locator(".govuk-notification-banner")).to_contain_text(
        "Publication decision recorded"
    )
    sign_out(page)

    sign_in(page, check, live_server, business_manager, password)
    page.goto(report_url)
    check(page)
    go(page, check, "Record the publication")
    fill_date(page, "Published on", today)
    page.get_by_label("Web address of the report on the board's website").fill(
        "https://example.org/dhr-adult-k"
    )
    save(page, check, "Record the publication")
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Publication recorded")
    assert Publication.objects.get(review=review).published_on == today
