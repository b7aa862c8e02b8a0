"""What else in a report may identify someone, for the chair's attention before sign-off.

Real names are refused outright (`publication.anonymisation`). Other details identify people
too, and a published report must be "suitable for publication without needing to be amended or
redacted" (seed procedure 2.9); the national panel's and SCIE's guidance on anonymised reports
name the usual ones: exact dates of birth and death, ages given with dates, home addresses and
postcodes, the names of schools, and posts held by one person. Each is found here as a *flag*:
unlike a name it may be right to keep (the date of a court hearing, the name of a hospital
trust), so the chair looks at each and dismisses it with a reason, or the reviewers change the
text. Sign-off waits until every flag is dismissed (publication.services.reports).

Pure functions over the report's passages and what is recorded for the case, testable without
a database. A flag's `key` is a digest of its kind, place and words: a dismissal holds while
the same words stay at the same place, and a changed text is looked at again.
"""

import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.translation import gettext_noop

from publication.anonymisation import Name, Passage, mutated_names, patterns_for

EXCERPT_RADIUS = 40

# In English (the API gives them so); a page translates a flag's label as it shows it.
KINDS = {
    "date_of_birth_or_death": gettext_noop("An exact date of birth or death"),
    "age_with_date": gettext_noop("An age given with a date"),
    "address": gettext_noop("A street address"),
    "postcode": gettext_noop("A postcode"),
    "school": gettext_noop("The name of a school"),
    "unique_post": gettext_noop("A post held by one person"),
    "welsh_name_form": gettext_noop("A name in a mutated Welsh form, or a word written like one"),
}

# English and Welsh (a report held in both languages has Welsh passages).
_MONTHS = (
    "january|february|march|april|may|june|july|august|september|october|november|december"
    "|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec"
    "|ionawr|chwefror|mawrth|ebrill|mai|mehefin|gorffennaf|awst|medi|hydref|tachwedd|rhagfyr"
)
# A whole date: 5 March 2021, 5th March 2021, March 5, 2021, 05/03/2021, 5.3.21, 2021-03-05.
_DATE = re.compile(
    rf"\b(?:\d{{1,2}}(?:st|nd|rd|th)?\s+(?:{_MONTHS})\.?,?\s+\d{{4}}"
    rf"|(?:{_MONTHS})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}"
    r"|\d{1,2}[/.]\d{1,2}[/.]\d{2,4}"
    r"|\d{4}-\d{2}-\d{2})\b",
    re.IGNORECASE,
)
_BIRTH_OR_DEATH = re.compile(
    r"\b(?:born|birth|birthday|d\.?o\.?b|died|death|deceased|passed away|date of death"
    r"|ganwyd|geni|enedigaeth|pen-blwydd|bu farw|marw|farw|marwolaeth|farwolaeth)\b",
    re.IGNORECASE,
)
_AGE = re.compile(
    r"\b(?:aged\s+\d{1,3}|age\s+\d{1,3}|\d{1,3}[- ](?:years?|months?|weeks?)[- ]old"
    r"|\d{1,3}\s*(?:yrs|yr)\b"
    r"|\d{1,3}\s+(?:mlwydd\s+|mis\s+|wythnos\s+)?oed)",
    re.IGNORECASE,
)
_STREET_WORDS = (
    "road|rd|street|st|avenue|ave|lane|ln|close|drive|dr|way|crescent|court|ct|place|pl"
    "|gardens|gdns|terrace|grove|hill|square|sq|walk|mews|rise|view|row|parade|park|green"
)
# A house number and a street: "14 Mill Lane", "3a St John's Road".
_ADDRESS = re.compile(
    rf"\b\d{{1,4}}[a-zA-Z]?,?\s+(?:[A-Z][\w'’-]*\s+){{1,4}}(?:{_STREET_WORDS})\b\.?",
    re.IGNORECASE,
)
# The same in Welsh, the street first: "14 Heol y Bont", "3 Stryd Fawr".
_WELSH_ADDRESS = re.compile(
    r"\b\d{1,4}[a-zA-Z]?,?\s+(?:Heol|Stryd|Ffordd|Lôn|Lon|Rhodfa|Teras|Cilgant|Clos|Maes|Plas"
    r"|Parc|Bryn|Llwyn)\s+(?:[\w'’-]+\s*){1,3}",
    re.IGNORECASE,
)
# A UK postcode (the Royal Mail's formats), in capitals as it is written.
_POSTCODE = re.compile(r"\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[ABD-HJLNP-UW-Z]{2}\b")
# A school by its name: "Riverside Primary School", "St Mary's Academy".
_SCHOOL = re.compile(
    r"\b(?:[A-Z][\w'’-]*\s+){1,4}(?:Primary|Secondary|Infant|Junior|Nursery|High|Grammar"
    r"|Community|Church of England|C of E|CE|RC|Catholic)?\s*(?:School|Academy|College)\b"
    # In Welsh the word comes first: "Ysgol Gynradd Bryn Teg", "Ysgol Glan Taf".
    r"|\bYsgol\s+(?:(?:Gynradd|Uwchradd|Gyfun|Feithrin|Babanod|Iau|Arbennig)\s+)?"
    r"(?:[A-Z][\w'’-]*\s*){1,3}"
)
# Posts a service has only one of: naming the post names the person.
SINGLE_POSTS = (
    "headteacher",
    "head teacher",
    "deputy head",
    "designated safeguarding lead",
    "named nurse",
    "named doctor",
    "named midwife",
    "designated nurse",
    "designated doctor",
    "director of children's services",
    "director of adult social services",
    "principal social worker",
    "chief constable",
    "chief executive",
    "medical director",
    "head of service",
    # In Welsh.
    "pennaeth",
    "dirprwy bennaeth",
    "arweinydd diogelu dynodedig",
    "nyrs ddynodedig",
    "meddyg dynodedig",
    "cyfarwyddwr gwasanaethau cymdeithasol",
    "prif gwnstabl",
    "prif weithredwr",
)
# The report lists its review team by post, on purpose: senior managers of the agencies, whose
# membership of the team is public. Posts are looked for everywhere else.
LISTED_BY_POST = frozenset({"Review team"})
_SENTENCE = re.compile(r"[^.!?\n]+(?:[.!?]+|$)")


