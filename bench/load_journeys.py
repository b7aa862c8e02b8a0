"""The locustfile of `load.py`: the journeys of the four user types, through their own links.

Read by locust, not run directly: `load.py` writes the accounts and the URLs of their pages
(read from the seeded database) to the JSON file named by LOAD_JOURNEYS and starts locust on
this file. Each simulated person takes one account of their type, signs in once (password, then
the code of their authenticator app), fetches the page's CSS and JavaScript once as a browser
would on a first visit, then makes visits: a few pages in a row, with think time between pages
(LOAD_THINK, "low,high" seconds, uniform: someone reading the page).

Every request is checked: a page must answer 200 with no redirect (a redirect to the sign-in
page or the security code page is an error), a form post must redirect where expected.
"""

import json
import os
import random
import re
import time
from binascii import unhexlify
from urllib.parse import urlencode, urlsplit

from django_otp.oath import totp
from locust import FastHttpUser, between, task
from locust.exception import StopUser

with open(os.environ["LOAD_JOURNEYS"]) as _file:
    JOURNEYS = json.load(_file)
LOW, HIGH = (float(s) for s in os.environ.get("LOAD_THINK", "2,8").split(","))
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
STATIC = re.compile(r'(?:href|src)="(/static/[^"]+)"')
FORM = {"Content-Type": "application/x-www-form-urlencoded"}
_unused = {kind: list(accounts) for kind, accounts in JOURNEYS["accounts"].items()}


class Person(FastHttpUser):
    abstract = True
    kind = ""
    label = ""
    wait_time = between(LOW, HIGH)

    def on_start(self):
        if not _unused[self.kind]:
            raise StopUser(f"no {self.kind} account left: seed more with --accounts")
        self.account = _unused[self.kind].pop(0)
        self.pages = self.account["pages"]
        self.sign_in()

    # --- Requests ------------------------------------------------------------------------

    def page(self, name: str, url: str) -> str:
        """GET a page that must answer 200 itself; its text."""
        with self.client.get(url, name=name, allow_redirects=False, catch_response=True) as r:
            if r.status_code != 200:
                where = r.headers.get("Location", "") if r.headers else ""
                r.failure(f"{r.status_code} {where}".strip())
                return ""
            return r.text or ""

    def post(self, name: str, url: str, fields: dict, expect: str = "") -> str:
        """POST a form that must redirect (to `expect` if given); the address it redirects to."""
        body = urlencode(fields)
        with self.client.post(
            url, data=body, headers=FORM, name=name, allow_redirects=False, catch_response=True
        ) as r:
            where = (r.headers.get("Location", "") if r.headers else "") or ""
            if r.status_code != 302 or (expect and urlsplit(where).path != expect):
                r.failure(f"{r.status_code} {where}".strip())
                return ""
            return where

    def think(self):
        time.sleep(random.uniform(LOW, HIGH))

    def visit(self, *steps):
        """Pages in a row, reading each before the next (locust waits after the last)."""
        for n, (name, url) in enumerate(steps):
            if n:
                self.think()
            self.page(name, url)

    # --- Signing in ----------------------------------------------------------------------

    def sign_in(self):
        urls = JOURNEYS["urls"]
        text = self.page("Sign in: page", urls["sign_in"])
        token = CSRF.search(text)
        if token is None:
            raise StopUser("no sign-in form")
        self.think()  # typing the address and password
        where = self.post(
            "Sign in: password (POST)",
            urls["sign_in"],
            {
                "csrfmiddlewaretoken": token.group(1),
                "username": self.account["email"],
                "password": JOURNEYS["password"],
            },
        )
        if not where:
            raise StopUser("password refused")
        if urls.get("security_code") and urlsplit(where).path == urls["security_code"]:
            text = self.page("Sign in: security code page", where)
            token = CSRF.search(text)
            if token is None:
                raise StopUser("no security code form")
            self.think()  # reading the code from the app
            code = f"{totp(unhexlify(self.account['totp_key'])):06d}"
            where = self.post(
                "Sign in: security code (POST)",
                where,
                {"csrfmiddlewaretoken": token.group(1), "otp_token": code},
            )
            if not where:
                raise StopUser("security code refused")
        if urlsplit(where).path != self.pages["home"]:
            self.page("Sign in: next page", where)  # counted, and fails if not a page
        text = self.page(f"Home: {self.label}", self.pages["home"])
        for asset in sorted(set(STATIC.findall(text))):  # a browser's first visit; then cached
            self.page("Static file (first visit)", asset)

    def pick(self, key):
        value = self.pages.get(key)
        return random.choice(value) if isinstance(value, list) and value else value


