"""One review's timeline: its stages against its statutory clocks, as server-rendered SVG.

The selectors read what was planned and what happened (stage moves, each clock's start, its due
date by statute and after pauses and extensions, when it was met); `draw` lays it out on a shared
date axis. The template shows the picture beside tables of the same dates.
"""

import datetime as dt
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from deadlines.models import Deadline
from insight import charts
from insight.selectors import ClockFacts, StagePeriod, clock_facts, stage_periods
from reviews.models import Review

LIGHT_BLUE = "#5694ca"
DARK_GREY = "#505a5f"
PURPLE = "#4c2c92"

WIDTH = 960
LABEL_WIDTH = 240
PLOT_LEFT = LABEL_WIDTH + 10
PLOT_WIDTH = WIDTH - PLOT_LEFT - 24
AXIS_HEIGHT = 36
HEADING_HEIGHT = 26
LANE_HEIGHT = 26
BAR_HEIGHT = 14


@dataclass(frozen=True)
class Span:
    x: int
    width: int
    colour: str
    height: int
    label: str

    @property
    def offset(self) -> int:
        """From the top of its lane: spans are centred on the lane."""
        return (LANE_HEIGHT - self.height) // 2


@dataclass(frozen=True)
class Mark:
    x: int
    kind: str  # "due", "statute", "met" or "late"
    label: str


@dataclass
class Lane:
    label: str
    y: int
    spans: list[Span] = field(default_factory=list)
    marks: list[Mark] = field(default_factory=list)

    @property
    def middle(self) -> int:
        return self.y + LANE_HEIGHT // 2

    @property
    def text_y(self) -> int:
        return self.middle + 5


@dataclass(frozen=True)
class Timeline:
    title: str
    description: str
    headings: list[tuple[str, int]]
    lanes: list[Lane]
    ticks: list[tuple[int, str]]
    today_x: int | None
    height: int
    width: int = WIDTH
    label_width: int = LABEL_WIDTH
    plot_left: int = PLOT_LEFT
    id: str = "review-timeline"

    @property
    def plot_right(self) -> int:
        return PLOT_LEFT + PLOT_WIDTH


def _day(value: dt.date) -> str:
    return date_format(value, "j F Y")


