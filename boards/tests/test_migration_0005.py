"""boards 0005 ends the appointments that outlived their holder's lead reviewer role (finding
13), as removing the role now does, and leaves the others alone."""

import datetime as dt
import importlib

import time_machine
from django.apps import apps
from django.db import connection

from boards.models import Membership
from boards.tests.factories import MembershipFactory
from reviews.models import ReviewerAppointment

migration = importlib.import_module("boards.migrations.0005_end_appointments_without_the_role")


def test_appointments_without_the_role_end_with_a_reason(board, business_manager, chair):
    from reviews.tests.factories import decide, log_incident

    with time_machine.travel(dt.datetime(2026, 6, 15, 12, tzinfo=dt.UTC), tick=False):
        incident = log_incident(actor=business_manager, board=board)
        decide(actor=chair, incident=incident)
        incident.refresh_from_db()
        kept, orphaned = (
            ReviewerAppointment.objects.create(
                review=incident.review,
                user=MembershipFactory(board=board, role="lead_reviewer").user,
                role=role,
                independence_declared=True,
                appointed_on=dt.date(2026, 4, 1),
            )
            for role in ("lead", "co_lead")
        )
        # The role removed before this release: no signal, the appointment left open.
        Membership.objects.filter(user=orphaned.user)._raw_delete(connection.alias)

        migration.end_appointments_without_the_role(apps, None)

    orphaned.refresh_from_db()
    kept.refresh_from_db()
    assert (orphaned.ended_on, kept.ended_on) == (dt.date(2026, 6, 15), None)
    change = orphaned.history.first()
    assert change.ended_on == dt.date(2026, 6, 15)
    assert change.history_change_reason == migration.REASON
    assert not kept.history.filter(ended_on__isnull=False).exists()
