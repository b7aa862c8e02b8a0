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
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

# How messages name the dates services take, by argument name.
DATE_NAMES = {
    "incident_on": gettext_lazy("the date of the incident"),
    "la_aware_on": gettext_lazy("the date the local authority became aware"),
    "notified_on": gettext_lazy("the date the board was notified"),
    "sent_on": gettext_lazy("the date it was sent"),
    "decided_on": gettext_lazy("the date of the decision"),
    "received_on": gettext_lazy("the date it was received"),
    "paused_on": gettext_lazy("the date the clock was paused"),
    "resumed_on": gettext_lazy("the date the clock restarted"),
    "agreed_on": gettext_lazy("the date the extension was agreed"),
    "started_on": gettext_lazy("the date it started"),
    "appointed_on": gettext_lazy("the date of the appointment"),
    "ended_on": gettext_lazy("the date the appointment ended"),
    "held_on": gettext_lazy("the date it was held"),
    "requested_on": gettext_lazy("the date of the request"),
    "chased_on": gettext_lazy("the date the request was chased"),
    "files_locked_on": gettext_lazy("the date the agency confirmed its files are locked down"),
    "occurred_on": gettext_lazy("the date it happened"),
    "offered_on": gettext_lazy("the date of the offer"),
    "responded_on": gettext_lazy("the date of the answer"),
    "completed_on": gettext_lazy("the date it was completed"),
    "on": gettext_lazy("the date of this update"),
    "accredited_on": gettext_lazy("the date of the accreditation"),
    "reviewed_on": gettext_lazy("the date of the review"),
    "published_on": gettext_lazy("the date it was published"),
    "withdrawn_on": gettext_lazy("the date it was taken off the website"),
}


def _sentence(text) -> str:
    text = str(text)
    return text[:1].upper() + text[1:]


def _named(field: str, names: dict | None = None) -> str:
    """ "the date of the incident": how a message names the date argument `field`."""
    named = (names or {}).get(field) or DATE_NAMES.get(field)
    return str(named) if named else _("the date given as %(field)s") % {"field": field}


def date_name(field: str, names: dict | None = None) -> str:
    """ "The date of the incident": how a message names the date argument `field`."""
    return _sentence(_named(field, names))


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
        field: _sentence(
            _("%(what)s must be today or in the past") % {"what": _named(field, names)}
        )
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
