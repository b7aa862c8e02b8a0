"""The guard of every Learning Together transition, and stages from data for the others."""

import datetime as dt

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError

from guidance.methodologies import METHODOLOGIES
from reviews.models import FindingCategory, StageChange
from reviews.services import actions, analysis, engagement, reviews, workflow

D = dt.date


@pytest.fixture(autouse=True)
def frozen_today():
    with time_machine.travel(dt.datetime(2026, 6, 15, 12, tzinfo=dt.UTC), tick=False):
        yield


def move(review, actor, to):
    return workflow.review_transition(actor=actor, review=review, to=to)


def refused(review, actor, to) -> list[str]:
    with pytest.raises(ValidationError) as error:
        move(review, actor, to)
    return error.value.message_dict["to"]


def prepare(review, actor, agency):
    reviews.review_setup(
        actor=actor,
        review=review,
        review_type=review.review_type,
        methodology="learning_together",
        lt_option="full",
        terms_of_reference="What happened and why.",
    )
    reviews.research_question_add(actor=actor, review=review, question="How did agencies share?")


def gather(review, actor, agency):
    request = engagement.agency_request_add(
        actor=actor,
        review=review,
        agency=agency,
        details="Records",
        requested_on=D(2026, 3, 10),
        due_on=D(2026, 3, 31),
    )
    return engagement.agency_request_receive(
        actor=actor, request=request, received_on=D(2026, 3, 30), files_locked_on=D(2026, 3, 30)
    )


class TestLearningTogether:
    def test_data_collection_needs_the_pair_independence_terms_and_questions(
        self, review, business_manager, board, agency
    ):
        assert review.stage == "preparation"
        unmet = refused(review, business_manager, "data_collection")
        assert unmet == [
            "This review cannot move on: no reviewer pair appointed",
            "This review cannot move on: no terms of reference agreed",
            "This review cannot move on: no research questions set",
        ]
        assert StageChange.objects.filter(review=review).count() == 1  # the start only

    def test_a_pair_that_has_not_all_declared_independence_is_not_enough(
        self, review, pair, business_manager, agency
    ):
        prepare(review, business_manager, agency)
        review.appointments.filter(user=pair[1]).update(independence_declared=False)
        assert refused(review, business_manager, "data_collection") == [
            "This review cannot move on: a reviewer has not declared their independence"
        ]

    def test_the_whole_path_to_closed_with_each_guard(
        self, review, pair, business_manager, chair, supervisor, agency
    ):
        lead = pair[0]
        prepare(review, lead, agency)
        move(review, lead, "data_collection")

        assert refused(review, lead, "analysis") == [
            "This review cannot move on: information requested from agencies is not all received",
            "This review cannot move on: not every agency has confirmed its case files are "
            "locked down",
        ]
        entry = engagement.chronology_add(
            actor=lead, review=review, agency=agency, occurred_on=D(2026, 1, 5), entry="Home visit"
        )
        gather(review, lead, agency)
        move(review, lead, "analysis")

        assert refused(review, lead, "findings") == [
            "This review cannot move on: no key practice episodes recorded"
        ]
        episode = analysis.episode_add(
            actor=lead,
            review=review,
            occurred_on=D(2026, 1, 5),
            title="The home visit",
            what_happened="The visit ended early.",
            chronology_entries=[entry],
        )
        move(review, lead, "findings")

        assert refused(review, lead, "report") == [
            "This review cannot move on: no findings recorded",
            "This review cannot move on: findings not quality-assured",
        ]
        finding = analysis.finding_add(
            actor=lead,
            review=review,
            category=FindingCategory.objects.get(code="family_professional"),
            title="Disguised compliance is hard to see",
            manifested="The visit ended early.",
            episodes=[episode],
        )
        assert refused(review, lead, "report") == [
            "This review cannot move on: findings not quality-assured"
        ]
        reviews.review_setup(
            actor=business_manager,
            review=review,
            review_type=review.review_type,
            methodology="learning_together",
            lt_option="full",
            terms_of_reference="What happened and why.",
            supervisor=supervisor,
        )
        analysis.finding_quality_assure(actor=supervisor, finding=finding)
        move(review, lead, "report")

        assert refused(review, lead, "publication") == [
            "This review cannot move on: the board has not responded to every finding",
            "This review cannot move on: no actions agreed",
        ]
        analysis.finding_respond(
            actor=chair, finding=finding, response="Accepted.", responded_on=D(2026, 6, 1)
        )
        action = actions.action_add(
            actor=business_manager,
            review=review,
            finding=finding,
            description="Train staff on disguised compliance",
            owner_agency=agency,
            due_on=D(2026, 9, 1),
        )
        review = move(review, lead, "publication")
        assert review.completed_on == D(2026, 6, 15)
        complete = review.incident.deadlines.get(clock="complete")
        assert complete.met_on == D(2026, 6, 15)

        # At publication the analysis is settled; the action plan goes on.
        with pytest.raises(ValidationError, match="can no longer change"):
            analysis.finding_add(
                actor=lead,
                review=review,
                category=FindingCategory.objects.get(code="tools"),
                title="Late",
            )
        with pytest.raises(ValidationError, match="can no longer change"):
            analysis.finding_respond(
                actor=chair, finding=finding, response="Changed.", responded_on=D(2026, 6, 15)
            )

        assert refused(review, lead, "closed") == [
            "This review cannot move on: actions are not all completed with evidence of their "
            "impact, or cancelled"
        ]
        actions.action_progress(
            actor=business_manager,
            action=action,
            status="completed",
            on=D(2026, 6, 15),
            completed_on=D(2026, 6, 14),
            evidence_of_impact="Audit shows visits now completed.",
        )
        review = move(review, lead, "closed")
        with pytest.raises(ValidationError, match="action plan can no longer change"):
            actions.action_add(
                actor=business_manager,
                review=review,
                description="Another",
                owner_agency=agency,
                due_on=D(2026, 9, 1),
            )
        history = list(StageChange.objects.filter(review=review).values_list("to_stage", "actor"))
        assert [stage for stage, _ in history] == [
            "preparation",
            "data_collection",
            "analysis",
            "findings",
            "report",
            "publication",
            "closed",
        ]
        assert {actor for _, actor in history[1:]} == {lead.pk}

    def test_every_agency_involved_must_be_asked(self, review, pair, business_manager, agency):
        from boards.tests.factories import AgencyFactory
        from reviews.services import incidents

        school = AgencyFactory(board=review.board, name="Riverside School")
        incidents.incident_update(
            actor=business_manager, incident=review.incident, agencies=[agency, school]
        )
        prepare(review, business_manager, agency)
        move(review, business_manager, "data_collection")
        gather(review, business_manager, agency)  # the police asked and answered; not the school
        assert refused(review, business_manager, "analysis") == [
            "This review cannot move on: an agency involved in the case has not been asked for "
            "information"
        ]
        gather(review, business_manager, school)
        assert move(review, business_manager, "analysis").stage == "analysis"

    def test_going_back_before_publication_undoes_completion(
        self, review, business_manager, chair, supervisor, agency
    ):
        from reviews.models import Review

        Review.objects.filter(pk=review.pk).update(stage="publication", completed_on=D(2026, 6, 1))
        review.refresh_from_db()
        review = move(review, business_manager, "report")
        assert review.completed_on is None
        complete = review.incident.deadlines.get(clock="complete")
        assert complete.met_on is None

    def test_a_finding_changed_after_the_boards_response_needs_both_again(
        self, review, pair, business_manager, chair, supervisor
    ):
        lead = pair[0]
        reviews.review_setup(
            actor=business_manager,
            review=review,
            review_type=review.review_type,
            methodology="learning_together",
            lt_option="full",
            supervisor=supervisor,
        )
        finding = analysis.finding_add(
            actor=lead,
            review=review,
            category=FindingCategory.objects.get(code="tools"),
            title="The form hides risk",
            manifested="Nobody saw the score.",
        )
        analysis.finding_quality_assure(actor=supervisor, finding=finding)
        analysis.finding_respond(
            actor=chair, finding=finding, response="Accepted.", responded_on=D(2026, 6, 1)
        )
        finding.refresh_from_db()
        finding = analysis.finding_update(
            actor=lead,
            finding=finding,
            version=finding.version,
            category=finding.category,
            title="The form hides risk from managers",
            manifested="Nobody saw the score.",
        )
        assert (finding.quality_assured_on, finding.board_response, finding.responded_on) == (
            None,
            "",
            None,
        )
        assert finding.history.filter(board_response="Accepted.").exists()

    def test_going_back_needs_no_guard_but_skipping_is_refused(
        self, review, pair, business_manager, agency
    ):
        prepare(review, business_manager, agency)
        move(review, business_manager, "data_collection")
        assert refused(review, business_manager, "report") == [
            "From Data collection a review can move to: Analysis or Preparation and scoping"
        ]
        assert move(review, business_manager, "preparation").stage == "preparation"

    @pytest.mark.parametrize("role", ["chair", "member", "viewer", "lead_reviewer"])
    def test_only_reviewers_and_the_business_manager_move_a_review(self, review, role_users, role):
        with pytest.raises(PermissionDenied):
            move(review, role_users[role], "data_collection")


