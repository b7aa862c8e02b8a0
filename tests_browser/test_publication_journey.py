"""A review's report from draft to the public listing and the learning library.

The reviewers write, the supervisor quality-assures, the chair approves and signs off (refused
while a real name is in the report), the PDFs are rendered, the chair decides to publish, the
business manager sends the panel its copy and records the publication; then anyone can read it
and another board finds its findings in the library. axe-core checks every page on the way.
"""

import datetime as dt
import re
from urllib.parse import urljoin

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from accreditation.tests.factories import accredit
from boards.tests.factories import MembershipFactory
from core.tests.factories import UserFactory
from publication import sample
from publication.models import Publication, Rendering, Report
from publication.services import publishing, reports
from reviews.models import FindingCategory, Notification, Review
from reviews.services.reviews import reviewer_appoint
from reviews.tests.factories import decide, log_incident
from tests_browser.steps import fill_date, go, pdf_worker, sign_in, sign_out

pytestmark = [pytest.mark.browser, pytest.mark.pdf, pytest.mark.django_db(transaction=True)]


def _real_name_pattern() -> re.Pattern:
    """Every real name and alias recorded for the case, whole or any part of it, as a word."""
    names = [name for _, name, _ in sample.PARTICIPANTS]
    for _, name, aliases in sample.PEOPLE:
        names += [name, *aliases.splitlines()]
    words = {part for name in names for part in [name, *re.split(r"[\s-]+", name)]}
    alternatives = sorted((w for w in words if len(w) >= 3), key=len, reverse=True)
    return re.compile(r"\b(?:{})\b".format("|".join(map(re.escape, alternatives))))


REAL_NAMES = _real_name_pattern()


def save(page, check, button):
    page.get_by_role("button", name=button, exact=True).click()
    check(page)


def expect_success(page, text):
    expect(page.locator(".govuk-notification-banner")).to_contain_text(text)


def expect_no_real_names(page):
    shown = page.locator("body").inner_text()
    assert not REAL_NAMES.findall(shown), f"a real name is shown on {page.url}"


def expect_pdf(page, href):
    response = page.request.get(urljoin(page.url, href))
    assert response.ok, f"{href}: {response.status}"
    assert response.headers["content-type"] == "application/pdf"
    assert response.body().startswith(b"%PDF")


@pytest.fixture
def worker(monkeypatch):
    return pdf_worker(monkeypatch, reports, Rendering, reports.rendering_run)


