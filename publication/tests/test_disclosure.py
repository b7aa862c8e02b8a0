"""The details flagged for the chair's attention (publication.disclosure), found the quick way:
a passage is scanned once for any post before each post is looked for, and a sentence is read
for its dates only beside a birth, a death or an age. Pure functions: no database."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from publication import disclosure
from publication.anonymisation import Passage


def found(text, **kwargs) -> set[tuple[str, str]]:
    return {(f.kind, f.found) for f in disclosure.flags([Passage("Analysis", text)], **kwargs)}


def test_every_kind_in_english():
    assert found(
        "The child was born on 5 March 2021. She was aged 3 on 1 May 2024. The family lived "
        "at 14 Mill Lane, AB1 2DE, and her brother went to Riverside Primary School. The "
        "headteacher called."
    ) >= {
        ("date_of_birth_or_death", "5 March 2021"),
        ("age_with_date", "aged 3"),
        ("address", "14 Mill Lane"),
        ("postcode", "AB1 2DE"),
        ("school", "Riverside Primary School"),
        ("unique_post", "headteacher"),
    }


def test_a_date_alone_or_an_age_alone_is_not_flagged():
    assert found("The meeting was on 5 March 2021. She was aged 3 then.") == set()
    assert found("Contact 1234: seen at home; plan agreed 3.4 weeks later.") == set()


@pytest.mark.parametrize("post", disclosure.SINGLE_POSTS)
def test_each_post_held_by_one_is_found(post):
    assert found(f"The {post.title()} was told.") == {("unique_post", post.title())}


def test_overlapping_posts_are_each_flagged():
    assert found("The deputy head teacher said so.") == {
        ("unique_post", "deputy head"),
        ("unique_post", "head teacher"),
    }


def test_the_cases_own_posts_and_schools_are_looked_for():
    assert found(
        "The Team Manager of the South said the Oak Tree Centre knew.",
        posts=["team manager of the south"],
        schools=["Oak Tree Centre"],
    ) == {("unique_post", "Team Manager of the South"), ("school", "Oak Tree Centre")}


def test_the_review_team_is_listed_by_post_on_purpose():
    passage = Passage("Review team", "Named nurse for safeguarding")
    assert disclosure.flags([passage]) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("They moved to 3a St John's Road.", ("address", "3a St John's Road.")),
        ("They moved to 14, Mill Lane", ("address", "14, Mill Lane")),
        ("Gwelwyd hi yn 14 Heol y Bont", ("address", "14 Heol y Bont")),
        ("The postcode was SW1A 1AA then.", ("postcode", "SW1A 1AA")),
        ("She went to St Mary's Academy.", ("school", "St Mary's Academy")),
        ("Aeth i Ysgol Glan Taf", ("school", "Ysgol Glan Taf")),
    ],
)
def test_each_address_postcode_and_school_is_found_past_the_quick_scan(text, expected):
    assert expected in found(text)


# Each quick scan decides only whether a passage is worth its full pattern: it must find
# something in every text the full pattern matches, or a detail would go unflagged.
QUICK_SCANS = {
    "date": (disclosure._DATE, disclosure._MAY_HOLD_DATE.search),
    "address": (disclosure._ADDRESS, disclosure._MAY_HOLD_ADDRESS.search),
    "welsh_address": (disclosure._WELSH_ADDRESS, disclosure._MAY_HOLD_ADDRESS.search),
    "postcode": (disclosure._POSTCODE, disclosure._MAY_HOLD_POSTCODE.search),
    "school": (disclosure._SCHOOL, lambda text: any(w in text for w in disclosure._SCHOOL_WORDS)),
}


@pytest.mark.parametrize("kind", QUICK_SCANS)
def test_a_quick_scan_finds_something_wherever_its_full_pattern_matches(kind):
    full, quick = QUICK_SCANS[kind]

    @settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
    @given(st.from_regex(full))
    def every_match_is_seen_by_the_quick_scan(text):
        for hit in full.finditer(text):
            assert quick(hit.group()), (kind, hit.group())

    every_match_is_seen_by_the_quick_scan()
