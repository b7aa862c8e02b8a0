"""From application to accreditation in real Chromium, with axe-core on every page: someone
new asks for an account and applies with a CV; staff score and offer a place; the trainee
books group supervision; staff enter four sessions after they took place and record the
trainee's attendance; staff assess, a second assessor moderates; the new reviewer says where
they work, and a board's business manager finds them in the directory."""

import datetime as dt
import re

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from accreditation.models import Accreditation, Application
from accreditation.services import cohorts, training
from accreditation.tests.factories import CohortFactory, ProgrammeFactory, make_ready
from accreditation.tests.test_uploads import EXE, PDF
from core.tests.factories import UserFactory
from tests_browser.steps import fill_date, pass_second_factor

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
NEW_PASSWORD = "correct horse battery staple"


def sign_in(page, check, live_server, email, password):
    page.goto(live_server.url + "/sign-in/")
    check(page)
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    check(page)
    pass_second_factor(page, check, email)


def sign_out(page):
    page.get_by_role("button", name="Sign out").click()


def click(page, check, role, name):
    page.get_by_role(role, name=name, exact=isinstance(name, str)).click()
    check(page)


@pytest.fixture
def open_cohort(db):
    staff = UserFactory(name="Alex Staff", is_accreditation_staff=True)
    today = timezone.localdate()
    cohort = CohortFactory(
        programme=ProgrammeFactory(),
        name="Spring cohort",
        places=1,
        applications_open_on=today - dt.timedelta(days=5),
        applications_close_on=today + dt.timedelta(days=20),
    )
    cohorts.question_add(actor=staff, cohort=cohort, text="Why do you want to lead reviews?")
    cohorts.criterion_add(actor=staff, cohort=cohort, text="Systems thinking", max_score=5)
    training.session_add(
        actor=staff,
        date=today + dt.timedelta(days=30),
        title="Group supervision",
        venue="Online",
        capacity=8,
        facilitator=staff,
    )
    return cohort, staff


@pytest.fixture
def practice_review(business_manager, chair, board):
    from reviews.tests.factories import decide, log_incident

    aware = timezone.localdate() - dt.timedelta(days=60)
    incident = log_incident(
        actor=business_manager, board=board, incident_on=aware, la_aware_on=aware, notified_on=aware
    )
    decide(actor=chair, incident=incident, decided_on=aware + dt.timedelta(days=10))
    incident.refresh_from_db()
    return incident.review


