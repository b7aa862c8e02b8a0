from django.apps import AppConfig


class RemindersConfig(AppConfig):
    """Reminders of every deadline: planned as rows, swept by beat, sent through an outbox."""

    name = "reminders"
