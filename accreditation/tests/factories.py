"""Factories of accreditation records, for tests of this app and of the reviews that need an
accredited reviewer or a trainee."""

import datetime as dt

import factory
from django.core.files.base import ContentFile

from accreditation.models import (
    Accreditation,
    Application,
    Cohort,
    Programme,
    SupervisionSession,
    Trainee,
)
from core.tests.factories import UserFactory

D = dt.date
PDF = b"%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


class ProgrammeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Programme
        django_get_or_create = ("name",)

    name = "Lead reviewer programme"


class CohortFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Cohort

    programme = factory.SubFactory(ProgrammeFactory)
    name = factory.Sequence(lambda n: f"Cohort {n}")
    venue = "SCIE, London"
    trainers = "Sheila Trainer and Eileen Trainer"
    places = 12
    applications_open_on = D(2026, 1, 5)
    applications_close_on = D(2026, 2, 27)


class ApplicationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Application

    cohort = factory.SubFactory(CohortFactory)
    applicant = factory.SubFactory(UserFactory)
    cv = factory.LazyFunction(lambda: ContentFile(PDF, name="cv.pdf"))
    cv_name = "cv.pdf"
    submitted_on = D(2026, 2, 1)


class TraineeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Trainee

    application = factory.SubFactory(ApplicationFactory, status="offered")
    user = factory.SelfAttribute("application.applicant")
    cohort = factory.SelfAttribute("application.cohort")


class AccreditationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Accreditation

    user = factory.SubFactory(UserFactory)
    accredited_on = D(2026, 1, 5)
    year_started_on = factory.SelfAttribute("accredited_on")
    annual_review_due_on = factory.LazyAttribute(
        lambda o: o.accredited_on.replace(year=o.accredited_on.year + 1)
    )
    regions = factory.LazyFunction(lambda: ["london"])


class SessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SupervisionSession

    date = D(2026, 5, 12)
    title = factory.Sequence(lambda n: f"Group supervision {n}")
    venue = "Online"
    capacity = 8
    facilitator = factory.SubFactory(UserFactory, is_accreditation_staff=True)


def accredit(user, **values) -> Accreditation:
    """Make `user` an accredited reviewer (without the deadlines the service would add)."""
    return AccreditationFactory(user=user, **values)


def enrol(user, **values) -> Trainee:
    """Make `user` a trainee in training."""
    return TraineeFactory(application__applicant=user, **values)


def make_ready(trainee, *, review, staff, sessions: bool = True) -> Trainee:
    """Everything a trainee needs for the assessment: every course day attended, the group
    sessions (unless `sessions` is false: recorded otherwise), the practice review, and
    evidence from each source for each competency area."""
    from django.conf import settings

    from accreditation.models import (
        Assessment,
        CompetencyArea,
        EvidenceItem,
        SupervisionBooking,
        TrainingAttendance,
    )

    for day in trainee.cohort.training_days.all():
        TrainingAttendance.objects.get_or_create(trainee=trainee, training_day=day)
    for number in range(settings.ACCREDITATION_GROUP_SESSIONS_REQUIRED if sessions else 0):
        session = SessionFactory(date=D(2025, 11, 3 + number), facilitator=staff)
        SupervisionBooking.objects.create(session=session, trainee=trainee, status="attended")
    trainee.practice_review = review
    trainee.save()
    assessment, _ = Assessment.objects.get_or_create(trainee=trainee)
    EvidenceItem.objects.bulk_create(
        EvidenceItem(
            assessment=assessment, area=area, source=source, description="Seen", added_by=staff
        )
        for area in CompetencyArea.objects.filter(active=True)
        for source in EvidenceItem.Source.values
    )
    return trainee
