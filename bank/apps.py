from django.apps import AppConfig


class BankConfig(AppConfig):
    """The bank of completed reports: published reports of any board, their words read for the
    search, with their themes (issue 22)."""

    name = "bank"
    verbose_name = "Bank of completed reports"
