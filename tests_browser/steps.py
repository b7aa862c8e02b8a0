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
