"""Every write of a deadline is announced in its transaction, so that reminders follow it
whichever service wrote it; a sync announces its writes once."""

import datetime as dt
import uuid

import pytest

from deadlines import changes, kinds
from deadlines.models import Deadline

D = dt.date


@pytest.fixture
def heard():
    calls = []

    def listen(sender, *, deadline_ids, **kwargs):
        calls.append(sorted(deadline_ids))

    changes.deadlines_changed.connect(listen, weak=False)
    yield calls
    changes.deadlines_changed.disconnect(listen)


def accreditation_deadline(**values) -> Deadline:
    return Deadline(
        kind="accreditation",
        owner_id=uuid.uuid4(),
        rulebook="accreditation",
        clock="annual_review",
        starts_on=D(2026, 1, 5),
        due_on=D(2027, 1, 5),
        **values,
    )


@pytest.mark.django_db
def test_a_save_an_update_and_a_bulk_write_are_each_announced(heard):
    deadline = accreditation_deadline()
    deadline.save()
    Deadline.objects.filter(pk=deadline.pk).update(met_on=D(2027, 1, 4))
    [other] = Deadline.objects.bulk_create([accreditation_deadline()])
    assert heard == [[deadline.pk], [deadline.pk], [other.pk]]


@pytest.mark.django_db
def test_a_batch_announces_its_writes_once_at_its_end(heard):
    with changes.batched():
        first, second = accreditation_deadline(), accreditation_deadline()
        first.save()
        second.save()
        first.save()
        assert heard == []
    assert heard == [sorted([first.pk, second.pk])]


@pytest.mark.django_db
def test_a_batch_that_fails_announces_nothing(heard):
    with pytest.raises(RuntimeError), changes.batched():
        accreditation_deadline().save()
        raise RuntimeError("the sync failed")
    assert heard == []


@pytest.mark.django_db
def test_rows_loaded_unannounced_are_not(heard):
    with changes.unannounced():
        Deadline.objects.bulk_create([accreditation_deadline()])
    assert heard == []


def test_every_kind_of_deadline_is_declared_by_its_app():
    declared = {kind.code: kind for kind in kinds.all_kinds()}
    assert set(declared) == {"clock", "action", "agency_request", "accreditation", "accuracy_check"}
    assert [code for code, kind in declared.items() if not kind.reminds_after_due] == [
        "accreditation"
    ]


def test_a_kind_cannot_be_declared_twice_differently():
    clock = kinds.get("clock")
    with pytest.raises(ValueError, match="declared twice"):
        kinds.register(kinds.Kind(**{**clock.__dict__, "label": "Another"}))
    kinds.register(clock)  # the same declaration again (a second ready) is harmless
