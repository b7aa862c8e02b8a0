"""Themes suggested by a report's words: a theme whose phrases (`Theme.phrases`) the report
uses often enough. A suggestion only: a person confirms each theme (bank.services)."""

import re
from functools import cache

# A phrase used this often in a report suggests its theme: a passing mention in a forty-page
# report is not what the report is about.
SUGGESTED_FROM = 3


@cache
def _pattern(phrase: str) -> re.Pattern:
    """A phrase whole, whatever the case; "escalat*" matches any ending."""
    stem = phrase.rstrip("*")
    ending = r"\w*" if phrase.endswith("*") else ""
    return re.compile(rf"(?<!\w){re.escape(stem)}{ending}(?!\w)", re.IGNORECASE)


def uses(text: str, phrases) -> int:
    """How many times `text` uses any of `phrases`."""
    return sum(len(_pattern(phrase).findall(text)) for phrase in phrases if phrase.strip())


def suggested(text: str, themes) -> list:
    """The themes of `themes` whose phrases `text` uses at least `SUGGESTED_FROM` times, most
    used first."""
    counted = [(uses(text, theme.phrases), theme) for theme in themes if theme.phrases]
    return [
        theme
        for count, theme in sorted(counted, key=lambda pair: -pair[0])
        if count >= SUGGESTED_FROM
    ]
