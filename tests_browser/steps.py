"""Steps the browser journeys share: signing in and out, following links, GOV.UK dates."""


def sign_in(page, check, live_server, user, password):
    page.goto(live_server.url + "/sign-in/")
    page.get_by_label("Email address").fill(user.email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    check(page)


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
