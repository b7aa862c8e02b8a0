"""The board's own timescales: a length for each clock that no primary source fixes.

Statute and statutory guidance give some clocks no length (the Welsh SUSR's, the Home Office
notice of a DHR decision) and others a length not confirmed in the text (marked
`confirmed=False`). The board decides its own; its open cases' clocks move with the decision.
"""

from django.core.exceptions import ValidationError
from django.db import transaction

from boards.models import Board, Timescale
from core import permissions
from core.history import acting_as
from guidance import rulebooks
from reviews.models import Incident
from reviews.services.clocks import deadlines_sync


@transaction.atomic
def timescale_set(
    *, actor, board: Board, rulebook: str, clock: str, length: int, unit: str, reason: str
) -> Timescale:
    """Set (or change) the board's length for one clock; its open cases' clocks follow."""
    permissions.require(actor, "timescales.manage", board)
    edition = rulebooks.RULEBOOKS.get(rulebook)
    default = edition.clock(clock) if edition else None
    if (
        default is None
        or edition not in rulebooks.EDITIONS.get(board.regime, ())
        or not default.board_may_set
    ):
        raise ValidationError("This board cannot set the length of that clock")
    if unit not in Timescale.Unit.values:
        raise ValidationError({"unit": "Select working days, days or calendar months"})
    if not (reason or "").strip():
        raise ValidationError({"reason": "Enter why the board chose this time"})
    board = Board.objects.select_for_update().get(pk=board.pk)
    timescale = Timescale.objects.filter(board=board, rulebook=rulebook, clock=clock).first()
    if timescale is None:
        timescale = Timescale(board=board, rulebook=rulebook, clock=clock)
    timescale.length, timescale.unit, timescale.reason = length, unit, reason.strip()
    timescale.full_clean()
    acting_as(timescale, actor).save()
    for incident in Incident.objects.filter(board=board, rulebook=rulebook).select_related("board"):
        deadlines_sync(incident=incident, actor=actor)
    return timescale
