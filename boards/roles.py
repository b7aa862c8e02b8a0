"""Roles on boards, as the rules of who may do what read them (`core.permissions` is the
mechanism, `home/policy.py` the table).

Memberships are read through `memberships_of()` only, so that an API token issued for one board
(`permissions.confine_to_board`) opens that board and nothing else of its holder's.
"""

import rules

from boards.models import Board, Membership
from core import permissions

# The roles, with the names pages show (boards.models.Membership.Role).
Role = Membership.Role

BUSINESS_MANAGER = Membership.Role.BUSINESS_MANAGER.value
CHAIR = Membership.Role.CHAIR.value
MEMBER = Membership.Role.MEMBER.value
LEAD_REVIEWER = Membership.Role.LEAD_REVIEWER.value
VIEWER = Membership.Role.VIEWER.value
# The roles that read a board's cases (incidents, deadlines, every review).
CASE_READER_ROLES = frozenset({BUSINESS_MANAGER, CHAIR, MEMBER, VIEWER})
# The roles under which someone may be appointed to a board's reviews
# (reviews.services.reviews.reviewer_appoint). A trainee is appointed under the lead reviewer
# role too: the board's role says who may review, the appointment says as what.
REVIEWER_ROLES = frozenset({LEAD_REVIEWER})


def memberships_of(user):
    """The user's memberships (roles on boards): the only way to read them for a rule, so that a
    confined user's other boards do not count."""
    memberships = Membership.objects.filter(user=user)
    board_id = permissions.confined_board_id(user)
    return memberships if board_id is None else memberships.filter(board_id=board_id)


def board_ids_seen_by(user):
    """The ids of the boards `user` holds a role on (`permissions.visible`'s board scope)."""
    return memberships_of(user).values("board_id")


def roles_on(user, board) -> frozenset:
    """The roles `user` holds on `board`, read once per user object (so once per request)."""
    if board is None or not (user.is_authenticated and user.is_active):
        return frozenset()
    cache = user.__dict__.setdefault("_board_roles", {})
    if board.pk not in cache:
        cache[board.pk] = frozenset(
            memberships_of(user).filter(board_id=board.pk).values_list("role", flat=True)
        )
    return cache[board.pk]


def board_ids_where(user, action: str) -> list:
    """The boards on which `user` may take `action` (one query for the user's memberships)."""
    return board_ids_for(user, [action])[action]


def board_ids_for(user, actions) -> dict:
    """{action: the boards on which `user` may take it}, for each of `actions`, in one query."""
    if not (user.is_authenticated and user.is_active):
        return {action: [] for action in actions}
    cache = user.__dict__.setdefault("_board_roles", {})
    held: dict = {}
    for board_id, role in memberships_of(user).values_list("board_id", "role"):
        held.setdefault(board_id, set()).add(role)
    cache.update({board_id: frozenset(roles) for board_id, roles in held.items()})
    return {
        action: [board_id for board_id in held if permissions.can(user, action, Board(pk=board_id))]
        for action in actions
    }


def _holds_role(*wanted):
    wanted = frozenset(wanted)

    def holds(user, obj):
        held = roles_on(user, permissions.board_of(obj))
        return bool(held & wanted) if wanted else bool(held)

    holds.__name__ = "has_" + ("_or_".join(sorted(wanted)) if wanted else "any_role")
    return rules.predicate(holds)


has_any_role = _holds_role()
is_business_manager = _holds_role(BUSINESS_MANAGER)
is_chair = _holds_role(CHAIR)
# Lead reviewers see only the reviews they are appointed to (DESIGN.md section 1), not the
# board's incidents.
reads_board_cases = _holds_role(*CASE_READER_ROLES)


@rules.predicate
def represents_owner_agency(user, obj):
    """A board member whose membership names the agency that owns the action."""
    agency_id = getattr(obj, "owner_agency_id", None)
    if agency_id is None or not (user.is_authenticated and user.is_active):
        return False
    board = permissions.board_of(obj)
    return memberships_of(user).filter(board_id=board.pk, agency_id=agency_id).exists()


@rules.predicate
def belongs_to_a_board(user):
    """Holds a role on some board: the learning library is for the boards' people, not for
    anyone who asked for an account to apply to the programme."""
    if not (user.is_authenticated and user.is_active):
        return False
    if "_belongs" not in user.__dict__:  # asked by the library and the bank on one page
        user.__dict__["_belongs"] = memberships_of(user).exists()
    return user.__dict__["_belongs"]


@rules.predicate
def manages_a_board(user):
    """A business manager of some board: they add their board's reports to the bank."""
    if not (user.is_authenticated and user.is_active):
        return False
    if "_manages" not in user.__dict__:
        user.__dict__["_manages"] = memberships_of(user).filter(role=BUSINESS_MANAGER).exists()
    return user.__dict__["_manages"]


@rules.predicate
def commissions_reviews(user):
    """A business manager or chair of some board: those who commission reviewers."""
    if not (user.is_authenticated and user.is_active):
        return False
    if "_commissions" not in user.__dict__:
        user.__dict__["_commissions"] = (
            memberships_of(user).filter(role__in=[BUSINESS_MANAGER, CHAIR]).exists()
        )
    return user.__dict__["_commissions"]
