from django.apps import AppConfig


class SharingConfig(AppConfig):
    """Sharing the learning (issue 22): what a board did to take its published reviews'
    findings to practitioners, whom it reached, and the learning brief sent to its agencies."""

    name = "sharing"
    verbose_name = "Sharing learning"