def test_report_from_draft_to_the_public_listing(
    page,
    live_server,
    check_accessibility,
    business_manager,
    chair,
    password,
    board,
    agency,
    other_board_user,
    worker,
):
    check = check_accessibility
    # The live server runs on the real clock: every date is relative to today.
    today = timezone.localdate()
    start = today - dt.timedelta(days=90)
    incident = log_incident(
        actor=business_manager,
        board=board,
        reference="Child Q",
        agencies=[agency],
        incident_on=start,
        la_aware_on=start,
        notified_on=start,
    )
    decide(actor=chair, incident=incident, decided_on=start + dt.timedelta(days=5))
    review = Review.objects.get()
    # The pair of accredited lead reviewers, appointed with independence declared.
    appointed = []
    for name, role in [("Lena Lead", "lead"), ("Colin Colead", "co_lead")]:
        user = MembershipFactory(board=board, role="lead_reviewer", user__name=name).user
        accredit(user)
        reviewer_appoint(
            actor=business_manager,
            review=review,
            user=user,
            role=role,
            independence_declared=True,
            appointed_on=review.initiated_on,
        )
        appointed.append(user)
    lena = appointed[0]
    supervisor = UserFactory(name="Sue Pervisor", is_accreditation_staff=True)
    review.supervisor = supervisor
    review.save()
    # The learning is recorded: findings quality-assured and answered, every section written.
    sample.fill_review(review, supervisor=supervisor, chair=chair)
    review_url = f"{live_server.url}/boards/{board.pk}/reviews/{review.pk}/"
    report_url = review_url + "report/"

    # The lead reviewer changes a section, then (by mistake) writes a real name into another.
    sign_in(page, check, live_server, lena, password)
    go(page, check, "Child Q: Local child safeguarding practice review")
    go(page, check, "Report and publication")
    expect(page.get_by_role("heading", name="Report", exact=True)).to_be_visible()
    expect(page.get_by_text("No real names found")).to_be_visible()
    go(page, check, "Change what more will be done")
    page.get_by_label("What more will be done").fill(
        "The board will audit strategy discussions in six months' time."
    )
    save(page, check, "Save section")
    expect_success(page, "Section saved")
    expect(page.get_by_text("audit strategy discussions in six months")).to_be_visible()
    go(page, check, "Change succinct summary of the case")
    page.get_by_label("Succinct summary of the case").fill(
        f"{sample.PARAGRAPH}\nThe social worker, Priya Ramaswamy, visited the home twice."
    )
    save(page, check, "Save section")
    expect_success(page, "Section saved")
    sign_out(page)

    # The supervisor quality-assures; the chair approves for the board.
    sign_in(page, check, live_server, supervisor, password)
    page.goto(report_url)
    check(page)
    save(page, check, "Quality-assure the report")
    expect_success(page, "The report is quality-assured")
    sign_out(page)
    sign_in(page, check, live_server, chair, password)
    page.goto(report_url)
    check(page)
    save(page, check, "Approve for the board")
    expect_success(page, "The report is approved by the board")

    # The sign-off is refused: the anonymisation check names the place of the real name.
    save(page, check, "Sign off as final")
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        "the anonymisation check found 1 real name"
    )
    places = page.get_by_role("table", name="Where the real names are")
    expect(places).to_contain_text("Succinct summary of the case")
    expect(places).to_contain_text("a practitioner")
    assert REAL_NAMES.search(places.inner_text())  # the check below would see one
    sign_out(page)

    # The lead reviewer takes the name out: the report is a draft again, to be assured anew.
    sign_in(page, check, live_server, lena, password)
    page.goto(report_url)
    check(page)
    go(page, check, "Change succinct summary of the case")
    page.get_by_label("Succinct summary of the case").fill(
        f"{sample.PARAGRAPH}\nThe social worker visited the home twice."
    )
    save(page, check, "Save section")
    expect_success(page, "Section saved")
    expect(page.get_by_text("No real names found")).to_be_visible()
    sign_out(page)
    sign_in(page, check, live_server, supervisor, password)
    page.goto(report_url)
    check(page)
    save(page, check, "Quality-assure the report")
    sign_out(page)
    sign_in(page, check, live_server, chair, password)
    page.goto(report_url)
    check(page)
    save(page, check, "Approve for the board")
    save(page, check, "Sign off as final")
    expect_success(page, "The report is signed off as final")
    sign_out(page)

    # The lead reviewer renders the report and the learning brief; the worker renders them.
    sign_in(page, check, live_server, lena, password)
    page.goto(report_url)
    check(page)
    save(page, check, "Render the report as a PDF")
    expect_success(page, "The report is queued for rendering")
    save(page, check, "Render the learning brief as a PDF")
    expect_success(page, "The learning brief is queued for rendering")
    expect(page.get_by_role("link", name="Refresh this page")).to_be_visible()
    worker()
    go(page, check, "Refresh this page")
    pdfs = page.get_by_role("table", name="Rendered files")
    expect(pdfs.get_by_text("Ready", exact=True)).to_have_count(2)
    download = pdfs.get_by_role("link", name="Download the report (PDF)")
    expect(download).to_be_visible()
    expect(pdfs.get_by_role("link", name="Download the learning brief (PDF)")).to_be_visible()
    expect_pdf(page, download.get_attribute("href"))
    sign_out(page)

    # The chair decides to publish: too soon for the national panel's copy, then in 30 days.
    sign_in(page, check, live_server, chair, password)
    page.goto(report_url)
    check(page)
    save(page, check, "Decide on publication")  # a link styled as a button
    earliest = publishing.earliest_publication(review)
    page.get_by_label("Publish", exact=True).check()
    fill_date(page, "Planned publication date (if publishing)", today + dt.timedelta(days=2))
    save(page, check, "Record the decision")
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        f"plan it on or after {earliest:%-d %B %Y}"
    )
    planned = today + dt.timedelta(days=30)
    fill_date(page, "Planned publication date (if publishing)", planned)
    save(page, check, "Record the decision")
    expect_success(page, "Publication decision recorded")
    expect(page.get_by_text(f"Publish on {planned:%-d %B %Y}")).to_be_visible()
    sign_out(page)

    # The business manager records the copy sent to the national panel today.
    sign_in(page, check, live_server, business_manager, password)
    page.goto(report_url)
    check(page)
    go(page, check, "Record the copy sent to the national panel")
    fill_date(page, "Sent to the national panel on", today)
    save(page, check, "Record the copy sent")
    expect_success(page, "Copy to the national panel recorded")
    expect(page.get_by_text(f"Sent {today:%-d %B %Y}")).to_be_visible()

    # Three weeks pass (the clock cannot move under the live server): the sign-off, the
    # decision and the copy move back in time, so the report can be published today.
    Report.objects.filter(review=review).update(signed_off_on=today - dt.timedelta(days=22))
    Publication.objects.filter(review=review).update(
        decided_on=today - dt.timedelta(days=21), planned_on=today
    )
    Notification.objects.filter(
        incident=incident, recipient="national_panel", about=Notification.About.REPORT
    ).update(sent_on=today - dt.timedelta(days=21))
    page.goto(report_url)
    check(page)
    go(page, check, "Record the publication")
    fill_date(page, "Published on", today)
    page.get_by_label("Web address of the report on the board's website").fill(
        "https://example.org/child-q"
    )
    save(page, check, "Record the publication")
    expect_success(page, "Publication recorded")
    expect(page.get_by_role("link", name="https://example.org/child-q")).to_be_visible()
    sign_out(page)

    # Anyone, signed out, finds the report on the public listing.
    page.goto(live_server.url + "/published/")
    check(page)
    go(page, check, board.name)
    card = page.locator(".govuk-summary-card", has_text="Child Q")
    expect(card.get_by_role("heading", name=re.compile("^Child Q: "))).to_be_visible()
    expect(card).to_contain_text(sample.SECTIONS["learning_brief"])
    expect(card).to_contain_text(f"{today:%-d %B %Y}")
    report_pdf = card.get_by_role("link", name=re.compile(r"^Report for Child Q \(PDF"))
    expect(report_pdf).to_be_visible()
    expect_pdf(page, report_pdf.get_attribute("href"))
    expect_pdf(
        page,
        card.get_by_role("link", name=re.compile(r"^Learning brief for Child Q")).get_attribute(
            "href"
        ),
    )
    expect_no_real_names(page)

    # A member of another board searches the learning library for the findings.
    sign_in(page, check, live_server, other_board_user, password)
    page.get_by_role("link", name="Learning library").click()
    check(page)
    page.get_by_label("Search findings").fill("strategy")
    save(page, check, "Search")
    expect(page.get_by_role("heading", name="3 findings")).to_be_visible()
    titles = page.get_by_role("heading", name=re.compile("strategy discussions"))
    expect(titles).to_have_count(3)
    expect(page.locator(".govuk-summary-card").first).to_contain_text("Child Q")
    # The sample's three findings fall in the first three categories, one in each.
    counts = page.get_by_role("heading", name="Findings by category").locator(
        "xpath=following-sibling::ul[1]"
    )
    categories = list(FindingCategory.objects.filter(active=True))
    for n, category in enumerate(categories):
        count = f"{category.name}: {1 if n < 3 else 0}"
        expect(counts.get_by_text(count, exact=True)).to_have_count(1)
    expect(page.get_by_label("Category").locator("option").first).to_have_text("All categories (3)")
    expect_no_real_names(page)
