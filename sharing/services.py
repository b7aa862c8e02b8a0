"""Recording what a board did to share the learning, correcting it, withdrawing it, its
materials, and sending a review's learning brief to the board's agency contacts.

The board's business managers and chairs record (`sharing.manage`); every write takes the
acting user, checks the rule, writes in one transaction and keeps the history. An activity
shares the board's published reviews and/or Learning Together categories: at least one.
"""

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core import permissions, records, uploads
from core.emails import in_language_of
from core.history import acting_as
from reminders.services import email_queue
from sharing import selectors
from sharing.models import BriefSending, LearningActivity, Material, Reach

# Slides, a briefing or a bulletin: what the learning and development group hands out.
MATERIAL_KINDS = {
    uploads.PDF: "PDF",
    uploads.DOC: "Word",
    uploads.DOCX: "Word",
    uploads.PPTX: "PowerPoint",
}
WRONG_TYPE = gettext_lazy("The selected file must be a PDF, Word or PowerPoint document")
# No learning event reaches more people than this: a figure past it is a typing slip.
MOST_PEOPLE = 1_000_000


def _checked(
    *,
    board,
    kind: str,
    title: str,
    held_on: dt.date | None,
    reviews,
    categories,
    reach: dict,
    feedback_count: int | None,
    practice_change_count: int | None,
) -> tuple[list, list, dict]:
    """The reviews, categories and reach as the board's own, or every error at once."""
    errors = {}
    if kind not in LearningActivity.Kind.values:
        errors["kind"] = _("Select the kind of activity")
    if not (title or "").strip():
        errors["title"] = _("Enter the title of the activity")
    if held_on is None:
        errors["held_on"] = _("Enter the date it was held")
    elif held_on > timezone.localdate():
        # A record of learning shared, not a plan: an event to come is recorded once held.
        errors["held_on"] = _("The date it was held must be today or in the past")
    reviews, categories = list(reviews or []), list(categories or [])
    published = set(selectors.published_reviews(board).values_list("pk", flat=True))
    if any(review.pk not in published for review in reviews):
        errors["reviews"] = _("Select reviews of this board whose report is published")
    if not reviews and not categories:
        errors["reviews"] = _("Select at least one published review or one finding category")
    agency_ids = set(selectors.agencies(board).values_list("pk", flat=True))
    for agency_id, people in reach.items():
        field = f"reach_{agency_id}" if agency_id else "reach_outside"
        if agency_id is not None and agency_id not in agency_ids:
            errors[field] = _("Select agencies of this board")
        elif people is not None and not 0 <= people <= MOST_PEOPLE:
            errors[field] = _("Enter a number of people from 0 to %(most)s") % {
                "most": f"{MOST_PEOPLE:,}"
            }
    reached = sum(people or 0 for people in reach.values())
    for field, count in (
        ("feedback_count", feedback_count),
        ("practice_change_count", practice_change_count),
    ):
        if count is not None and count < 0:
            errors[field] = _("Enter a number of people of 0 or more")
    if "feedback_count" not in errors and feedback_count is not None and feedback_count > reached:
        errors["feedback_count"] = _(
            "The number who gave feedback must be no more than the %(reached)s people reached"
        ) % {"reached": reached}
    if (
        practice_change_count is not None
        and "practice_change_count" not in errors
        and practice_change_count > (feedback_count if feedback_count is not None else reached)
    ):
        errors["practice_change_count"] = _(
            "The number who said it would change their practice must be no more than the "
            "number who gave feedback"
        )
    if errors:
        raise ValidationError(errors)
    return reviews, categories, {a: p for a, p in reach.items() if p}


def _write(activity, *, actor, reviews, categories, reach: dict) -> LearningActivity:
    acting_as(activity, actor).save()
    activity.reviews.set(reviews)
    activity.categories.set(categories)
    rows = {row.agency_id: row for row in activity.reach.all()}
    # An agency no longer reached keeps its row at none, so that its history shows the figure
    # corrected rather than a row gone.
    for agency_id in set(rows) | set(reach):
        people = reach.get(agency_id, 0)
        row = rows.get(agency_id) or Reach(activity=activity, agency_id=agency_id, people=0)
        if row._state.adding or row.people != people:
            row.people = people
            acting_as(row, actor).save()
    return activity


@transaction.atomic
def activity_record(
    *,
    actor,
    board,
    kind: str,
    title: str,
    held_on: dt.date | None,
    reviews=(),
    categories=(),
    reach: dict | None = None,
    feedback: str = "",
    feedback_count: int | None = None,
    practice_change_count: int | None = None,
) -> LearningActivity:
    """Record an activity of `board` that shared its published `reviews` and/or finding
    `categories`; `reach` is {agency id (None: from outside the board's agencies): people}."""
    permissions.require(actor, "sharing.manage", board)
    reach = reach or {}
    reviews, categories, reach = _checked(
        board=board,
        kind=kind,
        title=title,
        held_on=held_on,
        reviews=reviews,
        categories=categories,
        reach=reach,
        feedback_count=feedback_count,
        practice_change_count=practice_change_count,
    )
    activity = LearningActivity(
        board=board,
        kind=kind,
        title=title.strip(),
        held_on=held_on,
        feedback=(feedback or "").strip(),
        feedback_count=feedback_count,
        practice_change_count=practice_change_count,
        recorded_by=actor,
    )
    return _write(activity, actor=actor, reviews=reviews, categories=categories, reach=reach)


