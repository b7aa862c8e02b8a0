from django.apps import AppConfig


class InsightConfig(AppConfig):
    """Dashboards: what is open, what is late, and how timely the board has been (issue 8)."""

    name = "insight"
