"""What waits on the accreditation staff (the work queue: home.work): applications they have
not scored, supervision sessions whose attendance is not recorded, annual reviews coming due
and accreditations that lapsed lately. Each a queryset the queue lists and counts."""

import datetime as dt

from django.db.models import Exists, OuterRef, QuerySet
from django.urls import reverse
from django.utils.dateformat import format as date_format
from django.utils.translation import gettext as _

from accreditation.models import (
    Accreditation,
    Application,
    ApplicationScore,
    SupervisionBooking,
    SupervisionSession,
)
from core.work import WorkItem, urgency_on

# How far ahead an annual review shows, and how long a lapse stays in the queue.
ANNUAL_REVIEWS_AHEAD = dt.timedelta(days=30)
LAPSES_SHOWN_FOR = dt.timedelta(days=30)


def applications_to_score(*, user) -> QuerySet:
    """Submitted applications `user` has not scored yet."""
    scored = ApplicationScore.objects.filter(application=OuterRef("pk"), scorer=user)
    return (
        Application.objects.filter(status=Application.Status.SUBMITTED)
        .exclude(Exists(scored))
        .select_related("cohort", "applicant")
        .order_by("submitted_on", "created_at")
    )


def application_items(applications) -> list[WorkItem]:
    return [
        WorkItem(
            group=_("Applications to score"),
            title=_("Score %(name)s's application to %(cohort)s")
            % {"name": application.applicant.name, "cohort": application.cohort.name},
            path=reverse("accreditation:application_detail", args=[application.pk]),
        )
        for application in applications
    ]


def sessions_to_record(*, today: dt.date) -> QuerySet:
    """Group supervision sessions that have taken place with places still only booked: their
    attendance is to be recorded."""
    booked = SupervisionBooking.objects.filter(
        session=OuterRef("pk"), status=SupervisionBooking.Status.BOOKED
    )
    return SupervisionSession.objects.filter(Exists(booked), date__lte=today).order_by("date")


def session_items(sessions) -> list[WorkItem]:
    return [
        WorkItem(
            group=_("Supervision sessions to record"),
            title=_("Record who attended %(session)s on %(date)s")
            % {"session": session.title, "date": date_format(session.date, "j F Y")},
            path=reverse("accreditation:session_detail", args=[session.pk]),
            due_on=session.date,
        )
        for session in sessions
    ]


def annual_reviews_due(*, today: dt.date) -> QuerySet:
    """Accreditations whose annual review is due within the next 30 days, or overdue."""
    return (
        Accreditation.objects.filter(
            status=Accreditation.Status.ACCREDITED,
            annual_review_due_on__lte=today + ANNUAL_REVIEWS_AHEAD,
        )
        .select_related("user")
        .order_by("annual_review_due_on")
    )


def annual_review_items(accreditations, *, today: dt.date, due_soon_by: dt.date):
    return [
        WorkItem(
            group=_("Annual reviews due"),
            title=_("Hold %(name)s's annual review") % {"name": accreditation.user.name},
            path=reverse("accreditation:annual_review", args=[accreditation.pk]),
            due_on=accreditation.annual_review_due_on,
            urgency=urgency_on(
                accreditation.annual_review_due_on, today=today, due_soon_by=due_soon_by
            ),
        )
        for accreditation in accreditations
    ]


def recent_lapses(*, today: dt.date) -> QuerySet:
    """Accreditations that lapsed in the last 30 days: to follow up with the reviewer."""
    return (
        Accreditation.objects.filter(
            status=Accreditation.Status.LAPSED,
            status_changed_on__gte=today - LAPSES_SHOWN_FOR,
        )
        .select_related("user")
        .order_by("-status_changed_on")
    )


def lapse_items(accreditations) -> list[WorkItem]:
    return [
        WorkItem(
            group=_("Accreditations lapsed"),
            title=_("%(name)s's accreditation lapsed on %(date)s: follow it up")
            % {
                "name": accreditation.user.name,
                "date": date_format(accreditation.status_changed_on, "j F Y"),
            },
            path=reverse("accreditation:accreditation_detail", args=[accreditation.pk]),
        )
        for accreditation in accreditations
    ]
