from django.apps import AppConfig


class HomeConfig(AppConfig):
    """The site: the home page, a board's page, the service status and the demo data."""

    name = "home"
    verbose_name = "Home"