class _Axis:
    def __init__(self, first: dt.date, last: dt.date):
        pad = max(7, (last - first).days // 30)
        self.start = first - dt.timedelta(days=pad)
        self.end = last + dt.timedelta(days=pad)
        self.days = max((self.end - self.start).days, 1)

    def x(self, day: dt.date) -> int:
        return PLOT_LEFT + round((day - self.start).days * PLOT_WIDTH / self.days)

    def span(self, first: dt.date, last: dt.date, colour, height, label) -> Span:
        first, last = min(first, last), max(first, last)
        x = self.x(first)
        return Span(x, max(self.x(last) - x, 3), colour, height, label)

    def ticks(self) -> list[tuple[int, str]]:
        """The first of a month every `step` months, at most about eight of them."""
        step = next((s for s in (1, 2, 3, 6) if self.days / 30 / s <= 8), 12)
        month = dt.date(self.start.year, self.start.month, 1)
        ticks = []
        while month <= self.end:
            if month >= self.start and (month.month - 1) % step == 0:
                ticks.append((self.x(month), date_format(month, "M Y")))
            month = dt.date(month.year + month.month // 12, month.month % 12 + 1, 1)
        return ticks


def draw(review: Review, stages: list[StagePeriod], clocks: list[ClockFacts], today) -> Timeline:
    still_open = any(p.left_on is None and p.code != "closed" for p in stages) or any(
        c.met_on is None for c in clocks
    )
    dates = [review.initiated_on, *(p.entered_on for p in stages)]
    dates += [p.left_on for p in stages if p.left_on]
    for clock in clocks:
        dates += [clock.starts_on, clock.due_on, clock.due_by_statute]
        dates += [clock.met_on] if clock.met_on else []
        dates += [p.resumed_on or p.paused_on for p in clock.pauses]
    if still_open:
        dates.append(today)
    axis = _Axis(min(dates), max(dates))

    y = AXIS_HEIGHT
    headings, lanes = [(_("Stages"), y)], []
    y += HEADING_HEIGHT
    for title in dict.fromkeys(p.title for p in stages):
        lane = Lane(title, y)
        for period in (p for p in stages if p.title == title):
            until = period.left_on or (period.entered_on if period.code == "closed" else today)
            values = {"stage": title, "start": _day(period.entered_on)}
            if period.left_on:
                label = _("%(stage)s: %(start)s to %(end)s") % {
                    **values,
                    "end": _day(period.left_on),
                }
            else:
                label = _("%(stage)s: %(start)s to now") % values
            lane.spans.append(axis.span(period.entered_on, until, charts.BLUE, BAR_HEIGHT, label))
        lanes.append(lane)
        y += LANE_HEIGHT
    if clocks:
        headings.append((_("Statutory clocks"), y))
        y += HEADING_HEIGHT
    for clock in clocks:
        lane = Lane(clock.title, y)
        values = {
            "clock": clock.title,
            "length": clock.length_text,
            "day": _day(clock.starts_on),
        }
        if clock.counts_back:
            allowed = _("%(clock)s: %(length)s before %(day)s") % values
        else:
            allowed = _("%(clock)s: %(length)s from %(day)s") % values
        lane.spans.append(axis.span(clock.starts_on, clock.due_on, LIGHT_BLUE, BAR_HEIGHT, allowed))
        for pause in clock.pauses:
            until = pause.resumed_on or today
            label = _("Paused (%(reason)s) from %(day)s") % {
                "reason": pause.get_reason_display().lower(),
                "day": _day(pause.paused_on),
            }
            lane.spans.append(axis.span(pause.paused_on, until, DARK_GREY, 8, label))
        late_until = clock.met_on or (today if clock.status == Deadline.Status.OVERDUE else None)
        if late_until and late_until > clock.due_on:
            late = _("Late after %(day)s") % {"day": _day(clock.due_on)}
            lane.spans.append(axis.span(clock.due_on, late_until, charts.RED, 8, late))
        if clock.moved:
            by_statute = _("Due by statute %(day)s") % {"day": _day(clock.due_by_statute)}
            lane.marks.append(Mark(axis.x(clock.due_by_statute), "statute", by_statute))
        due = _("Due %(day)s") % {"day": _day(clock.due_on)}
        lane.marks.append(Mark(axis.x(clock.due_on), "due", due))
        if clock.met_on:
            on_time = clock.met_on <= clock.due_on
            if on_time:
                kind, met = "met", _("Met %(day)s, on time") % {"day": _day(clock.met_on)}
            else:
                kind, met = "late", _("Met %(day)s, late") % {"day": _day(clock.met_on)}
            lane.marks.append(Mark(axis.x(clock.met_on), kind, met))
        lanes.append(lane)
        y += LANE_HEIGHT
    today_x = axis.x(today) if axis.start <= today <= axis.end else None
    return Timeline(
        title=_("Timeline of the review of %(reference)s")
        % {"reference": review.incident.reference},
        description=_description(stages, clocks),
        headings=headings,
        lanes=lanes,
        ticks=axis.ticks(),
        today_x=today_x,
        height=y + 8,
    )


def _description(stages: list[StagePeriod], clocks: list[ClockFacts]) -> str:
    parts = []
    for p in stages:
        values = {"stage": p.title, "start": _day(p.entered_on)}
        if p.left_on:
            parts.append(
                _("%(stage)s from %(start)s to %(end)s") % {**values, "end": _day(p.left_on)}
            )
        else:
            parts.append(_("%(stage)s from %(start)s, current stage") % values)
    for clock in clocks:
        values = {
            "clock": clock.title,
            "due": _day(clock.due_on),
            "statute": _day(clock.due_by_statute),
            "status": clock.status_label.lower(),
            "met": _day(clock.met_on) if clock.met_on else "",
        }
        if clock.moved and clock.met_on:
            text = _("%(clock)s: due %(due)s (by statute %(statute)s), %(status)s on %(met)s")
        elif clock.moved:
            text = _("%(clock)s: due %(due)s (by statute %(statute)s), %(status)s")
        elif clock.met_on:
            text = _("%(clock)s: due %(due)s, %(status)s on %(met)s")
        else:
            text = _("%(clock)s: due %(due)s, %(status)s")
        parts.append(text % values)
    return ". ".join(parts) + "."


def review_timeline(review: Review, today: dt.date | None = None):
    today = today or timezone.localdate()
    stages = stage_periods(review)
    clocks = clock_facts(review, today)
    return draw(review, stages, clocks, today), stages, clocks
