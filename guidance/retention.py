"""The board's retention rule: when a case closes, and until when its personal data is kept.

This is a local rule, not a statutory one (ADR 0005): no statute sets how long a board keeps the
records of a case review. Each board sets its period (`Board.retention_years`) as its own
records-management decision; the default below is a starting point, not a requirement.

The one statutory rule that bears on it is the rulebook's: a published report stays on the
board's website for at least `Rulebook.online_minimum_months` (Working Together; seed procedure
2.9). Anonymisation keeps the published report, its files and its library findings, and a case
never falls due before that minimum has passed.

Pure functions over `CaseFacts` (read in one query by `retention.selectors`), so the rule is
tested without a database and lives here only.
"""

import datetime as dt
import enum
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from guidance import calendar, methodologies, rulebooks

# The board's choice. Fifteen years after the case closed leaves room for what usually comes
# after a review (inquests, civil claims, a later review or inquiry that looks back at it);
# boards with a records-management schedule of their own set theirs.
DEFAULT_YEARS = 15
MIN_YEARS = 1
MAX_YEARS = 100

# The last stage of every methodology: the action plan finished, the review closed.
CLOSED_STAGE = methodologies.CLOSED_STAGE.code
NO_REVIEW = "no_review"  # reviews.models.Decision.Outcome.NO_REVIEW
PUBLISH = "publish"  # publication.models.Publication.Decision.PUBLISH
DO_NOT_PUBLISH = "do_not_publish"


class ClosedBy(enum.StrEnum):
    NO_REVIEW = "no_review"
    PUBLISHED = "published"
    NOT_PUBLISHED = "not_published"
    CLOSED = "closed"
    WITHDRAWN = "withdrawn"


CLOSED_BY_LABELS = {
    ClosedBy.NO_REVIEW: _("Decided not to hold a review"),
    ClosedBy.PUBLISHED: _("Review closed, report published"),
    ClosedBy.NOT_PUBLISHED: _("Review closed, decided not to publish the report"),
    ClosedBy.CLOSED: _("Review closed, no decision on publication recorded"),
    ClosedBy.WITHDRAWN: _("Withdrawn: logged in error"),
}


@dataclass(frozen=True)
class CaseFacts:
    """What the rule reads of one case (an incident and its review, if any)."""

    rulebook: str
    decision_outcome: str | None = None
    decided_on: dt.date | None = None
    review_stage: str | None = None
    # The day the review last entered its closed stage.
    review_closed_on: dt.date | None = None
    publication_decision: str | None = None
    publication_decided_on: dt.date | None = None
    published_on: dt.date | None = None
    # An incident logged in error and withdrawn before any decision.
    withdrawn_on: dt.date | None = None


@dataclass(frozen=True)
class Closure:
    on: dt.date
    by: ClosedBy

    @property
    def label(self) -> str:
        return CLOSED_BY_LABELS[self.by]


def closure(facts: CaseFacts) -> Closure | None:
    """When and how the case closed, or None while it is open.

    - Withdrawn (logged in error, before any decision): closed on the day it was withdrawn.
    - The chair decided not to hold a review: closed on the decision (a rapid review, if there
      was one, was closed with it).
    - A review was held: closed once the review is in its closed stage (its action plan is
      finished) and the question of its report is settled: on the later of that day and the
      day the report was published, or the chair decided not to publish it. A decision to
      publish leaves the case open until the report is out. A review closed with no decision
      on publication recorded closes on the day it closed.
    """
    if facts.withdrawn_on is not None:
        return Closure(facts.withdrawn_on, ClosedBy.WITHDRAWN)
    if facts.decision_outcome == NO_REVIEW and facts.decided_on is not None:
        return Closure(facts.decided_on, ClosedBy.NO_REVIEW)
    if facts.review_stage != CLOSED_STAGE or facts.review_closed_on is None:
        return None
    if facts.publication_decision == PUBLISH:
        if facts.published_on is None:
            return None
        return Closure(max(facts.review_closed_on, facts.published_on), ClosedBy.PUBLISHED)
    if facts.publication_decision == DO_NOT_PUBLISH and facts.publication_decided_on:
        return Closure(
            max(facts.review_closed_on, facts.publication_decided_on), ClosedBy.NOT_PUBLISHED
        )
    return Closure(facts.review_closed_on, ClosedBy.CLOSED)


def kept_until(facts: CaseFacts, closed: Closure, years: int) -> dt.date:
    """The last day the case's personal data is kept; it is anonymised from the day after.

    `years` after the case closed (calendar years: 29 February closes on 28 February), and
    never before the rulebook's minimum time online of a published report.
    """
    until = calendar.add_calendar_months(closed.on, 12 * years)
    online_months = rulebooks.get(facts.rulebook).online_minimum_months
    if facts.published_on is not None and online_months:
        until = max(until, calendar.add_calendar_months(facts.published_on, online_months))
    return until


def is_due(until: dt.date, today: dt.date) -> bool:
    return today > until
