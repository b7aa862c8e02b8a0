from django import template
from django.utils.html import format_html

from deadlines.models import Deadline
from guidance import rulebooks

register = template.Library()

TAG_COLOURS = {
    Deadline.Status.OVERDUE: "red",
    Deadline.Status.DUE_TODAY: "orange",
    Deadline.Status.DUE_SOON: "yellow",
    Deadline.Status.UPCOMING: "blue",
    Deadline.Status.MET: "green",
    Deadline.Status.MET_LATE: "pink",
}


@register.simple_tag
def deadline_tag(status):
    """The GOV.UK tag of a deadline's status. Built here, not by a template of its own: lists
    show one a row, and an included template per row was most of the deadlines page's time."""
    colour = TAG_COLOURS.get(status, "grey")
    label = Deadline.Status(status).label
    return format_html('<strong class="govuk-tag govuk-tag--{}">{}</strong>', colour, label)


@register.filter
def clock_kind(code):
    return rulebooks.CLOCK_KINDS.get(code, code)


@register.filter
def rule_source(deadline):
    """Where a deadline's rule comes from, in words ("Working Together 2018 chapter 4: ..."),
    read from its rulebook without the database; "" for a deadline of the board's own."""
    if not deadline.is_statutory:
        return ""
    clock = rulebooks.get(deadline.rulebook).clock(deadline.clock)
    return clock.source if clock else ""


@register.filter
def clock_of(deadline):
    """The rulebook's definition of a deadline's clock (title, length, source)."""
    return deadline.definition


@register.filter
def stage_title(code, review):
    stage = review.method.stage(code)
    return stage.title if stage else code.replace("_", " ").capitalize()
