"""The board's own timescales: a length for each clock that no primary source fixes.

Statute and statutory guidance give some clocks no length (the Welsh SUSR's, the Home Office
notice of a DHR decision) and others a length not confirmed in the text (marked
`confirmed=False`). The board decides its own; its open cases' clocks move with the decision.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from boards.models import Board, Timescale
from core import permissions
from core.history import acting_as
from deadlines.kinds import STATUTORY
from deadlines.models import Deadline
from guidance import rulebooks
from guidance.methodologies import CLOSED_STAGE
from reviews.models import Incident
from reviews.services.clocks import deadlines_sync


@transaction.atomic
def timescale_set(
    *, actor, board: Board, rulebook: str, clock: str, length: int, unit: str, reason: str
) -> Timescale:
    """Set (or change) the board's length for one clock; the cases whose clock is not yet met
    follow, unless their review is closed."""
    permissions.require(actor, "timescales.manage", board)
    edition = rulebooks.RULEBOOKS.get(rulebook)
    default = edition.clock(clock) if edition else None
    if (
        default is None
        or edition not in rulebooks.EDITIONS.get(board.regime, ())
        or not default.board_may_set
    ):
        raise ValidationError(_("This board cannot set the length of that clock"))
    if unit not in Timescale.Unit.values:
        raise ValidationError({"unit": _("Select working days, days or calendar months")})
    if not (reason or "").strip():
        raise ValidationError({"reason": _("Enter why the board chose this time")})
    # The caller's board forgets the lengths it read: its next rules are the new ones.
    board.__dict__.pop("_timescales", None)
    board = Board.objects.select_for_update().get(pk=board.pk)
    timescale = Timescale.objects.filter(board=board, rulebook=rulebook, clock=clock).first()
    if timescale is None:
        timescale = Timescale(board=board, rulebook=rulebook, clock=clock)
    timescale.length, timescale.unit, timescale.reason = length, unit, reason.strip()
    timescale.full_clean()
    acting_as(timescale, actor).save()
    # A clock already met keeps the time it was counted in (the annual report said so), and a
    # closed review gains no new clock. Each case is locked, as every writer of its clocks is.
    met = Deadline.objects.filter(kind=STATUTORY, clock=clock, met_on__isnull=False)
    for incident in (
        Incident.objects.select_for_update(of=("self",))
        .filter(board=board, rulebook=rulebook)
        .exclude(pk__in=met.values("case_id"))
        .exclude(review__stage=CLOSED_STAGE.code)
        .select_related("board")
    ):
        deadlines_sync(incident=incident, actor=actor)
    return timescale
