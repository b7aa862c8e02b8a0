from django.apps import AppConfig


class InsightConfig(AppConfig):
    """Dashboards: what is open, what is late, and how timely the board has been (issue 8)."""

    name = "insight"

    def ready(self):
        from insight.services import ANNUAL_REPORTS
        from publication import jobs

        jobs.register(ANNUAL_REPORTS)
