"""The nightly task and the command that runs the job by hand."""

import datetime as dt
from io import StringIO

import pytest
import time_machine
from django.conf import settings
from django.core.management import CommandError, call_command

from retention import tasks
from retention.models import RetentionRecord, RetentionRun
from retention.tests.factories import at, case_without_review
from reviews.models import IncidentPerson

D = dt.date
AFTER = D(2041, 3, 11)  # the day after the cases' retention ends


@pytest.fixture
def due_on_both_boards(board, business_manager, chair, other_board, other_board_people):
    manager, other_chair = other_board_people
    return [
        case_without_review(board=board, manager=business_manager, chair=chair, reference="A 1"),
        case_without_review(
            board=other_board, manager=manager, chair=other_chair, reference="B 1", subject="Z Q"
        ),
    ]


def test_the_task_is_in_the_nightly_schedule():
    entry = next(
        entry
        for entry in settings.CELERY_BEAT_SCHEDULE.values()
        if entry["task"] == "retention.tasks.anonymise_due_cases"
    )
    assert entry["schedule"].hour == {3}


def test_the_task_runs_every_board_once_each(due_on_both_boards, board, other_board):
    with time_machine.travel(at(AFTER), tick=False):
        assert tasks.anonymise_due_cases.apply().get() == 2
        assert tasks.anonymise_due_cases.apply().get() == 0
    assert RetentionRun.objects.filter(board=board).count() == 2
    assert RetentionRun.objects.filter(board=other_board).count() == 2
    assert set(RetentionRecord.objects.values_list("board", "case_reference")) == {
        (board.pk, "A 1"),
        (other_board.pk, "B 1"),
    }


def test_the_command_lists_what_is_due_without_changing_anything(due_on_both_boards, board):
    out = StringIO()
    with time_machine.travel(at(AFTER), tick=False):
        call_command("retention_run", "--dry-run", "--board", str(board.pk), stdout=out)
    assert "1 due" in out.getvalue() and "A 1 (kept until 2041-03-10)" in out.getvalue()
    assert "B 1" not in out.getvalue()
    assert not RetentionRun.objects.exists()
    assert IncidentPerson.objects.count() == 2


def test_the_command_runs_the_job_and_says_so(due_on_both_boards, board):
    out = StringIO()
    with time_machine.travel(at(AFTER), tick=False):
        call_command("retention_run", stdout=out)
    assert "1 of 1 due anonymised" in out.getvalue()
    assert set(RetentionRun.objects.values_list("trigger", flat=True)) == {"command"}
    assert not IncidentPerson.objects.exists()


@pytest.mark.parametrize("board_id", ["not-a-uuid", "00000000-0000-0000-0000-000000000000"])
def test_the_command_refuses_an_unknown_board(db, board_id):
    with pytest.raises(CommandError):
        call_command("retention_run", "--board", board_id, stdout=StringIO())
