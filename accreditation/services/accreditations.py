"""The accreditation lifecycle: granted, reviewed every year, lapsed or suspended.

Each accreditation year has two deadlines in the one deadline table, so the Reminders app
reminds the reviewer before they fall due and on the day: the annual review (due 12 months
after the year starts) and the network meetings of the year (met when the third is
attended). A daily task lapses an accreditation whose annual review date has passed (the
review was not held, or could not be, because too few meetings were attended) and tells the
reviewer and the staff.
"""

import datetime as dt

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.dateformat import format as date_format
from django.utils.translation import gettext as _

from accreditation.deadline_kinds import ACCREDITATION
from accreditation.models import (
    REGION_NAMES,
    Accreditation,
    AnnualReview,
    NetworkAttendance,
    NetworkMeeting,
)
from core import emails, permissions, records
from core.history import acting_as
from core.models import normalise_email
from core.validation import not_in_future
from deadlines import changes
from deadlines.models import Deadline
from guidance import calendar
from reminders.models import OutboxEmail

Status = Accreditation.Status


def review_due(year_started_on: dt.date) -> dt.date:
    return calendar.add_calendar_months(year_started_on, settings.ACCREDITATION_REVIEW_MONTHS)


def meetings_in_year(accreditation: Accreditation) -> list[dt.date]:
    """The dates of the network meetings attended in the current accreditation year."""
    return sorted(
        accreditation.meetings_attended.filter(
            meeting__withdrawn_at__isnull=True,
            meeting__date__gte=accreditation.year_started_on,
            meeting__date__lt=accreditation.annual_review_due_on,
        ).values_list("meeting__date", flat=True)
    )


def _sync_deadlines(accreditation: Accreditation) -> None:
    """Keep the current year's two deadlines in step. Any other open deadline (a past year's,
    or every one of an accreditation not in force) is closed by pausing it: its pending
    reminders are cancelled, and those already sent stay in the recipient's history."""
    with changes.batched():  # reminders plan the year's deadlines once
        _sync_year(accreditation)


def _sync_year(accreditation: Accreditation) -> None:
    in_force = accreditation.status == Status.ACCREDITED
    superseded = accreditation.deadlines.filter(met_on__isnull=True, paused_since__isnull=True)
    if in_force:
        superseded = superseded.exclude(starts_on=accreditation.year_started_on)
    superseded.update(paused_since=timezone.localdate())
    if in_force:
        attended = meetings_in_year(accreditation)
        required = settings.ACCREDITATION_NETWORK_MEETINGS_PER_YEAR
        wanted = {
            "annual_review": None,
            "network_meetings": attended[required - 1] if len(attended) >= required else None,
        }
        for clock, met_on in wanted.items():
            deadline, _created = Deadline.objects.get_or_create(
                kind=ACCREDITATION,
                owner_id=accreditation.pk,
                starts_on=accreditation.year_started_on,
                clock=clock,
                defaults={
                    "rulebook": "accreditation",
                    "due_on": accreditation.annual_review_due_on,
                    "met_on": met_on,
                },
            )
            wanted_values = (accreditation.annual_review_due_on, met_on, None)
            if (deadline.due_on, deadline.met_on, deadline.paused_since) != wanted_values:
                deadline.due_on, deadline.met_on, deadline.paused_since = wanted_values
                deadline.save(update_fields=["due_on", "met_on", "paused_since", "updated_at"])
            changes.announce([deadline.pk])  # unchanged too: its reviewer's reminders follow


@transaction.atomic
def accreditation_grant(*, actor, user, accredited_on: dt.date, trainee=None) -> Accreditation:
    """Accredit a reviewer from `accredited_on` (again, if their accreditation had lapsed)."""
    permissions.require(actor, "accreditation.manage")
    not_in_future(accredited_on=accredited_on)
    accreditation = Accreditation.objects.filter(user=user).first() or Accreditation(user=user)
    accreditation.trainee = trainee or accreditation.trainee
    accreditation.status = Status.ACCREDITED
    accreditation.accredited_on = accredited_on
    accreditation.year_started_on = accredited_on
    accreditation.annual_review_due_on = review_due(accredited_on)
    accreditation.status_reason = ""
    accreditation.status_changed_on = accredited_on
    acting_as(accreditation, actor).save()
    _sync_deadlines(accreditation)
    return accreditation


