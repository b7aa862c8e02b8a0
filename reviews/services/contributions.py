"""The agencies' part in a review: inviting their contributors and ending their access,
sending requests to them, and their returns, submitted and sent back.

E-mails go through the outbox (retried when the mail server fails) and name the case by its
reference only: never the subject, never free text someone typed.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from boards.models import Agency
from core import emails, permissions, records
from core.history import acting_as
from core.models import normalise_email
from core.validation import not_in_future, raise_if_any
from deadlines.changes import announce
from deadlines.models import Deadline
from reminders.services import email_queue
from reviews.contributors import forget_contributions
from reviews.deadline_kinds import AGENCY_REQUEST
from reviews.models import AgencyContributor, AgencyRequest, AgencyReturn, Review
from reviews.services.engagement import _request_deadline
from reviews.services.workflow import require_actions_open

CLOSED_MESSAGE = gettext_lazy("The review is closed: agencies can no longer be invited to it")


def _saved(instance, actor):
    instance.full_clean()
    acting_as(instance, actor).save()
    return instance


def _request_deadlines_of(review: Review, agency_id) -> None:
    """Who is reminded of the agency's requests follows who contributes for it."""
    announce(
        Deadline.objects.filter(
            kind=AGENCY_REQUEST,
            owner_id__in=AgencyRequest.objects.filter(review=review, agency_id=agency_id).values(
                "pk"
            ),
        ).values_list("pk", flat=True)
    )


@transaction.atomic
def contributor_invite(
    *,
    actor,
    review: Review,
    agency: Agency,
    email: str,
    name: str = "",
    job: str,
    notify: bool = True,
) -> AgencyContributor:
    """Invite a person of a partner agency to act for it on one review. Someone without an
    account gets one, and a link to set their password; like everyone, they add a second
    factor when they first sign in. `notify=False` is for demo data only."""
    permissions.require(actor, "contributors.invite", review)
    review = (
        Review.objects.select_for_update().select_related("incident", "board").get(pk=review.pk)
    )
    try:
        require_actions_open(review)
    except ValidationError:
        raise ValidationError(CLOSED_MESSAGE) from None
    errors = {}
    if agency is None or agency.board_id != review.board_id:
        errors["agency"] = _("Select an agency of this board")
    if job not in AgencyContributor.Job.values:
        errors["job"] = _("Select their job in the review")
    email = normalise_email(email or "")
    if not email:
        errors["email"] = _("Enter their email address")
    User = get_user_model()
    user = User.objects.filter(email=email).first() if email else None
    if email and user is None and not (name or "").strip():
        errors["name"] = _("Enter the person's full name")
    if user is not None and not user.is_active:
        errors["email"] = _("This person's account is disabled: ask a platform admin")
    raise_if_any(errors)
    new_account = user is None
    if new_account:
        user = User(email=email, name=name.strip())
        user.set_unusable_password()
        _saved(user, actor)
    elif AgencyContributor.objects.filter(
        review=review, agency=agency, user=user, ended_on__isnull=True
    ).exists():
        raise ValidationError(
            {
                "email": _("%(email)s is already invited for %(agency)s")
                % {"email": email, "agency": agency.name}
            }
        )
    contributor = _saved(
        AgencyContributor(
            review=review,
            agency=agency,
            user=user,
            job=job,
            invited_on=timezone.localdate(),
            invited_by=actor,
        ),
        actor,
    )
    forget_contributions(user)
    _request_deadlines_of(review, agency.pk)
    if notify:
        _invitation_send(contributor, new_account=new_account)
    return contributor


def _invitation_send(contributor: AgencyContributor, *, new_account: bool) -> None:
    review, agency, user = contributor.review, contributor.agency, contributor.user
    with emails.in_language_of(user, review.board):
        context = {
            "reference": review.incident.reference,
            "board": review.board.name,
            "agency": agency.name,
            "job": contributor.get_job_display().lower(),
            "review_url": settings.SITE_URL + reverse("agency:review", args=[review.pk]),
            "set_password_url": emails.set_password_url(user) if new_account else None,
            "sign_in_url": emails.sign_in_url(),
        }
        subject = _("Case review %(reference)s: you are invited to contribute for %(agency)s") % {
            "reference": review.incident.reference,
            "agency": agency.name,
        }
        body = render_to_string("reviews/email/contributor_invited.txt", context)
    email_queue(to=[user.email], subject=subject, body=body)


@transaction.atomic
def contributor_end(*, actor, contributor: AgencyContributor, reason: str) -> AgencyContributor:
    """End a contributor's access to the review now. The record of their invitation and of
    what they submitted stays."""
    permissions.require(actor, "contributors.end", contributor.review)
    contributor = records.locked(contributor)
    if contributor.ended_on is not None:
        raise ValidationError(_("Their access has already ended"))
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Enter why their access ends")})
    contributor.ended_on = timezone.localdate()
    contributor.ended_by = actor
    contributor.end_reason = reason
    _saved(contributor, actor)
    forget_contributions(contributor.user)
    _request_deadlines_of(contributor.review, contributor.agency_id)
    return contributor


def _contributors_told(request: AgencyRequest):
    return AgencyContributor.objects.in_force().filter(
        review_id=request.review_id, agency_id=request.agency_id
    )


