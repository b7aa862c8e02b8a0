"""A Learning Together review runs the stages of its option: a focused review meets once at a
learning event and holds no conversations, a themed one audits the case files; the option
changes only at a stage both options have."""

import datetime as dt

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse

from guidance.methodologies import LEARNING_TOGETHER, METHODOLOGIES
from reviews.models import Review, StageChange
from reviews.services import analysis, engagement, reviews, workflow

D = dt.date
CONVERSATIONS = workflow.TASKS["conversations"].title


@pytest.fixture(autouse=True)
def frozen_today():
    with time_machine.travel(dt.datetime(2026, 6, 15, 12, tzinfo=dt.UTC), tick=False):
        yield


def set_up(review, actor, lt_option):
    return reviews.review_setup(
        actor=actor,
        review=review,
        review_type=review.review_type,
        methodology="learning_together",
        lt_option=lt_option,
        terms_of_reference="What happened and why.",
    )


def ready(review, actor, lt_option):
    """Set up with the option, terms of reference and a research question (the pair appointed
    by the `pair` fixture): ready to gather."""
    set_up(review, actor, lt_option)
    reviews.research_question_add(actor=actor, review=review, question="How did agencies share?")


def move(review, actor, to):
    return workflow.review_transition(actor=actor, review=review, to=to)


def refused(review, actor, to) -> list[str]:
    with pytest.raises(ValidationError) as error:
        move(review, actor, to)
    return error.value.message_dict["to"]


def gather(review, actor, agency):
    request = engagement.agency_request_add(
        actor=actor,
        review=review,
        agency=agency,
        details="Records",
        requested_on=D(2026, 3, 10),
        due_on=D(2026, 3, 31),
    )
    engagement.agency_request_receive(
        actor=actor, request=request, received_on=D(2026, 3, 30), files_locked_on=D(2026, 3, 30)
    )


def task_titles(review):
    review.refresh_from_db()
    return [task["title"] for task in workflow.tasks_of(review)]


def an_episode(review, actor):
    return analysis.episode_add(
        actor=actor,
        review=review,
        occurred_on=D(2026, 1, 5),
        title="The home visit",
        what_happened="The visit ended early.",
    )


def test_every_condition_and_task_an_option_names_is_defined():
    for option, _ in LEARNING_TOGETHER.options:
        for stage in LEARNING_TOGETHER.stages_for(option):
            assert set(stage.requires) <= set(workflow.CONDITIONS), (option, stage.code)
            assert set(stage.tasks) <= set(workflow.TASKS), (option, stage.code)


def test_a_focused_review_meets_once_and_holds_no_conversations(
    review, pair, business_manager, agency
):
    lead = pair[0]
    ready(review, business_manager, "focused")
    assert CONVERSATIONS not in task_titles(review)
    move(review, lead, "data_collection")
    assert CONVERSATIONS not in task_titles(review)
    # From data collection a focused review goes to its learning event, not to analysis.
    assert refused(review, lead, "analysis") == [
        "From Data collection a review can move to: Learning event or Preparation and scoping"
    ]
    gather(review, lead, agency)
    review = move(review, lead, "learning_event")
    assert review.stage_changes.last().to_stage == "learning_event"
    assert task_titles(review) == [
        workflow.TASKS["meetings"].title,
        workflow.TASKS["episodes"].title,
    ]

    assert refused(review, lead, "findings") == [
        "This review cannot move on: no meeting of the learning event is recorded as held",
        "This review cannot move on: no key practice episodes recorded",
    ]
    event = engagement.meeting_plan(
        actor=business_manager, review=review, kind="joint", planned_on=D(2026, 6, 1)
    )
    engagement.meeting_record(actor=business_manager, meeting=event, held_on=D(2026, 6, 1))
    an_episode(review, lead)
    assert move(review, lead, "findings").stage == "findings"
    assert CONVERSATIONS not in task_titles(review)
    assert move(review, lead, "learning_event").stage == "learning_event"  # and back


def test_a_themed_review_audits_the_case_files(review, pair, business_manager, agency):
    lead = pair[0]
    ready(review, business_manager, "themed")
    review = move(review, lead, "case_file_audit")
    assert review.stage == "case_file_audit"
    titles = task_titles(review)
    assert CONVERSATIONS not in titles
    for task in ("agency_requests", "files_locked", "chronology"):
        assert workflow.TASKS[task].title in titles
    assert refused(review, lead, "analysis") == [
        "This review cannot move on: information requested from agencies is not all received",
        "This review cannot move on: not every agency has confirmed its case files are locked down",
    ]
    gather(review, lead, agency)
    review = move(review, lead, "analysis")
    assert CONVERSATIONS not in task_titles(review)
    an_episode(review, lead)
    assert move(review, lead, "findings").stage == "findings"
    history = list(StageChange.objects.filter(review=review).values_list("to_stage", flat=True))
    assert history == ["preparation", "case_file_audit", "analysis", "findings"]