@transaction.atomic
def accreditation_record_existing(
    *, actor, name: str, email: str, accredited_on: dt.date
) -> Accreditation:
    """A reviewer accredited before the service (or elsewhere): their account is made if new,
    with an e-mail to set a password, and their accreditation year starts on that date."""
    permissions.require(actor, "accreditation.manage")
    email = normalise_email(email or "")
    User = get_user_model()
    user = User.objects.filter(email=email).first()
    if user is None:
        if not (name or "").strip():
            raise ValidationError({"name": _("Enter the reviewer's full name")})
        user = User(email=email, name=name.strip())
        user.set_unusable_password()
        user.full_clean()
        acting_as(user, actor).save()
        link = emails.set_password_url(user)
        with emails.in_language_of(user):
            subject = _("You are an accredited lead reviewer in Manage safeguarding case reviews")
            body = render_to_string(
                "accreditation/email/accredited_new_account.txt",
                {"name": user.name, "set_password_url": link},
            )
        transaction.on_commit(lambda: send_mail(subject, body, None, [user.email]))
    elif Accreditation.objects.filter(user=user, status=Status.ACCREDITED).exists():
        raise ValidationError({"email": _("%(name)s is accredited already") % {"name": user.name}})
    return accreditation_grant(actor=actor, user=user, accredited_on=accredited_on)


def _locked(accreditation: Accreditation) -> Accreditation:
    return Accreditation.objects.select_for_update().select_related("user").get(pk=accreditation.pk)


@transaction.atomic
def annual_review_record(
    *, actor, accreditation: Accreditation, reviewed_on: dt.date, outcome: str, notes: str = ""
) -> AnnualReview:
    """The year's review. To continue, the reviewer must have attended the meetings required;
    the next year starts on the day of the review."""
    permissions.require(actor, "accreditation.manage")
    accreditation = _locked(accreditation)
    if not accreditation.is_accredited:
        raise ValidationError(_("Only an accreditation in force has an annual review"))
    if outcome not in AnnualReview.Outcome.values:
        raise ValidationError({"outcome": _("Select the outcome of the review")})
    not_in_future(reviewed_on=reviewed_on)
    if not accreditation.year_started_on <= reviewed_on <= accreditation.annual_review_due_on:
        raise ValidationError(
            {"reviewed_on": _("The review must fall within the accreditation year it reviews")}
        )
    attended = len(meetings_in_year(accreditation))
    required = settings.ACCREDITATION_NETWORK_MEETINGS_PER_YEAR
    if outcome == AnnualReview.Outcome.CONTINUED and attended < required:
        raise ValidationError(
            {
                "outcome": _(
                    "%(name)s attended %(attended)s of %(required)s network meetings this "
                    "year: the accreditation cannot continue"
                )
                % {"name": accreditation.user.name, "attended": attended, "required": required}
            }
        )
    review = AnnualReview(
        accreditation=accreditation,
        reviewed_on=reviewed_on,
        reviewer=actor,
        outcome=outcome,
        meetings_attended=attended,
        notes=(notes or "").strip(),
    )
    acting_as(review, actor).save()
    reviewed = accreditation.deadlines.filter(clock="annual_review", met_on__isnull=True)
    reviewed.update(met_on=reviewed_on)  # its pending reminders are cancelled
    if outcome == AnnualReview.Outcome.SUSPENDED:
        _set_status(accreditation, actor, Status.SUSPENDED, notes or "Suspended at annual review")
        return review
    accreditation.year_started_on = reviewed_on
    accreditation.annual_review_due_on = review_due(reviewed_on)
    acting_as(accreditation, actor).save()
    _sync_deadlines(accreditation)
    return review


