"""Setting a review up: type and methodology, terms of reference, research questions, the
reviewer pair, the rapid review and its conversion, and the completion clock."""

import datetime as dt

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.dateformat import format as date_format
from django.utils.translation import gettext as _

from boards import roles
from boards.models import Membership
from boards.services import member_add
from core import permissions, records
from core.access import access_lose
from core.history import acting_as
from core.validation import not_before, not_in_future
from deadlines.kinds import STATUTORY
from deadlines.models import Deadline
from guidance import methodologies, rulebooks
from reviews.models import (
    ApprovedReviewer,
    Incident,
    Notification,
    ResearchQuestion,
    Review,
    ReviewerAppointment,
    StageChange,
)
from reviews.services import clocks
from reviews.services.workflow import require_analysis_open
from reviews.signals import standing_of

RAPID_REVIEW = "rapid_review"


def review_types_allowed(review: Review) -> list[str]:
    """The types a review may be set to: its rulebook's statutory ones and the alternatives."""
    types = [*review.incident.rules.statutory_review_types, *rulebooks.ALTERNATIVE_REVIEW_TYPES]
    if review.review_type == RAPID_REVIEW:
        types.insert(0, RAPID_REVIEW)
    return types


def rapid_review_may_start(incident: Incident, notifications=None) -> bool:
    """Whether the incident's page offers to start a rapid review (who may is the rule
    `incidents.manage`): its rulebook has rapid reviews, the national panel has been told of
    the incident, and there is neither a decision nor a review yet. `notifications`: the
    incident's current notifications, when the page has read them already."""
    if incident.rules.clock(RAPID_REVIEW) is None:
        return False
    if notifications is None:
        notifications = incident.notifications.all()
    told = any(
        n.recipient == "national_panel" and n.about == Notification.About.INCIDENT
        for n in notifications
    )
    return (
        told
        and getattr(incident, "decision", None) is None
        and getattr(incident, "review", None) is None
    )


@transaction.atomic
def rapid_review_start(*, actor, incident: Incident, started_on: dt.date) -> Review:
    """Open the rapid review record (WT2018 ch.4), after the notification to the Panel."""
    permissions.require(actor, "incidents.manage", incident.board)
    incident = Incident.objects.select_for_update().get(pk=incident.pk)
    if incident.rules.clock(RAPID_REVIEW) is None:
        raise ValidationError(
            _("There are no rapid reviews under %(rules)s") % {"rules": incident.rules.title}
        )
    if Review.objects.filter(incident=incident).exists():
        raise ValidationError(_("This incident already has a review"))
    panel = incident.notifications.filter(recipient="national_panel").order_by("sent_on").first()
    if panel is None:
        raise ValidationError(
            _("Record the notification to the Panel first: it starts the rapid review")
        )
    not_in_future(started_on=started_on)
    not_before(
        "started_on",
        started_on,
        panel.sent_on,
        _(
            "The date the rapid review started must be on or after the date the national panel "
            "was notified"
        ),
    )
    review = Review(
        board=incident.board, incident=incident, review_type=RAPID_REVIEW, initiated_on=started_on
    )
    review.stage = review.method.stages[0].code
    acting_as(review, actor).save()
    StageChange.objects.create(review=review, to_stage=review.stage, actor=actor)
    return review


def review_open_for_decision(*, actor, incident: Incident, review_type: str, decided_on) -> Review:
    """The review a decision to hold one creates, or the rapid review it converts."""
    review = Review.objects.select_for_update().filter(incident=incident).first()
    if review is None:
        review = Review(
            board=incident.board,
            incident=incident,
            review_type=review_type,
            initiated_on=decided_on,
        )
        review.stage = review.method.stages[0].code
        acting_as(review, actor).save()
        StageChange.objects.create(review=review, to_stage=review.stage, actor=actor)
        return review
    # A rapid review converted into a full review: its work carries over.
    review.converted_from, review.converted_on = review.review_type, decided_on
    review.review_type, review.initiated_on = review_type, decided_on
    acting_as(review, actor).save()
    return review


def review_close_without_review(*, actor, incident: Incident) -> None:
    """A decision not to hold a review ends the rapid review, if there was one."""
    review = Review.objects.select_for_update().filter(incident=incident).first()
    if review is not None and review.stage != "closed":
        StageChange.objects.create(
            review=review, from_stage=review.stage, to_stage="closed", actor=actor
        )
        review.stage = "closed"
        acting_as(review, actor).save()


