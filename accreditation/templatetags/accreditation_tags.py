"""The GOV.UK tag colours of accreditation statuses."""

from django import template

register = template.Library()

COLOURS = {
    # applications
    "submitted": "blue",
    "offered": "green",
    "waiting_list": "yellow",
    "declined": "grey",
    "withdrawn": "grey",
    # trainees
    "in_training": "blue",
    "not_yet": "orange",
    # accreditations
    "accredited": "green",
    "lapsed": "red",
    "suspended": "orange",
    # bookings
    "booked": "blue",
    "attended": "green",
    "absent": "red",
    "cancelled": "grey",
}


@register.inclusion_tag("accreditation/includes/status_tag.html")
def status_tag(status: str, label: str):
    return {"colour": COLOURS.get(status, "grey"), "label": label}


@register.filter
def lookup(mapping, key):
    return mapping.get(key) if mapping else None
