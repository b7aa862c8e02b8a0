"""Who may do what: the mechanism. The table (which rule each action needs, which rule each
URL needs) is `home/policy.py`, which names the domain's models; this module names none.

- `policy`: the rule set the table fills; `can` and `require` test it;
- `URL_POLICY` and `PUBLIC_URLS`: which action every URL needs (deny by default), registered by
  the table (`register_table`); `action_for` and `allows` read them;
- `visible()`: the one board-scoping of querysets, so that objects of a board the user has no
  role on answer 404 and their existence does not leak. Which boards and reviews a user sees is
  said by the apps that know (boards: roles; reviews: appointments and supervision), through
  `register_scope` when they load;
- `confine_to_board`: an API token issued for one board opens that board and nothing else of
  its holder's; every scope and rule honours it.

Rules are kept in a private rule set rather than Django's permission backends, because Django's
ModelBackend grants every permission to superusers; a platform admin is a superuser but must not
see case data by default (DESIGN.md section 1).
"""

import rules
from django.core import checks
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.shortcuts import get_object_or_404


def confine_to_board(user, board_id) -> None:
    """For this request, `user` acts on one board only: an API token issued for a board (by its
    business manager or a platform admin, docs/security.md) must not open another board where
    its holder also has a role, nor the holder's powers beyond boards (platform admin,
    accreditation staff, their own programme records). Every rule here honours it."""
    forget_roles(user)
    user.__dict__["_confined_to_board"] = board_id


def confined_board_id(user):
    """The board `user` is confined to in this request, or None."""
    return getattr(user, "__dict__", {}).get("_confined_to_board")


def confine(queryset, user, board_lookup: str = "board"):
    """`queryset` within the board `user` is confined to, if any. For the few reads of the
    caller's own records that do not go through `visible` (their reminders, their reviews)."""
    board_id = confined_board_id(user)
    return queryset if board_id is None else queryset.filter(**{f"{board_lookup}_id": board_id})


def board_of(obj):
    """The board an object belongs to, or None for objects outside any board."""
    if obj is None:
        return None
    # A board is found by its own key (`board_lookup = "pk"`); anything else names its board.
    if getattr(obj, "board_lookup", None) == "pk":
        return obj
    return getattr(obj, "board", None)


def review_of(obj):
    """The review an object belongs to, or None."""
    if obj is None:
        return None
    # A review is found by its own key (`review_lookup = "pk"`).
    if getattr(obj, "review_lookup", None) == "pk":
        return obj
    return getattr(obj, "review", None) if hasattr(obj, "review_id") else None


def forget_roles(user):
    """Drop the cached roles and appointments of `user` after they changed."""
    user.__dict__.pop("_board_roles", None)
    user.__dict__.pop("_appointed_reviews", None)
    user.__dict__.pop("_commissions", None)
    user.__dict__.pop("_manages", None)
    user.__dict__.pop("_belongs", None)
    user.__dict__.pop("_contributions", None)


@rules.predicate
def is_signed_in(user):
    return bool(user.is_authenticated and user.is_active)


@rules.predicate
def is_platform_admin(user):
    return bool(getattr(user, "is_platform_admin", False)) and confined_board_id(user) is None


@rules.predicate
def is_accreditation_staff(user):
    return bool(
        user.is_authenticated
        and user.is_active
        and user.is_accreditation_staff
        and confined_board_id(user) is None
    )


@rules.predicate
def is_owner(user, obj):
    """The person an accreditation record is about: the applicant, the trainee, the reviewer."""
    if obj is None or not (user.is_authenticated and user.is_active):
        return False
    if confined_board_id(user) is not None:
        return False  # the programme belongs to no board
    owner_id = getattr(obj, "applicant_id", None) or getattr(obj, "user_id", None)
    return owner_id == user.pk


policy = rules.RuleSet()
# Filled by the table (home/policy.py) when it loads.
URL_POLICY: dict[str, str | dict[str, str]] = {}
PUBLIC_URLS: set[str] = set()
# How to tell the boards and the reviews a user sees: "board" and "review", each a function of
# the user giving a queryset of ids. Registered by boards and reviews when they load.
_scopes: dict = {}


def register_table(*, url_policy: dict, public_urls) -> None:
    """The table's URL entries: which action every URL needs, and the URLs open to all."""
    URL_POLICY.update(url_policy)
    PUBLIC_URLS.update(public_urls)


def register_scope(name: str, ids_seen_by) -> None:
    """`ids_seen_by(user)`: a queryset of the ids of the boards ("board") or the reviews
    ("review") whose records `user` may see (`visible`)."""
    _scopes[name] = ids_seen_by


def can(user, action: str, obj=None) -> bool:
    return policy.test_rule(action, user, obj)


def require(user, action: str, obj=None):
    """Raise PermissionDenied (403) unless `user` may take `action` on `obj`.

    Call it only on an object the user can already see (`visible`): outsiders get 404 first.
    """
    if not can(user, action, obj):
        raise PermissionDenied


# The only URLs of URL_POLICY that a session signed in with a password alone may reach: the
# steps that add the second factor (core.middleware.SessionSecurityMiddleware).
BEFORE_SECOND_FACTOR = frozenset({"mfa_verify", "mfa_setup"})


def action_for(view_name: str, method: str) -> str | None:
    """The action a request needs, or None when the URL or method has no entry (refuse)."""
    entry = URL_POLICY.get(view_name)
    if isinstance(entry, str):
        return entry
    if entry is None:
        return None
    method = "GET" if method in ("HEAD", "OPTIONS") else method
    return entry.get(method)


def allows(request, obj=None) -> bool:
    action = action_for(request.resolver_match.view_name, request.method)
    return action is not None and can(request.user, action, obj)


def visible(queryset, user):
    """Restrict `queryset` to the boards `user` holds a role on, and review records also to
    the reviews they are appointed to or supervise.

    Platform admins also see every board's organisational records (boards, members,
    agencies), which they need to set boards up, but no case data unless they hold a role.
    """
    model = queryset.model
    if not (user.is_authenticated and user.is_active):
        return queryset.none()
    if is_platform_admin(user) and not model.holds_case_data:
        return queryset
    seen = Q(**{f"{model.board_lookup}__in": _scopes["board"](user)})
    review_lookup = getattr(model, "review_lookup", None)
    if review_lookup:
        # Reviewers (by an appointment in force) and supervisors see their reviews, whatever
        # their other roles on the board.
        seen |= Q(**{f"{review_lookup}__in": _scopes["review"](user)})
    return queryset.filter(seen)


def get_visible_or_404(queryset, user, **lookup):
    """The one access helper: the object if `user` may see its board, else 404."""
    return get_object_or_404(visible(queryset, user), **lookup)


@checks.register(checks.Tags.security)
def check_policy_loaded(app_configs=None, **kwargs):
    """Refuse to start without the table and both scopes: without them every URL is refused
    and `visible` cannot scope (an app left out of INSTALLED_APPS, say)."""
    errors = []
    if not URL_POLICY or not list(policy):
        errors.append(
            checks.Error(
                "No policy table is loaded (home/policy.py): is the home app installed?",
                id="core.E001",
            )
        )
    for name, app in (("board", "boards"), ("review", "reviews")):
        if name not in _scopes:
            errors.append(
                checks.Error(
                    f"No {name} scope is registered for permissions.visible: is the {app} app "
                    "installed?",
                    id="core.E002",
                )
            )
    return errors
