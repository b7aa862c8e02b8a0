"""Access events: one row per view or download of a case record or report."""

from django.conf import settings
from django.db import models
from django.utils import timezone


class AccessEvent(models.Model):
    """Someone opened a page, a download or an API object of a case (or of the whole board).

    Written only by `audit.middleware.AccessEventMiddleware`, never changed. It names the case
    by its id and reference and the page by its URL name and the id in its address: no name,
    no free text. The reference stays when retention deletes the case (`incident` is then
    null), so the trail outlives the record.
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    board = models.ForeignKey(
        "boards.Board", on_delete=models.PROTECT, related_name="access_events"
    )
    # Null for board-wide views (the CSV exports, the annual report) and for a deleted case.
    incident = models.ForeignKey(
        "reviews.Incident",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="access_events",
    )
    reference = models.CharField("case reference", max_length=60, blank=True)
    url_name = models.CharField(max_length=100)
    # The most specific object in the address (a finding's id, a rendering's id, an export's
    # kind, a year); for an API list, the listed record's id.
    object_id = models.CharField(max_length=64, blank=True)
    method = models.CharField(max_length=10, default="GET")
    at = models.DateTimeField(default=timezone.now)

    board_lookup = "board_id"
    holds_case_data = True

    class Meta:
        ordering = ["-at", "-pk"]
        indexes = [
            models.Index(fields=["incident", "-at"], name="access_event_case_idx"),
            models.Index(fields=["board", "-at"], name="access_event_board_idx"),
        ]

    def __str__(self):
        return f"{self.url_name} at {self.at:%Y-%m-%d %H:%M}"
