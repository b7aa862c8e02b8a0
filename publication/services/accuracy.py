"""Factual accuracy: the reviewers share a draft of the report with chosen agencies'
contributors by a date; each comments on its sections and says when they have finished; the
reviewers accept or decline each comment with a reason. The family's view on the draft is
recorded the same way by the business manager (the family does not sign in). Everything stays
with the version of the report that was shared."""

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from core import permissions
from core.emails import in_language_of
from core.history import acting_as
from deadlines.models import Deadline
from publication.deadline_kinds import ACCURACY_CHECK
from publication.models import SECTION_CODES, SECTIONS, AccuracyCheck, AccuracyComment, Report
from reminders.services import email_queue
from reviews.models import AgencyContributor


def _saved(instance, actor):
    instance.full_clean()
    acting_as(instance, actor).save()
    return instance


def _deadline_sync(accuracy_check: AccuracyCheck) -> None:
    """Due until every contributor asked has finished; its reminders go to those who have not."""
    unfinished = accuracy_check.invitees.filter(finished_at__isnull=True).exists()
    review = accuracy_check.report.review
    Deadline.objects.update_or_create(
        kind=ACCURACY_CHECK,
        owner_id=accuracy_check.pk,
        defaults={
            "board_id": review.board_id,
            "case_id": review.incident_id,
            "rulebook": review.incident.rulebook,
            "clock": ACCURACY_CHECK,
            "starts_on": timezone.localdate(accuracy_check.created_at),
            "due_on": accuracy_check.due_on,
            "met_on": None if unfinished else timezone.localdate(),
        },
    )


@transaction.atomic
def accuracy_share(*, actor, report: Report, contributors, due_on: dt.date | None) -> AccuracyCheck:
    """Share the draft as it is now with the chosen contributors, to check by `due_on`."""
    permissions.require(actor, "reports.edit", report)
    report = Report.objects.select_for_update().select_related("review__incident").get(pk=report.pk)
    errors = {}
    if not report.is_draft:
        raise ValidationError(_("The report is final: there is no draft to check"))
    chosen = list(contributors or [])
    in_force = set(
        AgencyContributor.objects.in_force()
        .filter(review=report.review, pk__in=[c.pk for c in chosen])
        .values_list("pk", flat=True)
    )
    if not chosen:
        errors["contributors"] = _("Select at least one contributor")
    elif any(c.pk not in in_force for c in chosen):
        errors["contributors"] = _("Select contributors to this review whose access is open")
    if due_on is None:
        errors["due_on"] = _("Enter the date the comments are due")
    elif due_on <= timezone.localdate():
        errors["due_on"] = _("The date the comments are due must be in the future")
    if errors:
        raise ValidationError(errors)
    accuracy_check = _saved(
        AccuracyCheck(
            report=report,
            report_version=report.version,
            sections={code: getattr(report, code) for code in SECTION_CODES},
            due_on=due_on,
            shared_by=actor,
        ),
        actor,
    )
    for contributor in chosen:
        accuracy_check.invitees.create(contributor=contributor)
    _deadline_sync(accuracy_check)
    reference = report.review.incident.reference
    board = report.review.board
    url = settings.SITE_URL + reverse(
        "publication:agency_accuracy", args=[report.review_id, accuracy_check.pk]
    )
    sent_to: set[str] = set()
    for contributor in chosen:
        user = contributor.user
        if user.email in sent_to:
            continue
        sent_to.add(user.email)
        # Each in its recipient's language.
        with in_language_of(user, board):
            email_queue(
                to=[user.email],
                subject=_(
                    "Case review %(reference)s: the draft report to check for factual accuracy"
                )
                % {"reference": reference},
                body=render_to_string(
                    "publication/email/accuracy_shared.txt",
                    {"reference": reference, "board": board.name, "due_on": due_on, "url": url},
                ),
            )
    return accuracy_check


def _invitee(actor, accuracy_check):
    invitee = (
        accuracy_check.invitees.select_for_update()
        .filter(contributor__in=AgencyContributor.objects.in_force().filter(user=actor))
        .first()
    )
    if invitee is None:
        raise permissions.PermissionDenied
    if invitee.finished_at is not None:
        raise ValidationError(
            _("You have said you have finished: your comments are with the reviewers")
        )
    return invitee


def _section_and_comment(section: str, comment: str) -> dict:
    errors = {}
    if section not in SECTION_CODES:
        errors["section"] = _("Select the section the comment is about")
    if not (comment or "").strip():
        errors["comment"] = _("Enter the comment")
    if errors:
        raise ValidationError(errors)
    return {"section": section, "comment": comment.strip()}


@transaction.atomic
def accuracy_comment(*, actor, accuracy_check: AccuracyCheck, section: str, comment: str):
    """A contributor asked to check the draft comments on one of its sections."""
    invitee = _invitee(actor, accuracy_check)
    return _saved(
        AccuracyComment(
            accuracy_check=accuracy_check,
            author=actor,
            agency=invitee.contributor.agency,
            **_section_and_comment(section, comment),
        ),
        actor,
    )


@transaction.atomic
def accuracy_finish(*, actor, accuracy_check: AccuracyCheck) -> None:
    """The contributor has finished: their reminders stop, and once everyone asked has, the
    check's deadline is met."""
    invitee = _invitee(actor, accuracy_check)
    invitee.finished_at = timezone.now()
    _saved(invitee, actor)
    _deadline_sync(accuracy_check)


@transaction.atomic
def accuracy_family_view(*, actor, accuracy_check: AccuracyCheck, section: str, comment: str):
    """The family's view on the draft, as the business manager heard it."""
    permissions.require(actor, "publication.manage", accuracy_check)
    return _saved(
        AccuracyComment(
            accuracy_check=accuracy_check,
            author=actor,
            from_family=True,
            **_section_and_comment(section, comment),
        ),
        actor,
    )


@transaction.atomic
def accuracy_decide(*, actor, comment: AccuracyComment, decision: str, reason: str):
    """The reviewers accept or decline a comment, and say why."""
    permissions.require(actor, "reports.edit", comment.accuracy_check)
    comment = AccuracyComment.objects.select_for_update().get(pk=comment.pk)
    errors = {}
    if decision not in AccuracyComment.Decision.values:
        errors["decision"] = _("Select whether the comment is accepted or declined")
    if not (reason or "").strip():
        errors["reason"] = _("Enter the reason")
    if errors:
        raise ValidationError(errors)
    comment.decision, comment.decision_reason = decision, reason.strip()
    comment.decided_by, comment.decided_at = actor, timezone.now()
    return _saved(comment, actor)


SECTION_TITLES = {code: title for code, title, _hint in SECTIONS}
