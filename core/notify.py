"""Sending e-mail through GOV.UK Notify, the public sector's e-mail service, when its key is
set (settings GOVUK_NOTIFY_*), with Notify's own Python client.

Our e-mails stay ours: the Notify service holds one template whose subject is `((subject))`
and whose body is `((body))`, and each message fills them in. Notify takes one recipient a
call and no copies or attachments; a message that has them is refused rather than sent short.
Any error (Notify down, a refused key, a bad address) is raised, so that the outbox
(reminders/services.py) retries it with backoff and records it, as it does for SMTP."""

from django.conf import settings
from django.core.mail.backends.base import BaseEmailBackend
from notifications_python_client.notifications import NotificationsAPIClient


class NotifyEmailBackend(BaseEmailBackend):
    def __init__(self, fail_silently=False, **kwargs):
        super().__init__(fail_silently=fail_silently, **kwargs)
        self.client = None

    def open(self):
        if self.client is None:
            self.client = NotificationsAPIClient(
                settings.GOVUK_NOTIFY_API_KEY,
                base_url=settings.GOVUK_NOTIFY_BASE_URL,
                timeout=settings.EMAIL_TIMEOUT,
            )
        return False

    def close(self):
        self.client = None

    def send_messages(self, email_messages) -> int:
        self.open()
        sent = 0
        for message in email_messages:
            try:
                self._send(message)
            except Exception:
                if not self.fail_silently:
                    raise
            else:
                sent += 1
        return sent

    def _send(self, message) -> None:
        if message.cc or message.bcc or message.attachments:
            raise ValueError("GOV.UK Notify sends no copies and no attachments")
        for address in message.to:
            self.client.send_email_notification(
                email_address=address,
                template_id=settings.GOVUK_NOTIFY_TEMPLATE_ID,
                personalisation={"subject": message.subject, "body": message.body},
                email_reply_to_id=settings.GOVUK_NOTIFY_REPLY_TO_ID or None,
            )
