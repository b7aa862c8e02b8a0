"""Agencies take part: the business manager invites a police and a health contributor; each
sets a password and the second factor and imports their chronology (one XLSX, one CSV); the
reviewers see the merged chronology with a gap and a shared day marked, share the draft for
factual accuracy, a contributor comments and the reviewers answer; the police contributor
updates an action with evidence. axe-core checks every page on the way."""

import csv
import datetime as dt
import io
import re

import pytest
from django.utils import timezone
from openpyxl import Workbook
from playwright.sync_api import expect

from accreditation.tests.factories import accredit
from boards.tests.factories import AgencyFactory, MembershipFactory
from core.models import User
from reminders.models import OutboxEmail
from reviews.chronology_files import COLUMNS
from reviews.models import Review
from reviews.services.reviews import reviewer_appoint
from reviews.tests.factories import decide, log_incident
from tests_browser.steps import fill_date, go, sign_in, sign_out

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
HEADINGS = [heading for _, heading, _ in COLUMNS]
PASSWORD = "A long and unguessable passphrase 42"


def click(page, check, role, name):
    page.get_by_role(role, name=name).click()
    check(page)


def chronology_xlsx(path):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(HEADINGS)
    sheet.append(["03/05/2016", "22:10", "", "", "Police officer", "Called to the home", "", "C1"])
    sheet.append(["01/10/2016", "", "", "", "Police officer", "Welfare check", "", "C2"])
    workbook.save(path)


def chronology_csv(path):
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(HEADINGS)
    writer.writerow(["03/05/2016", "", "", "", "GP", "Seen with a bruise", "Referred", "GP1"])
    writer.writerow(["early June 2016", "", "", "", "Health visitor", "No answer", "", "HV1"])
    path.write_bytes(buffer.getvalue().encode("cp1252"))


def set_password_from_invitation(page, check, live_server, email):
    body = OutboxEmail.objects.get(to=email, subject__contains="invited").body
    link = re.search(r"http://\S+/password-reset/\S+/", body).group(0)
    page.goto(link.replace("http://127.0.0.1:8000", live_server.url))
    check(page)
    page.get_by_label("New password", exact=True).fill(PASSWORD)
    page.get_by_label("Confirm the new password").fill(PASSWORD)
    page.get_by_role("button", name="Save password").click()
    check(page)


def invite(page, check, agency, name, email):
    click(page, check, "button", "Invite someone of an agency")
    page.get_by_label("Agency they act for").select_option(label=agency)
    page.get_by_label("Full name").fill(name)
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Author of the agency's return").check()
    click(page, check, "button", "Send invitation")
    expect(page.locator(".govuk-notification-banner")).to_contain_text(email)


def ask_and_send(page, check, agency, today):
    click(page, check, "button", "Request information")
    page.get_by_label("Agency", exact=True).select_option(label=agency)
    page.get_by_label("A chronology of the agency's contact").check()
    page.get_by_label("What was asked for, in detail").fill("Every contact, 2015 to 2017")
    fill_date(page, "Period covered: from", dt.date(2015, 1, 1))
    fill_date(page, "Period covered: to", dt.date(2017, 1, 1))
    fill_date(page, "Requested on", today)
    fill_date(page, "Due by", today + dt.timedelta(days=14))
    click(page, check, "button", "Save request")
    page.get_by_role("link", name=re.compile(f"^Send the request to {agency}")).click()
    check(page)
    click(page, check, "button", "Send the request")