def option_change_refusal(*, review: Review, lt_option: str) -> str:
    """Why the review's Learning Together option cannot change to `lt_option` now, or "".

    The review stays at its stage when its option changes (its work carries over), so the new
    option must have that stage: a review at the full model's analysis cannot become a focused
    one, which has a learning event instead.
    """
    current = review.method
    new = methodologies.get(review.methodology, lt_option)
    new_codes = {stage.code for stage in new.stages}
    if lt_option == review.lt_option or review.stage in new_codes:
        return ""
    stage = current.stage(review.stage)
    title = stage.title if stage else review.stage
    label = dict(new.options).get(lt_option, lt_option).split(":")[0].lower()
    shared = [each.title for each in current.stages if each.code in new_codes]
    return _(
        "The review is at %(stage)s, a stage the %(option)s option does not have: the "
        "option can change only at a stage both options have (%(stages)s)"
    ) % {"stage": title.lower(), "option": label, "stages": ", ".join(shared)}


@transaction.atomic
def review_setup(
    *,
    actor,
    review: Review,
    review_type: str,
    methodology: str,
    lt_option: str = "",
    terms_of_reference: str = "",
    supervisor=None,
    terms_shared_with_agencies: bool | None = None,
) -> Review:
    permissions.require(actor, "reviews.setup", review)
    review = Review.objects.select_for_update().select_related("incident").get(pk=review.pk)
    if review_type != review.review_type or supervisor != review.supervisor:
        # The reviewers may not choose what they are commissioned to do, or their supervisor.
        permissions.require(actor, "reviews.commission", review)
    errors = {}
    if review_type not in review_types_allowed(review):
        errors["review_type"] = _("Select a type of review allowed under the case's rules")
    if methodology not in methodologies.METHODOLOGIES:
        errors["methodology"] = _("Select a methodology")
    elif methodology != review.methodology and review.stage != review.method.stages[0].code:
        errors["methodology"] = _("The methodology can change only before the first stage is over")
    if methodology == methodologies.LEARNING_TOGETHER.code:
        if lt_option not in dict(methodologies.LEARNING_TOGETHER.options):
            errors["lt_option"] = _("Select the Learning Together option")
        elif methodology == review.methodology and (
            refusal := option_change_refusal(review=review, lt_option=lt_option)
        ):
            errors["lt_option"] = refusal
    else:
        lt_option = ""
    if supervisor is not None and not supervisor.is_accreditation_staff:
        errors["supervisor"] = _("Select a member of the accreditation staff")
    if "methodology" not in errors and methodology != review.methodology:
        # The reviewers already appointed must suit the new methodology too.
        method = methodologies.get(methodology)
        refusals = [
            refusal
            for appointment in review.appointments.filter(ended_on=None).select_related("user")
            if (
                refusal := standing_refusal(
                    review=review, user=appointment.user, role=appointment.role, method=method
                )
            )
        ]
        if refusals:
            errors["methodology"] = _(
                "%(refusals)s. End their appointment first, or keep the methodology"
            ) % {"refusals": "; ".join(refusals)}
    if errors:
        raise ValidationError(errors)
    if methodology != review.methodology:
        new_first = methodologies.get(methodology, lt_option).stages[0].code
        StageChange.objects.create(
            review=review, from_stage=review.stage, to_stage=new_first, actor=actor
        )
        review.stage = new_first
    review.review_type, review.methodology, review.lt_option = review_type, methodology, lt_option
    review.terms_of_reference = (terms_of_reference or "").strip()
    if terms_shared_with_agencies is not None:
        review.terms_shared_with_agencies = terms_shared_with_agencies
    review.supervisor = supervisor
    acting_as(review, actor).save()
    return review


@transaction.atomic
def research_question_add(
    *, actor, review: Review, question: str, shared_with_agencies: bool = False
) -> ResearchQuestion:
    permissions.require(actor, "reviews.setup", review)
    if not (question or "").strip():
        raise ValidationError({"question": _("Enter the research question")})
    research_question = ResearchQuestion(
        review=review, question=question.strip(), shared_with_agencies=shared_with_agencies
    )
    acting_as(research_question, actor).save()
    return research_question


def _question_for_change(actor, question: ResearchQuestion) -> ResearchQuestion:
    # The report lists the research questions: settled from publication, like the analysis.
    permissions.require(actor, "reviews.setup", question.review)
    question = records.locked(question)
    require_analysis_open(question.review)
    records.require_current(question, _("This question"))
    return question


