from django.apps import AppConfig


class DeadlinesConfig(AppConfig):
    """Every dated obligation of the service, whatever owns it, and the working-day calendar.

    The kinds of deadline are declared by the apps that own them (`deadlines.kinds`); this
    layer knows none of them.
    """

    name = "deadlines"
