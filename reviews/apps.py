from django.apps import AppConfig


class ReviewsConfig(AppConfig):
    """Incidents, decisions, the statutory clock and the reviews themselves."""

    name = "reviews"
    verbose_name = "Incidents and reviews"
