"""What the apps register when they load, present in every process, not only in development:
the receivers of the signals of the apps below them (docs/architecture.md), and the policy
table with its scopes.

A receiver defined inside `AppConfig.ready` and connected by weak reference is collected as
soon as `ready` returns; with DEBUG on, Django's cache of function signatures happened to keep
it alive, so development and the tests saw it work while production had no receiver at all.
Here the cache is emptied and the garbage collected, as production would, before asking.
"""

import gc

import pytest
from django.db.models.signals import post_delete
from django.utils import inspect as django_inspect

from accreditation.models import Accreditation
from bank.signals import names_in_report
from boards.models import Membership
from core.access import access_at_stake, access_lost
from deadlines.changes import deadlines_changed
from reviews.models import Action, AgencyRequest, Incident
from reviews.signals import planned_publication, reviewer_standing


@pytest.fixture
def as_in_production():
    django_inspect._get_func_parameters.cache_clear()
    gc.collect()


@pytest.mark.parametrize(
    ("signal", "sender", "answered_by"),
    [
        (access_lost, None, {"reviews.end_appointments", "reminders.withdraw_reminders"}),
        (access_at_stake, None, {"reviews.appointments_at_stake"}),
        (reviewer_standing, None, {"accreditation.reviewer_standing"}),
        (planned_publication, None, {"publication.planned_publication"}),
        (names_in_report, None, {"publication.names_in_report"}),
        (post_delete, Membership, {"boards.end_sessions_of_removed_member"}),
        (deadlines_changed, None, {"reminders.plan"}),
        (post_delete, Incident, {"reviews.remove_deadlines_of_case"}),
        (post_delete, Action, {"reviews.remove_deadline_of_action"}),
        (post_delete, AgencyRequest, {"reviews.remove_deadline_of_agencyrequest"}),
        (post_delete, Accreditation, {"accreditation.remove_deadlines"}),
    ],
)
def test_every_signal_keeps_its_receivers(as_in_production, signal, sender, answered_by):
    signal._live_receivers(sender)  # which also forgets the receivers that were collected
    connected = {key[0] for key, *_ in signal.receivers}  # their dispatch_uid
    assert answered_by <= connected


def test_the_service_refuses_to_start_without_its_policy_table(monkeypatch):
    from core import permissions

    assert permissions.check_policy_loaded() == []
    monkeypatch.setattr(permissions, "URL_POLICY", {})
    monkeypatch.delitem(permissions._scopes, "review")
    assert [error.id for error in permissions.check_policy_loaded()] == ["core.E001", "core.E002"]