def test_agencies_answer_check_the_draft_and_update_their_action(
    page, live_server, check_accessibility, business_manager, chair, password, board, tmp_path
):
    check = check_accessibility
    today = timezone.localdate()
    police = AgencyFactory(board=board, name="Northshire Police")
    AgencyFactory(board=board, name="Northshire Health Trust")
    start = today - dt.timedelta(days=40)
    incident = log_incident(
        actor=business_manager,
        board=board,
        reference="Child Q",
        incident_on=start,
        la_aware_on=start,
        notified_on=start,
    )
    decide(actor=chair, incident=incident, decided_on=start + dt.timedelta(days=5))
    review = Review.objects.get()
    lena = MembershipFactory(board=board, role="lead_reviewer", user__name="Lena Lead").user
    accredit(lena)
    reviewer_appoint(
        actor=business_manager,
        review=review,
        user=lena,
        role="lead",
        independence_declared=True,
        appointed_on=review.initiated_on,
    )
    review.actions.create(
        description="Train call handlers on neglect", owner_agency=police, due_on=today
    )
    review_url = f"{live_server.url}/boards/{board.pk}/reviews/{review.pk}/"

    # The business manager invites a police and a health contributor, and sends each agency
    # a request for its chronology.
    sign_in(page, check, live_server, business_manager, password)
    page.goto(review_url)
    check(page)
    go(page, check, "Agencies' contributors")
    invite(page, check, "Northshire Police", "Pat Police", "pat@police.example")
    invite(page, check, "Northshire Health Trust", "Hana Health", "hana@health.example")
    page.goto(review_url)
    go(page, check, "Requests to agencies")
    ask_and_send(page, check, "Northshire Police", today)
    ask_and_send(page, check, "Northshire Health Trust", today)
    expect(page.get_by_text(re.compile(r"sent in the service \d"))).to_have_count(2)
    sign_out(page)

    # Each contributor sets a password and the second factor, and imports a chronology.
    for email, maker, file_name in [
        ("pat@police.example", chronology_xlsx, "police.xlsx"),
        ("hana@health.example", chronology_csv, "health.csv"),
    ]:
        set_password_from_invitation(page, check, live_server, email)
        sign_in(page, check, live_server, User.objects.get(email=email), PASSWORD)
        expect(page.get_by_role("heading", level=1)).to_have_text("Your work")
        page.get_by_role("link", name="Case review Child Q").click()
        check(page)
        page.get_by_role("link", name="A chronology of the agency's contact").click()
        check(page)
        click(page, check, "link", "Import your agency's chronology")
        maker(tmp_path / file_name)
        page.get_by_label("The chronology file").set_input_files(str(tmp_path / file_name))
        click(page, check, "button", "Import the chronology")
        expect(page.locator(".govuk-notification-banner")).to_contain_text("2 entries imported")
        page.get_by_label("The agency's answer").fill("Our chronology is imported.")
        click(page, check, "button", "Submit the agency's answer")
        expect(page.get_by_text(re.compile("^Answer submitted"))).to_be_visible()
        # Nothing else of the review is theirs: its page is not found.
        page.goto(review_url)
        expect(page.get_by_role("heading", level=1)).to_have_text("Page not found")
        sign_out(page)

    # The lead reviewer sees the merged chronology with the gap and the shared day, and shares
    # the draft for factual accuracy with the police contributor.
    sign_in(page, check, live_server, lena, password)
    page.goto(review_url)
    check(page)
    go(page, check, "Multi-agency chronology")
    expect(page.get_by_text("Several agencies", exact=True)).to_have_count(2)
    expect(
        page.get_by_role("cell", name=re.compile(r"^Gap \d+ days with no agency"))
    ).to_be_visible()
    expect(page.get_by_text("early June 2016")).to_be_visible()
    page.goto(review_url + "report/")
    check(page)
    click(page, check, "button", "Share the draft for factual accuracy")
    page.get_by_label(re.compile("Pat Police, Northshire Police")).check()
    fill_date(page, "Comments due by", today + dt.timedelta(days=7))
    click(page, check, "button", "Share the draft")
    sign_out(page)

    # The police contributor comments and finishes, then updates the police's action.
    pat = User.objects.get(email="pat@police.example")
    sign_in(page, check, live_server, pat, PASSWORD)
    expect(page.get_by_text("Drafts to check for factual accuracy")).to_be_visible()
    page.get_by_role("link", name="Case review Child Q").first.click()  # the draft
    check(page)
    page.get_by_label("Succinct summary of the case").check()
    page.get_by_label("Comment").fill("The police were called on 3 May, not 4 May.")
    click(page, check, "button", "Add the comment")
    click(page, check, "button", "I have finished my comments")
    page.goto(f"{live_server.url}/agency/reviews/{review.pk}/")
    check(page)
    page.get_by_role("link", name="Train call handlers on neglect").click()
    check(page)
    page.get_by_label("In progress").check()
    page.get_by_label("Progress note (optional)").fill("Half of the call handlers trained.")
    fill_date(page, "Date of this update", today)
    evidence = tmp_path / "register.pdf"
    evidence.write_bytes(b"%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n")
    page.get_by_label("A file of the evidence (optional)").set_input_files(str(evidence))
    click(page, check, "button", "Save progress")
    expect(page.get_by_text("Half of the call handlers trained.")).to_be_visible()
    sign_out(page)

    # The reviewer accepts the comment with a reason.
    sign_in(page, check, live_server, lena, password)
    page.goto(review_url + "report/")
    check(page)
    page.get_by_role("link", name=re.compile("^Version 1, shared")).click()
    check(page)
    expect(page.get_by_text("The police were called on 3 May, not 4 May.")).to_be_visible()
    page.get_by_role("link", name=re.compile("^Accept or decline")).click()
    check(page)
    page.get_by_label("Accept: the report will change").check()
    page.get_by_label("Reason").fill("The police's log confirms 3 May.")
    click(page, check, "button", "Save")
    expect(page.get_by_text("The police's log confirms 3 May.")).to_be_visible()
