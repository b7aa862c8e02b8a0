"""Every URL that shows a case record or report is audited: the walk finds new URLs by itself,
so a new page of a case without an entry in AUDITED_URLS (or a reason in NOT_AUDITED) fails."""

import pytest

from audit.audited import AUDITED_URLS, BOARD, NOT_AUDITED
from core import permissions
from core.tests import test_url_policy as url_policy

# Arguments of an address that name a case or one of its records (or a board-wide report).
CASE_KWARGS = {
    "incident_id",
    "review_id",
    "person_id",
    "deadline_id",
    "question_id",
    "appointment_id",
    "participant_id",
    "meeting_id",
    "request_id",
    "involvement_id",
    "conversation_id",
    "episode_id",
    "finding_id",
    "action_id",
    "rendering_id",
    "section",
    "report_id",
    "year",
}
NAMES = {name for name, _ in url_policy.ALL_URLS}


def answers_get(name: str) -> bool:
    entry = permissions.URL_POLICY.get(name)
    return isinstance(entry, str) or (entry is not None and "GET" in entry)


CASE_URLS = sorted(
    name
    for name, kwargs in url_policy.ALL_URLS
    if set(kwargs) & CASE_KWARGS and name not in permissions.PUBLIC_URLS
)


@pytest.mark.parametrize("name", CASE_URLS)
def test_every_case_url_that_answers_get_is_audited(name):
    if not answers_get(name):
        # The middleware audits GETs only: a POST changes the case, and its history names who.
        assert name not in AUDITED_URLS
        return
    assert name in AUDITED_URLS or name in NOT_AUDITED, (
        f"{name} shows a case: add it to audit.audited.AUDITED_URLS (or say in NOT_AUDITED why not)"
    )


def test_the_walk_finds_the_case_urls():
    assert {"reviews:incident_detail", "reviews:finding_detail", "api:review-detail"} <= set(
        CASE_URLS
    )


def test_the_tables_name_only_urls_that_exist_and_answer_get():
    for name in [*AUDITED_URLS, *NOT_AUDITED]:
        assert name in NAMES, name
        assert answers_get(name), name
    assert not set(AUDITED_URLS) & set(NOT_AUDITED)


def test_each_entry_finds_its_case_in_the_address():
    kwargs_of = dict(url_policy.ALL_URLS)
    for name, entry in AUDITED_URLS.items():
        if entry.case_from.startswith("results."):
            assert name.endswith("-list"), name  # an API list: the cases come from its records
        else:
            assert entry.case_from in kwargs_of[name], name


def test_board_wide_views_are_audited():
    board_wide = {name for name, entry in AUDITED_URLS.items() if entry.case_from == BOARD}
    assert board_wide == {
        "insight:export",
        "insight:annual_report_web",
        "insight:annual_report_pdf",
        # Another board's proposal of a joint review: the answering board's event.
        "reviews:joint_accept",
        "reviews:joint_decline",
        # Excerpts of many cases: the board's event.
        "reviews:case_search",
    }