@transaction.atomic
def research_question_update(
    *, actor, question: ResearchQuestion, text: str, shared_with_agencies: bool | None = None
) -> ResearchQuestion:
    question = _question_for_change(actor, question)
    if not (text or "").strip():
        raise ValidationError({"question": _("Enter the research question")})
    question.question = text.strip()
    if shared_with_agencies is not None:
        question.shared_with_agencies = shared_with_agencies
    acting_as(question, actor).save()
    return question


@transaction.atomic
def research_question_withdraw(*, actor, question: ResearchQuestion, reason: str):
    question = _question_for_change(actor, question)
    return records.withdraw(question, actor=actor, reason=reason, what=_("This question"))


def _joined(reasons: list[str]) -> str:
    """Reasons in a sentence: "a and b", or "a, b and c"."""
    if len(reasons) < 2:
        return "".join(reasons)
    return _("%(list)s and %(last)s") % {"list": ", ".join(reasons[:-1]), "last": reasons[-1]}


def independence_conflicts(*, review: Review, user) -> list[str]:
    """Why `user` is not independent of the case: a role on the board other than lead
    reviewer, or working for an agency involved in the case."""
    reasons = []
    memberships = Membership.objects.filter(user=user)
    if memberships.filter(board=review.board).exclude(role=Membership.Role.LEAD_REVIEWER).exists():
        reasons.append(_("they are a member of the board"))
    involved = review.incident.agencies.values("pk")
    if memberships.filter(agency__in=involved).exists():
        reasons.append(_("they work for an agency involved in the case"))
    return reasons


def standing_refusal(*, review: Review, user, role: str, method=None) -> str:
    """Why `user` cannot take `role` under the review's methodology (or `method`), or "" if
    they can.

    Learning Together reviews are led by accredited reviewers; a trainee works in a pair with
    another trainee or an accredited reviewer, each appointed as what they are.
    """
    method = method or review.method
    if not method.needs_accredited_reviewers:
        return ""
    standing = standing_of(user)
    if role == ReviewerAppointment.Role.TRAINEE:
        if standing != "trainee":
            return _("%(name)s is not a trainee in the lead reviewer programme") % {
                "name": user.name
            }
    elif standing != "accredited":
        values = {"name": user.name, "method": method.title.split(" (")[0]}
        if standing == "trainee":
            return (
                _("%(name)s is not an accredited %(method)s reviewer: appoint them as a trainee")
                % values
            )
        return _("%(name)s is not an accredited %(method)s reviewer") % values
    return ""


def approved_list_refusal(*, review: Review, user, on: dt.date) -> str:
    """Why `user` cannot review a case whose rulebook takes reviewers only from a national
    approved list (the SUSR's, kept by the Welsh Government), or "" if they can."""
    rules = review.incident.rules
    if not rules.approved_list or on is None:
        return ""
    places = ApprovedReviewer.objects.filter(user=user, approved_list=rules.approved_list)
    if any(place.covers(on) for place in places):
        return ""
    return _(
        "%(name)s is not on the %(list)s approved list of reviewers on %(date)s (%(source)s)"
    ) % {
        "name": user.name,
        "list": rules.approved_list,
        "date": date_format(on, "j F Y"),
        "source": rules.approved_list_source,
    }


