"""Learning Together's options as data: each runs its own stages where SCIE describes a
different method (focused: a one-day event; themed: a case-file audit), and all end alike."""

import pytest

from guidance import methodologies
from guidance.methodologies import LEARNING_TOGETHER, METHODOLOGIES

OPTIONS = [code for code, _ in LEARNING_TOGETHER.options]


def codes(method):
    return [stage.code for stage in method.stages]


def tasks(method):
    return {task for stage in method.stages for task in stage.tasks}


@pytest.mark.parametrize("option", OPTIONS)
def test_every_option_starts_at_preparation_and_ends_with_findings_report_publication_closed(
    option,
):
    method = methodologies.get("learning_together", option)
    # A new review's stage is "preparation" (the model's default) whatever its option.
    assert codes(method)[0] == "preparation"
    assert codes(method)[-4:] == ["findings", "report", "publication", "closed"]
    assert [stage.completes for stage in method.stages].count(True) == 1
    assert method.stage("publication").completes


@pytest.mark.parametrize("option", OPTIONS)
def test_every_option_has_a_source(option):
    assert "scie.org.uk/children/learningtogether" in LEARNING_TOGETHER.option_sources[option]


def test_sources_and_stage_sets_name_only_the_options():
    assert set(LEARNING_TOGETHER.option_sources) == set(OPTIONS)
    assert set(LEARNING_TOGETHER.option_stages) <= set(OPTIONS)


@pytest.mark.parametrize("option", ["focused", "themed"])
def test_focused_and_themed_hold_no_conversations(option):
    assert "conversations" not in tasks(methodologies.get("learning_together", option))


@pytest.mark.parametrize("option", ["full", "intensive", "speed_plus", "mid_range"])
def test_the_other_options_run_the_full_model_with_conversations(option):
    method = methodologies.get("learning_together", option)
    assert method.stages == LEARNING_TOGETHER.stages
    assert codes(method) == [
        "preparation",
        "data_collection",
        "analysis",
        "findings",
        "report",
        "publication",
        "closed",
    ]
    assert "conversations" in method.stage("data_collection").tasks


def test_focused_is_a_single_learning_event_after_the_agencies_information():
    method = methodologies.get("learning_together", "focused")
    assert codes(method) == [
        "preparation",
        "data_collection",
        "learning_event",
        "findings",
        "report",
        "publication",
        "closed",
    ]
    assert method.stage("data_collection").tasks == methodologies.GATHERING_TASKS
    assert method.stage("learning_event").tasks == ("meetings", "episodes")
    assert "learning_event_held" in method.stage("findings").requires


def test_themed_works_from_a_case_file_audit():
    method = methodologies.get("learning_together", "themed")
    assert codes(method) == [
        "preparation",
        "case_file_audit",
        "analysis",
        "findings",
        "report",
        "publication",
        "closed",
    ]
    audit = method.stage("case_file_audit")
    assert {"agency_requests", "files_locked", "chronology"} <= set(audit.tasks)
    assert method.stage("analysis").tasks == ("episodes", "meetings")


@pytest.mark.parametrize("option", OPTIONS)
def test_a_review_at_any_stage_of_the_full_model_has_a_place_in_every_option(option):
    """Reviews of every option ran the full model's stages before the options had their own:
    each such stage is one of the option's, or one of its stages stands in for it, once."""
    method = methodologies.get("learning_together", option)
    for code in codes(LEARNING_TOGETHER):
        placed = [s for s in method.stages if code == s.code or code in s.replaces]
        assert len(placed) == 1, code
    for stage in method.stages:
        # Only a stage the option lacks is stood in for.
        assert not set(stage.replaces) & set(codes(method))


def test_a_stage_stood_in_for_moves_on_from_its_stand_in():
    focused = methodologies.get("learning_together", "focused")
    assert focused.stage("analysis").code == "learning_event"
    assert focused.next_stage("analysis").code == "findings"
    assert focused.previous_stage("analysis").code == "data_collection"
    themed = methodologies.get("learning_together", "themed")
    assert themed.next_stage("data_collection").code == "analysis"
    assert themed.previous_stage("data_collection").code == "preparation"


def test_an_unknown_stage_has_no_neighbours():
    method = methodologies.get("learning_together", "focused")
    assert (method.stage("x"), method.next_stage("x"), method.previous_stage("x")) == (
        None,
        None,
        None,
    )
    assert method.previous_stage("preparation") is None
    assert method.next_stage("closed") is None


def test_an_option_without_stages_of_its_own_or_of_another_methodology_changes_nothing():
    assert methodologies.get("learning_together", "") is LEARNING_TOGETHER
    assert methodologies.get("learning_together", "full") is LEARNING_TOGETHER
    assert methodologies.get("silp", "focused") is METHODOLOGIES["silp"]
    assert methodologies.get("unknown") is LEARNING_TOGETHER
    focused = methodologies.get("learning_together", "focused")
    assert (focused.code, focused.option) == ("learning_together", "focused")
    assert focused.needs_accredited_reviewers
