"""Steps the browser journeys share: signing in and out, following links, GOV.UK dates."""

import base64


def sign_in(page, check, live_server, user, password):
    page.goto(live_server.url + "/sign-in/")
    page.get_by_label("Email address").fill(user.email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    check(page)
    pass_second_factor(page, check, user.email)


def pass_second_factor(page, check, email):
    """The second step of signing in, as a person would take it.

    The first time: set up an authenticator app from the key the page shows (typed, as when
    the QR code cannot be scanned), confirm with its code, and go on from the recovery codes.
    Afterwards: a recovery code. (A code from the app is refused a second time within its
    30 seconds, and the journeys sign the same person in again sooner than that.)
    Not on either page (a wrong password): nothing to do.
    """
    from django_otp.oath import totp

    title = page.title()
    if title.startswith("Set up an authenticator app"):
        page.get_by_text("I cannot scan the QR code").click()
        key = base64.b32decode(page.locator("#secret-key").text_content().replace(" ", ""))
        page.get_by_label("Code from the app").fill(f"{totp(key):06d}")
        page.get_by_role("button", name="Confirm").click()
        check(page)
        codes = page.get_by_role("list", name="Recovery codes").get_by_role("listitem")
        assert codes.count() == 10
        page.get_by_role("link", name="I have saved my recovery codes: continue").click()
        check(page)
    elif title.startswith("Enter your security code"):
        page.get_by_label("Security code").fill(recovery_code_for(email))
        page.get_by_role("button", name="Continue").click()
        check(page)


def recovery_code_for(email) -> str:
    """One more recovery code for the person, as if they had kept one from their list."""
    from core.tests.clients import recovery_codes_for

    return recovery_codes_for(_user(email), count=1)[0]


def _user(email):
    from core.models import User

    return User.objects.get(email=email)


def sign_out(page):
    page.get_by_role("button", name="Sign out").click()


def fill_date(page, legend, day):
    group = page.get_by_role("group", name=legend)
    group.get_by_label("Day").fill(str(day.day))
    group.get_by_label("Month").fill(str(day.month))
    group.get_by_label("Year").fill(str(day.year))


def go(page, check, name):
    page.get_by_role("link", name=name, exact=True).click()
    check(page)


def pdf_worker(monkeypatch, services, model, run_one):
    """The Celery worker does not run in the browser tests: the PDFs the pages queue (through
    `services._enqueue`) are kept here, not sent to the broker, and the returned `run()` does
    with each what the worker would (`run_one`), checking that all of them were queued."""
    queue = []
    monkeypatch.setattr(services, "_enqueue", queue.append)

    def run():
        queued = model.objects.filter(state=model.State.QUEUED)
        assert sorted(queue) == sorted(queued.values_list("pk", flat=True))
        while queue:
            done = run_one(queue.pop(0))
            assert done.state == model.State.READY, done.failure_reason

    return run
