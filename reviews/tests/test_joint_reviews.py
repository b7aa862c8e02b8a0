"""A joint review: a Community Safety Partnership's domestic homicide review run with a
safeguarding partnership's review of the same death. One chronology and one record of family
contact, shared; each board's own decision, clocks and publication; never across nations."""

import datetime as dt

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from boards.models import Board
from boards.tests.factories import AgencyFactory
from reviews.models import JointReview
from reviews.selectors import chronology, joint
from reviews.services import joint as services
from reviews.tests.conftest import board_with_manager
from reviews.tests.factories import decide, log_incident
from reviews.tests.test_views import error_page

D = dt.date
pytestmark = pytest.mark.usefixtures("frozen_today")
NOTE = "Death on 2 March 2026 in Westbridge; our DHR is Adult K."


@pytest.fixture
def frozen_today():
    with time_machine.travel(dt.datetime(2026, 11, 23, 12, 0, tzinfo=dt.UTC), tick=False):
        yield


def review_of(regime, reference, kind="children", nation="england", **facts):
    board, manager, chair = board_with_manager(regime, kind=kind, nation=nation)
    incident = log_incident(
        actor=manager,
        board=board,
        reference=reference,
        incident_on=D(2026, 3, 2),
        la_aware_on=D(2026, 3, 2),
        notified_on=D(2026, 3, 3),
        died=True,
        abuse_or_neglect_suspected=True,
        **facts,
    )
    decide(actor=chair, incident=incident, decided_on=D(2026, 3, 20))
    return incident.review, manager, chair


@pytest.fixture
def dhr(db):
    return review_of(
        Board.Regime.DHR_2016,
        "Adult K",
        kind="community_safety",
        subject_kind="adult",
        domestic_homicide=True,
    )


@pytest.fixture
def lcspr(db):
    return review_of(Board.Regime.PARTNERS_2018, "Child K")


@pytest.fixture
def joined(dhr, lcspr):
    (lead, lead_manager, _), (partner, partner_manager, _) = dhr, lcspr
    proposal = services.joint_review_propose(
        actor=lead_manager, review=lead, partner_board=partner.board, note=NOTE
    )
    services.joint_review_accept(actor=partner_manager, joint=proposal, review=partner)
    proposal.refresh_from_db()
    return proposal


def add_entry(review, manager, text):
    from reviews.services.engagement import chronology_add

    return chronology_add(
        actor=manager,
        review=review,
        agency=AgencyFactory(board=review.board),
        occurred_on=D(2026, 2, 1),
        entry=text,
    )


class TestProposingAndAccepting:
    def test_the_two_reviews_share_one_chronology(self, dhr, lcspr, joined):
        (lead, lead_manager, _), (partner, partner_manager, _) = dhr, lcspr
        add_entry(lead, lead_manager, "Police attended a domestic incident")
        add_entry(partner, partner_manager, "School raised a concern")
        for review in (lead, partner):
            entries = {e.entry for e in chronology.chronology_entries(review=review)}
            assert entries == {"Police attended a domestic incident", "School raised a concern"}

    def test_each_board_keeps_its_own_decision_and_clocks(self, dhr, lcspr, joined):
        (lead, _, _), (partner, _, _) = dhr, lcspr
        assert lead.review_type == "dhr" and partner.review_type == "lcspr"
        assert lead.incident.decision.pk != partner.incident.decision.pk
        lead_clocks = {d.rulebook for d in lead.incident.deadlines}
        partner_clocks = {d.rulebook for d in partner.incident.deadlines}
        assert lead_clocks == {"dhr-2016:1"} and partner_clocks == {"partners-2023:1"}

    def test_family_contact_is_shared_on_the_other_review_page(self, client, dhr, lcspr, joined):
        (lead, _, _), (partner, partner_manager, _) = dhr, lcspr
        lead.involvements.create(kind="family", who="sister", offered_on=D(2026, 4, 1))
        client.force_login(partner_manager)
        html = client.get(
            reverse("reviews:involvements", args=[partner.board.pk, partner.pk])
        ).content.decode()
        assert "Shared by the joint review" in html
        assert "Sister (family member)" in html
        assert str(lead.board) in html

    def test_the_proposal_waits_on_the_other_boards_page_for_its_business_manager(
        self, client, dhr, lcspr
    ):
        (lead, lead_manager, _), (partner, partner_manager, partner_chair) = dhr, lcspr
        services.joint_review_propose(
            actor=lead_manager, review=lead, partner_board=partner.board, note=NOTE
        )
        board_page = reverse("boards:detail", args=[partner.board.pk])
        client.force_login(partner_manager)
        html = client.get(board_page).content.decode()
        assert "Joint reviews proposed to this board" in html
        assert "Adult K" in html
        client.force_login(partner_chair)
        assert "Adult K" not in client.get(board_page).content.decode()

    def test_the_pages_propose_and_accept(self, client, dhr, lcspr):
        (lead, lead_manager, _), (partner, partner_manager, _) = dhr, lcspr
        client.force_login(lead_manager)
        response = client.post(
            reverse("reviews:joint_propose", args=[lead.board.pk, lead.pk]),
            {"partner_board": str(partner.board.pk), "note": NOTE},
        )
        assert response.status_code == 302
        proposal = JointReview.objects.get()
        client.force_login(partner_manager)
        url = reverse("reviews:joint_accept", args=[partner.board.pk, proposal.pk])
        assert NOTE in client.get(url).content.decode()
        assert client.post(url, {"review": str(partner.pk)}).status_code == 302
        proposal.refresh_from_db()
        assert proposal.partner == partner
        html = client.get(
            reverse("reviews:review_detail", args=[partner.board.pk, partner.pk])
        ).content.decode()
        assert "Joint with Adult K (domestic homicide review)" in html


