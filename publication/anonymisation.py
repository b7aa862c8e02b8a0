"""Checking a report's text for the real names of the people involved.

A report must be "suitable for publication without needing to be amended or redacted" (seed
procedure 2.9), so before the chair signs it off every passage of it is checked against every
real name and alias recorded for the subject, their family and the practitioners. Matching is
case-insensitive, finds a name split across a line break (a word hyphenated at the end of a
line included), and finds a name inside a possessive or a plural ("Smith's", "Smiths'", "the
Smiths"). A full name is found as a whole; each of its parts is also looked for on its own,
because a surname alone identifies a family.

The check names the role of the person matched, never the name recorded for them: the report
page shows the passage (which already holds the name) but not the people list.
"""

import functools
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

# A part of a name shorter than this is not looked for on its own ("Jo", initials).
MIN_PART_LENGTH = 3
EXCERPT_RADIUS = 40


@dataclass(frozen=True)
class Name:
    text: str
    role: str  # "the subject", "a family member", "a practitioner"...


@dataclass(frozen=True)
class Passage:
    place: str  # where in the report, such as "Finding 2: why it matters"
    text: str
    # Welsh text: the mutated forms of names are flagged in it too (publication.disclosure).
    welsh: bool = False


@dataclass(frozen=True)
class Match:
    place: str
    line: int
    found: str
    role: str
    excerpt: str


def _normalise(text: str) -> str:
    # NFKC folds look-alike characters; curly apostrophes become straight ones.
    return unicodedata.normalize("NFKC", text).replace("\u2019", "'")


def _words(name: str) -> list[str]:
    return re.findall(r"[^\W\d_]+(?:['-][^\W\d_]+)*", _normalise(name))


# A word hyphenated at the end of a line, as text pasted from a laid-out document is
# ("Thorn-\nbury").
_HYPHENATED = r"(?:-[^\S\n]*\n\s*)?"


def _base_letter(char: str) -> str:
    return unicodedata.normalize("NFD", char)[0].casefold()


# Each letter with the accents it may be written with: a name recorded as "Sian" is found as
# "Siân" (Welsh puts its accents back), and "Siôn" as "Sion" (a keyboard without them).
_ACCENTED: dict[str, set[str]] = {}
for _code in range(0xC0, 0x250):
    _char = chr(_code)
    if _char.isalpha() and len(_char.casefold()) == 1 and _base_letter(_char) != _char.casefold():
        _ACCENTED.setdefault(_base_letter(_char), set()).add(_char.casefold())


def _letter(char: str) -> str:
    base = _base_letter(char)
    variants = _ACCENTED.get(base)
    if not variants:
        return re.escape(char)
    return "[" + re.escape(base) + "".join(sorted(variants)) + "]"


def _word_pattern(word: str) -> str:
    pieces: list[str] = []
    for char in word:
        if char == "-":
            pieces.append(r"-\s*")  # a hyphenated name may break after its hyphen
            continue
        if pieces and pieces[-1] != r"-\s*":
            pieces.append(_HYPHENATED)
        pieces.append(_letter(char))
    return "".join(pieces)


def _joined(words: list[str]) -> str:
    # Words of a name may be split by any whitespace, a line break included, or a hyphen at the
    # end of a line.
    return r"(?:\s+|-\s*\n\s*)".join(_word_pattern(word) for word in words)


def _pattern(words: list[str]) -> re.Pattern:
    # A trailing possessive or plural belongs to the name ("Smith's", "Smiths'", "the Smiths").
    return re.compile(rf"(?<!\w){_joined(words)}(?:'s|s'|s)?(?!\w)", re.IGNORECASE)


def _any_pattern(names: list[list[str]]) -> re.Pattern:
    """One pattern that matches wherever any of the names' `_pattern`s does, and nowhere else
    (the alternatives share the word's start and its end: a passage is scanned once rather
    than once a name). It only says whether a passage holds a name: each is then looked for
    on its own, whole names first."""
    alternatives = "|".join(_joined(words) for words in names)
    return re.compile(rf"(?<!\w)(?:{alternatives})(?:'s|s'|s)?(?!\w)", re.IGNORECASE)


def patterns_for(names: Iterable[Name]) -> list[tuple[re.Pattern, str]]:
    """Whole names first, then their parts, each once (longest first within each)."""
    # Kept for the names of a case: a report page, its sign-off and each rendering check the
    # same names, and compiling them is a good part of the check's time.
    return _patterns(tuple(names))


@functools.lru_cache(maxsize=64)
def _patterns(names: tuple[Name, ...]) -> list[tuple[re.Pattern, str]]:
    return [(_pattern(words), role) for words, role in _looked_for(names)]


