"""Every statutory rule of the service, as data, with its source. Rules live here and nowhere else.

A rulebook is one statutory regime at one edition. A board has a regime; each incident keeps the
edition it was logged under (`Incident.rulebook`, such as "partners-2018:1"), so a board moving
to another regime, or a regime gaining a new edition, does not move old cases. The edition is
the one in force on the day the local authority became aware of the incident (`EDITIONS`):
an incident of November 2023 logged in 2024 is assessed under Working Together 2018, not 2023.
To change a rule, add a new edition to `EDITIONS`; never edit an edition in use.

Sources are those of ../shared/reference/domain.md and the seed procedure (seeds/003, the
Hertfordshire LSCB learning and improvement framework chapter). A clock marked
`confirmed=False` was not confirmed in a primary source ([U] in domain.md): it is a default that
a later edition may correct, and the pages say so.
"""

import datetime as dt

from guidance.rulebooks.base import (
    ALTERNATIVE_REVIEW_TYPES,
    APPROVED_LISTS,
    CLOCK_KINDS,
    FACT_NAMES,
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
from guidance.rulebooks.community_safety import DHR_2016
from guidance.rulebooks.england_adults import SAB_2014
from guidance.rulebooks.england_children import LSCB_2015, PARTNERS_2018, PARTNERS_2023
from guidance.rulebooks.wales import WALES_2016, WALES_SUSR_2024

__all__ = [
    "ALTERNATIVE_REVIEW_TYPES",
    "APPROVED_LISTS",
    "CLOCK_KINDS",
    "FACT_NAMES",
    "CURRENT",
    "EDITIONS",
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
    "for_incident",
    "for_regime",
    "get",
    "regimes_for",
]

# Each regime's editions, oldest first; an edition after the first says from when it applies.
EDITIONS = {
    "lscb-2015": (LSCB_2015,),
    "partners-2018": (PARTNERS_2018, PARTNERS_2023),
    "sab-2014": (SAB_2014,),
    "wales-2016": (WALES_2016,),
    "wales-susr-2024": (WALES_SUSR_2024,),
    "dhr-2016": (DHR_2016,),
}
RULEBOOKS = {rulebook.key: rulebook for editions in EDITIONS.values() for rulebook in editions}
# The latest edition of each regime: what a board's regime is listed and chosen by.
CURRENT = {regime: editions[-1].key for regime, editions in EDITIONS.items()}


def regimes_for(kind: str, nation: str) -> list[str]:
    """The regimes a board of this kind in this nation can work under."""
    return [
        regime for regime, key in CURRENT.items() if (kind, nation) in RULEBOOKS[key].applies_to
    ]


def for_regime(regime: str) -> Rulebook:
    """The regime's latest edition."""
    return RULEBOOKS[CURRENT[regime]]


def for_incident(regime: str, la_aware_on: dt.date | None) -> Rulebook:
    """The edition of the regime in force on the day the local authority became aware of the
    incident (the latest, when that day is not known yet)."""
    editions = EDITIONS[regime]
    if la_aware_on is None:
        return editions[-1]
    in_force = [
        rulebook
        for rulebook in editions[1:]
        if rulebook.in_force_from is not None and rulebook.in_force_from <= la_aware_on
    ]
    return in_force[-1] if in_force else editions[0]


def get(key: str) -> Rulebook:
    return RULEBOOKS[key]