@dataclass(frozen=True)
class Flag:
    kind: str
    place: str
    found: str
    excerpt: str

    @property
    def key(self) -> str:
        text = "\x1f".join((self.kind, self.place, " ".join(self.found.casefold().split())))
        return hashlib.sha256(text.encode()).hexdigest()

    @property
    def label(self) -> str:
        return KINDS[self.kind]


def _excerpt(text: str, start: int, end: int) -> str:
    return " ".join(text[max(0, start - EXCERPT_RADIUS) : end + EXCERPT_RADIUS].split())


def _phrase_body(words: str) -> str:
    return r"\s+".join(re.escape(part) for part in words.split())


def _phrase(words: str) -> re.Pattern:
    return re.compile(r"(?<!\w)" + _phrase_body(words) + r"(?!\w)", re.IGNORECASE)


def _any_phrase(phrases: Iterable[str]) -> re.Pattern | None:
    """One pattern that matches where any of `phrases` does (`_phrase` of each): the
    alternatives share the word's start, so a passage is scanned once rather than once a
    phrase. It only says whether to look for each phrase: every phrase found is flagged,
    even where two overlap ("deputy head teacher")."""
    bodies = [_phrase_body(words) for words in phrases]
    if not bodies:
        return None
    return re.compile(r"(?<!\w)(?:" + "|".join(bodies) + r")(?!\w)", re.IGNORECASE)


# Every form of `_DATE` holds four digits or two digits either side of a / or a full stop: a
# passage without them holds no date, and is not split into its sentences.
_MAY_HOLD_DATE = re.compile(r"\d{4}|\d[/.]\d")
# And the same of the others: what every match of the pattern holds, looked for first (with
# the pattern's own flags), since most passages hold none.
_MAY_HOLD_ADDRESS = re.compile(r"\d[a-zA-Z]?,?\s", re.IGNORECASE)  # both kinds of address
_MAY_HOLD_POSTCODE = re.compile(r"\d[ABD-HJLNP-UW-Z]{2}")  # its inward code
_SCHOOL_WORDS = ("School", "Academy", "College", "Ysgol")  # `_SCHOOL` is case-sensitive


