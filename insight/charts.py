"""Bar charts as server-rendered SVG: no chart service, readable without JavaScript, usable
in PDFs, in GOV.UK colours. Every chart is shown beside a table of the same figures."""

import itertools
from dataclasses import dataclass, field
from functools import cached_property

from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext

# GOV.UK Design System colours.
BLUE = "#1d70b8"
GREEN = "#00703c"
RED = "#d4351c"
GREY = "#b1b4b6"
TEXT = "#0b0c0c"

WIDTH = 640
LABEL_WIDTH = 250
BAR_SPACE = 330
ROW_HEIGHT = 28
BAR_HEIGHT = 18
_ids = itertools.count(1)

# Widths of Arial's characters at the charts' 14px, roughly: labels are cut to fit their space
# by these, not by a count of characters (34 "m"s are twice as wide as 34 "i"s, and a label
# that ran past the left edge was cut off there: "-uman–management").
_NARROW, _WIDE = frozenset("iljtfr.,:;'|!()[] -"), frozenset("mwMW@%")
_SPACE_AFTER_LABEL = 8


def _char_width(char: str) -> float:
    if char in _NARROW:
        return 4.2
    if char in _WIDE:
        return 11.7
    return 9.4 if char.isupper() else 7.8


def fitted(label: str, width: float) -> str:
    """`label`, cut with an ellipsis where it would be wider than `width` pixels."""
    if sum(map(_char_width, label)) <= width:
        return label
    room, kept = width - _char_width("…"), []
    for char in label:
        room -= _char_width(char)
        if room < 0:
            break
        kept.append(char)
    return "".join(kept).rstrip() + "…"


@dataclass(frozen=True)
class Bar:
    label: str
    value: int | None
    shown: str  # the value as read out: "12", "75%", "none yet"
    y: int
    width: int
    colour: str

    @property
    def text_y(self) -> int:
        return self.y + BAR_HEIGHT - 4

    @property
    def value_x(self) -> int:
        return LABEL_WIDTH + self.width + 6


@dataclass(frozen=True)
class Chart:
    title: str
    description: str
    bars: list[Bar]
    unit: str = ""
    id: str = field(default_factory=lambda: f"chart-{next(_ids)}")
    width: int = WIDTH
    label_width: int = LABEL_WIDTH

    @property
    def height(self) -> int:
        return ROW_HEIGHT * len(self.bars) + 8

    @cached_property
    def svg(self) -> str:
        """The chart as inline SVG, labelled for screen readers (role img, title, description).
        Built here rather than in a template: a page draws several, and the template engine took
        a third of the dashboard's time drawing them."""
        bars = format_html_join(
            "\n",
            '<g><text x="{}" y="{}" text-anchor="end" fill="{}">{}</text>{}'
            '<text x="{}" y="{}" fill="{}">{}</text></g>',
            (
                (
                    self.label_width - _SPACE_AFTER_LABEL,
                    bar.text_y,
                    TEXT,
                    fitted(bar.label, self.label_width - _SPACE_AFTER_LABEL),
                    format_html(
                        '<rect x="{}" y="{}" width="{}" height="{}" fill="{}"/>',
                        self.label_width,
                        bar.y,
                        bar.width,
                        BAR_HEIGHT,
                        bar.colour,
                    )
                    if bar.width
                    else "",
                    bar.value_x,
                    bar.text_y,
                    TEXT,
                    bar.shown,
                )
                for bar in self.bars
            ),
        )
        return format_html(
            '<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="{id}-svg-title"'
            ' aria-describedby="{id}-desc" viewBox="0 0 {width} {height}" width="100%"'
            ' preserveAspectRatio="xMinYMin meet" font-family="Arial, sans-serif" font-size="14">'
            '<title id="{id}-svg-title">{title}</title><desc id="{id}-desc">{description}</desc>'
            "\n{bars}\n</svg>",
            id=self.id,
            width=self.width,
            height=self.height,
            title=self.title,
            description=self.description,
            bars=bars,
        )


def bar_chart(title, rows, *, unit="", maximum=None, colour=BLUE, colours=None) -> Chart:
    """A horizontal bar chart of (label, value) rows; a value of None is drawn as no bar and
    read as "none yet". `unit` is "%" for percentages (then the scale is 0 to 100)."""
    rows = list(rows)
    values = [value for _, value in rows if value is not None]
    top = maximum if maximum is not None else (100 if unit == "%" else max(values, default=0))
    bars = []
    for index, (label, value) in enumerate(rows):
        label = str(label)  # a choice's label may be lazy: read in the page's language
        width = round(BAR_SPACE * value / top) if value and top else 0
        shown = gettext("none yet") if value is None else f"{value}{unit}"
        bars.append(
            Bar(
                label=label,
                value=value,
                shown=shown,
                y=index * ROW_HEIGHT + 4,
                width=width,
                colour=(colours or {}).get(label, colour),
            )
        )
    description = "; ".join(f"{bar.label}: {bar.shown}" for bar in bars)
    return Chart(title=title, description=description, bars=bars, unit=unit)
