"""A board's annual learning and improvement report for one reporting year (1 April to 31 March,
the year boards report on): the reviews started and completed, how timely the board was, the
themes of the findings, the actions completed with their impact, and the learning shared
(`sharing`: the activities by kind, the people reached by agency).

The figures are read here (`annual_content`); the worker renders them to a tagged PDF with the
publication app's machinery (`insight.services.annual_report_run`). Cases appear only by their
reference. The actions' own words are checked against the real names recorded for their case,
as a report is, and withheld where one is found.
"""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, OuterRef, Q, Subquery
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from boards.models import Board
from core.work import count_of
from deadlines.kinds import STATUTORY
from deadlines.models import Deadline
from guidance import rulebooks
from insight import charts, selectors
from insight.models import year_label
from publication import anonymisation, assembly
from publication.models import LibraryFinding
from reviews.models import Action, Decision, Finding, Incident, Review
from sharing import selectors as sharing_selectors

TEMPLATE = "insight/pdf/annual_report.html"


@dataclass(frozen=True)
class ReportingYear:
    """1 April of `start` to 31 March of the year after."""

    start: int

    @property
    def first(self) -> dt.date:
        return dt.date(self.start, 4, 1)

    @property
    def last(self) -> dt.date:
        return dt.date(self.start + 1, 3, 31)

    @property
    def label(self) -> str:
        return year_label(self.start)

    @classmethod
    def containing(cls, day: dt.date) -> "ReportingYear":
        return cls(day.year if day.month >= 4 else day.year - 1)

    def within(self, field_name: str) -> Q:
        return Q(**{f"{field_name}__gte": self.first, f"{field_name}__lte": self.last})


@dataclass(frozen=True)
class CompletedReview:
    reference: str
    review_type: str
    initiated_on: dt.date
    completed_on: dt.date
    due_on: dt.date | None  # the completion clock's date, after pauses and extensions

    @property
    def on_time(self) -> bool | None:
        return None if self.due_on is None else self.completed_on <= self.due_on


@dataclass(frozen=True)
class ActionDone:
    reference: str
    description: str
    agency: str
    completed_on: dt.date
    impact: str


@dataclass
class AnnualContent:
    board: object
    year: ReportingYear
    made_on: dt.date
    notified: int
    decisions: list[tuple[str, int]]
    started: list[tuple[str, int]]
    completed: list[CompletedReview]
    timeliness: list[tuple[rulebooks.Clock, selectors.Rate]]
    themes: list[tuple[str, int]]
    published_findings: list[LibraryFinding]
    actions_done: list[ActionDone]
    actions_now: list[tuple[str, int]]
    withheld: list[str] = field(default_factory=list)
    # The learning shared in the year (the seed procedure's section 2.10): by kind, by agency.
    sharing: sharing_selectors.ReachFigures | None = None

    @property
    def reference(self) -> str:
        """What the page footer names (the PDF style shared with the reports)."""
        return f"{self.board.name}: {self.year.label}"

    @property
    def title(self) -> str:
        return _("Annual learning and improvement report %(year)s") % {"year": self.year.label}

    @property
    def started_total(self) -> int:
        return sum(n for __, n in self.started)

    @property
    def timeliness_chart(self) -> charts.Chart:
        return charts.bar_chart(
            _("Statutory deadlines met on time"),
            [(clock.title, rate.percent) for clock, rate in self.timeliness],
            unit="%",
            colour=charts.GREEN,
        )

    @property
    def reach_chart(self) -> charts.Chart:
        return charts.bar_chart(_("People reached by agency"), self.sharing.by_agency)

    @property
    def themes_chart(self) -> charts.Chart:
        return charts.bar_chart(_("Findings by Learning Together category"), self.themes)


def annual_content(board, year: ReportingYear, today: dt.date | None = None) -> AnnualContent:
    today = today or timezone.localdate()
    # Each completed review with the date its completion clock fell due (after pauses and
    # extensions), in the same query.
    completion_due = Deadline.objects.filter(
        owner_id=OuterRef("incident_id"), kind=STATUTORY, clock="complete"
    ).values("due_on")[:1]
    completed_reviews = list(
        Review.objects.filter(year.within("completed_on"), board=board)
        .select_related("incident")
        .annotate(completion_due=Subquery(completion_due))
        .order_by("completed_on", "incident__reference")
    )
    # The year's counts, in one query whatever the number of cases.
    counts = _counted(
        board,
        notified=Incident.objects.filter(year.within("notified_on"), board=board),
        started=(
            Review.objects.filter(year.within("initiated_on"), board=board),
            "review_type",
            rulebooks.REVIEW_TYPE_CHOICES,
        ),
        actions_now=(
            Action.objects.filter(review__board=board),
            "status",
            Action.Status.choices,
        ),
    )
    content = AnnualContent(
        board=board,
        year=year,
        made_on=today,
        notified=counts["notified"],
        # Grouped in a query of their own: a count an outcome read the country's decisions of
        # the year once for each (PostgreSQL starts from the decisions, not the board's).
        decisions=_grouped(
            Decision.objects.filter(year.within("decided_on"), incident__board=board),
            "outcome",
            Decision.Outcome.choices,
        ),
        started=counts["started"],
        completed=[
            CompletedReview(
                reference=review.incident.reference,
                review_type=review.get_review_type_display(),
                initiated_on=review.initiated_on,
                completed_on=review.completed_on,
                due_on=review.completion_due,
            )
            for review in completed_reviews
        ],
        timeliness=_timeliness(board, year, today),
        themes=selectors.by_category(Finding.objects.filter(review__in=completed_reviews)),
        published_findings=list(
            LibraryFinding.objects.filter(year.within("published_on"), board=board)
            .select_related("category")
            .defer("search_document", "body")
            .order_by("published_on", "case_reference", "position")
        ),
        actions_done=[],
        actions_now=counts["actions_now"],
    )
    content.actions_done, content.withheld = _actions_done(board, year)
    content.sharing = sharing_selectors.reach(board=board, first=year.first, last=year.last)
    return content