def _email_in_their_languages(users, board, write) -> None:
    """Queue the e-mail `write()` returns (subject, body) to each of `users`, written in each
    one's language: once per language, not once per person."""
    by_language: dict = {}
    for user in users:
        by_language.setdefault(emails.language_of(user, board), []).append(user)
    for readers in by_language.values():
        with emails.in_language_of(readers[0], board):
            subject, body = write()
        email_queue(to=[reader.email for reader in readers], subject=subject, body=body)


def _users_told(request: AgencyRequest) -> list:
    return [contributor.user for contributor in _contributors_told(request).select_related("user")]


@transaction.atomic
def agency_request_send(*, actor, request: AgencyRequest) -> AgencyRequest:
    """Send the request to the agency's contributors: they are told now, reminded before the
    due date and chased after it (the request's deadline, `reviews.deadline_kinds`)."""
    request = _locked_current(actor, request, "reviews.setup")
    if request.sent_at is not None:
        raise ValidationError(_("This request has already been sent"))
    if request.received_on is not None:
        raise ValidationError(_("The information has been received: there is nothing to send"))
    recipients = _users_told(request)
    if not recipients:
        raise ValidationError(
            _("No one is invited to contribute for %(agency)s: invite someone of the agency first")
            % {"agency": request.agency.name}
        )
    request.sent_at, request.sent_by = timezone.now(), actor
    _saved(request, actor)
    _request_deadline(request)
    reference = request.review.incident.reference

    def write():
        subject = _("Case review %(reference)s: a request to %(agency)s") % {
            "reference": reference,
            "agency": request.agency.name,
        }
        return subject, render_to_string(
            "reviews/email/request_sent.txt",
            {
                "reference": reference,
                "board": request.review.board.name,
                "agency": request.agency.name,
                "asks": request.get_asks_display(),
                "due_on": request.due_on,
                "url": _answer_url(request),
            },
        )

    _email_in_their_languages(recipients, request.review.board, write)
    return request


def _answer_url(request: AgencyRequest) -> str:
    return settings.SITE_URL + reverse("agency:request", args=[request.review_id, request.pk])


def _locked_current(actor, request: AgencyRequest, action: str) -> AgencyRequest:
    """The request read again and locked (so that two submissions cannot both land), current,
    of a review not closed, and `actor` allowed `action` on it."""
    locked = records.locked(request)
    permissions.require(actor, action, locked)
    require_actions_open(locked.review)
    records.require_current(locked, _("This request"))
    return locked


@transaction.atomic
def agency_return_submit(
    *, actor, request: AgencyRequest, answer: str = "", files_locked_on=None
) -> AgencyReturn:
    """An agency's contributor submits its answer: the receipt is recorded with who and when,
    and the request's deadline is met, so its reminders stop."""
    request = _locked_current(actor, request, "requests.answer")
    if request.sent_at is None:
        raise ValidationError(_("This request has not been sent to the agency"))
    if request.received_on is not None:
        raise ValidationError(
            _(
                "The agency's answer has already been submitted: the reviewers may send it "
                "back if something is missing"
            )
        )
    answer = (answer or "").strip()
    errors = {}
    not_in_future(into=errors, files_locked_on=files_locked_on)
    if request.asks == AgencyRequest.Asks.LOCKDOWN and files_locked_on is None:
        errors.setdefault("files_locked_on", _("Enter the date the case files were locked down"))
    if not answer and files_locked_on is None and not request.documents.exists():
        errors.setdefault("answer", _("Enter the agency's answer, or upload a document first"))
    raise_if_any(errors)
    now = timezone.now()
    agency_return = _saved(
        AgencyReturn(
            request=request,
            answer=answer,
            files_locked_on=files_locked_on,
            submitted_at=now,
            submitted_by=actor,
        ),
        actor,
    )
    request.received_on = timezone.localdate(now)
    if files_locked_on is not None:
        request.files_locked_on = files_locked_on
    _saved(request, actor)
    _request_deadline(request)
    return agency_return


@transaction.atomic
def agency_return_send_back(*, actor, agency_return: AgencyReturn, reason: str) -> AgencyReturn:
    """The reviewers send a return back with a reason: the request is due again, and the
    agency's contributors are told to sign in and read why."""
    request = _locked_current(actor, agency_return.request, "reviews.setup")
    agency_return = records.locked(agency_return)
    if agency_return.sent_back_at is not None:
        raise ValidationError(_("This return has already been sent back"))
    if request.returns.filter(submitted_at__gt=agency_return.submitted_at).exists():
        raise ValidationError(_("The agency has submitted again since: read the newer return"))
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Enter why it is sent back")})
    agency_return.sent_back_at, agency_return.sent_back_by = timezone.now(), actor
    agency_return.sent_back_reason = reason
    _saved(agency_return, actor)
    request.received_on = None
    _saved(request, actor)
    _request_deadline(request)
    reference = request.review.incident.reference

    def write():
        subject = _("Case review %(reference)s: %(agency)s's answer was sent back") % {
            "reference": reference,
            "agency": request.agency.name,
        }
        return subject, render_to_string(
            "reviews/email/return_sent_back.txt",
            {
                "reference": reference,
                "agency": request.agency.name,
                "due_on": request.due_on,
                "url": _answer_url(request),
            },
        )

    _email_in_their_languages(_users_told(request), request.review.board, write)
    return agency_return
