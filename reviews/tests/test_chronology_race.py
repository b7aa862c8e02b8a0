"""A second upload racing the first: both chronologies of the agency arrive at once, and the
review ends with one of them in force, whole, the other replaced and kept in the history. Against
the real PostgreSQL of CI: it needs row locks and real concurrency."""

import os
import threading

import pytest
from django.db import connections

from reviews.models import ChronologyEntry, ChronologyImport
from reviews.services import chronology
from reviews.tests.test_chronology_import import csv_bytes, row, upload

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("agency_day"),
    pytest.mark.skipif(
        not os.environ.get("DATABASE_URL", "").startswith("postgres"),
        reason="needs PostgreSQL's row locks: .ci/run has it",
    ),
]


def test_two_uploads_at_once_leave_one_import_in_force_whole(officer, review, police_request):
    files = {
        "first.csv": csv_bytes([row(f"0{n}/05/2016", f"First file, entry {n}") for n in (1, 2)]),
        "second.csv": csv_bytes(
            [row(f"0{n}/06/2016", f"Second file, entry {n}") for n in (1, 2, 3)]
        ),
    }
    start = threading.Barrier(len(files))
    errors = []

    def send(name):
        try:
            start.wait()
            chronology.chronology_import(
                actor=officer, review=review, request=police_request, file=upload(name, files[name])
            )
        except Exception as error:  # reported below, not lost in the thread
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=send, args=[name]) for name in files]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    in_force = ChronologyImport.objects.get(replaced_at__isnull=True)
    assert ChronologyImport.objects.filter(replaced_at__isnull=False).count() == 1
    current = ChronologyEntry.objects.all()  # withdrawn entries left out
    assert current.count() == in_force.rows
    assert set(current.values_list("imported_from", flat=True)) == {in_force.pk}
    assert ChronologyEntry.all_objects.count() == 5  # the replaced file's rows kept, withdrawn