@transaction.atomic
def reviewer_appoint(
    *,
    actor,
    review: Review,
    user,
    role: str,
    independence_declared: bool,
    declaration: str = "",
    appointed_on: dt.date,
) -> ReviewerAppointment:
    """Appoint a lead reviewer or trainee. The business manager then tells the national panel
    the names and records it (`panel_told_of_reviewers`; WT2015 ch.4)."""
    permissions.require(actor, "reviews.appoint", review)
    review = Review.objects.select_for_update().select_related("incident").get(pk=review.pk)
    errors = {}
    if role not in ReviewerAppointment.Role.values:
        errors["role"] = _("Select the reviewer's role")
    if not independence_declared:
        errors["independence_declared"] = _(
            "The reviewer must declare they are independent of the case, the board and the "
            "agencies involved"
        )
    if not Membership.objects.filter(
        user=user, board=review.board, role__in=roles.REVIEWER_ROLES
    ).exists():
        errors["user"] = _("Select one of the board's lead reviewers")
    elif review.appointments.filter(user=user, ended_on__isnull=True).exists():
        errors["user"] = _("This reviewer is already appointed to the review")
    else:
        conflicts = independence_conflicts(review=review, user=user)
        if conflicts:
            errors["user"] = _("%(name)s is not independent: %(reasons)s") % {
                "name": user.name,
                "reasons": _joined(conflicts),
            }
    if "user" not in errors and role in ReviewerAppointment.Role.values:
        refusal = standing_refusal(review=review, user=user, role=role)
        if refusal:
            errors["user"] = refusal
    if "user" not in errors:
        refusal = approved_list_refusal(review=review, user=user, on=appointed_on)
        if refusal:
            errors["user"] = refusal
    if errors:
        raise ValidationError(errors)
    not_in_future(appointed_on=appointed_on)
    not_before(
        "appointed_on",
        appointed_on,
        review.initiated_on,
        _("The date of the appointment must be on or after the date the review started"),
    )
    appointment = ReviewerAppointment(
        review=review,
        user=user,
        role=role,
        independence_declared=True,
        declaration=(declaration or "").strip(),
        appointed_on=appointed_on,
    )
    acting_as(appointment, actor).save()
    permissions.forget_roles(user)
    return appointment


def panel_told_of_reviewers(review: Review) -> bool | None:
    """Whether the national panel has been told who the reviewers are (a notification about
    the reviewers recorded since the last appointment), or None where the rulebook does not
    notify the panel. The service sends nothing itself: the business manager tells the panel
    and records it (WT2015 ch.4: the panel is told the names of the reviewers)."""
    if "national_panel" not in review.incident.rules.notification_recipients:
        return None
    last = review.appointments.order_by("-appointed_on").values_list("appointed_on", flat=True)
    last_appointed = last.first()
    if last_appointed is None:
        return None
    return Notification.objects.filter(
        incident_id=review.incident_id,
        recipient="national_panel",
        about=Notification.About.REVIEWERS,
        sent_on__gte=last_appointed,
    ).exists()


@transaction.atomic
def reviewer_propose(*, actor, review: Review, user) -> None:
    """A reviewer from the directory, proposed for `review`: they become a lead reviewer of its
    board (told by e-mail), ready for the business manager to appoint with their declaration."""
    permissions.require(actor, "reviews.appoint", review)
    if standing_refusal(review=review, user=user, role=ReviewerAppointment.Role.LEAD):
        method = review.method.title.split(" (")[0]
        raise ValidationError(
            {
                "review": _("%(name)s cannot lead a %(method)s review")
                % {"name": user.name, "method": method}
            }
        )
    conflicts = independence_conflicts(review=review, user=user)
    if conflicts:
        raise ValidationError(
            {
                "review": _("%(name)s is not independent of this case: %(reasons)s")
                % {"name": user.name, "reasons": _joined(conflicts)}
            }
        )
    held = Membership.objects.filter(
        user=user, board=review.board, role=Membership.Role.LEAD_REVIEWER
    ).exists()
    if not held:
        member_add(
            actor=actor,
            board=review.board,
            email=user.email,
            name=user.name,
            role=Membership.Role.LEAD_REVIEWER,
        )


def _appointment_for_change(actor, appointment: ReviewerAppointment) -> ReviewerAppointment:
    permissions.require(actor, "reviews.appoint", appointment.review)
    appointment = records.locked(appointment)
    records.require_current(appointment, _("This appointment"))
    return appointment


@transaction.atomic
def reviewer_update(
    *, actor, appointment: ReviewerAppointment, role: str, declaration: str = ""
) -> ReviewerAppointment:
    """Correct the role a reviewer was appointed in, or their declaration."""
    appointment = _appointment_for_change(actor, appointment)
    if role not in ReviewerAppointment.Role.values:
        raise ValidationError({"role": _("Select the reviewer's role")})
    if role != appointment.role:
        refusal = standing_refusal(review=appointment.review, user=appointment.user, role=role)
        if refusal:
            raise ValidationError({"role": refusal})
    appointment.role, appointment.declaration = role, (declaration or "").strip()
    acting_as(appointment, actor).save()
    return appointment


