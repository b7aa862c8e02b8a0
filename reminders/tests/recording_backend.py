"""A mail backend for worker processes under test (test_kill_workers.py): each message it
takes is one line appended to the file EMAIL_RECORD_FILE names, so that the test can count
what reached the "mail server" whatever happened to the worker afterwards.

A line is written with one `write` on a file opened for appending (atomic for a short line,
and on disk for the test to read once the call returns, even if the process is then killed).
EMAIL_RECORD_DELAY seconds for each message stand for the mail server's round trips, half
before it takes the message and half after (its answer), so that kills land in the middle of a
batch, both before a message is taken and after it was taken but before the worker knew.
"""

import os
import re
import time

from django.core.mail.backends.base import BaseEmailBackend

LINK = re.compile(r"/reminders/(\d+)/")


def key_of(message) -> str:
    """What the message is: "reminder <id>" by its link, else "email <subject>"."""
    found = LINK.search(message.body)
    return f"reminder {found.group(1)}" if found else f"email {message.subject}"


class AppendingBackend(BaseEmailBackend):
    def send_messages(self, messages):
        path = os.environ["EMAIL_RECORD_FILE"]
        delay = float(os.environ.get("EMAIL_RECORD_DELAY", "0"))
        for message in messages:
            time.sleep(delay / 2)
            fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
            try:
                os.write(fd, f"{key_of(message)}\n".encode())
            finally:
                os.close(fd)
            time.sleep(delay / 2)
        return len(messages)
