"""Starting, judging, completing, reopening and withdrawing a self-assessment."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from guidance import quality_markers as qm
from quality import services
from quality.models import Assessment, MarkerJudgement

pytestmark = pytest.mark.django_db


def judge_all(actor, assessment, judgement=qm.MET):
    for marker in assessment.markers.markers:
        services.marker_judge(
            actor=actor,
            assessment=assessment,
            marker=marker.code,
            judgement=judgement,
            evidence=f"Evidence of {marker.code}",
        )


def test_start_makes_one_blank_judgement_a_marker(business_manager, review):
    assessment = services.assessment_start(actor=business_manager, review=review)
    assert assessment.marker_set == qm.CHILDREN
    assert assessment.judgements.count() == 18
    assert not assessment.judgements.exclude(judgement="").exists()
    with pytest.raises(ValidationError) as error:
        services.assessment_start(actor=business_manager, review=review)
    assert error.value.code == "already_started"


def test_a_domestic_homicide_review_has_no_set(business_manager, review):
    review.review_type = "dhr"
    review.save()
    with pytest.raises(ValidationError) as error:
        services.assessment_start(actor=business_manager, review=review)
    assert error.value.code == "no_marker_set"
    assert not Assessment.objects.exists()


def test_only_the_business_manager_and_chair_assess(member, viewer, chair, review):
    for user in (member, viewer):
        with pytest.raises(PermissionDenied):
            services.assessment_start(actor=user, review=review)
    assert services.assessment_start(actor=chair, review=review).started_by == chair


def test_completing_with_markers_unjudged_is_refused_naming_them(business_manager, review):
    assessment = services.assessment_start(actor=business_manager, review=review)
    services.marker_judge(
        actor=business_manager,
        assessment=assessment,
        marker="referral",
        judgement=qm.MET,
        evidence="Referred within a day",
    )
    with pytest.raises(ValidationError) as error:
        services.assessment_complete(actor=business_manager, assessment=assessment)
    assert error.value.code == "unjudged"
    assert "2. Decision making" in error.value.messages[0]
    assert "1. Referral" not in error.value.messages[0]
    assessment.refresh_from_db()
    assert assessment.state == Assessment.State.IN_PROGRESS


def test_a_judgement_needs_evidence_unless_not_applicable(business_manager, review):
    assessment = services.assessment_start(actor=business_manager, review=review)
    with pytest.raises(ValidationError) as error:
        services.marker_judge(
            actor=business_manager,
            assessment=assessment,
            marker="referral",
            judgement=qm.MET,
            evidence="",
        )
    assert "evidence" in error.value.message_dict
    row = services.marker_judge(
        actor=business_manager,
        assessment=assessment,
        marker="parallel_processes",
        judgement=qm.NOT_APPLICABLE,
        evidence="",
    )
    assert row.judged_by == business_manager


def test_what_the_service_holds_is_added_once(business_manager, review):
    assessment = services.assessment_start(actor=business_manager, review=review)
    for _ in range(2):
        row = services.marker_judge(
            actor=business_manager,
            assessment=assessment,
            marker="referral",
            judgement=qm.MET,
            evidence="Our own note.",
            add_held=True,
        )
    lines = row.evidence.splitlines()
    assert lines[0] == "Our own note."
    told = [line for line in lines if line.startswith("The board was told on 3 March 2026")]
    assert len(told) == 1


def test_complete_reopen_with_a_reason_and_history(business_manager, chair, review):
    assessment = services.assessment_start(actor=business_manager, review=review)
    judge_all(business_manager, assessment)
    services.assessment_complete(actor=chair, assessment=assessment)
    assessment.refresh_from_db()
    assert assessment.is_completed and assessment.completed_by == chair
    # Completed: it changes only once reopened.
    with pytest.raises(ValidationError) as error:
        services.marker_judge(
            actor=business_manager,
            assessment=assessment,
            marker="referral",
            judgement=qm.NOT_MET,
            evidence="Late",
        )
    assert error.value.code == "completed"
    with pytest.raises(ValidationError):
        services.assessment_reopen(actor=chair, assessment=assessment, reason=" ")
    services.assessment_reopen(actor=chair, assessment=assessment, reason="The panel asked")
    assessment.refresh_from_db()
    assert assessment.state == Assessment.State.IN_PROGRESS
    assert assessment.reopen_reason == "The panel asked"
    states = list(assessment.history.values_list("state", flat=True))
    assert states[:3] == ["in_progress", "completed", "in_progress"]
    services.marker_judge(
        actor=business_manager,
        assessment=assessment,
        marker="referral",
        judgement=qm.PARTLY_MET,
        evidence="Changed",
    )
    judgement = MarkerJudgement.objects.get(assessment=assessment, marker="referral")
    assert [h.judgement for h in judgement.history.all()][:2] == [qm.PARTLY_MET, qm.MET]


def test_withdrawn_with_a_reason_never_deleted(business_manager, review):
    assessment = services.assessment_start(actor=business_manager, review=review)
    with pytest.raises(ValidationError):
        services.assessment_withdraw(actor=business_manager, assessment=assessment, reason="")
    services.assessment_withdraw(
        actor=business_manager, assessment=assessment, reason="Started in error"
    )
    assert not Assessment.objects.filter(review=review).exists()
    assert Assessment.all_objects.get(pk=assessment.pk).withdrawal_reason == "Started in error"
    # A new one may start.
    assert services.assessment_start(actor=business_manager, review=review).pk != assessment.pk
