"""Cymraeg and English: the catalogue is complete, the language switcher keeps each person's
choice (on their account, and on the device for someone not signed in), and the pages marked
for translation read in Welsh."""

import gettext
import re
from pathlib import Path

from django.conf import settings
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

CATALOGUE = Path(settings.BASE_DIR) / "locale" / "cy" / "LC_MESSAGES"


def entries():
    """(msgid, [msgstr...], flags) of every entry of the Welsh catalogue but its header, the
    msgid as written in the .po (escapes and all)."""
    found = []
    for block in CATALOGUE.joinpath("django.po").read_text().split("\n\n"):
        lines = block.strip().splitlines()
        flags = " ".join(line for line in lines if line.startswith("#,"))
        strings, current = {}, None
        for line in lines:
            match = re.match(r'^(msgctxt|msgid_plural|msgid|msgstr(?:\[\d\])?) "(.*)"$', line)
            if match:
                current = match.group(1)
                strings[current] = match.group(2)
            elif line.startswith('"') and current:
                strings[current] += line[1:-1]
        if strings.get("msgid"):
            # A string with a context is kept under "context\x04msgid", as gettext keys it.
            key = "\\x04".join(filter(None, (strings.get("msgctxt"), strings["msgid"])))
            found.append((key, [v for k, v in strings.items() if k.startswith("msgstr")], flags))
    return found


def unescaped(text: str) -> str:
    """A string of the .po as the program has it: its escapes (\\n, \\", \\x04) read."""
    return text.encode().decode("unicode_escape").encode("latin-1").decode()


def test_every_string_has_its_welsh_and_none_is_fuzzy():
    found = entries()
    assert found
    untranslated = [msgid for msgid, strings, _ in found if not all(strings)]
    fuzzy = [msgid for msgid, _, flags in found if "fuzzy" in flags]
    assert not untranslated, f"Untranslated: {untranslated}"
    assert not fuzzy, f"Fuzzy: {fuzzy}"


def test_the_compiled_catalogue_is_the_one_written():
    with CATALOGUE.joinpath("django.mo").open("rb") as compiled:
        catalogue = gettext.GNUTranslations(compiled)
    for msgid, strings, _ in entries():
        msgid = unescaped(msgid)
        if len(strings) == 1:
            wanted = unescaped(strings[0])
            assert catalogue.gettext(msgid) == wanted, "make messages: the .mo is out of date"


def test_a_page_reads_in_welsh_once_chosen_and_the_choice_is_kept(client, member, board):
    client.force_login(member)
    home = reverse("home")
    assertContains(client.get(home), '<html lang="en-GB"')
    response = client.post(reverse("language"), {"language": "cy", "next": home})
    assert response.status_code == 302 and response.url == home
    member.refresh_from_db()
    assert member.language == "cy"
    page = client.get(home)
    assertContains(page, '<html lang="cy"')
    assertContains(page, '<h1 class="govuk-heading-l">Eich gwaith</h1>', html=False)
    assertContains(page, "Allgofnodi")
    assertContains(page, "Neidio i’r prif gynnwys")
    assertNotContains(page, "Skip to main content")
    assert page["Content-Language"] == "cy"
    # Their account keeps it, whatever device they sign in on next.
    client.cookies.clear()
    client.force_login(member)
    assertContains(client.get(home), '<html lang="cy"')


def test_someone_not_signed_in_chooses_welsh_for_their_device(client, db):
    sign_in = reverse("login")
    response = client.post(reverse("language"), {"language": "cy", "next": sign_in})
    assert response.url == sign_in
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "cy"
    assertContains(client.get(sign_in), '<html lang="cy"')


def test_an_unknown_language_or_another_sites_address_changes_nothing(client, member):
    client.force_login(member)
    response = client.post(reverse("language"), {"language": "fr", "next": "/"})
    assert response.url == reverse("home")
    member.refresh_from_db()
    assert member.language == ""
    response = client.post(
        reverse("language"), {"language": "cy", "next": "https://elsewhere.example/"}
    )
    assert response.url == reverse("home")
    assert client.get(reverse("language")).status_code == 405


def test_welsh_chosen_before_signing_in_is_kept_on_the_account(client, member, password):
    client.post(reverse("language"), {"language": "cy", "next": reverse("login")})
    client.post(reverse("login"), {"username": member.email, "password": password})
    member.refresh_from_db()
    assert member.language == "cy"


def test_a_language_already_on_the_account_is_not_changed_by_the_device(client, member, password):
    member.language = "en-gb"
    member.save()
    client.post(reverse("language"), {"language": "cy", "next": reverse("login")})
    client.post(reverse("login"), {"username": member.email, "password": password})
    member.refresh_from_db()
    assert member.language == "en-gb"


def test_the_api_answers_in_english_whoever_calls_it(client, member, board):
    member.language = "cy"
    member.save()
    client.force_login(member)
    response = client.get(f"/api/v1/boards/{board.pk}/")
    assert response["Content-Language"] == "en-gb"
    assert client.get(reverse("home"))["Content-Language"] == "cy"
