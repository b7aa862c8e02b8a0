"""Several processes at once (issue 21, item 4): two web processes, three Celery workers and two
beat schedulers against the real PostgreSQL and Redis (.ci/run), over due reminders and PDF
renderings, with one worker killed by SIGKILL while it renders.

The reminders fall due once every process is up, and are left for beat: both beats ask for a
sweep every 2 seconds, the sweeps run at once on any worker, and the one that claims them asks
for their delivery (DESIGN.md section 5). While their e-mails go out, the renderings are asked
for through the web processes' API, as other systems ask (202, queued after the commit). The
web processes also answer /healthz and /readyz (a worker ran beat's heartbeat) and a signed-in
report page, and hand over the finished PDFs, from the one database and file store. Midway,
the worker found rendering is killed with its process group: it leaves that rendering
"rendering", as a worker that dies does.

Then the test counts: each reminder e-mailed exactly once (recording_backend.py's file), each
rendering finished once (task_record.py's file: no rendering made twice, whoever took it) and
one PDF file for each. The killed worker's rendering is not run again behind anyone's back
while it may still be running (`publication.jobs.claim` takes only a queued one, and the beats'
sweeps leave a rendering alone for 15 minutes: no rendering task lives that long, its time
limit is at most half of it). Past that, the service finishes it by itself, once (docs/runbook.md,
"Processes"): a sweep that both beats ask for every 2 seconds fails it as abandoned and queues
one replacement, which a worker finishes. The test moves that rendering's start back 15
minutes rather than wait them; no one asks again.

The test lives here, in the app that brings the others together, because it is about all of
them: reminders, publication, the health checks and the web.
"""

import contextlib
import datetime as dt
import os
import signal
import socket
import subprocess
import sys
import time
import uuid
from collections import Counter
from pathlib import Path

import pytest
import requests
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from publication import jobs
from publication.models import Rendering
from reminders.models import Reminder
from reminders.tests.processes import (
    ROOT,
    STARTS_PROCESSES,
    database_url,
    due_reminders,
    forget_queue,
    lines,
)

pytestmark = [*STARTS_PROCESSES, pytest.mark.pdf]

