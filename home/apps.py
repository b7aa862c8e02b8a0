from django.apps import AppConfig


class HomeConfig(AppConfig):
    """The site: the home page, a board's page, the service status and the demo data."""

    name = "home"
    verbose_name = "Home"

    def ready(self):
        # The table of who may do what (core.permissions is its mechanism).
        from home import policy  # noqa: F401
