"""A record of the tasks a worker process under test runs (test_several_processes.py): a line
when a task starts and one when it ends, with the process and what the task returned, appended
to the file TASK_RECORD_FILE names.

The test reads it to find a worker busy rendering (to kill that one) and to count how often
each rendering was finished: the rows say only how the last run left a rendering, not whether
another worker rendered it too. Each line is one `write` on a file opened for appending, so
lines of processes at once never interleave and a line is on disk before the task goes on.
"""

import os

from celery.signals import task_postrun, task_prerun


def _append(*words) -> None:
    path = os.environ.get("TASK_RECORD_FILE")
    if not path:
        return
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    try:
        os.write(fd, (" ".join(str(word) for word in words) + "\n").encode())
    finally:
        os.close(fd)


@task_prerun.connect(weak=False)
def _started(task=None, args=(), **kwargs):
    _append("start", task.name, os.getpid(), *args)


@task_postrun.connect(weak=False)
def _ended(task=None, args=(), retval=None, **kwargs):
    _append("end", task.name, os.getpid(), *args, "->", retval)