WORKERS, WEBS, BEATS = 3, 2, 2
REVIEWS = 4  # a report and a learning brief each: 8 renderings, a few seconds each on 2 cores
DEADLINES = 30  # 3 recipients each: 90 reminders
# Every wait of the run shares this bound, from the moment the processes are started.
RUN_SECONDS = 120
RENDER = "publication.tasks.render"
RETRY = "publication.tasks.retry_abandoned"
Kind = Rendering.Kind
State = Rendering.State


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Service:
    """The processes of the service, each in a process group of its own (so that a kill takes
    a worker's pool with it, and nothing is left behind), logging to files in `folder`."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.queue = f"processes-test-{uuid.uuid4().hex}"
        self.emails = folder / "sent.log"
        self.tasks = folder / "tasks.log"
        self.env = {
            **os.environ,
            "DATABASE_URL": database_url(),
            "DJANGO_SETTINGS_MODULE": "home.tests.process_settings",
            "CELERY_TEST_QUEUE": self.queue,
            "PRIVATE_STORAGE_ROOT": str(settings.PRIVATE_STORAGE_ROOT),
            "EMAIL_RECORD_FILE": str(self.emails),
            # Slow enough that the e-mails are still going out while the PDFs render.
            "EMAIL_RECORD_DELAY": "0.1",
            "TASK_RECORD_FILE": str(self.tasks),
            "REMINDER_SWEEP_SECONDS": "2",
            "RENDER_SWEEP_SECONDS": "2",
            "HEARTBEAT_INTERVAL_SECONDS": "2",
            "LOG_LEVEL": "WARNING",
        }
        self.processes: dict[str, subprocess.Popen] = {}
        self.webs: list[str] = []
        self.started = time.monotonic()

    def start(self, name: str, *arguments: str, **env: str):
        with (self.folder / f"{name}.log").open("wb") as log:
            self.processes[name] = subprocess.Popen(  # noqa: S603 - our own interpreter
                [sys.executable, "-m", *arguments],
                cwd=ROOT,
                env={**self.env, **env},
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )

    def start_all(self):
        self.started = time.monotonic()
        for number in range(WORKERS):
            self.start(
                f"worker{number}",
                *("celery", "-A", "config", "worker", "--concurrency", "1"),
                *("--hostname", f"{self.queue}-{number}@%h", "--loglevel", "WARNING"),
                *("--without-gossip", "--without-mingle", "--without-heartbeat"),
            )
        for number in range(WEBS):
            port = free_port()
            self.webs.append(f"http://127.0.0.1:{port}")
            self.start(
                f"web{number}",
                *("gunicorn", "config.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", "1"),
                *("--log-level", "warning"),
            )
        for number in range(BEATS):
            self.start(
                f"beat{number}",
                *("celery", "-A", "config", "beat", "--max-interval", "1"),
                *("--schedule", str(self.folder / f"beat{number}-schedule")),
                *("--pidfile", str(self.folder / f"beat{number}.pid")),
                # INFO: each task it sends is logged, so that the test sees both beats at work.
                # Celery logs through Django's LOGGING (django-guid's integration), whose level
                # is LOG_LEVEL's, not --loglevel's.
                *("--loglevel", "INFO"),
                LOG_LEVEL="INFO",
            )

    def kill(self, name: str):
        os.killpg(self.processes[name].pid, signal.SIGKILL)
        self.processes[name].wait(timeout=10)

    def running(self) -> set[str]:
        return {name for name, process in self.processes.items() if process.poll() is None}

    def stop(self):
        for process in self.processes.values():
            with contextlib.suppress(ProcessLookupError):  # the whole group has exited
                os.killpg(process.pid, signal.SIGKILL)  # the group: pool children, gunicorn's
        for process in self.processes.values():
            process.wait(timeout=10)
        forget_queue(self.queue)

    def logs(self) -> str:
        """The end of each process's log, for a failure's message."""
        tails = []
        for name in self.processes:
            text = (self.folder / f"{name}.log").read_text(errors="replace").splitlines()
            tails.append(f"--- {name}\n" + "\n".join(text[-15:]))
        return "\n".join(tails)

    def wait_until(self, condition, what: str):
        while not condition():
            if time.monotonic() - self.started > RUN_SECONDS:
                pytest.fail(f"Not within {RUN_SECONDS} s: {what}\n{self.logs()}")
            time.sleep(0.1)


class TaskRecord:
    """The lines task_record.py appended: which process ran which task, with what result."""

    def __init__(self, path: Path):
        self.started: list[tuple[str, int, str]] = []  # (task, process, arguments)
        self.ended: list[tuple[str, int, str, str]] = []  # ... and what it returned
        for line in lines(path):
            event, task, pid, *rest = line.split()
            arguments = " ".join(rest[: rest.index("->")] if event == "end" else rest)
            if event == "start":
                self.started.append((task, int(pid), arguments))
            else:
                self.ended.append((task, int(pid), arguments, rest[-1]))

    def rendering_now(self) -> list[tuple[int, str]]:
        """(process, rendering) of each rendering task started and not ended."""
        ended = {(pid, rendering) for task, pid, rendering, _ in self.ended if task == RENDER}
        return [
            (pid, rendering)
            for task, pid, rendering in self.started
            if task == RENDER and (pid, rendering) not in ended
        ]

    def finished(self) -> Counter:
        """How often each rendering was taken and made (ready, or failed with its reason);
        a task given a rendering no longer queued returns None, having made nothing."""
        return Counter(
            rendering
            for task, _, rendering, state in self.ended
            if task == RENDER and state != "None"
        )

    def runs(self, task: str) -> list[str]:
        """What each finished run of `task` returned, in the order they ended."""
        return [result for name, _, _, result in self.ended if name == task]

    def total(self, task: str) -> int:
        """The sum of what the runs of `task` returned (how many they swept, delivered)."""
        return sum(int(result) for name, _, _, result in self.ended if name == task)


@pytest.fixture
def reviews(business_manager, chair, board):
    """REVIEWS reviews of the board, each with a report written (publication.sample)."""
    from core.tests.factories import UserFactory
    from publication import sample
    from reviews.tests.factories import decide, log_incident

    supervisor = UserFactory(is_accreditation_staff=True)
    made = []
    for _ in range(REVIEWS):
        incident = log_incident(actor=business_manager, board=board)
        decide(actor=chair, incident=incident, decided_on=incident.notified_on)
        review = type(incident).objects.get(pk=incident.pk).review
        review.supervisor = supervisor
        review.save()
        sample.fill_review(review, supervisor=supervisor, chair=chair)
        made.append(review)
    return made


def ask_to_render(web: str, key: str, review, kind: str) -> str:
    """Ask for a rendering as another system does: the API, through one web process."""
    answer = requests.post(
        web + reverse("api:review-report-render", kwargs={"review_id": review.pk}),
        json={"kind": kind},
        headers={"Authorization": f"Token {key}"},
        timeout=30,
    )
    assert answer.status_code == 202, answer.text
    return answer.json()["id"]


def answers(url: str, **kwargs) -> int | None:
    try:
        return requests.get(url, timeout=10, allow_redirects=False, **kwargs).status_code
    except requests.ConnectionError:  # not listening yet
        return None


def test_web_workers_and_beats_at_once_with_a_worker_killed_mid_rendering(
    reviews, business_manager, chair, member, board, tmp_path
):
    from core.tests.clients import VerifiedClient
    from core.tests.factories import api_key_for

    # After the reviews: their own clocks' reminders are not the ones counted. Not due until
    # every process is up, so that the e-mails go out beside the renderings, not before them.
    expected = due_reminders(
        board,
        (business_manager, chair, member),
        deadlines=DEADLINES,
        send_at=timezone.now() + dt.timedelta(days=1),
    )
    key = api_key_for(business_manager)
    browser = VerifiedClient()
    browser.force_login(business_manager)
    cookies = {settings.SESSION_COOKIE_NAME: browser.cookies[settings.SESSION_COOKIE_NAME].value}
    service = Service(tmp_path)
    try:
        service.start_all()
        webs = service.webs
        service.wait_until(
            lambda: all(answers(web + "/healthz") == 200 for web in webs),
            "both web processes answer /healthz",
        )
        service.wait_until(
            lambda: all(answers(web + "/readyz") == 200 for web in webs),
            "both web processes ready (a worker ran beat's heartbeat)",
        )
        # The reminders fall due; the PDFs are asked for once their e-mails are going out
        # (one delivery, on one worker), so that the other workers render them meanwhile.
        Reminder.objects.update(send_at=timezone.now() - dt.timedelta(minutes=1))
        service.wait_until(lambda: lines(service.emails), "beat's sweep and a delivery")
        asked = {
            ask_to_render(webs[number % WEBS], key, review, kind): (review, kind)
            for number, (review, kind) in enumerate(
                (review, kind) for review in reviews for kind in (Kind.REPORT, Kind.BRIEF)
            )
        }

        def claimed_rendering():
            """A worker rendering: its task started and the rendering claimed (not queued)."""
            for pid, rendering in TaskRecord(service.tasks).rendering_now():
                if Rendering.objects.filter(pk=rendering, state=State.RENDERING).exists():
                    return pid, rendering
            return None

        service.wait_until(claimed_rendering, "a worker rendering")
        pid, victim = claimed_rendering()
        worker = next(
            name for name, process in service.processes.items() if process.pid == os.getpgid(pid)
        )
        sent_before_the_kill = len(lines(service.emails))
        service.kill(worker)
        # It died in the rendering, not after it (nor in an e-mail taken since).
        assert (pid, victim) in TaskRecord(service.tasks).rendering_now()

        service.wait_until(
            lambda: not Reminder.objects.exclude(email_status=Reminder.Email.DELIVERED).exists(),
            "every reminder delivered",
        )
        others = Rendering.objects.exclude(pk=victim)
        service.wait_until(
            lambda: not others.exclude(state=State.READY).exists(),
            "every rendering but the killed worker's finished",
        )
        # Not run again, nor taken up by the sweeps both beats have been asking for meanwhile.
        assert Rendering.objects.get(pk=victim).state == State.RENDERING
        assert not Rendering.objects.filter(retry_of=victim).exists()
        assert TaskRecord(service.tasks).runs(RETRY) and TaskRecord(service.tasks).total(RETRY) == 0

        # Fifteen minutes on (the time after which no rendering task can still be running),
        # a sweep fails it as abandoned and queues it again, and a worker finishes that.
        Rendering.objects.filter(pk=victim).update(
            started_at=Rendering.objects.get(pk=victim).started_at
            - jobs.ABANDONED_AFTER
            - dt.timedelta(minutes=1)
        )
        service.wait_until(
            lambda: Rendering.objects.filter(retry_of=victim, state=State.READY).exists(),
            "the killed worker's rendering queued again by beat's sweep and finished",
        )
        again = str(Rendering.objects.get(retry_of=victim).pk)
        # A few more sweeps, to see that none takes anything up again.
        swept = len(TaskRecord(service.tasks).runs(RETRY))
        service.wait_until(
            lambda: len(TaskRecord(service.tasks).runs(RETRY)) >= swept + BEATS,
            "more sweeps after the one that took it up",
        )

        # Both web processes serve the one database and file store: ready (the heartbeat, run
        # by the workers left), the report page signed in, and every PDF.
        service.wait_until(
            lambda: all(answers(web + "/readyz") == 200 for web in webs),
            "both web processes ready after the kill",
        )
        for web in webs:
            for review in reviews:
                page = reverse("publication:report", args=[board.pk, review.pk])
                assert answers(web + page, cookies=cookies) == 200, (web, page)
        ready = list(Rendering.objects.filter(state=State.READY).select_related("report"))
        for number, rendering in enumerate(ready):
            address = webs[number % WEBS] + reverse(
                "publication:rendering_download",
                args=[board.pk, rendering.report.review_id, rendering.pk],
            )
            pdf = requests.get(address, cookies=cookies, timeout=30)
            assert pdf.status_code == 200, address
            assert pdf.content.startswith(b"%PDF-")
        assert service.running() == set(service.processes) - {worker}, service.logs()
        took = time.monotonic() - service.started
    finally:
        service.stop()

    # Every reminder e-mailed exactly once: claimed by one sweep of the many both beats asked
    # for, sent by one delivery, whatever was killed meanwhile.
    assert 0 < sent_before_the_kill < len(expected)  # midway
    for number in range(BEATS):
        assert "reminders-sweep" in (tmp_path / f"beat{number}.log").read_text()
    record = TaskRecord(service.tasks)
    assert record.total("reminders.tasks.sweep") == len(expected)
    assert record.total("reminders.tasks.deliver") == len(expected)
    sent = Counter(lines(service.emails))
    assert set(sent) == expected
    assert sent.most_common(1)[0][1] == 1, sent.most_common(3)
    assert set(
        Reminder.objects.values_list("status", "email_status", "email_attempts").distinct()
    ) == {(Reminder.Status.SENT, Reminder.Email.DELIVERED, 1)}

    # Every rendering asked for finished once: one PDF of each (review, kind), rendered by one
    # worker once; the killed worker's try failed as abandoned, never finished, and recorded
    # with its one replacement (its second try), queued by one of the many sweeps.
    finished = record.finished()
    assert len(ready) == len(asked) == REVIEWS * 2
    assert Counter((r.report.review_id, r.kind) for r in ready) == Counter(
        (review.pk, kind) for review, kind in asked.values()
    )
    assert {str(r.pk): finished[str(r.pk)] for r in ready} == {str(r.pk): 1 for r in ready}
    assert finished[victim] == 0
    abandoned, retried = Rendering.objects.get(pk=victim), Rendering.objects.get(pk=again)
    assert (abandoned.state, abandoned.failure_reason, abandoned.attempt) == (
        State.FAILED,
        jobs.ABANDONED_RETRIED,
        1,
    )
    assert (retried.state, retried.attempt, retried.retry_of_id) == (
        State.READY,
        2,
        uuid.UUID(victim),
    )
    assert (retried.report_id, retried.kind) == (abandoned.report_id, abandoned.kind)
    assert record.total(RETRY) == 1
    for number in range(BEATS):
        assert "renderings-retry-abandoned" in (tmp_path / f"beat{number}.log").read_text()
    assert set(Rendering.objects.exclude(state=State.READY).values_list("pk", flat=True)) == {
        uuid.UUID(victim)
    }
    # One file for each: a rendering made twice would have left a second.
    files = sorted(
        path.relative_to(settings.PRIVATE_STORAGE_ROOT).as_posix()
        for path in (Path(settings.PRIVATE_STORAGE_ROOT) / "reports").iterdir()
    )
    assert files == sorted(r.pdf.name for r in ready)
    print(f"run of the processes: {took:.1f} s; {sent_before_the_kill} e-mails before the kill")