class TestBadInput:
    def test_a_board_of_another_nation_is_refused_and_nothing_saved(self, client, dhr):
        lead, lead_manager, _ = dhr
        welsh, _, _ = review_of(Board.Regime.WALES_SUSR_2024, "Child W", nation="wales")
        client.force_login(lead_manager)
        html = error_page(
            client.post(
                reverse("reviews:joint_propose", args=[lead.board.pk, lead.pk]),
                {"partner_board": str(welsh.board.pk), "note": NOTE},
            )
        )
        assert "is in Wales: a joint review is with a board in England" in html
        assert NOTE in html  # what was typed is kept
        assert not JointReview.objects.exists()

    def test_without_a_note_or_a_board(self, client, dhr):
        lead, lead_manager, _ = dhr
        client.force_login(lead_manager)
        html = error_page(
            client.post(reverse("reviews:joint_propose", args=[lead.board.pk, lead.pk]), {})
        )
        assert "Select the board that holds the other review" in html
        assert "Enter what the other board needs to know" in html
        assert not JointReview.objects.exists()

    def test_its_own_board_is_refused(self, dhr):
        lead, lead_manager, _ = dhr
        with pytest.raises(ValidationError):
            services.joint_review_propose(
                actor=lead_manager, review=lead, partner_board=lead.board, note=NOTE
            )

    def test_only_the_other_boards_manager_accepts_with_its_own_review(self, dhr, lcspr, sab):
        (lead, lead_manager, _), (partner, partner_manager, _) = dhr, lcspr
        proposal = services.joint_review_propose(
            actor=lead_manager, review=lead, partner_board=partner.board, note=NOTE
        )
        _, sab_manager, _ = sab
        with pytest.raises(PermissionDenied):
            services.joint_review_accept(actor=sab_manager, joint=proposal, review=partner)
        with pytest.raises(ValidationError):
            services.joint_review_accept(actor=partner_manager, joint=proposal, review=lead)
        proposal.refresh_from_db()
        assert proposal.partner is None

    def test_a_review_joins_one_joint_review_at_most(self, dhr, lcspr, sab):
        """The lead's review since became the partner of a third board's: the proposal it
        made can no longer be accepted (one shared chronology, not a chain)."""
        (lead, lead_manager, _), (partner, partner_manager, _) = dhr, lcspr
        proposal = services.joint_review_propose(
            actor=lead_manager, review=lead, partner_board=partner.board, note=NOTE
        )
        third, third_manager, _ = review_of(Board.Regime.PARTNERS_2018, "Child T")
        other = services.joint_review_propose(
            actor=third_manager, review=third, partner_board=lead.board, note=NOTE
        )
        services.joint_review_accept(actor=lead_manager, joint=other, review=lead)
        with pytest.raises(ValidationError):
            services.joint_review_accept(actor=partner_manager, joint=proposal, review=partner)
        proposal.refresh_from_db()
        assert proposal.partner is None
        with pytest.raises(ValidationError):
            services.joint_review_propose(
                actor=lead_manager, review=lead, partner_board=third.board, note=NOTE
            )


class TestPrivacy:
    def test_no_one_of_a_third_board_sees_the_proposal(self, client, dhr, lcspr, sab):
        (lead, lead_manager, _), (partner, _, _) = dhr, lcspr
        proposal = services.joint_review_propose(
            actor=lead_manager, review=lead, partner_board=partner.board, note=NOTE
        )
        sab_board, sab_manager, _ = sab
        client.force_login(sab_manager)
        for board in (partner.board, sab_board):
            for name in ("reviews:joint_accept", "reviews:joint_decline"):
                assert client.get(reverse(name, args=[board.pk, proposal.pk])).status_code == 404

    def test_the_partner_board_still_cannot_open_the_lead_review(self, client, dhr, lcspr, joined):
        (lead, _, _), (_, partner_manager, _) = dhr, lcspr
        client.force_login(partner_manager)
        url = reverse("reviews:review_detail", args=[lead.board.pk, lead.pk])
        assert client.get(url).status_code == 404


class TestEnding:
    def test_either_board_ends_it_with_a_reason_and_sharing_stops(self, dhr, lcspr, joined):
        (lead, lead_manager, _), (partner, partner_manager, _) = dhr, lcspr
        add_entry(lead, lead_manager, "Police attended a domestic incident")
        services.joint_review_end(
            actor=partner_manager,
            joint=joined,
            board=partner.board,
            reason="The LCSPR is run apart after all",
        )
        assert not list(chronology.chronology_entries(review=partner))
        ended = joint.joint_reviews_with_ended(review=lead)[0]
        assert ended.is_withdrawn and ended.withdrawal_reason == "The LCSPR is run apart after all"

    def test_a_declined_proposal_shows_why_on_the_lead_review(self, client, dhr, lcspr):
        (lead, lead_manager, _), (partner, partner_manager, _) = dhr, lcspr
        proposal = services.joint_review_propose(
            actor=lead_manager, review=lead, partner_board=partner.board, note=NOTE
        )
        client.force_login(partner_manager)
        response = client.post(
            reverse("reviews:joint_decline", args=[partner.board.pk, proposal.pk]),
            {"reason": "Not the same death"},
        )
        assert response.status_code == 302
        client.force_login(lead_manager)
        html = client.get(
            reverse("reviews:review_detail", args=[lead.board.pk, lead.pk])
        ).content.decode()
        assert "Declined on" in html and "Not the same death" in html