def test_from_application_to_accreditation(
    page,
    live_server,
    check_accessibility,
    open_cohort,
    password,
    business_manager,
    practice_review,
    tmp_path,
):
    check = check_accessibility
    cohort, staff = open_cohort
    moderator = UserFactory(name="Sam Moderator", is_accreditation_staff=True)

    # Someone new asks for an account from the sign-in page, and sets a password.
    page.goto(live_server.url + "/sign-in/")
    check(page)
    click(page, check, "link", "create an account to apply")
    page.get_by_label("Full name").fill("Nia New")
    page.get_by_label("Email address").fill("nia@example.org")
    click(page, check, "button", "Send me the link")
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your email")
    link = re.search(r"http://\S+/password-reset/\S+/", mail.outbox[-1].body).group(0)
    page.goto(link.replace("http://127.0.0.1:8000", live_server.url))
    check(page)
    page.get_by_label("New password", exact=True).fill(NEW_PASSWORD)
    page.get_by_label("Confirm the new password").fill(NEW_PASSWORD)
    page.get_by_role("button", name="Save password").click()
    check(page)

    # She applies: a renamed executable is refused, her answer kept; then her CV.
    sign_in(page, check, live_server, "nia@example.org", NEW_PASSWORD)
    click(page, check, "link", "Apply to the lead reviewer programme")
    click(page, check, "button", "Apply to Spring cohort")
    page.get_by_label(re.compile("Why do you want to lead reviews")).fill("To learn why.")
    (tmp_path / "cv.pdf").write_bytes(EXE)
    page.get_by_label("Your CV").set_input_files(str(tmp_path / "cv.pdf"))
    click(page, check, "button", "Send application")
    expect(page).to_have_title(re.compile("^Error: "))
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        "The selected file is a program, not a document"
    )
    expect(page.get_by_label(re.compile("Why do you want to lead reviews"))).to_have_value(
        "To learn why."
    )
    assert not Application.objects.exists()
    (tmp_path / "Nia CV.pdf").write_bytes(PDF)
    page.get_by_label("Your CV").set_input_files(str(tmp_path / "Nia CV.pdf"))
    click(page, check, "button", "Send application")
    expect(page.get_by_role("heading", level=1)).to_have_text("Application of Nia New")
    sign_out(page)

    # Staff score the application and offer the place.
    sign_in(page, check, live_server, staff.email, password)
    click(page, check, "link", "Lead reviewer programme")
    click(page, check, "link", "Spring cohort")
    click(page, check, "link", "Nia New")
    click(page, check, "button", "Score the application")
    page.get_by_label(re.compile("Systems thinking")).fill("4")
    click(page, check, "button", "Save scores")
    click(page, check, "button", "Decide")
    page.get_by_label("Offer a place").check()
    click(page, check, "button", "Send the decision")
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Decision sent")
    sign_out(page)

    # The trainee sees what is still needed and books group supervision.
    sign_in(page, check, live_server, "nia@example.org", NEW_PASSWORD)
    click(page, check, "link", "Your training: Spring cohort")
    expect(page.locator("main")).to_contain_text("0 of 4 group sessions attended")
    click(page, check, "button", re.compile("^Book"))
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Place booked")
    # The booked session says so, with a way to give the place up, not "Book" again.
    ahead = page.get_by_role("table", name=re.compile("sessions ahead"))
    expect(ahead).to_contain_text("Booked")
    expect(ahead.get_by_role("button", name=re.compile("^Cancel"))).to_be_visible()
    expect(ahead.get_by_role("button", name=re.compile("^Book"))).to_have_count(0)
    sign_out(page)

    # Staff enter four sessions after they took place and record that she attended each:
    # a session that has taken place offers attendance, not booking, and says why.
    sign_in(page, check, live_server, staff.email, password)
    click(page, check, "link", "Lead reviewer programme")
    click(page, check, "link", "Group supervision sessions")
    today = timezone.localdate()
    for weeks_ago in (8, 6, 4, 2):
        click(page, check, "button", "Add a session")
        fill_date(page, "Date", today - dt.timedelta(weeks=weeks_ago))
        page.get_by_label("Title").fill(f"Group supervision, week {weeks_ago}")
        page.get_by_label("Venue").fill("Online")
        page.get_by_label("Capacity").fill("8")
        page.get_by_label("Facilitator").select_option(label=staff.name)
        click(page, check, "button", "Add session")
        expect(page.locator("main")).to_contain_text("places can no longer be booked")
        click(page, check, "button", "Record who attended")
        page.get_by_label("Nia New").check()
        click(page, check, "button", "Save attendance")
        expect(page.get_by_role("table")).to_contain_text("Attended")
        click(page, check, "link", "Back")
    taken_place = page.get_by_role("table", name=re.compile("taken place"))
    expect(taken_place.get_by_role("row")).to_have_count(5)  # the heading and four sessions
    click(page, check, "link", re.compile("^Group supervision, week 2,"))
    click(page, check, "link", "Nia New")
    expect(page.locator("main")).to_contain_text("4 of 4 group sessions attended")
    sign_out(page)

    # Months on: the course and practice review done (made here, not clicked).
    trainee = make_ready(
        Application.objects.get().trainee, review=practice_review, staff=staff, sessions=False
    )

    # Staff assess; the same assessor may not moderate; a second one agrees.
    sign_in(page, check, live_server, staff.email, password)
    page.goto(f"{live_server.url}/accreditation/trainees/{trainee.pk}/assessment/")
    check(page)
    click(page, check, "link", "Add evidence")
    page.get_by_label("Writing the report").check()
    page.get_by_label("Written review documents").check()
    page.get_by_label("The evidence").fill("The draft report of the practice review.")
    click(page, check, "button", "Add evidence")
    click(page, check, "button", "Give the judgement")
    page.get_by_label("Accredited").check()
    page.get_by_label("Overall judgement").fill("Leads with fidelity to the model.")
    page.get_by_label("Strengths (formative)").fill("Conversations with practitioners.")
    page.get_by_label("Areas to work on (formative)").fill("Prioritising findings.")
    click(page, check, "button", "Save the judgement")
    click(page, check, "button", "Moderate")
    page.get_by_label("Yes: the outcome takes effect").check()
    click(page, check, "button", "Save the moderation")
    expect(page.locator(".govuk-error-summary")).to_contain_text("A second assessor moderates")
    sign_out(page)
    sign_in(page, check, live_server, moderator.email, password)
    page.goto(f"{live_server.url}/accreditation/trainees/{trainee.pk}/assessment/moderation/")
    check(page)
    page.get_by_label("Yes: the outcome takes effect").check()
    click(page, check, "button", "Save the moderation")
    assert Accreditation.objects.get().user.email == "nia@example.org"
    sign_out(page)

    # The new reviewer says where they work; a business manager finds them.
    sign_in(page, check, live_server, "nia@example.org", NEW_PASSWORD)
    click(page, check, "link", "Your accreditation")
    expect(page.locator("main")).to_contain_text("0 of 3 attended")
    click(page, check, "link", re.compile("^Change"))
    page.get_by_label("North West").check()
    page.get_by_label("Available for new reviews").check()
    click(page, check, "button", "Save")
    sign_out(page)
    sign_in(page, check, live_server, business_manager.email, password)
    click(page, check, "link", re.compile("^Reviewer directory"))
    page.get_by_label("Region").select_option(label="North West")
    click(page, check, "button", "Filter")
    expect(page.get_by_role("table")).to_contain_text("Nia New")