def flags(
    passages: Iterable[Passage],
    *,
    schools: Iterable[str] = (),
    posts: Iterable[str] = (),
    names: Iterable[Name] = (),
) -> list[Flag]:
    """Every detail of `passages` that may identify someone, each once per place.

    `schools`: names of schools recorded for the case (its education agencies). `posts`: job
    titles recorded for one person only in the case (the review team, the case group, the
    people involved); with SINGLE_POSTS they are looked for as posts held by one person.
    `names`: the real names recorded for the case, looked for in a Welsh passage in their
    mutated forms (the names themselves are refused by `publication.anonymisation`).
    """
    passages = list(passages)
    mutated = (
        patterns_for(mutated_names(names)) if any(passage.welsh for passage in passages) else []
    )
    school_names = sorted({s.strip() for s in schools} - {""})
    school_patterns = [_phrase(name) for name in school_names]
    any_school = _any_phrase(school_names)
    post_phrases = [
        post
        for post in sorted({p.strip().casefold() for p in (*posts, *SINGLE_POSTS)} - {""})
        if len(post) >= 4
    ]
    post_patterns = [_phrase(post) for post in post_phrases]
    any_post = _any_phrase(post_phrases)
    found: dict[str, Flag] = {}

    def add(kind, passage, text, start, end):
        flag = Flag(kind, passage.place, " ".join(text[start:end].split()), "")
        flag = Flag(flag.kind, flag.place, flag.found, _excerpt(text, start, end))
        found.setdefault(flag.key, flag)

    for passage in passages:
        text = passage.text
        for sentence in _SENTENCE.finditer(text) if _MAY_HOLD_DATE.search(text) else ():
            chunk, offset = sentence.group(), sentence.start()
            # A date is flagged only beside a birth or death or an age: those are looked for
            # first, as they are quicker to rule out than a date.
            birth_or_death, ages = _BIRTH_OR_DEATH.search(chunk), list(_AGE.finditer(chunk))
            if not (birth_or_death or ages):
                continue
            dates = list(_DATE.finditer(chunk))
            if not dates:
                continue
            if birth_or_death:
                for date in dates:
                    add("date_of_birth_or_death", passage, text, *_span(date, offset))
            for age in ages:
                add("age_with_date", passage, text, *_span(age, offset))
        details = []
        if _MAY_HOLD_ADDRESS.search(text):
            details += [(_ADDRESS, "address"), (_WELSH_ADDRESS, "address")]
        if _MAY_HOLD_POSTCODE.search(text):
            details.append((_POSTCODE, "postcode"))
        if any_school is not None and any_school.search(text):
            details += [(pattern, "school") for pattern in school_patterns]
        if any(word in text for word in _SCHOOL_WORDS):
            details.append((_SCHOOL, "school"))
        for pattern, kind in details:
            for hit in pattern.finditer(text):
                add(kind, passage, text, *hit.span())
        looks_for_posts = passage.place not in LISTED_BY_POST and any_post is not None
        for pattern in post_patterns if looks_for_posts and any_post.search(text) else ():
            for hit in pattern.finditer(text):
                add("unique_post", passage, text, *hit.span())
        for pattern, _role in mutated if passage.welsh else ():
            for hit in pattern.finditer(text):
                add("welsh_name_form", passage, text, *hit.span())
    return list(found.values())


def _span(hit: re.Match, offset: int) -> tuple[int, int]:
    return hit.start() + offset, hit.end() + offset


_SENIOR = re.compile(
    r"\b(?:lead|named|designated|head|manager|director|senior|principal|chief|chair)\b"
)


def posts_held_by_one(titles: Iterable[str]) -> list[str]:
    """The job titles recorded for the case that point at one person: held by only one of
    its people, and specific (three words or more, or a post of seniority such as "team
    manager"). "Social worker" held by one person is not flagged: every report says it."""
    counts: dict[str, int] = {}
    for title in titles:
        key = " ".join((title or "").casefold().split())
        if key:
            counts[key] = counts.get(key, 0) + 1
    return [
        title
        for title, count in counts.items()
        if count == 1 and (len(title.split()) >= 3 or _SENIOR.search(title))
    ]