@transaction.atomic
def activity_correct(
    *,
    actor,
    activity: LearningActivity,
    kind: str,
    title: str,
    held_on: dt.date | None,
    reviews=(),
    categories=(),
    reach: dict | None = None,
    feedback: str = "",
    feedback_count: int | None = None,
    practice_change_count: int | None = None,
) -> LearningActivity:
    """Correct an activity: its history keeps every earlier version."""
    activity = records.locked(activity)
    permissions.require(actor, "sharing.manage", activity)
    records.require_current(activity, _("This activity"))
    reach = reach or {}
    reviews, categories, reach = _checked(
        board=activity.board,
        kind=kind,
        title=title,
        held_on=held_on,
        reviews=reviews,
        categories=categories,
        reach=reach,
        feedback_count=feedback_count,
        practice_change_count=practice_change_count,
    )
    activity.kind = kind
    activity.title = title.strip()
    activity.held_on = held_on
    activity.feedback = (feedback or "").strip()
    activity.feedback_count = feedback_count
    activity.practice_change_count = practice_change_count
    return _write(activity, actor=actor, reviews=reviews, categories=categories, reach=reach)


@transaction.atomic
def activity_withdraw(*, actor, activity: LearningActivity, reason: str) -> LearningActivity:
    """Withdrawn with a reason: it leaves the lists and the figures; its history stays."""
    activity = records.locked(activity)
    permissions.require(actor, "sharing.manage", activity)
    return records.withdraw(activity, actor=actor, reason=reason, what=_("This activity"))


@transaction.atomic
def material_add(*, actor, activity: LearningActivity, file) -> Material:
    """A document of the activity, checked by what it contains (core.uploads) and kept in
    private storage under a random name."""
    activity = records.locked(activity)
    permissions.require(actor, "sharing.manage", activity)
    records.require_current(activity, _("This activity"))
    kind = uploads.check(
        file,
        field="file",
        kinds=MATERIAL_KINDS,
        max_bytes=settings.DOCUMENT_MAX_BYTES,
        wrong_type=WRONG_TYPE,
    )
    material = Material(
        activity=activity,
        file_name=uploads.display_name(file.name or "", default="material"),
        file_kind=kind,
        size=file.size,
        sha256=uploads.sha256_of(file),
        uploaded_by=actor,
    )
    file.name = uploads.stored_name(file.name or "")
    material.file = file
    acting_as(material, actor).save()
    return material


@transaction.atomic
def material_withdraw(*, actor, material: Material, reason: str) -> Material:
    material = records.locked(material)
    permissions.require(actor, "sharing.manage", material)
    return records.withdraw(material, actor=actor, reason=reason, what=_("This document"))


# --- The learning brief, sent to the board's agency contacts ---------------------------------

ALREADY_SENT = "already_sent"


def brief_url(publication) -> str:
    """The published learning brief's public address (publication's public listing)."""
    return settings.SITE_URL + reverse(
        "publication:public_pdf", args=[publication.review.board_id, publication.pk, "brief"]
    )


@transaction.atomic
def brief_send(*, actor, review, agencies, confirmed: bool = False) -> BriefSending:
    """E-mail the link to the review's published learning brief to the board members linked to
    `agencies` (boards.Membership.agency), each in their language, through the outbox (sent
    after this transaction commits). The e-mail names the case by its reference only. Sent
    before: refused unless `confirmed`."""
    board = review.board
    permissions.require(actor, "sharing.manage", review)
    publication = selectors.publication_of(review)
    if publication is None or publication.brief_pdf_id is None or publication.on_request_only:
        raise ValidationError(_("The review has no published learning brief to send"))
    agencies = list(agencies or [])
    board_agencies = set(selectors.agencies(board).values_list("pk", flat=True))
    if not agencies:
        raise ValidationError({"agencies": _("Select at least one agency")})
    if any(agency.pk not in board_agencies for agency in agencies):
        raise ValidationError({"agencies": _("Select agencies of this board")})
    contacts = selectors.contacts_of(board, [agency.pk for agency in agencies])
    if not contacts:
        raise ValidationError(
            {
                "agencies": _(
                    "No member of the board is linked to the agencies selected: link members "
                    "to their agency on the board's page, or select other agencies"
                )
            }
        )
    if not confirmed and BriefSending.objects.filter(review=review).exists():
        raise ValidationError(
            {
                "confirm": ValidationError(
                    _(
                        "The learning brief has been sent before: confirm that you want to "
                        "send it again"
                    ),
                    code=ALREADY_SENT,
                )
            }
        )
    reference = review.incident.reference
    url = brief_url(publication)
    for user in contacts:
        with in_language_of(user, board):
            email_queue(
                to=[user.email],
                subject=_("Case review %(reference)s: the learning brief")
                % {"reference": reference},
                body=render_to_string(
                    "sharing/email/learning_brief.txt",
                    {"reference": reference, "board": board.name, "url": url},
                ),
            )
    sending = acting_as(BriefSending(review=review, people=len(contacts), sent_by=actor), actor)
    sending.save()
    sending.agencies.set(agencies)
    return sending
