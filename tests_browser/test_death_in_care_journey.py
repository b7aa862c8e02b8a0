"""Working Together 2023: the business manager logs the death of a looked-after child where no
abuse or neglect is suspected; the case does not meet the criteria, yet the notice to the
Department for Education and Ofsted runs, and is met once both are recorded. axe-core checks
every page on the way."""

import datetime as dt
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from deadlines.models import Deadline
from reviews.models import Incident
from tests_browser.test_incident_journey import fill_date, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def record_notification(page, check, recipient, day):
    page.get_by_role("button", name="Record a notification").click()
    check(page)
    page.get_by_label(recipient, exact=True).check()
    fill_date(page, "Date sent", day)
    page.get_by_role("button", name="Save notification").click()
    check(page)


def test_a_looked_after_childs_death_runs_the_notice_to_dfe_and_ofsted(
    page, live_server, check_accessibility, business_manager, password, board
):
    check = check_accessibility
    today = timezone.localdate()
    aware = today - dt.timedelta(days=2)
    sign_in(page, check, live_server, business_manager.email, password)
    page.get_by_role("link", name=board.name).click()
    check(page)
    page.get_by_role("link", name="Log a notified incident").click()
    check(page)
    page.get_by_label("Case reference").fill("Child L")
    page.get_by_label("Child", exact=True).check()
    fill_date(page, "Date of the incident", aware)
    fill_date(page, "Date the local authority became aware", aware)
    fill_date(page, "Date the board was notified", aware)
    page.get_by_label("Who notified the board").fill("Children's services")
    page.get_by_label("The child or adult died").check()
    page.get_by_label("A looked-after child (in the care of a local authority)").check()
    page.get_by_role("button", name="Save incident").click()
    check(page)

    expect(page.get_by_role("heading", level=1)).to_have_text("Child L")
    expect(page.get_by_text("Does not meet the criteria.")).to_be_visible()
    expect(
        page.get_by_text(re.compile("must also be notified to the Secretary of State"))
    ).to_be_visible()
    clocks = page.get_by_role("table", name=re.compile("Statutory deadlines"))
    expect(clocks).to_contain_text("Notify the Secretary of State (DfE) and Ofsted of the death")
    expect(clocks).to_contain_text("a looked-after child's death within 5 working days")
    expect(clocks).not_to_contain_text("partners-2023.notify_dfe_ofsted")
    expect(clocks).not_to_contain_text("Child Safeguarding Practice Review Panel")

    record_notification(page, check, "Department for Education", aware)
    incident = Incident.objects.get()
    notice = Deadline.objects.get(case_id=incident.pk, clock="notify_dfe_ofsted")
    assert notice.met_on is None  # Ofsted is still to be told
    record_notification(page, check, "Ofsted", today)
    notice.refresh_from_db()
    assert notice.met_on == today
    expect(clocks.get_by_role("row", name=re.compile("Secretary of State"))).to_contain_text("Met")
