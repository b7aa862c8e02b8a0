"""Cymraeg from the first page: a business manager of a Welsh regional board chooses Welsh on
the sign-in page, signs in, sets up their authenticator, and goes from their work to the board,
an incident and its clocks. No English is left on any page: no string of the catalogue in its
English (the catalogue is the list of every string the service writes), and no common English
word outside what people typed. axe-core and the 320-pixel reflow check on every page."""

import base64
import datetime as dt
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from boards.models import Board
from boards.roles import Role
from boards.tests.factories import BoardFactory, MembershipFactory
from core.tests.factories import UserFactory
from guidance.rulebooks.wales import WALES_SUSR_2024
from home.tests.test_welsh import entries, unescaped
from reviews.services.timescales import timescale_set
from reviews.tests.factories import log_incident

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Words that are English and never Welsh: one of them in a page's own words is English left.
ENGLISH_WORDS = {
    "the",
    "and",
    "of",
    "to",
    "your",
    "you",
    "is",
    "are",
    "with",
    "for",
    "this",
    "that",
    "from",
    "not",
    "has",
    "have",
    "was",
    "were",
    "will",
    "which",
    "what",
    "when",
    "who",
    "board",
    "review",
    "reviews",
    "incident",
    "incidents",
    "due",
    "days",
    "working",
    "date",
    "case",
    "cases",
    "sign",
    "continue",
    "save",
    "enter",
    "change",
    "there",
    "overdue",
    "deadline",
    "deadlines",
    "clock",
    "clocks",
    "decision",
    "chair",
    "work",
}

# Every visible text on the page, each with whether it is in another language by its `lang`
# (the switcher's "English"), plus the names that assistive technology reads (aria-label, alt,
# title, placeholder, the page title). What people typed here is Welsh too.
VISIBLE_TEXTS = """() => {
  const texts = [[document.title, false]];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode;
    const element = node.parentElement;
    const text = node.textContent.replace(/\\s+/g, " ").trim();
    if (!text || element.closest("script, style, template, noscript")) continue;
    const shown = element.closest(".govuk-visually-hidden") || element.checkVisibility();
    if (!shown) continue;
    const other = element.closest("[lang]");
    const data = !!other && other.lang !== "cy";
    texts.push([text, data]);
  }
  for (const element of document.querySelectorAll("[aria-label], [alt], [title], [placeholder]")) {
    for (const name of ["aria-label", "alt", "title", "placeholder"]) {
      const value = element.getAttribute(name);
      const other = element.closest("[lang]");
      if (value) texts.push([value.trim(), !!other && other.lang !== "cy"]);
    }
  }
  return texts;
}"""


def english_of_the_catalogue():
    """Each English string of the catalogue that reads differently in Welsh, as a pattern
    (placeholders match any words)."""
    patterns = []
    for msgid, strings, _ in entries():
        msgid = unescaped(msgid)
        msgid = msgid.split("\x04")[-1]  # its context, if any, is not shown
        words = re.split(r"%\(\w+\)[sd]|%[sd]", msgid)
        # A string that is all placeholder, or reads the same in Welsh, tells nothing.
        if not re.search(r"[A-Za-z]{3}", "".join(words)) or msgid in strings:
            continue
        patterns.append(re.compile(r"\s*" + r".+".join(re.escape(w.strip()) for w in words)))
    return patterns


@pytest.fixture
def assert_all_welsh(check_accessibility):
    catalogue = english_of_the_catalogue()

    def check(page):
        check_accessibility(page)
        expect(page.locator("html")).to_have_attribute("lang", "cy")
        english = []
        for text, data in page.evaluate(VISIBLE_TEXTS):
            if data:
                continue
            words = set(re.findall(r"\w+", text.lower()))  # whole words: a code "ab12is" is none
            if ENGLISH_WORDS & words or any(pattern.fullmatch(text) for pattern in catalogue):
                english.append(text)
        assert not english, f"English left on {page.url}: {english}"

    return check


@pytest.fixture
def welsh_board(db):
    return BoardFactory(
        name="Bwrdd Diogelu Rhanbarthol Cwm Ffynnon",
        kind=Board.Kind.ADULTS,
        nation=Board.Nation.WALES,
        regime=Board.Regime.WALES_SUSR_2024,
        language="cy",
    )


def test_a_welsh_speaker_signs_in_and_reads_an_incidents_clocks_in_welsh(
    page, live_server, assert_all_welsh, welsh_board, password
):
    check = assert_all_welsh
    manager = MembershipFactory(
        board=welsh_board,
        role=Role.BUSINESS_MANAGER,
        user=UserFactory(name="Gwen Rheolwr", email="gwen@example.org", password=password),
    ).user
    today = timezone.localdate()
    aware = today - dt.timedelta(days=30)
    timescale_set(
        actor=manager,
        board=welsh_board,
        rulebook=WALES_SUSR_2024.key,
        clock="decision",
        length=20,
        unit="working_days",
        reason="Cofnod 7 cyfarfod y bwrdd, 2 Mawrth.",
    )
    incident = log_incident(
        actor=manager,
        board=welsh_board,
        reference="Oedolyn W",
        subject_kind="adult",
        incident_on=aware,
        la_aware_on=aware,
        notified_on=aware,
        notifier="Ffurflen atgyfeirio gan yr heddlu",
    )

    page.goto(live_server.url + "/sign-in/")
    expect(page.locator("html")).to_have_attribute("lang", "en-GB")
    page.get_by_role("button", name="Newid yr iaith i’r Gymraeg").click()
    check(page)
    expect(page).to_have_title(re.compile("^Mewngofnodi"))
    page.get_by_label("Cyfeiriad e-bost").fill(manager.email)
    page.get_by_label("Cyfrinair").fill(password)
    page.get_by_role("button", name="Mewngofnodi").click()
    check(page)

    # The first sign-in sets up an authenticator app, from the key typed rather than scanned.
    from django_otp.oath import totp

    page.locator("details summary").first.click()
    key = base64.b32decode(page.locator("#secret-key").text_content().replace(" ", ""))
    page.get_by_label("Cod o’r ap").fill(f"{totp(key):06d}")
    page.get_by_role("button", name="Cadarnhau").click()
    check(page)
    page.get_by_role("link", name=re.compile("^Rwyf wedi cadw fy nghodau adfer")).click()
    check(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("Eich gwaith")
    manager.refresh_from_db()
    assert manager.language == "cy", "the choice made before signing in is kept on the account"

    # From their boards to the board, its incidents and the incident.
    page.get_by_role("link", name=welsh_board.name).click()
    check(page)
    page.get_by_role("link", name="Digwyddiadau", exact=True).click()
    check(page)
    page.get_by_role("link", name=incident.reference).first.click()
    check(page)
    expect(page.get_by_role("heading", level=1)).to_have_text(incident.reference)
    clocks = page.get_by_role("table").filter(has_text="Cadeirydd")
    expect(clocks).to_contain_text("20 diwrnod gwaith")
    # Pausing the clock, with nothing typed: the error summary is Welsh too.
    clocks.get_by_role("link").first.click()
    check(page)
    page.locator("main form").get_by_role("button").first.click()
    check(page)
    expect(page.locator(".govuk-error-summary")).to_contain_text("Mae problem wedi codi")
    expect(page).to_have_title(re.compile("^Gwall: "))
