from django.apps import AppConfig


class AuditConfig(AppConfig):
    """Who looked at which case, and when: an access event for every view or download of a
    case record or report (issue 9)."""

    name = "audit"