class BusinessManager(Person):
    kind, label, weight = "business_manager", "business manager", 3

    @task(3)
    def deadlines(self):
        p = self.pages
        steps = [(f"Home: {self.label}", p["home"]), ("Reminders", p["reminders"])]
        self.visit(*steps)
        self.think()
        if p["reminder"]:  # opening one marks it read (a write) and goes to its deadline
            where = self.open_reminder(p["reminder"].pop())
            if where:
                self.think()
        self.visit(("Deadlines", p["deadlines"]), ("Dashboard", p["dashboard"]))

    def open_reminder(self, url):
        with self.client.get(
            url, name="Reminder: open (marks read)", allow_redirects=False, catch_response=True
        ) as r:
            where = (r.headers.get("Location", "") if r.headers else "") or ""
            if r.status_code != 302 or "sign-in" in where:
                r.failure(f"{r.status_code} {where}")
                return ""
        self.page("Reminder: its deadline's page", where)
        return where

    @task(3)
    def incidents(self):
        p = self.pages
        self.visit(
            ("Board page", p["board"]),
            ("Incidents", p["incidents"]),
            ("Incident page", self.pick("incident")),
            ("Incidents awaiting a decision", p["awaiting"]),
            ("Incident page", self.pick("incident")),
        )

    @task(2)
    def reviews(self):
        review = self.pick("review")
        self.visit(
            ("Reviews", self.pages["reviews"]),
            ("Review page", review["review"]),
            ("Review: actions", review["actions"]),
            ("Review: findings", review["findings"]),
        )

    @task(1)
    def export(self):
        self.visit(("Dashboard", self.pages["dashboard"]), ("CSV export", self.pick("export")))

    @task(1)
    def library(self):
        self.visit(("Library search", self.pick("library")))


class Chair(Person):
    kind, label, weight = "chair", "chair", 2

    @task(3)
    def decisions(self):
        p = self.pages
        steps = [
            (f"Home: {self.label}", p["home"]),
            ("Board page", p["board"]),
            ("Incidents awaiting a decision", p["awaiting"]),
        ]
        if p["decision"]:
            steps.append(("Decision form", self.pick("decision")))
        steps.append(("Incident page", self.pick("incident")))
        self.visit(*steps)

    @task(3)
    def review(self):
        review = self.pick("review")
        closed = self.pick("closed_review")
        self.visit(
            ("Reviews", self.pages["reviews"]),
            ("Review page", review["review"]),
            ("Review: findings", review["findings"]),
            ("Review page", closed["review"]),
            ("Report page", closed["report"]),
        )

    @task(1)
    def annual_report(self):
        self.visit(
            ("Board page", self.pages["board"]),
            ("Annual reports", self.pages["annual_reports"]),
            ("Annual report (web version)", self.pick("annual_report")),
        )

    @task(2)
    def dashboard(self):
        self.visit(("Dashboard", self.pages["dashboard"]), ("Deadlines", self.pages["deadlines"]))


class LeadReviewer(Person):
    kind, label, weight = "lead_reviewer", "lead reviewer", 3

    @task(4)
    def analysis(self):
        review = self.pick("review")
        self.visit(
            (f"Home: {self.label}", self.pages["home"]),
            ("Review page", review["review"]),
            ("Review: chronology", review["chronology"]),
            ("Review: key practice episodes", review["episodes"]),
            ("Review: findings", review["findings"]),
        )

    @task(2)
    def progress(self):
        review = self.pick("review")
        self.visit(
            ("Reviews", self.pages["reviews"]),
            ("Review page", review["review"]),
            ("Review: timeline", review["timeline"]),
            ("Report page", review["report"]),
        )

    @task(1)
    def library(self):
        self.visit(("Library search", self.pick("library")))


class AccreditationStaff(Person):
    kind, label, weight = "accreditation_staff", "accreditation staff", 2

    @task(3)
    def programme(self):
        self.visit(
            (f"Home: {self.label}", self.pages["home"]),
            ("Programme overview", self.pages["programme"]),
            ("Cohort page", self.pick("cohort")),
            ("Application page", self.pick("application")),
            ("Application page", self.pick("application")),
        )

    @task(2)
    def reviewers(self):
        self.visit(
            ("Accredited reviewers", self.pages["reviewers"]),
            ("Reviewer directory", self.pages["directory"]),
        )

    @task(2)
    def boards(self):
        self.visit(("Boards at a glance", self.pages["overview"]))

    @task(2)
    def supervision(self):
        review = self.pick("review")
        self.visit(
            ("Review page", review["review"]),
            ("Review: findings", review["findings"]),
            ("Report page", review["report"]),
        )

    @task(1)
    def library(self):
        self.visit(("Library search", self.pick("library")))