def _looked_for(names: tuple[Name, ...]) -> list[tuple[list[str], str]]:
    """The words of each name and part of a name looked for, with its role, in order."""
    # Keyed by the casefolded text, to look for each once; the pattern is made from the words
    # as recorded, because the casefolded text need not match them ("Strauß" is "strauss").
    wholes: dict[str, tuple[list[str], str]] = {}
    parts: dict[str, tuple[list[str], str]] = {}
    for name in names:
        words = _words(name.text)
        if not words:
            continue
        wholes.setdefault(" ".join(words).casefold(), (words, name.role))
        if len(words) > 1:
            for word in words:
                if len(word) >= MIN_PART_LENGTH:
                    parts.setdefault(word.casefold(), ([word], name.role))
    ordered = sorted(wholes.items(), key=lambda item: -len(item[0])) + sorted(
        ((key, value) for key, value in parts.items() if key not in wholes),
        key=lambda item: -len(item[0]),
    )
    return [(words, role) for _, (words, role) in ordered]


def any_name_pattern(names: Iterable[Name]) -> re.Pattern | None:
    """`_any_pattern` of the names' patterns (`patterns_for`), or None with none to look for."""
    return _any_names(tuple(names))


@functools.lru_cache(maxsize=64)
def _any_names(names: tuple[Name, ...]) -> re.Pattern | None:
    # The very words of `_patterns`, so that it matches exactly where one of them does.
    looked_for = _looked_for(names)
    return _any_pattern([words for words, _role in looked_for]) if looked_for else None


# Welsh mutates the first consonant of a word after certain words, names included ("i Gareth"
# is "i Areth", "ei Bethan" "ei Fethan", "fy Nhom" "my Tom"): the soft, nasal and aspirate
# mutations of each first consonant, as a Welsh grammar lists them. Two letters before one:
# "ll" and "rh" soften; "ch", "dd", "ff", "ph" and "th" are letters of their own and do not
# mutate.
WELSH_MUTATIONS = (
    ("ll", ("l",)),
    ("rh", ("r",)),
    ("ch", ()),
    ("dd", ()),
    ("ff", ()),
    ("ph", ()),
    ("th", ()),
    ("p", ("b", "mh", "ph")),
    ("t", ("d", "nh", "th")),
    ("c", ("g", "ngh", "ch")),
    ("k", ("g", "ngh", "ch")),
    ("b", ("f", "m")),
    ("d", ("dd", "n")),
    ("g", ("", "ng")),
    ("m", ("f",)),
)
# A mutated form of one or two letters ("Al" of "Gal") is not looked for: it is not a name.
MIN_MUTATED_LENGTH = 3


def welsh_mutations(word: str) -> list[str]:
    """The mutated forms of `word` in Welsh text, in the case it was written ("Bethan":
    "Fethan", "Methan")."""
    lower = word.casefold()
    for radical, forms in WELSH_MUTATIONS:
        if lower.startswith(radical):
            rest = word[len(radical) :]
            mutated = [form + rest for form in forms]
            if word[:1].isupper():
                mutated = [m[:1].upper() + m[1:] for m in mutated]
            return [m for m in mutated if len(m) >= MIN_MUTATED_LENGTH]
    return []


def mutated_names(names: Iterable[Name]) -> list[Name]:
    """The mutated Welsh forms of `names`, the names themselves left out: of a whole name its
    first word mutates ("Gareth Jones" is also "Areth Jones"), and each of its words on its own.
    Many are Welsh words too ("Wyn" of "Gwyn", "fryn" of "Bryn"), so they are flagged for the
    chair's attention (`publication.disclosure`), not refused as a name is."""
    found: dict[str, Name] = {}
    for name in names:
        words = _words(name.text)
        for mutated in welsh_mutations(words[0]) if words else ():
            whole = " ".join([mutated, *words[1:]])
            found.setdefault(whole.casefold(), Name(whole, name.role))
        for word in words[1:] if len(words) > 1 else ():
            for mutated in welsh_mutations(word):
                found.setdefault(mutated.casefold(), Name(mutated, name.role))
    return list(found.values())


def check(passages: Iterable[Passage], names: Iterable[Name]) -> list[Match]:
    """Every place in `passages` where a name is found, in the order of the report."""
    names = tuple(names)
    patterns = patterns_for(names)
    any_name = any_name_pattern(names)
    matches: list[Match] = []
    for passage in passages if patterns else ():
        # Most passages hold no name: one scan says so (a chronology may have 30,000).
        if any_name.search(_normalise(passage.text)):
            matches += _matches(passage, patterns)
    return matches


def _matches(passage: Passage, patterns) -> list[Match]:
    matches: list[Match] = []
    text = _normalise(passage.text)
    taken: list[tuple[int, int]] = []
    found = []
    for pattern, role in patterns:
        for hit in pattern.finditer(text):
            start, end = hit.span()
            if any(start < t_end and t_start < end for t_start, t_end in taken):
                continue  # inside a whole name already found
            taken.append((start, end))
            found.append((start, end, role))
    for start, end, role in sorted(found):
        excerpt = text[max(0, start - EXCERPT_RADIUS) : end + EXCERPT_RADIUS]
        matches.append(
            Match(
                place=passage.place,
                line=text.count("\n", 0, start) + 1,
                found=" ".join(text[start:end].split()),
                role=role,
                excerpt=" ".join(excerpt.split()),
            )
        )
    return matches
