"""Each role's home page lists their work, most urgent first, and each item leads to where the
work is done: the chair to the decision, the business manager to the case whose clock is
overdue, an agency's contributor to their request, the accreditation staff to an application
to score. The navigation counts it. axe-core (and the 320-pixel reflow check) on every page."""

import datetime as dt
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from accreditation.tests.factories import ApplicationFactory
from core.tests.factories import UserFactory
from reviews.services import contributions
from reviews.tests.factories import ask, decide, invite, log_incident
from tests_browser.steps import sign_out
from tests_browser.test_incident_journey import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def home_queue(page):
    return page.get_by_role("list", name="Your work, most urgent first")


def open_item(page, check, title):
    home_queue(page).get_by_role("link", name=title).click()
    check(page)


def test_each_roles_home_lists_their_work_and_leads_to_where_it_is_done(
    page, live_server, check_accessibility, business_manager, chair, password, board, agency
):
    check = check_accessibility
    today = timezone.localdate()
    long_ago = today - dt.timedelta(days=40)
    undecided = log_incident(
        actor=business_manager,
        board=board,
        reference="Child U",
        incident_on=long_ago,
        la_aware_on=long_ago,
        notified_on=long_ago,
    )
    reviewed = log_incident(
        actor=business_manager,
        board=board,
        reference="Child V",
        incident_on=long_ago,
        la_aware_on=long_ago,
        notified_on=long_ago,
    )
    decide(actor=chair, incident=reviewed, decided_on=long_ago + dt.timedelta(days=3))
    reviewed.refresh_from_db()
    officer = invite(business_manager, reviewed.review, agency, "pc@police.example", "Pat").user
    officer.set_password(password)
    officer.save()
    request = ask(
        business_manager,
        reviewed.review,
        agency,
        requested_on=today,
        due_on=today + dt.timedelta(days=30),
    )
    contributions.agency_request_send(actor=business_manager, request=request)
    staff = UserFactory(is_accreditation_staff=True)
    ApplicationFactory(applicant__name="Ann Applicant")

    # The chair: the decision, overdue as the case's clocks are, first.
    sign_in(page, check, live_server, chair.email, password)
    expect(page.get_by_role("heading", level=1)).to_have_text("Your work")
    nav = page.get_by_role("navigation", name="Menu")
    expect(nav.get_by_role("link", name=re.compile(r"^Your work \(\d+\)$"))).to_be_visible()
    first = home_queue(page).get_by_role("listitem").first
    expect(first).to_contain_text("Overdue")
    open_item(page, check, "Child U: decide whether to hold a review")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        f"Record the decision on {undecided.reference}"
    )
    sign_out(page)

    # The business manager: a clock of the case, overdue, to the case's page.
    sign_in(page, check, live_server, business_manager.email, password)
    home_queue(page).get_by_role("link", name=re.compile("^Child U: ")).first.click()
    check(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("Child U")
    sign_out(page)

    # The police's contributor: their request, due in a month.
    sign_in(page, check, live_server, officer.email, password)
    open_item(page, check, "Child V: answer the request for a chronology of the agency's contact")
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Request to {agency.name}")
    sign_out(page)

    # The accreditation staff: an application to score.
    sign_in(page, check, live_server, staff.email, password)
    open_item(page, check, re.compile("^Score Ann Applicant's application"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Ann Applicant")
