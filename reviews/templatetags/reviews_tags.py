from django import template

from reviews import rulebooks
from reviews.models import Deadline

register = template.Library()


@register.inclusion_tag("includes/deadline_tag.html")
def deadline_tag(status):
    return {"status": status, "label": Deadline.Status(status).label}


@register.filter
def clock_kind(code):
    return rulebooks.CLOCK_KINDS.get(code, code)


@register.filter
def clock_of(deadline):
    """The rulebook's definition of a deadline's clock (title, length, source)."""
    return deadline.definition


@register.filter
def stage_title(code, review):
    stage = review.method.stage(code)
    return stage.title if stage else code.replace("_", " ").capitalize()