def _grouped(queryset, field_name: str, choices) -> list[tuple[str, int]]:
    """(label, count) for each choice that has any, in the choices' order."""
    counts = dict(queryset.values_list(field_name).annotate(n=Count("pk")).order_by())
    return [(label, counts[code]) for code, label in choices if counts.get(code)]


def _counted(board, **counted) -> dict:
    """Counts read together in one query (a subquery each): a queryset gives its number of
    rows; (queryset, field, choices) gives (label, count) for each choice that has any, in the
    choices' order."""
    expressions, shapes = {}, {}
    for name, what in counted.items():
        if isinstance(what, tuple):
            queryset, field_name, choices = what
            keys = []
            for position, (code, label) in enumerate(choices):
                key = f"{name}_{position}"
                expressions[key] = count_of(queryset.filter(**{field_name: code}))
                keys.append((key, label))
            shapes[name] = keys
        else:
            expressions[name] = count_of(what)
    row = Board.objects.filter(pk=board.pk).values(**expressions).get()
    found = {name: row[name] for name in counted if name not in shapes}
    for name, keys in shapes.items():
        found[name] = [(label, row[key]) for key, label in keys if row[key]]
    return found


def _timeliness(board, year: ReportingYear, today: dt.date):
    until = min(year.last, today)
    rows = (
        selectors.decided_deadlines(
            Deadline.objects.filter(board=board), since=year.first, today=until
        )
        .values("clock")
        .annotate(**selectors.on_time_and_late(today))
        .order_by()
    )
    rates = {row["clock"]: selectors.Rate(row["on_time"], row["late"]) for row in rows}
    return [
        (clock, rates[clock.code])
        for clock in board.rules_under(rulebooks.CURRENT[board.regime]).clocks
        if clock.code in rates and rates[clock.code].decided
    ]


WITHHELD = gettext_lazy(
    "Withheld: it names someone involved in the case. Correct the action and make the report again."
)


WITHHELD_PARTS = {
    "description": gettext_lazy("%(place)s: its description"),
    "impact": gettext_lazy("%(place)s: its impact"),
}


def _actions_done(board, year: ReportingYear) -> tuple[list[ActionDone], list[str]]:
    """The actions completed in the year, with their impact; any text that holds a real name of
    its case is withheld, and where is listed (by place, never by the name)."""
    actions = list(
        Action.objects.filter(
            year.within("completed_on"), review__board=board, status=Action.Status.COMPLETED
        )
        .select_related("review__incident", "owner_agency")
        .order_by("completed_on", "created_at")
    )
    by_review = defaultdict(list)
    for action in actions:
        by_review[action.review].append(action)
    # The names of every case at once (every name ever recorded), not queries a case.
    names_of = assembly.names_by_review(by_review)
    done, withheld = [], []
    for review, of_review in by_review.items():
        names = names_of[review.pk]
        for action in of_review:
            # Named as the action plan lists it: by its agency and due date.
            place = _("%(reference)s, the action of %(agency)s due %(day)s") % {
                "reference": review.incident.reference,
                "agency": action.owner_agency.name,
                "day": date_format(action.due_on, "j F Y"),
            }
            texts = {"description": action.description, "impact": action.evidence_of_impact}
            for part, text in texts.items():
                if anonymisation.check([anonymisation.Passage(place, text)], names):
                    texts[part] = str(WITHHELD)
                    withheld.append(WITHHELD_PARTS[part] % {"place": place})
            done.append(
                ActionDone(
                    reference=review.incident.reference,
                    description=texts["description"],
                    agency=action.owner_agency.name,
                    completed_on=action.completed_on,
                    impact=texts["impact"],
                )
            )
    done.sort(key=lambda a: (a.completed_on, a.reference))
    return done, withheld


def html_for(content: AnnualContent) -> str:
    return render_to_string(TEMPLATE, {"content": content, "draft": False})
