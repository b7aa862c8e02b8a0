"""Settings of the web, worker and beat processes test_several_processes.py starts: the worker
test settings (e-mails appended to a file: reminders/tests/worker_settings.py), with the tasks
each worker runs recorded (task_record.py), on a queue of the test's own."""

import os

from home.tests import task_record  # noqa: F401 - connects the record of tasks
from reminders.tests.worker_settings import *  # noqa: F403

# Every process of the test sends and takes its tasks on this queue, so that another test or a
# `make run` worker on the same Redis never takes one of them, nor they one of theirs.
CELERY_TASK_DEFAULT_QUEUE = os.environ["CELERY_TEST_QUEUE"]
# Only the periodic tasks the test is about: a nightly re-plan or digest falling due during a
# run would add e-mails that were not made due by the test.
CELERY_BEAT_SCHEDULE = {
    name: CELERY_BEAT_SCHEDULE[name]  # noqa: F405
    for name in ("heartbeat", "reminders-sweep", "reminders-deliver", "renderings-retry-abandoned")
}
