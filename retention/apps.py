from django.apps import AppConfig


class RetentionConfig(AppConfig):
    """Retention of case records: each board's period, and the nightly anonymisation of closed
    cases past it, with a record of what was done (issue 9)."""

    name = "retention"
    verbose_name = "Retention of case records"