def _set_status(accreditation, actor, status: str, reason: str, on: dt.date | None = None):
    accreditation.status = status
    accreditation.status_reason = reason
    accreditation.status_changed_on = on or timezone.localdate()
    acting_as(accreditation, actor).save()
    _sync_deadlines(accreditation)


@transaction.atomic
def accreditation_suspend(*, actor, accreditation: Accreditation, reason: str) -> Accreditation:
    permissions.require(actor, "accreditation.manage")
    accreditation = _locked(accreditation)
    if not (reason or "").strip():
        raise ValidationError({"reason": _("Enter the reason for the suspension")})
    if accreditation.status != Status.ACCREDITED:
        raise ValidationError(_("Only an accreditation in force can be suspended"))
    _set_status(accreditation, actor, Status.SUSPENDED, reason.strip())
    return accreditation


@transaction.atomic
def accreditation_reinstate(*, actor, accreditation: Accreditation, on: dt.date) -> Accreditation:
    """Lift a suspension or renew a lapsed accreditation: a new accreditation year starts."""
    permissions.require(actor, "accreditation.manage")
    accreditation = _locked(accreditation)
    if accreditation.status == Status.ACCREDITED:
        raise ValidationError(_("This accreditation is in force"))
    not_in_future(on=on, names={"on": _("the date it is reinstated from")})
    accreditation.year_started_on = on
    accreditation.annual_review_due_on = review_due(on)
    _set_status(accreditation, actor, Status.ACCREDITED, "", on)
    return accreditation


@transaction.atomic
def availability_update(
    *, actor, accreditation: Accreditation, regions: list[str], availability: str, note: str = ""
) -> Accreditation:
    """What the directory shows boards: where the reviewer works and whether they are free."""
    permissions.require(actor, "accreditation.own", accreditation)
    if not regions or set(regions) - set(REGION_NAMES):
        raise ValidationError({"regions": _("Select the regions where you take reviews")})
    if availability not in Accreditation.Availability.values:
        raise ValidationError({"availability": _("Select your availability")})
    accreditation = _locked(accreditation)
    accreditation.regions = [code for code in REGION_NAMES if code in regions]
    accreditation.availability = availability
    accreditation.availability_note = (note or "").strip()[:300]
    acting_as(accreditation, actor).save()
    return accreditation


@transaction.atomic
def meeting_add(*, actor, date: dt.date, title: str, venue: str) -> NetworkMeeting:
    permissions.require(actor, "accreditation.manage")
    meeting = NetworkMeeting(date=date, title=(title or "").strip(), venue=(venue or "").strip())
    meeting.full_clean()
    acting_as(meeting, actor).save()
    return meeting


def _locked_meeting(actor, meeting: NetworkMeeting) -> NetworkMeeting:
    permissions.require(actor, "accreditation.manage")
    meeting = records.locked(meeting)
    records.require_current(meeting, _("This meeting"))
    return meeting


@transaction.atomic
def meeting_update(*, actor, meeting: NetworkMeeting, date: dt.date, title: str, venue: str):
    """Correct a meeting. Its date is fixed once attendance is recorded (it decides which
    accreditation year the meeting counts in): a meeting held on another day is withdrawn and
    added again."""
    meeting = _locked_meeting(actor, meeting)
    if date != meeting.date and meeting.attendance.exists():
        raise ValidationError(
            {
                "date": _(
                    "Attendance has been recorded at this meeting: its date can no longer "
                    "change. Withdraw the meeting, with the reason, and add it on the right date"
                )
            }
        )
    meeting.date, meeting.title, meeting.venue = (
        date,
        (title or "").strip(),
        (venue or "").strip(),
    )
    meeting.full_clean()
    acting_as(meeting, actor).save()
    return meeting


@transaction.atomic
def meeting_withdraw(*, actor, meeting: NetworkMeeting, reason: str) -> NetworkMeeting:
    """A meeting that did not take place, or was added in error: its attendance no longer
    counts toward the reviewers' meetings of the year, whose deadlines follow at once."""
    meeting = _locked_meeting(actor, meeting)
    records.withdraw(meeting, actor=actor, reason=reason, what=_("This meeting"))
    for accreditation in Accreditation.objects.filter(meetings_attended__meeting=meeting):
        _sync_deadlines(accreditation)
    return meeting


