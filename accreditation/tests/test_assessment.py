"""The assessment: evidence by area and source, a judgement, moderation by a second assessor."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from accreditation import selectors
from accreditation.models import Accreditation, CompetencyArea, Trainee
from accreditation.services import assessment
from accreditation.tests.factories import TraineeFactory, make_ready

FEEDBACK = {
    "summative_judgement": "Leads a review with fidelity to the model.",
    "strengths": "Structured conversations.",
    "areas_to_work_on": "Prioritising findings.",
}


@pytest.fixture
def trainee(cohort):
    return TraineeFactory(application__cohort=cohort)


@pytest.fixture
def ready(trainee, review, staff):
    """A trainee who has done everything the assessment needs."""
    return make_ready(trainee, review=review, staff=staff)


def judge(actor, trainee, outcome="accredited"):
    return assessment.assessment_judge(actor=actor, trainee=trainee, outcome=outcome, **FEEDBACK)


def test_six_competency_areas_by_default(db):
    assert CompetencyArea.objects.filter(active=True).count() == 6


def test_evidence_is_tagged_with_area_and_source_and_counted(staff, trainee):
    areas = list(CompetencyArea.objects.all())
    assessment.evidence_add(
        actor=staff, trainee=trainee, area=areas[0], source="written", description="Report draft"
    )
    assessment.evidence_add(
        actor=staff, trainee=trainee, area=areas[0], source="others", description="Co-reviewer"
    )
    evidence = selectors.progress_of(trainee).evidence
    assert evidence[areas[0]] == {"written": 1, "others": 1, "trainee": 0}
    needed = selectors.progress_of(trainee).still_needed
    assert f"evidence for “{areas[0].name}” from: input from the trainee" in needed


def test_bad_evidence_is_refused(staff, trainee):
    area = CompetencyArea.objects.first()
    with pytest.raises(ValidationError) as error:
        assessment.evidence_add(actor=staff, trainee=trainee, area=area, source="x", description="")
    assert "source" in error.value.message_dict
    area.active = False
    area.save()
    with pytest.raises(ValidationError):
        assessment.evidence_add(
            actor=staff, trainee=trainee, area=area, source="written", description="A"
        )


def test_a_judgement_needs_every_part(staff, trainee):
    with pytest.raises(ValidationError) as error:
        assessment.assessment_judge(
            actor=staff,
            trainee=trainee,
            outcome="",
            summative_judgement="",
            strengths="",
            areas_to_work_on="",
        )
    assert set(error.value.message_dict) == {
        "outcome",
        "summative_judgement",
        "strengths",
        "areas_to_work_on",
    }


def test_the_assessor_does_not_moderate_their_own_judgement(staff, ready):
    judge(staff, ready)
    with pytest.raises(ValidationError, match="A second assessor moderates"):
        assessment.assessment_moderate(actor=staff, trainee=ready, agreed=True)


def test_nobody_is_accredited_before_everything_is_done(staff, trainee):
    with pytest.raises(ValidationError) as error:
        judge(staff, trainee)
    message = error.value.message_dict["outcome"][0]
    assert message.startswith("Not ready to be accredited. Still needed: 4 of the 4 training")
    assert "4 more group supervision sessions (0 of 4 attended)" in message
    judge(staff, trainee, outcome="not_yet")  # a judgement of "not yet" needs nothing


def test_a_withdrawn_trainee_is_not_assessed(staff, ready):
    ready.status = "withdrawn"
    ready.save()
    with pytest.raises(ValidationError, match="Only a trainee in training is assessed"):
        judge(staff, ready)


def test_agreed_moderation_accredits_with_the_year_and_its_deadlines(
    staff, second_staff, ready, clock
):
    trainee = ready
    judge(staff, trainee)
    assert not Accreditation.objects.exists()  # nothing until moderated
    assessment.assessment_moderate(actor=second_staff, trainee=trainee, agreed=True)
    trainee.refresh_from_db()
    assert trainee.status == Trainee.Status.ACCREDITED
    accreditation = Accreditation.objects.get(user=trainee.user)
    assert (accreditation.status, accreditation.accredited_on) == (
        "accredited",
        dt.date(2026, 2, 10),
    )
    assert accreditation.annual_review_due_on == dt.date(2027, 2, 10)
    assert sorted(accreditation.deadlines.values_list("clock", "due_on")) == [
        ("annual_review", dt.date(2027, 2, 10)),
        ("network_meetings", dt.date(2027, 2, 10)),
    ]
    with pytest.raises(ValidationError, match="final"):
        judge(staff, trainee, outcome="not_yet")


def test_a_moderator_who_disagrees_says_why_and_the_assessor_judges_again(
    staff, second_staff, ready
):
    trainee = ready
    judge(staff, trainee)
    with pytest.raises(ValidationError) as error:
        assessment.assessment_moderate(actor=second_staff, trainee=trainee, agreed=False)
    assert "notes" in error.value.message_dict
    assessment.assessment_moderate(
        actor=second_staff, trainee=trainee, agreed=False, notes="Too little evidence"
    )
    assert Trainee.objects.get(pk=trainee.pk).status == "in_training"
    judge(staff, trainee, outcome="not_yet")
    record = assessment.assessment_moderate(actor=second_staff, trainee=trainee, agreed=True)
    assert record.is_final
    assert Trainee.objects.get(pk=trainee.pk).status == "not_yet"
    assert not Accreditation.objects.exists()


def test_only_staff_assess(trainee):
    with pytest.raises(PermissionDenied):
        judge(trainee.user, trainee)


def test_staff_add_and_retire_competency_areas(staff):
    area = assessment.competency_area_add(actor=staff, name="Working with the media")
    assert CompetencyArea.objects.filter(active=True).count() == 7
    with pytest.raises(ValidationError):
        assessment.competency_area_add(actor=staff, name="Working with the media")
    assessment.competency_area_retire(actor=staff, area=area, active=False)
    assert CompetencyArea.objects.filter(active=True).count() == 6
