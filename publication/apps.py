from django.apps import AppConfig


class PublicationConfig(AppConfig):
    """Reports, the anonymisation check, publication and the learning library (issue 7)."""

    name = "publication"
