"""Demo data of the lead reviewer programme for `seed_demo` (DEBUG only).

A past cohort whose trainee (trainee.reviewer@example.org) is on their practice review, an
accredited reviewer (lead.reviewer@example.org) two months from their annual review with two
of three network meetings attended, a cohort open for applications, and supervision sessions
ahead. Dated from today, so that the progress pages and reminders have something to show.
"""

import datetime as dt

from django.core.files.base import ContentFile
from django.utils import timezone

from accreditation.models import Application, Programme, Trainee
from accreditation.services import accreditations, applications, cohorts, training
from core.history import acting_as

PROGRAMME = "Learning Together lead reviewer programme"
DEMO_CV = b"%PDF-1.4\n% Demo CV\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
QUESTIONS = [
    "Tell us about your experience of case reviews or investigations.",
    "Why do you want to lead reviews with a systems approach?",
    "How will you arrange a practice review with a board?",
]
CRITERIA = [
    ("Experience of multi-agency safeguarding practice", 5),
    ("Understanding of systems thinking", 5),
    ("A practice review in prospect", 3),
]


def seed(*, staff, lead, trainee_user) -> None:
    if Programme.objects.filter(name=PROGRAMME).exists():
        return
    today = timezone.localdate()
    days = dt.timedelta
    programme = cohorts.programme_add(
        actor=staff,
        name=PROGRAMME,
        description="Four days of training in two blocks, a supervised practice review, group "
        "supervision and an assessment toward accreditation.",
    )
    past = _cohort(staff, programme, "Spring cohort", today - days(200), today - days(150))
    for offset, block in [(140, 1), (139, 1), (126, 2), (125, 2)]:
        cohorts.training_day_add(actor=staff, cohort=past, date=today - days(offset), block=block)
    application = Application(
        cohort=past,
        applicant=trainee_user,
        cv=ContentFile(DEMO_CV, name="demo-cv.pdf"),
        cv_name="Tia Trainee CV.pdf",
        submitted_on=today - days(160),
    )
    acting_as(application, trainee_user).save()
    applications.application_decide(
        actor=staff, application=application, decision="offered", message="Welcome."
    )
    trainee = application.trainee
    for day in past.training_days.all():
        training.attendance_record(actor=staff, training_day=day, trainees=[trainee])
    # Entered after they took place, as staff often do: attendance makes the place.
    for offset in (60, 30):
        session = training.session_add(
            actor=staff,
            date=today - days(offset),
            title="Group supervision",
            venue="Online",
            capacity=10,
            facilitator=staff,
        )
        training.session_attendance_record(actor=staff, session=session, trainees=[trainee])
    for offset in (14, 45):
        training.session_add(
            actor=staff,
            date=today + days(offset),
            title="Group supervision",
            venue="SCIE, London",
            capacity=10,
            facilitator=staff,
        )

    _cohort(staff, programme, "Autumn cohort", today - days(10), today + days(30))

    accreditation = accreditations.accreditation_grant(
        actor=staff, user=lead, accredited_on=today - days(300)
    )
    accreditations.availability_update(
        actor=lead,
        accreditation=accreditation,
        regions=["north_west", "yorkshire"],
        availability="available",
        note="From next month",
    )
    for offset, title in [(250, "Network meeting: spring"), (120, "Network meeting: summer")]:
        meeting = accreditations.meeting_add(
            actor=staff, date=today - days(offset), title=title, venue="Online"
        )
        accreditations.meeting_attendance_record(
            actor=staff, meeting=meeting, accreditations=[accreditation]
        )


def _cohort(staff, programme, name, opens, closes):
    cohort = cohorts.cohort_add(
        actor=staff,
        programme=programme,
        name=name,
        venue="SCIE, London",
        trainers="Sheila Trainer and Eileen Trainer",
        places=12,
        fee_pence=350_000,
        vat_applies=True,
        applications_open_on=opens,
        applications_close_on=closes,
    )
    for question in QUESTIONS:
        cohorts.question_add(actor=staff, cohort=cohort, text=question)
    for text, top in CRITERIA:
        cohorts.criterion_add(actor=staff, cohort=cohort, text=text, max_score=top)
    return cohort


def link_practice_review(*, staff, trainee_user, review) -> None:
    trainee = Trainee.objects.filter(user=trainee_user).first()
    if trainee is not None and trainee.practice_review_id is None:
        training.practice_review_link(actor=staff, trainee=trainee, review=review)
