from django.apps import AppConfig


class ReviewsConfig(AppConfig):
    """Incidents, decisions, the statutory clock and the reviews themselves (issues 3 and 4)."""

    name = "reviews"
