"""Every statutory rule of the service, as data, with its source. Rules live here and nowhere else.

A rulebook is one statutory regime at one edition. A board has a regime; each incident keeps the
edition in force when it was logged (`Incident.rulebook`, such as "partners-2018:1"), so a
board moving to another regime, or a regime gaining a new edition, does not move old cases.
To change a rule, add a new edition and point `CURRENT` at it; never edit an edition in use.

Sources are those of ../shared/reference/domain.md and the seed procedure (seeds/003, the
Hertfordshire LSCB learning and improvement framework chapter). A clock marked
`confirmed=False` was not confirmed in a primary source ([U] in domain.md): it is a default that
a later edition may correct, and the pages say so.
"""

from guidance.rulebooks.base import (
    ALTERNATIVE_REVIEW_TYPES,
    CLOCK_KINDS,
    NOTIFICATION_RECIPIENTS,
    OUTCOME_LABELS,
    REVIEW_CLOCKS,
    REVIEW_TYPE_CHOICES,
    REVIEW_TYPES,
    Assessment,
    Clock,
    Facts,
    Met,
    Outcome,
    Rulebook,
    Start,
    Unit,
)
from guidance.rulebooks.england_adults import SAB_2014
from guidance.rulebooks.england_children import LSCB_2015, PARTNERS_2018
from guidance.rulebooks.wales import WALES_2016

__all__ = [
    "ALTERNATIVE_REVIEW_TYPES",
    "CLOCK_KINDS",
    "CURRENT",
    "NOTIFICATION_RECIPIENTS",
    "OUTCOME_LABELS",
    "REVIEW_CLOCKS",
    "REVIEW_TYPES",
    "REVIEW_TYPE_CHOICES",
    "RULEBOOKS",
    "Assessment",
    "Clock",
    "Facts",
    "Met",
    "Outcome",
    "Rulebook",
    "Start",
    "Unit",
    "for_regime",
    "get",
    "regimes_for",
]

RULEBOOKS = {
    rulebook.key: rulebook for rulebook in [LSCB_2015, PARTNERS_2018, SAB_2014, WALES_2016]
}

# The edition a new incident is logged under, by the board's regime.
CURRENT = {
    "lscb-2015": "lscb-2015:1",
    "partners-2018": "partners-2018:1",
    "sab-2014": "sab-2014:1",
    "wales-2016": "wales-2016:1",
}


def regimes_for(kind: str, nation: str) -> list[str]:
    """The regimes a board of this kind in this nation can work under."""
    return [
        regime for regime, key in CURRENT.items() if (kind, nation) in RULEBOOKS[key].applies_to
    ]


def for_regime(regime: str) -> Rulebook:
    return RULEBOOKS[CURRENT[regime]]


def get(key: str) -> Rulebook:
    return RULEBOOKS[key]