@transaction.atomic
def meeting_attendance_record(*, actor, meeting: NetworkMeeting, accreditations) -> int:
    """Record exactly who attended; the network meetings deadline of each follows."""
    meeting = _locked_meeting(actor, meeting)
    not_in_future(date=meeting.date)
    wanted = {a.pk: a for a in accreditations}
    existing = {row.accreditation_id: row for row in meeting.attendance.all()}
    for accreditation_id, row in existing.items():
        if accreditation_id not in wanted:
            acting_as(row, actor).delete()
    for accreditation_id, accreditation in wanted.items():
        if accreditation_id not in existing:
            acting_as(NetworkAttendance(meeting=meeting, accreditation=accreditation), actor).save()
    for accreditation in Accreditation.objects.filter(pk__in=set(wanted) | set(existing)):
        _sync_deadlines(accreditation)
    return len(wanted)


@transaction.atomic
def accreditations_lapse(*, today: dt.date | None = None) -> int:
    """Lapse every accreditation whose annual review date has passed (the daily task)."""
    today = today or timezone.localdate()
    required = settings.ACCREDITATION_NETWORK_MEETINGS_PER_YEAR
    lapsed = 0
    for accreditation in (
        Accreditation.objects.select_for_update()
        .select_related("user")
        .filter(status=Status.ACCREDITED, annual_review_due_on__lt=today)
    ):
        attended = len(meetings_in_year(accreditation))
        # The record keeps the reason in the service's language; each e-mail says it in its
        # recipient's.
        with translation.override(settings.LANGUAGE_CODE):
            reason = _lapse_reason(accreditation, attended, required)
        _set_status(
            accreditation,
            None,
            Status.LAPSED,
            reason,
            accreditation.annual_review_due_on + dt.timedelta(days=1),
        )
        _tell_of_lapse(accreditation, attended, required)
        lapsed += 1
    return lapsed


def _lapse_reason(accreditation: Accreditation, attended: int, required: int) -> str:
    """Why it lapsed, in the language active."""
    facts = {
        "due": date_format(accreditation.annual_review_due_on, "j F Y"),
        "attended": attended,
        "required": required,
    }
    if attended < required:
        return (
            _(
                "Lapsed: the annual review due on %(due)s was not held and %(attended)s of "
                "%(required)s network meetings were attended."
            )
            % facts
        )
    return _("Lapsed: the annual review due on %(due)s was not held.") % facts


def _tell_of_lapse(accreditation: Accreditation, attended: int, required: int) -> None:
    """The reviewer and the staff hear at once (the lapse comes the day after the review was
    due, before any overdue reminder), through the outbox that retries a failing mail server.
    Each e-mail is in its recipient's language."""
    link = settings.SITE_URL + reverse(
        "accreditation:accreditation_detail", args=[accreditation.pk]
    )
    now = timezone.now()
    reviewer = accreditation.user

    def email(to, subject: str, template: str) -> OutboxEmail:
        context = {
            "name": reviewer.name,
            "reason": _lapse_reason(accreditation, attended, required),
            "link": link,
        }
        return OutboxEmail(
            to=to.email,
            subject=subject,
            body=render_to_string(template, context),
            next_attempt_at=now,
        )

    with emails.in_language_of(reviewer):
        outbox = [
            email(
                reviewer,
                _("Your accreditation as a lead reviewer has lapsed"),
                "accreditation/email/lapsed.txt",
            )
        ]
    for member in get_user_model().objects.filter(is_accreditation_staff=True, is_active=True):
        with emails.in_language_of(member):
            outbox.append(
                email(
                    member,
                    _("The accreditation of %(name)s has lapsed") % {"name": reviewer.name},
                    "accreditation/email/lapsed_staff.txt",
                )
            )
    OutboxEmail.objects.bulk_create(outbox)
