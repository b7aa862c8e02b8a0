"""When a case closes and until when it is kept: the rule, without a database."""

import dataclasses
import datetime as dt

import pytest

from guidance import retention as rules
from guidance import rulebooks
from guidance.retention import CaseFacts, ClosedBy

D = dt.date
LSCB = "lscb-2015:1"  # a published report stays online at least 12 months
SAB = "sab-2014:1"  # no minimum time online


def closed_review(**values) -> CaseFacts:
    return CaseFacts(
        rulebook=LSCB,
        decision_outcome="initiate_review",
        decided_on=D(2026, 1, 10),
        review_stage="closed",
        review_closed_on=D(2026, 9, 1),
        **values,
    )


class TestClosure:
    def test_a_decision_not_to_hold_a_review_closes_the_case_that_day(self):
        facts = CaseFacts(rulebook=LSCB, decision_outcome="no_review", decided_on=D(2026, 3, 10))
        assert rules.closure(facts) == rules.Closure(D(2026, 3, 10), ClosedBy.NO_REVIEW)

    def test_a_closed_rapid_review_ended_by_that_decision_closes_on_the_decision(self):
        facts = CaseFacts(
            rulebook="partners-2018:1",
            decision_outcome="no_review",
            decided_on=D(2026, 3, 10),
            review_stage="closed",
            review_closed_on=D(2026, 3, 10),
        )
        assert rules.closure(facts).by is ClosedBy.NO_REVIEW

    @pytest.mark.parametrize(
        "facts",
        [
            CaseFacts(rulebook=LSCB),  # awaiting the decision
            CaseFacts(rulebook=LSCB, decision_outcome="initiate_review", review_stage="analysis"),
            # Completed and published, but the action plan is still tracked to impact.
            CaseFacts(
                rulebook=LSCB,
                decision_outcome="initiate_review",
                review_stage="publication",
                publication_decision="publish",
                published_on=D(2026, 9, 1),
            ),
        ],
        ids=["awaiting decision", "under review", "actions still open"],
    )
    def test_open_cases_have_not_closed(self, facts):
        assert rules.closure(facts) is None

    def test_a_decision_to_publish_keeps_the_case_open_until_the_report_is_out(self):
        facts = closed_review(publication_decision="publish", publication_decided_on=D(2026, 8, 1))
        assert rules.closure(facts) is None

    def test_published_the_case_closes_on_the_later_of_closing_and_publishing(self):
        facts = closed_review(publication_decision="publish", published_on=D(2026, 10, 5))
        assert rules.closure(facts) == rules.Closure(D(2026, 10, 5), ClosedBy.PUBLISHED)
        facts = closed_review(publication_decision="publish", published_on=D(2026, 8, 5))
        assert rules.closure(facts).on == D(2026, 9, 1)

    def test_not_to_be_published_the_case_closes_with_that_decision_or_the_review(self):
        facts = closed_review(
            publication_decision="do_not_publish", publication_decided_on=D(2026, 11, 2)
        )
        assert rules.closure(facts) == rules.Closure(D(2026, 11, 2), ClosedBy.NOT_PUBLISHED)

    def test_a_review_closed_with_no_publication_decision_closes_that_day(self):
        assert rules.closure(closed_review()) == rules.Closure(D(2026, 9, 1), ClosedBy.CLOSED)


class TestKeptUntil:
    def test_the_boards_years_after_closing(self):
        facts = closed_review()
        assert rules.kept_until(facts, rules.closure(facts), 15) == D(2041, 9, 1)

    def test_29_february_keeps_until_28_february(self):
        facts = CaseFacts(rulebook=SAB, decision_outcome="no_review", decided_on=D(2028, 2, 29))
        assert rules.kept_until(facts, rules.closure(facts), 1) == D(2029, 2, 28)

    def test_never_before_the_rulebooks_minimum_time_online(self, monkeypatch):
        # A later edition with a longer minimum than the board's period still holds.
        longer = dataclasses.replace(rulebooks.get(LSCB), online_minimum_months=30)
        monkeypatch.setitem(rulebooks.RULEBOOKS, LSCB, longer)
        facts = closed_review(publication_decision="publish", published_on=D(2026, 9, 1))
        assert rules.kept_until(facts, rules.closure(facts), 1) == D(2029, 3, 1)

    def test_due_the_day_after_the_last_day_kept(self):
        assert not rules.is_due(D(2041, 9, 1), today=D(2041, 9, 1))
        assert rules.is_due(D(2041, 9, 1), today=D(2041, 9, 2))
