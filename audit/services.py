"""Writing access events. One INSERT per request: the case's board and reference are read by
subqueries inside it, so auditing a page costs it one query, whatever the case."""

from django.db.models import Subquery

from audit import audited
from audit.models import AccessEvent
from core.ids import parse_uuid
from reviews.models import Incident, Review


def _of(model, pk, field):
    return Subquery(model.objects.filter(pk=pk).order_by().values(field)[:1])


def _case_fields(case_from: str, case_id) -> dict:
    """The event's board, incident and reference for a case named by `case_from`."""
    if case_from == audited.BOARD:
        return {"board_id": case_id, "incident_id": None, "reference": ""}
    if case_from in (audited.INCIDENT, audited.LISTED_INCIDENTS):
        return {
            "board_id": _of(Incident, case_id, "board_id"),
            "incident_id": case_id,
            "reference": _of(Incident, case_id, "reference"),
        }
    if case_from == audited.REVIEW:
        return {
            "board_id": _of(Review, case_id, "board_id"),
            "incident_id": _of(Review, case_id, "incident_id"),
            "reference": _of(Review, case_id, "incident__reference"),
        }
    if case_from == audited.LISTED_REVIEWS:  # the review's `incident`: an incident id
        return _case_fields(audited.INCIDENT, case_id)
    raise ValueError(f"Unknown way to find a case: {case_from}")


def _object_id(url_kwargs: dict) -> str:
    """The most specific object in the address: its last argument (a finding, a rendering,
    an export's kind, a year)."""
    return str(list(url_kwargs.values())[-1]) if url_kwargs else ""


def access_record(*, actor, url_name: str, url_kwargs: dict, listed=(), method="GET") -> int:
    """Write the access events of `actor`'s successful view of `url_name`: one, or for an API
    list one per case in `listed` (the records it returned). Returns how many were written.

    Called by `audit.middleware.AccessEventMiddleware` after the view answered 2xx, so the
    case exists and `actor` may see it. No rule to check: this records what already happened.
    """
    entry = audited.AUDITED_URLS[url_name]
    if entry.case_from in (audited.LISTED_INCIDENTS, audited.LISTED_REVIEWS):
        key = entry.case_from.split(".", 1)[1]
        rows = [(parse_uuid(row.get(key)), str(row.get("id", ""))) for row in listed]
        events = [
            AccessEvent(
                user_id=actor.pk,
                url_name=url_name,
                object_id=object_id,
                method=method,
                **_case_fields(entry.case_from, case_id),
            )
            for case_id, object_id in rows
            if case_id is not None
        ]
        AccessEvent.objects.bulk_create(events)
        return len(events)
    case_id = url_kwargs.get(entry.case_from)
    if entry.case_from != audited.BOARD:
        case_id = parse_uuid(case_id)
    if case_id is None:
        return 0
    AccessEvent.objects.create(
        user_id=actor.pk,
        url_name=url_name,
        object_id=_object_id(url_kwargs),
        method=method,
        **_case_fields(entry.case_from, case_id),
    )
    return 1
