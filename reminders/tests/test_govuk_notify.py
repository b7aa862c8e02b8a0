"""E-mail through GOV.UK Notify (core/notify.py) when its key is set: every queued e-mail goes
to Notify's API once, in our own words through the one template, and a failing Notify is
retried by the outbox as a failing mail server is.

Notify itself is played by a small HTTP server on this machine that checks what the real one
checks (a JWT signed with the key's secret, the template, the recipient)."""

import datetime as dt
import json
import subprocess
import sys
import threading
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import jwt
import pytest
import time_machine
from django.core import mail
from django.utils import timezone

from reminders.models import OutboxEmail
from reminders.services import backoff, deliver, email_queue

pytestmark = pytest.mark.django_db

SERVICE_ID, SECRET = str(uuid.uuid4()), str(uuid.uuid4())
API_KEY = f"case-reviews-test-{SERVICE_ID}-{SECRET}"
TEMPLATE_ID = str(uuid.uuid4())


class FakeNotify(BaseHTTPRequestHandler):
    def do_POST(self):
        server = self.server
        token = self.headers.get("Authorization", "").removeprefix("Bearer ")
        claims = jwt.decode(token, SECRET, algorithms=["HS256"])
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        server.received.append((self.path, claims["iss"], body))
        status = server.answers.pop(0) if server.answers else 201
        payload = {"id": str(uuid.uuid4())} if status == 201 else {
            "status_code": status,
            "errors": [{"error": "Exception", "message": "Internal server error"}],
        }  # fmt: skip
        data = json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args):
        pass


@pytest.fixture
def notify_api(settings):
    server = ThreadingHTTPServer(("127.0.0.1", 0), FakeNotify)
    server.received, server.answers = [], []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.EMAIL_BACKEND = "core.notify.NotifyEmailBackend"
    settings.GOVUK_NOTIFY_API_KEY = API_KEY
    settings.GOVUK_NOTIFY_TEMPLATE_ID = TEMPLATE_ID
    settings.GOVUK_NOTIFY_BASE_URL = f"http://127.0.0.1:{server.server_port}"
    yield server
    server.shutdown()
    server.server_close()


def test_a_queued_email_goes_to_notify_once_in_our_words(notify_api):
    email_queue(
        to=["chair@example.org", "manager@example.org"],
        subject="Reminder: Child Q, rapid review due",
        body="The rapid review of Child Q is due on 4 March 2026.\n\nhttps://example.org/r/1/",
    )
    assert deliver() == 2
    assert deliver() == 0  # nothing sent twice
    assert sorted(body["email_address"] for _, _, body in notify_api.received) == [
        "chair@example.org",
        "manager@example.org",
    ]
    path, issuer, body = notify_api.received[0]
    assert (path, issuer, body["template_id"]) == (
        "/v2/notifications/email",
        SERVICE_ID,
        TEMPLATE_ID,
    )
    assert body["personalisation"] == {
        "subject": "Reminder: Child Q, rapid review due",
        "body": "The rapid review of Child Q is due on 4 March 2026.\n\nhttps://example.org/r/1/",
    }
    assert set(OutboxEmail.objects.values_list("status", flat=True)) == {"delivered"}
    assert mail.outbox == []  # not the test backend


def test_notify_failing_is_retried_by_the_outbox_and_sent_once_it_recovers(notify_api):
    notify_api.answers = [500]
    start = timezone.now()
    with time_machine.travel(start, tick=False) as clock:
        email_queue(to=["chair@example.org"], subject="Reminder", body="Due tomorrow.")
        assert deliver() == 0
        email = OutboxEmail.objects.get()
        assert (email.status, email.attempts) == ("queued", 1)
        assert "500" in email.last_error
        assert email.next_attempt_at == start + backoff(1)
        clock.shift(backoff(1) + dt.timedelta(seconds=1))
        assert deliver() == 1
    email.refresh_from_db()
    assert (email.status, email.attempts) == ("delivered", 2)
    assert len(notify_api.received) == 2  # the failed try and the one that went


def test_notify_is_chosen_when_its_key_is_set_and_asks_for_its_template():
    def settings_with(**environment) -> subprocess.CompletedProcess:
        code = "from django.conf import settings; print(settings.EMAIL_BACKEND)"
        return subprocess.run(
            [sys.executable, "-c", f"import django; django.setup(); {code}"],
            env={"DJANGO_SETTINGS_MODULE": "config.settings", "DEBUG": "true", "DOTENV": "none",
                 "PATH": "/usr/bin:/bin", **environment},
            capture_output=True, text=True, check=False,
        )  # fmt: skip

    without = settings_with()
    assert without.stdout.strip() == "django.core.mail.backends.console.EmailBackend"
    chosen = settings_with(GOVUK_NOTIFY_API_KEY=API_KEY, GOVUK_NOTIFY_TEMPLATE_ID=TEMPLATE_ID)
    assert chosen.stdout.strip() == "core.notify.NotifyEmailBackend"
    no_template = settings_with(GOVUK_NOTIFY_API_KEY=API_KEY)
    assert no_template.returncode != 0
    assert "GOVUK_NOTIFY_TEMPLATE_ID" in no_template.stderr
    assert SECRET not in no_template.stderr  # the key is never echoed


def test_a_message_notify_cannot_send_whole_is_refused_not_sent_short(notify_api):
    from django.core.mail import EmailMessage

    message = EmailMessage("Letter", "Attached.", None, ["chair@example.org"])
    message.attach("letter.pdf", b"%PDF-1.7", "application/pdf")
    with pytest.raises(ValueError, match="no attachments"):
        message.send()
    assert notify_api.received == []