def test_the_review_page_shows_the_options_stages_and_tasks(client, review, pair, business_manager):
    ready(review, business_manager, "themed")
    move(review, pair[0], "case_file_audit")
    client.force_login(pair[0])
    response = client.get(reverse("reviews:review_detail", args=[review.board_id, review.pk]))
    html = response.content.decode()
    assert "Stage: Case-file audit" in html
    assert "Move on to analysis" in html
    assert CONVERSATIONS not in html
    listing = client.get(reverse("reviews:review_list", args=[review.board_id]))
    assert "Case-file audit" in listing.content.decode()


class TestChangingTheOption:
    def test_refused_at_a_stage_the_new_option_does_not_have(
        self, review, pair, business_manager, agency
    ):
        ready(review, business_manager, "full")
        move(review, business_manager, "data_collection")
        gather(review, business_manager, agency)
        move(review, business_manager, "analysis")
        with pytest.raises(ValidationError) as error:
            set_up(review, business_manager, "focused")
        assert list(error.value.message_dict) == ["lt_option"]
        assert "the focused option does not have" in error.value.message_dict["lt_option"][0]
        review.refresh_from_db()
        assert (review.lt_option, review.stage) == ("full", "analysis")
        # Between options with the same stages it may change.
        assert set_up(review, business_manager, "mid_range").lt_option == "mid_range"

    def test_allowed_at_a_stage_both_have_and_the_review_stays_there(
        self, review, pair, business_manager
    ):
        ready(review, business_manager, "full")
        move(review, business_manager, "data_collection")
        with pytest.raises(ValidationError) as error:
            set_up(review, business_manager, "themed")  # themed audits instead
        assert "lt_option" in error.value.message_dict
        review = set_up(review, business_manager, "focused")
        assert (review.lt_option, review.stage) == ("focused", "data_collection")
        assert CONVERSATIONS not in task_titles(review)

    def test_the_setup_page_shows_the_refusal_on_the_option(
        self, client, review, pair, business_manager
    ):
        ready(review, business_manager, "full")
        move(review, business_manager, "data_collection")
        client.force_login(business_manager)
        response = client.post(
            reverse("reviews:setup", args=[review.board_id, review.pk]),
            {
                "review_type": review.review_type,
                "methodology": "learning_together",
                "lt_option": "themed",
                "terms_of_reference": "ToR",
            },
        )
        html = response.content.decode()
        assert '<div class="govuk-error-summary"' in html
        assert "the themed option does not have" in html
        review.refresh_from_db()
        assert review.lt_option == "full"

    def test_the_api_answers_400_on_the_option(
        self, api_client_for, review, pair, business_manager
    ):
        ready(review, business_manager, "full")
        move(review, business_manager, "data_collection")
        response = api_client_for(business_manager).patch(
            reverse("api:review-detail", args=[review.pk]), {"lt_option": "themed"}, format="json"
        )
        assert response.status_code == 400
        assert list(response.json()) == ["lt_option"]


class TestReviewsFromBeforeTheOptionsHadStages:
    """Focused and themed reviews ran the full model's stages until now: one at a stage its
    option no longer has is placed at the stage that stands in for it."""

    def at(self, review, lt_option, stage):
        Review.objects.filter(pk=review.pk).update(lt_option=lt_option, stage=stage)
        review.refresh_from_db()
        return review

    def test_a_focused_review_at_analysis_is_at_its_learning_event(
        self, client, review, pair, business_manager
    ):
        review = self.at(review, "focused", "analysis")
        assert task_titles(review) == [
            workflow.TASKS["meetings"].title,
            workflow.TASKS["episodes"].title,
        ]
        assert refused(review, business_manager, "findings") == [
            "This review cannot move on: no meeting of the learning event is recorded as held",
            "This review cannot move on: no key practice episodes recorded",
        ]
        assert move(review, business_manager, "data_collection").stage == "data_collection"
        client.force_login(business_manager)
        detail = reverse("reviews:review_detail", args=[review.board_id, review.pk])
        self.at(review, "focused", "analysis")
        assert "Stage: Learning event" in client.get(detail).content.decode()

    def test_a_themed_review_at_data_collection_is_at_its_case_file_audit(
        self, review, pair, business_manager
    ):
        review = self.at(review, "themed", "data_collection")
        assert CONVERSATIONS not in task_titles(review)
        assert move(review, business_manager, "preparation").stage == "preparation"

    def test_a_stage_no_option_has_breaks_nothing(self, client, review, pair, business_manager):
        review = self.at(review, "focused", "somewhere_else")
        assert workflow.tasks_of(review) == []
        assert workflow.allows(workflow.require_analysis_open, review)
        assert refused(review, business_manager, "findings") == [
            "This review is at “somewhere_else”, which is not a stage of Learning Together "
            "(SCIE systems model), so it cannot move from there"
        ]
        client.force_login(business_manager)
        response = client.get(reverse("reviews:review_detail", args=[review.board_id, review.pk]))
        assert response.status_code == 200
        assert "Stage: Somewhere else" in response.content.decode()
        # The option cannot change from there either (no option has the stage), but the rest
        # of the setup can.
        with pytest.raises(ValidationError) as error:
            set_up(review, business_manager, "full")
        assert list(error.value.message_dict) == ["lt_option"]
        assert set_up(review, business_manager, "focused").terms_of_reference


def test_other_methodologies_ignore_the_option():
    assert (
        Review(methodology="silp", lt_option="focused").method.stages
        == METHODOLOGIES["silp"].stages
    )