@transaction.atomic
def reviewer_withdraw(*, actor, appointment: ReviewerAppointment, reason: str):
    """An appointment made in error (the wrong person, say): it ends today if still open, so
    the person loses the review at once, and is withdrawn from the list of reviewers."""
    appointment = _appointment_for_change(actor, appointment)
    was_open = appointment.ended_on is None
    if was_open:
        appointment.ended_on = max(timezone.localdate(), appointment.appointed_on)
    records.withdraw(appointment, actor=actor, reason=reason, what=_("This appointment"))
    permissions.forget_roles(appointment.user)
    if was_open:
        # Their reminders of the review's deadlines go with it, in this transaction.
        access_lose(
            user=appointment.user,
            board_id=appointment.review.board_id,
            actor=actor,
            reason="Their appointment to the review was withdrawn",
        )
    return appointment


@transaction.atomic
def reviewer_end(*, actor, appointment: ReviewerAppointment, ended_on: dt.date) -> None:
    permissions.require(actor, "reviews.appoint", appointment.review)
    board_id = appointment.review.board_id
    appointment = ReviewerAppointment.objects.select_for_update().get(pk=appointment.pk)
    if appointment.ended_on is not None:
        raise ValidationError(_("This appointment has already ended"))
    not_in_future(ended_on=ended_on)
    not_before(
        "ended_on",
        ended_on,
        appointment.appointed_on,
        _("The date the appointment ended must be on or after the date of the appointment"),
    )
    appointment.ended_on = ended_on
    acting_as(appointment, actor).save()
    permissions.forget_roles(appointment.user)
    # Their reminders of the review's deadlines go with it, in this transaction.
    access_lose(
        user=appointment.user,
        board_id=board_id,
        actor=actor,
        reason="Their appointment to the review ended",
    )


ROLE_REMOVED = "The lead reviewer role on the board was removed"


def appointments_end_with_role(*, user, board_id, actor=None, reason: str = ROLE_REMOVED) -> int:
    """End `user`'s open appointments to the board's reviews once they hold no reviewer role
    on it, today, with the reason in each appointment's history. Returns how many ended.

    Called (through `core.access.access_lost`) in the transaction that removed the role, so
    that the person cannot go on reading or changing the reviews for a moment longer.
    """
    if Membership.objects.filter(
        user=user, board_id=board_id, role__in=roles.REVIEWER_ROLES
    ).exists():
        return 0
    today = timezone.localdate()
    ended = 0
    for appointment in ReviewerAppointment.objects.select_for_update().filter(
        user=user, review__board_id=board_id, ended_on__isnull=True
    ):
        appointment.ended_on = max(today, appointment.appointed_on)
        appointment._change_reason = reason[:100]
        acting_as(appointment, actor).save()
        ended += 1
    permissions.forget_roles(user)
    return ended


def accreditation_staff():
    return get_user_model().objects.filter(is_accreditation_staff=True, is_active=True)


def completion_deadline(review: Review) -> Deadline | None:
    return Deadline.objects.filter(
        owner_id=review.incident_id, kind=STATUTORY, clock="complete"
    ).first()


def _completion_clock(review: Review) -> Deadline:
    deadline = completion_deadline(review)
    if deadline is None:
        raise ValidationError(_("This review has no completion clock under its rules"))
    return deadline


def review_pause(*, actor, review: Review, reason: str, details: str, paused_on: dt.date):
    permissions.require(actor, "reviews.clock", review)
    return clocks.deadline_pause(
        actor=actor,
        deadline=_completion_clock(review),
        reason=reason,
        details=details,
        paused_on=paused_on,
    )


def review_resume(*, actor, review: Review, resumed_on: dt.date):
    permissions.require(actor, "reviews.clock", review)
    return clocks.deadline_resume(
        actor=actor, deadline=_completion_clock(review), resumed_on=resumed_on
    )


def review_extend(*, actor, review: Review, extended_to: dt.date, reason: str, agreed_on):
    permissions.require(actor, "reviews.clock", review)
    return clocks.deadline_extend(
        actor=actor,
        deadline=_completion_clock(review),
        extended_to=extended_to,
        reason=reason,
        agreed_on=agreed_on,
    )


@transaction.atomic
def review_interim_update(*, actor, review: Review, improvements: str, corrective_action: str):
    """What the board has learnt and done while the review runs late (seed procedure 2.6)."""
    permissions.require(actor, "reviews.clock", review)
    review = Review.objects.select_for_update().get(pk=review.pk)
    review.interim_improvements = (improvements or "").strip()
    review.interim_corrective_action = (corrective_action or "").strip()
    acting_as(review, actor).save()
    return review
