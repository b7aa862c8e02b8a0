"""Checks shared by the services, each raising a ValidationError on the field it names, with a
message that names the date too ("The date the board was notified must be today or in the
past"): the API's caller and the page's reader both see which date is wrong.

Given `into` (a dict), a check adds its error there instead of raising, so that a service can
run every check and refuse once with all of them (`raise_if_any`): a page then shows every
error at once, not one per try.
"""

import datetime as dt

from django.core.exceptions import ValidationError
from django.utils import timezone

# How messages name the dates services take, by argument name.
DATE_NAMES = {
    "incident_on": "the date of the incident",
    "la_aware_on": "the date the local authority became aware",
    "notified_on": "the date the board was notified",
    "sent_on": "the date it was sent",
    "decided_on": "the date of the decision",
    "received_on": "the date it was received",
    "paused_on": "the date the clock was paused",
    "resumed_on": "the date the clock restarted",
    "agreed_on": "the date the extension was agreed",
    "started_on": "the date it started",
    "appointed_on": "the date of the appointment",
    "ended_on": "the date the appointment ended",
    "held_on": "the date it was held",
    "requested_on": "the date of the request",
    "chased_on": "the date the request was chased",
    "files_locked_on": "the date the agency confirmed its files are locked down",
    "occurred_on": "the date it happened",
    "offered_on": "the date of the offer",
    "responded_on": "the date of the answer",
    "completed_on": "the date it was completed",
    "on": "the date of this update",
    "accredited_on": "the date of the accreditation",
    "reviewed_on": "the date of the review",
    "published_on": "the date it was published",
    "withdrawn_on": "the date it was taken off the website",
}


def date_name(field: str, names: dict | None = None) -> str:
    """ "The date of the incident": how a message names the date argument `field`."""
    name = (names or {}).get(field) or DATE_NAMES.get(field) or f"the date given as {field}"
    return name[0].upper() + name[1:]


def _refuse(errors: dict, into: dict | None) -> None:
    if into is None:
        raise_if_any(errors)
    else:
        for field, message in errors.items():
            into.setdefault(field, message)


def raise_if_any(errors: dict) -> None:
    if errors:
        raise ValidationError(errors)


def not_in_future(*, into: dict | None = None, names: dict | None = None, **dates) -> None:
    today = timezone.localdate()
    errors = {
        field: f"{date_name(field, names)} must be today or in the past"
        for field, date in dates.items()
        if date is not None and date > today
    }
    _refuse(errors, into)


def not_before(
    field: str,
    date: dt.date | None,
    earliest: dt.date | None,
    message: str,
    *,
    into: dict | None = None,
) -> None:
    if date is not None and earliest is not None and date < earliest:
        _refuse({field: message}, into)
