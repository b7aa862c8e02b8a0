from django.apps import AppConfig


class AccreditationConfig(AppConfig):
    """Trainee cohorts, supervision, assessment and the reviewer directory (issue 6)."""

    name = "accreditation"
