"""Reads of reviews' data: incidents, deadlines, reviews and their records. Every read of case
data is board-scoped. Views and the API read through these functions, never a model's manager.

One module per subject; every function is named here, so that `from reviews.selectors import
name` and `selectors.name` reach it wherever it lives:

- `deadlines`: deadlines and their status, the bank holidays they are counted in;
- `incidents`: the case: incidents, the people involved, notifications, the decision, advice;
- `reviews`: reviews, their clocks, reviewers and appointments, the chronology;
- `analysis`: conversations, key practice episodes, findings;
- `actions`: the action plan;
- `records`: any record by its model (one of a review, those withdrawn, the API's).
"""

from reviews.selectors.actions import (
    action_deadline_statuses,
    action_tracker,
    earlier_actions_of_board,
)
from reviews.selectors.analysis import (
    conversation_participant_choices,
    episode_list_of_review,
    finding_category_list_active,
    finding_list_of_review,
)
from reviews.selectors.deadlines import (
    OPEN,
    Status,
    bank_holiday_get,
    bank_holiday_list,
    bank_holiday_years,
    board_timescales,
    deadline_get,
    deadline_list_for_board,
    deadline_with_status,
    due_soon_until,
    with_status,
)
from reviews.selectors.incidents import (
    agency_list_of_board,
    agency_list_visible,
    board_list_visible,
    decision_exists,
    decision_get,
    incident_deadlines,
    incident_detail,
    incident_get,
    incident_list_for_api,
    incident_list_for_board,
    incident_list_with_withdrawn,
    incident_lookup,
    incident_lookup_for_api,
    local_criterion_list_visible,
    notification_get,
    panel_advice_get,
    person_get,
    person_list,
    person_list_with_withdrawn,
    proceeding_get,
    restriction_get,
    with_clocks,
)
from reviews.selectors.records import (
    none_of,
    record_list_of_parent,
    review_child,
    review_children_with_withdrawn,
)
from reviews.selectors.reviews import (
    appointment_end_reasons,
    appointments_ending_warning,
    appointments_ending_with,
    approved_reviewer_list,
    chronology_list_of_review,
    review_clock_deadlines,
    review_deadlines,
    review_get,
    review_list_for_api,
    review_list_for_board,
    review_list_for_reviewer,
    review_lookup_for_api,
    review_reload,
    reviewer_choices,
    reviewer_choices_for_api,
    reviewers_for_lists,
)

__all__ = [
    "OPEN",
    "Status",
    "action_deadline_statuses",
    "action_tracker",
    "earlier_actions_of_board",
    "agency_list_of_board",
    "agency_list_visible",
    "appointment_end_reasons",
    "approved_reviewer_list",
    "reviewers_for_lists",
    "appointments_ending_warning",
    "appointments_ending_with",
    "bank_holiday_get",
    "bank_holiday_list",
    "bank_holiday_years",
    "board_list_visible",
    "chronology_list_of_review",
    "conversation_participant_choices",
    "deadline_get",
    "deadline_list_for_board",
    "board_timescales",
    "deadline_with_status",
    "decision_exists",
    "decision_get",
    "due_soon_until",
    "episode_list_of_review",
    "finding_category_list_active",
    "finding_list_of_review",
    "incident_deadlines",
    "with_clocks",
    "incident_detail",
    "incident_get",
    "incident_list_for_api",
    "incident_list_for_board",
    "incident_list_with_withdrawn",
    "incident_lookup",
    "incident_lookup_for_api",
    "local_criterion_list_visible",
    "none_of",
    "notification_get",
    "proceeding_get",
    "restriction_get",
    "panel_advice_get",
    "person_get",
    "person_list",
    "person_list_with_withdrawn",
    "record_list_of_parent",
    "review_child",
    "review_children_with_withdrawn",
    "review_clock_deadlines",
    "review_deadlines",
    "review_get",
    "review_list_for_api",
    "review_list_for_board",
    "review_list_for_reviewer",
    "review_lookup_for_api",
    "review_reload",
    "reviewer_choices",
    "reviewer_choices_for_api",
    "with_status",
]
