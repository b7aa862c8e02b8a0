from django.apps import AppConfig


class QualityConfig(AppConfig):
    """A board's self-assessment of a review against the quality markers of its kind (issue
    22): each marker judged, with the board's evidence and what the service already holds."""

    name = "quality"
    verbose_name = "Quality markers"
