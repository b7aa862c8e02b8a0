"""A lead reviewer from appointment, through the data and the findings, to the report stage.
axe-core checks every page on the way."""

import datetime as dt
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from accreditation.tests.factories import accredit
from boards.tests.factories import MembershipFactory
from reviews.models import Review
from reviews.tests.factories import decide, log_incident
from tests_browser.steps import fill_date, go, sign_in, sign_out

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def save(page, check, button):
    page.get_by_role("button", name=button).click()
    check(page)


def test_lead_reviewer_from_appointment_to_the_report_stage(
    page, live_server, check_accessibility, business_manager, chair, password, board, agency
):
    check = check_accessibility
    today = timezone.localdate()
    start = today - dt.timedelta(days=40)
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
    lena = MembershipFactory(board=board, role="lead_reviewer", user__name="Lena Lead").user
    colin = MembershipFactory(board=board, role="lead_reviewer", user__name="Colin Colead").user
    for reviewer in (lena, colin):
        accredit(reviewer)  # Learning Together reviews are led by accredited reviewers
    supervisor = MembershipFactory(
        board=board, role="viewer", user__is_accreditation_staff=True
    ).user
    review_url = f"{live_server.url}/boards/{board.pk}/reviews/{review.pk}/"

    # The business manager appoints the pair and the supervisor.
    sign_in(page, check, live_server, business_manager, password)
    page.goto(review_url)
    check(page)
    go(page, check, "Reviewers")
    for reviewer, role in [(lena, "Lead reviewer"), (colin, "Co-lead reviewer")]:
        page.get_by_role("button", name="Appoint a reviewer").click()
        check(page)
        page.get_by_label("Reviewer", exact=True).select_option(label=reviewer.name)
        page.get_by_label(role, exact=True).check()
        page.get_by_label(re.compile("declares they are independent")).check()
        fill_date(page, "Appointed on", today)
        save(page, check, "Appoint reviewer")
        expect(page.locator(".govuk-notification-banner")).to_contain_text(
            f"{reviewer.name} appointed"
        )
    page.goto(review_url + "setup/")
    check(page)
    page.get_by_label("Supervisor (accreditation staff)").select_option(label=supervisor.name)
    page.get_by_label(re.compile("Full: conversations")).check()
    save(page, check, "Save")
    sign_out(page)

    # The lead reviewer prepares the review; the guard says what is missing.
    sign_in(page, check, live_server, lena, password)
    go(page, check, "Child Q: Local child safeguarding practice review")
    page.get_by_role("button", name="Move on to data collection").click()
    check(page)
    expect(page.locator(".govuk-error-summary")).to_contain_text("no terms of reference agreed")
    go(page, check, "Agree the terms of reference")
    page.get_by_label("Terms of reference", exact=True).fill("How agencies shared what they knew.")
    save(page, check, "Save")
    go(page, check, "Set the research questions")
    page.get_by_label("Research question").fill("How was risk shared between agencies?")
    save(page, check, "Add question")
    page.get_by_role("link", name="Back to the review").click()
    page.get_by_role("button", name="Move on to data collection").click()
    check(page)
    expect(page.get_by_role("heading", name="Stage: Data collection")).to_be_visible()

    # Data collection: a request to the agency, received with its files locked down.
    go(page, check, "Request information from the agencies")
    page.get_by_role("button", name="Request information").click()
    check(page)
    page.get_by_label("Agency", exact=True).select_option(label=agency.name)
    page.get_by_label("An agency report").check()
    page.get_by_label("What was asked for").fill("Records of contact for the last year")
    fill_date(page, "Requested on", today - dt.timedelta(days=3))
    fill_date(page, "Due by", today + dt.timedelta(days=10))
    save(page, check, "Save request")
    page.get_by_role("link", name=re.compile("^Record receipt")).click()
    check(page)
    fill_date(page, "Received on", today)
    fill_date(page, "Case files confirmed locked down on (optional)", today)
    save(page, check, "Record receipt")
    page.goto(review_url + "chronology/add/")
    check(page)
    page.get_by_label("Agency", exact=True).select_option(label=agency.name)
    fill_date(page, "Date", start - dt.timedelta(days=30))
    page.get_by_label("What happened", exact=True).fill("Home visit ended early at the door.")
    save(page, check, "Add entry")
    page.goto(review_url)
    page.get_by_role("button", name="Move on to analysis").click()
    check(page)

    # Analysis: a key practice episode linked to the chronology.
    go(page, check, "Record key practice episodes")
    page.get_by_role("button", name="Record an episode").click()
    check(page)
    page.get_by_label("Title", exact=True).fill("The home visit")
    fill_date(page, "Date", start - dt.timedelta(days=30))
    page.get_by_label("What happened", exact=True).fill("The visit ended at the door.")
    page.get_by_label("Contributory factors: own team factors").fill("Two vacancies in the team.")
    # Finding entries (the filters belong to the form) keeps what was typed and saves nothing.
    page.get_by_text("Find the chronology entries it draws on").click()
    page.get_by_label("Words", exact=True).fill("ended early")
    with page.expect_navigation():  # the page comes back from the server
        page.get_by_role("button", name="Find entries").click()
    check(page)
    expect(page.get_by_label("Title", exact=True)).to_have_value("The home visit")
    expect(page.get_by_label("Contributory factors: own team factors")).to_have_value(
        "Two vacancies in the team."
    )
    page.get_by_label(re.compile("Home visit ended early")).check()
    save(page, check, "Save episode")
    page.goto(review_url)
    page.get_by_role("button", name="Move on to findings").click()
    check(page)

    # Findings: written, then the guard waits for quality assurance.
    go(page, check, "Write the findings")
    page.get_by_role("button", name="Write a finding").click()
    check(page)
    page.get_by_label("Family–professional interaction").check()
    page.get_by_label("Finding", exact=True).fill("Disguised compliance is hard to see at the door")
    page.get_by_label("How did the issue show in this case?").fill("The visit ended at the door.")
    page.get_by_label("The home visit").check()
    save(page, check, "Save finding")
    page.goto(review_url)
    page.get_by_role("button", name="Move on to report and board response").click()
    check(page)
    expect(page.locator(".govuk-error-summary")).to_contain_text("findings not quality-assured")
    sign_out(page)

    sign_in(page, check, live_server, supervisor, password)
    page.goto(review_url + "findings/")
    check(page)
    page.get_by_role("link", name="Disguised compliance is hard to see at the door").click()
    check(page)
    go(page, check, "Quality-assure the finding")
    save(page, check, "Mark as quality-assured")
    sign_out(page)

    sign_in(page, check, live_server, lena, password)
    page.goto(review_url)
    page.get_by_role("button", name="Move on to report and board response").click()
    check(page)
    expect(page.get_by_role("heading", name="Stage: Report and board response")).to_be_visible()
    review.refresh_from_db()
    assert review.stage == "report"
