"""Writes for boards, their members and their agencies.

Every function takes the acting user, checks the rule in `core.permissions`, validates, writes
in one transaction with the actor in the history, and sends e-mail after commit.
"""

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from boards import roles
from boards.models import Agency, Board, Membership
from core import emails, permissions
from core import services as core_services
from core.history import acting_as
from core.models import normalise_email


def _save(instance, *, actor):
    instance.full_clean()
    acting_as(instance, actor).save()
    return instance


@transaction.atomic
def board_create(
    *,
    actor,
    name: str,
    kind: str,
    nation: str,
    regime: str,
    language: str = "en-gb",
    business_manager_email: str | None = None,
    business_manager_name: str | None = None,
) -> Board:
    """Create a board, with its first business manager when one is named."""
    permissions.require(actor, "board.create")
    name = name.strip()
    if Board.objects.filter(name__iexact=name).exists():
        raise ValidationError({"name": _("A board with this name already exists")})
    board = _save(
        Board(name=name, kind=kind, nation=nation, regime=regime, language=language or "en-gb"),
        actor=actor,
    )
    if business_manager_email:
        member_add(
            actor=actor,
            board=board,
            email=business_manager_email,
            name=business_manager_name or "",
            role=Membership.Role.BUSINESS_MANAGER,
        )
    return board


@transaction.atomic
def member_add(
    *, actor, board: Board, email: str, name: str, role: str, notify: bool = True
) -> Membership:
    """Give a person a role on a board, creating their account if new, and tell them by e-mail.

    Someone new gets a link to set their password. `notify=False` is for demo data only.
    """
    permissions.require(actor, "members.manage", board)
    email = normalise_email(email)
    if role not in Membership.Role.values:
        raise ValidationError({"role": _("Select a role")})
    User = get_user_model()
    user = User.objects.filter(email=email).first()
    invite = user is None
    if invite:
        if not (name or "").strip():
            raise ValidationError({"name": _("Enter the person's full name")})
        user = User(email=email, name=name.strip())
        user.set_unusable_password()
        _save(user, actor=actor)
    if Membership.objects.filter(user=user, board=board, role=role).exists():
        raise ValidationError(
            {
                "role": _("%(email)s is already a %(role)s of this board")
                % {"email": user.email, "role": str(Membership.Role(role).label).lower()}
            }
        )
    membership = _save(Membership(user=user, board=board, role=role), actor=actor)
    permissions.forget_roles(user)
    if notify:
        transaction.on_commit(lambda: _send_role_email(membership=membership, set_password=invite))
    return membership


@transaction.atomic
def member_remove(*, actor, membership: Membership) -> None:
    """End one role of a person on a board. A board always keeps a business manager."""
    permissions.require(actor, "members.manage", membership.board)
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    if membership.role == Membership.Role.BUSINESS_MANAGER:
        others = (
            Membership.objects.select_for_update()
            .filter(board_id=membership.board_id, role=Membership.Role.BUSINESS_MANAGER)
            .exclude(pk=membership.pk)
        )
        if not others.exists():
            raise ValidationError(
                _("A board must keep a business manager: add another before removing this one")
            )
    acting_as(membership, actor).delete()
    permissions.forget_roles(membership.user)


@transaction.atomic
def agency_add(*, actor, board: Board, name: str, sector: str) -> Agency:
    permissions.require(actor, "agencies.manage", board)
    name = name.strip()
    _check_agency_name_free(board=board, name=name)
    return _save(Agency(board=board, name=name, sector=sector), actor=actor)


@transaction.atomic
def agency_update(*, actor, agency: Agency, name: str, sector: str) -> Agency:
    permissions.require(actor, "agencies.manage", agency.board)
    name = name.strip()
    _check_agency_name_free(board=agency.board, name=name, other_than=agency)
    agency.name = name
    agency.sector = sector
    return _save(agency, actor=actor)


def _check_agency_name_free(*, board, name, other_than=None):
    same_name = Agency.objects.filter(board=board, name__iexact=name)
    if other_than is not None:
        same_name = same_name.exclude(pk=other_than.pk)
    if same_name.exists():
        raise ValidationError({"name": _("This board already has an agency with this name")})


def _send_role_email(*, membership: Membership, set_password: bool) -> None:
    user = membership.user
    # In the person's language, else the board's.
    with emails.in_language_of(user, membership.board):
        context = {
            "board": membership.board.name,
            "role": membership.get_role_display().lower(),
            "sign_in_url": emails.sign_in_url(),
            "set_password_url": emails.set_password_url(user) if set_password else None,
        }
        subject = _("You have been added to %(board)s") % {"board": membership.board.name}
        message = render_to_string("boards/email/role_added.txt", context)
    send_mail(subject=subject, message=message, from_email=None, recipient_list=[user.email])


@transaction.atomic
def board_update(
    *, actor, board: Board, name: str, kind: str, nation: str, regime: str, language: str = ""
) -> Board:
    """Change a board's details. A new regime applies to incidents logged from now on; each
    existing incident keeps the rulebook it was logged under."""
    permissions.require(actor, "board.edit", board)
    name = name.strip()
    if Board.objects.filter(name__iexact=name).exclude(pk=board.pk).exists():
        raise ValidationError({"name": _("A board with this name already exists")})
    board = Board.objects.select_for_update().get(pk=board.pk)
    board.name, board.kind, board.nation, board.regime = name, kind, nation, regime
    board.language = language or board.language
    return _save(board, actor=actor)


def api_token_issue(*, actor, board, holder, purpose: str, lifetime_days: int):
    """A token for a system of `board`, acting as `holder` (a member of the board) on that
    board only. Returns the token and its key, to be shown once."""
    permissions.require(actor, "api_tokens.manage", board)
    errors = core_services.api_token_errors(purpose=purpose, lifetime_days=lifetime_days)
    if holder.pk == actor.pk:
        errors["holder"] = _(
            "You cannot issue a token to yourself: choose the account the system will use, or "
            "ask another business manager or a platform admin"
        )
    elif not roles.roles_on(holder, board):
        errors["holder"] = _("Select a member of this board")
    if errors:
        raise ValidationError(errors)
    return core_services.api_token_create(
        holder=holder, purpose=purpose, lifetime_days=lifetime_days, board=board, issued_by=actor
    )