@pytest.mark.parametrize("code", sorted(set(METHODOLOGIES) - {"learning_together"}))
def test_other_methodologies_run_their_own_stages_from_data(code, review, pair, business_manager):
    method = METHODOLOGIES[code]
    reviews.review_setup(
        actor=business_manager,
        review=review,
        review_type=review.review_type,
        methodology=code,
        terms_of_reference="Scope",
    )
    review.refresh_from_db()
    assert review.stage == method.stages[0].code == "scoping"
    # On through the stages that need nothing more, until the findings, which need the
    # agencies' information.
    for stage in method.stages[1:]:
        if stage.code == "findings":
            break
        assert move(review, business_manager, stage.code).stage == stage.code
    assert refused(review, business_manager, "findings") == [
        "This review cannot move on: information requested from agencies is not all received"
    ]


def test_the_methodology_cannot_change_once_the_first_stage_is_over(
    review, pair, business_manager, agency
):
    prepare(review, business_manager, agency)
    move(review, business_manager, "data_collection")
    with pytest.raises(ValidationError) as error:
        reviews.review_setup(
            actor=business_manager,
            review=review,
            review_type=review.review_type,
            methodology="silp",
            terms_of_reference="x",
        )
    assert "methodology" in error.value.message_dict


def test_the_task_list_follows_the_work(review, pair, business_manager, agency):
    tasks = {t["title"]: t["status"] for t in workflow.tasks_of(review)}
    assert tasks["Appoint the reviewer pair"] == "completed"
    assert tasks["Agree the terms of reference"] == "not_started"
    assert tasks["Form the review team and case group"] == "not_started"
    engagement.participant_add(actor=business_manager, review=review, group="case_group", name="N")
    tasks = {t["title"]: t["status"] for t in workflow.tasks_of(review)}
    assert tasks["Form the review team and case group"] == "in_progress"
