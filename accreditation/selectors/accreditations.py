"""Reads of accreditations and network meetings. Staff see every accreditation; a reviewer sees
only their own."""

from django.db.models import Count
from django.shortcuts import get_object_or_404

from accreditation.models import Accreditation, NetworkMeeting, Trainee
from accreditation.selectors._scope import own_or_404
from deadlines.selectors import with_status


def accreditation_get(*, user, accreditation_id) -> Accreditation:
    return own_or_404(
        Accreditation.objects.select_related("user", "trainee__cohort"),
        user,
        "user",
        pk=accreditation_id,
    )


def accreditation_list():
    return Accreditation.objects.select_related("user").order_by("status", "annual_review_due_on")


def meetings():
    """Current network meetings, latest first, each with how many attended."""
    return NetworkMeeting.objects.annotate(attended=Count("attendance")).order_by("-date", "title")


def every_meeting():
    """Every network meeting, withdrawn ones included (for `withdrawn_rows`): the staff's."""
    return NetworkMeeting.all_objects.all()


def meeting_get(*, meeting_id) -> NetworkMeeting:
    """A current network meeting, or 404: the staff's (the URL policy admits no one else)."""
    return get_object_or_404(NetworkMeeting, pk=meeting_id)


def meeting_attendance_choices(*, meeting: NetworkMeeting):
    """Reviewers accredited now and anyone recorded at `meeting` (since lapsed, say): staff's."""
    reviewers = Accreditation.objects.filter(status="accredited").select_related("user")
    return (reviewers | Accreditation.objects.filter(meetings_attended__meeting=meeting)).distinct()


def reviewer_standing(user) -> str | None:
    """ "accredited" for a reviewer accredited now, "trainee" for one in training, else None."""
    if Accreditation.objects.filter(user=user, status=Accreditation.Status.ACCREDITED).exists():
        return "accredited"
    if Trainee.objects.filter(user=user, status=Trainee.Status.IN_TRAINING).exists():
        return "trainee"
    return None


def trainee_reviewer_ids(user_ids) -> set:
    """Of `user_ids`, those in training and not accredited: a board gives them the lead
    reviewer role so that it can appoint them, and shows them as trainee reviewers."""
    accredited = Accreditation.objects.filter(status=Accreditation.Status.ACCREDITED)
    return set(
        Trainee.objects.filter(user_id__in=user_ids, status=Trainee.Status.IN_TRAINING)
        .exclude(user_id__in=accredited.values("user_id"))
        .values_list("user_id", flat=True)
    )


def accreditation_year_deadlines(*, accreditation) -> list:
    """The deadlines of the accreditation's current year, with their status, soonest first
    (an accreditation already checked visible). Earlier years' are closed; one not in force
    has none."""
    if not accreditation.is_accredited:
        return []
    return list(
        with_status(
            accreditation.deadlines.filter(starts_on=accreditation.year_started_on)
        ).order_by("due_on", "clock")
    )
