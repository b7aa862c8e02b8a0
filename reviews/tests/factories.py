"""Incidents are made through the services, so that criteria and deadlines are as in use."""

import datetime as dt

from reviews.services import decisions, incidents

D = dt.date

INCIDENT_DEFAULTS = {
    "subject_kind": "child",
    "incident_on": D(2026, 3, 1),
    "la_aware_on": D(2026, 3, 2),
    "notified_on": D(2026, 3, 3),
    "notifier": "Children's services",
    "abuse_or_neglect_suspected": True,
    "died": True,
}
_counter = iter(range(1, 10**9))


def log_incident(*, actor, board, **values):
    fields = {**INCIDENT_DEFAULTS, "reference": f"Child {next(_counter)}", **values}
    return incidents.incident_log(actor=actor, board=board, **fields)


def decide(*, actor, incident, outcome="initiate_review", **values):
    defaults = {
        "rationale": "The criteria are met.",
        "decided_on": incident.notified_on + dt.timedelta(days=7),
        "review_type": incident.rules.statutory_review_types[0]
        if outcome == "initiate_review"
        else ("learning_review" if outcome == "alternative_review" else ""),
    }
    if incident.rules.case_review_group:  # SUSR: the group meets, then the chair decides
        defaults["case_review_group_on"] = values.get("decided_on", defaults["decided_on"])
    return decisions.decision_record(
        actor=actor, incident=incident, outcome=outcome, **{**defaults, **values}
    )


# The agencies' part (reviews/tests/conftest.py: the police and the health trust, a contributor
# of each, a request sent to each), on the agencies' working day `TODAY`.
TODAY = D(2026, 6, 15)
FIRST_OF_JULY = D(2026, 7, 1)


def invite(actor, review, agency, email, name="", job="return_author"):
    from reviews.services import contributions

    return contributions.contributor_invite(
        actor=actor, review=review, agency=agency, email=email, name=name, job=job
    )


def ask(actor, review, agency, asks="chronology", due_on=FIRST_OF_JULY, **values):
    from reviews.services import engagement

    return engagement.agency_request_add(
        actor=actor,
        review=review,
        agency=agency,
        asks=asks,
        details=values.pop("details", "Your contact with the family, 2024 to 2026"),
        requested_on=values.pop("requested_on", TODAY),
        due_on=due_on,
        **values,
    )
