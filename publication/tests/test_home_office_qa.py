"""The Home Office Quality Assurance Panel before a domestic homicide review is published
(docs/research/dhr.md, section 4): the steps recorded in order, the gate on publishing, the
report page, the form pages and the API. On the publication tests' frozen Monday 15 June 2026.

Every review of a Community Safety Partnership (`dhr-2016`) goes to the Panel; a Welsh SUSR
(`wales-susr-2024`) only when the incident is a domestic homicide; a safeguarding
partnership's review (`partners-2018`) never."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from boards.models import Board
from boards.tests.factories import MembershipFactory
from publication.models import HomeOfficeQaStep
from publication.services import home_office_qa, publishing
from publication.tests.test_publishing import (
    TODAY,
    at,
    fake_pdf,
    final,
    publish,
    ready,
    refusal,
    render_final,
    review_on,
    signed_off,
)
from publication.tests.test_views import date_data, error_page
from reviews.tests.conftest import board_with_manager

D = dt.date
__all__ = ["fake_pdf", "final", "ready"]  # fixtures of the publishing tests, used here
KILLED_BY_PARTNER = {"subject_kind": "adult", "died": True, "domestic_homicide": True}
PANEL = "Home Office Quality Assurance Panel"


@pytest.fixture(autouse=True)
def today(frozen):
    return frozen


@pytest.fixture
def csp(db):
    """A Community Safety Partnership: (board, business manager, chair)."""
    return board_with_manager(Board.Regime.DHR_2016, kind="community_safety")


@pytest.fixture
def susr(db):
    return board_with_manager(Board.Regime.WALES_SUSR_2024, nation="wales")


def ready_on(board_and_people, supervisor, *, reference, **facts):
    """A review of the board, its report signed off as final today and its PDFs rendered."""
    board, manager, chair = board_and_people
    review = review_on(board_and_people, reference=reference, **facts)
    render_final(signed_off(review, supervisor=supervisor, chair=chair), manager)
    return review


@pytest.fixture
def dhr(csp, supervisor, fake_pdf):
    return ready_on(csp, supervisor, reference="DHR Adult A", **KILLED_BY_PARTNER)


def record(actor, review, kind, occurred_on, note=""):
    return home_office_qa.home_office_qa_record(
        actor=actor, review=review, kind=kind, occurred_on=occurred_on, note=note
    )


def approve(manager, review, frozen):
    """Submitted today; the letter asks for changes on 20 July; resubmitted on 27 July;
    approved on 3 August (the clock moved on with it)."""
    record(manager, review, "submitted", TODAY)
    frozen.move_to(at(D(2026, 7, 20)))
    record(manager, review, "feedback", D(2026, 7, 20), "Say more about the GP's part.")
    frozen.move_to(at(D(2026, 7, 27)))
    record(manager, review, "submitted", D(2026, 7, 27), "Version 2, with the changes.")
    frozen.move_to(at(D(2026, 8, 3)))
    return record(manager, review, "approved", D(2026, 8, 3), "Content that it is published.")


def decide_to_publish(chair, review, planned_on):
    return publishing.publication_decide(
        actor=chair, review=review, decision="publish", planned_on=planned_on
    )


class TestTheGate:
    def test_publishing_is_refused_until_the_panel_approves(self, dhr, csp, frozen):
        board, manager, chair = csp
        assert home_office_qa.status(dhr).state == "awaiting_submission"
        errors = refusal(
            publishing.publication_decide,
            actor=chair,
            review=dhr,
            decision="publish",
            planned_on=D(2026, 6, 30),
        )
        (message,) = errors["decision"]
        assert PANEL in message
        # The rule's source is cited.
        assert "House of Lords, 27 January 2021" in message
        # Deciding not to publish is never held back.
        publishing.publication_decide(
            actor=chair, review=dhr, decision="do_not_publish", reasons="The family's wishes."
        )
        approval = approve(manager, dhr, frozen)
        qa = home_office_qa.status(dhr)
        assert qa.state == "approved"
        assert qa.approved_on == approval.occurred_on == D(2026, 8, 3)
        assert [s.kind for s in qa.steps] == ["submitted", "feedback", "submitted", "approved"]
        assert decide_to_publish(chair, dhr, D(2026, 8, 10)).planned_on == D(2026, 8, 10)
        frozen.move_to(at(D(2026, 8, 10)))
        publication = publishing.publication_record(
            actor=manager, review=dhr, published_on=D(2026, 8, 10), address="https://csp.example/a"
        )
        assert publication.is_published
        # Published: the steps no longer change.
        assert (
            "no longer change"
            in refusal(
                home_office_qa.home_office_qa_withdraw, actor=manager, step=approval, reason="x"
            )[0]
        )

    def test_approval_may_follow_the_submission_directly(self, dhr, csp, frozen):
        board, manager, chair = csp
        record(manager, dhr, "submitted", TODAY)
        frozen.move_to(at(D(2026, 7, 20)))
        record(chair, dhr, "approved", D(2026, 7, 20))
        assert decide_to_publish(chair, dhr, D(2026, 7, 21)).decision == "publish"

    def test_a_withdrawn_approval_holds_the_publication_back_again(self, dhr, csp, frozen):
        board, manager, chair = csp
        approval = approve(manager, dhr, frozen)
        decide_to_publish(chair, dhr, D(2026, 8, 10))
        withdrawn = home_office_qa.home_office_qa_withdraw(
            actor=chair, step=approval, reason="Recorded against the wrong review."
        )
        assert withdrawn.is_withdrawn
        assert HomeOfficeQaStep.all_objects.filter(pk=approval.pk).exists()
        assert home_office_qa.status(dhr).state == "submitted"
        frozen.move_to(at(D(2026, 8, 10)))
        errors = refusal(
            publishing.publication_record,
            actor=manager,
            review=dhr,
            published_on=D(2026, 8, 10),
            address="https://csp.example/a",
        )
        assert PANEL in errors["published_on"][0]
        assert not dhr.publication.__class__.objects.get(review=dhr).is_published

    def test_not_published_before_the_approval(self, dhr, csp, frozen):
        board, manager, chair = csp
        approve(manager, dhr, frozen)
        decide_to_publish(chair, dhr, D(2026, 8, 3))
        errors = refusal(
            publishing.publication_record,
            actor=manager,
            review=dhr,
            published_on=D(2026, 8, 2),
            address="https://csp.example/a",
        )
        assert errors["published_on"] == [
            f"The report cannot be published before the {PANEL} approved it (3 August 2026)"
        ]

    def test_a_safeguarding_partnership_review_is_unaffected(
        self, ready, chair, business_manager, frozen
    ):
        review = ready.review
        qa = home_office_qa.status(review)
        assert not qa.required and qa.state == "not_needed" and not qa.in_regime
        publication = publish(
            review,
            chair=chair,
            manager=business_manager,
            frozen=frozen,
            planned_on=D(2026, 6, 30),
            sent_on=TODAY,
        )
        assert publication.is_published
        assert (
            "does not go to"
            in refusal(
                home_office_qa.home_office_qa_record,
                actor=business_manager,
                review=review,
                kind="submitted",
                occurred_on=TODAY,
            )[0]
        )
        assert not HomeOfficeQaStep.objects.exists()

    def test_a_susr_goes_to_the_panel_only_for_a_domestic_homicide(
        self, susr, supervisor, fake_pdf, frozen
    ):
        board, manager, chair = susr
        child = ready_on(susr, supervisor, reference="Child W")
        qa = home_office_qa.status(child)
        assert not qa.required and qa.in_regime
        assert decide_to_publish(chair, child, TODAY).decision == "publish"
        homicide = ready_on(susr, supervisor, reference="Adult W", **KILLED_BY_PARTNER)
        errors = refusal(
            publishing.publication_decide,
            actor=chair,
            review=homicide,
            decision="publish",
            planned_on=TODAY,
        )
        assert PANEL in errors["decision"][0]
        assert "Safer Communities Wales" in errors["decision"][0]
        record(manager, homicide, "submitted", TODAY)
        record(manager, homicide, "approved", TODAY)
        assert decide_to_publish(chair, homicide, TODAY).decision == "publish"


class TestTheSteps:
    def test_only_the_business_manager_and_the_chair_record_them(self, dhr, csp, pair):
        with pytest.raises(PermissionDenied):
            record(pair[0], dhr, "submitted", TODAY)

    @pytest.fixture
    def submitted(self, dhr, csp, frozen):
        record(csp[1], dhr, "submitted", TODAY)
        frozen.move_to(at(D(2026, 7, 1)))
        return dhr

    @pytest.mark.parametrize(
        ("kind", "occurred_on", "note", "field", "message"),
        [
            ("approved", D(2026, 6, 14), "", "occurred_on", "on or after the last step"),
            ("feedback", D(2026, 7, 2), "Changes.", "occurred_on", "today or in the past"),
            ("approved", D(2026, 7, 2), "", "occurred_on", "today or in the past"),
            ("feedback", D(2026, 7, 1), "", "note", "Enter what the Home Office's letter"),
            ("approved", None, "", "occurred_on", "Enter the date"),
        ],
    )
    def test_bad_input_is_refused_and_nothing_saved(
        self, submitted, csp, kind, occurred_on, note, field, message
    ):
        errors = refusal(
            home_office_qa.home_office_qa_record,
            actor=csp[1],
            review=submitted,
            kind=kind,
            occurred_on=occurred_on,
            note=note,
        )
        assert message in errors[field][0]
        assert HomeOfficeQaStep.objects.count() == 1

    def test_no_feedback_or_approval_before_a_submission(self, dhr, csp):
        for kind in ("feedback", "approved"):
            errors = refusal(
                home_office_qa.home_office_qa_record,
                actor=csp[1],
                review=dhr,
                kind=kind,
                occurred_on=TODAY,
                note="Changes.",
            )
            assert "Record the report's submission" in errors["occurred_on"][0]
        assert not HomeOfficeQaStep.objects.exists()

    def test_the_report_is_submitted_once_signed_off_as_final(self, csp, supervisor, frozen):
        review = review_on(csp, reference="DHR Adult B", **KILLED_BY_PARTNER)
        messages = refusal(
            home_office_qa.home_office_qa_record,
            actor=csp[1],
            review=review,
            kind="submitted",
            occurred_on=TODAY,
        )
        assert "signed off as final" in messages[0]
        signed_off(review, supervisor=supervisor, chair=csp[2])
        errors = refusal(
            home_office_qa.home_office_qa_record,
            actor=csp[1],
            review=review,
            kind="submitted",
            occurred_on=TODAY - dt.timedelta(days=1),
        )
        assert "on or after the day the report was signed off" in errors["occurred_on"][0]
        step = record(csp[1], review, "submitted", TODAY)
        assert step.report_version == review.report.version

    def test_nothing_more_once_approved(self, dhr, csp):
        record(csp[1], dhr, "submitted", TODAY)
        record(csp[1], dhr, "approved", TODAY)
        messages = refusal(
            home_office_qa.home_office_qa_record,
            actor=csp[1],
            review=dhr,
            kind="feedback",
            occurred_on=TODAY,
            note="More.",
        )
        assert "already approved" in messages[0]


def url(name, review, *args):
    return reverse(f"publication:{name}", args=[review.board_id, review.pk, *args])


class TestThePages:
    def test_the_report_page_shows_the_step_and_its_buttons(self, client, dhr, csp, frozen):
        board, manager, chair = csp
        client.force_login(manager)
        page = client.get(url("report", dhr))
        assertContains(page, PANEL)
        assertContains(page, "Awaiting submission")
        assertContains(page, url("home_office_qa_record", dhr, "submitted"))
        assertNotContains(page, url("home_office_qa_record", dhr, "approved"))
        step = record(manager, dhr, "submitted", TODAY, "Overview report and executive summary.")
        page = client.get(url("report", dhr))
        assertContains(page, "Submitted on 15 June 2026")
        assertContains(page, "Overview report and executive summary.")
        assertContains(page, url("home_office_qa_record", dhr, "feedback"))
        assertContains(page, url("home_office_qa_record", dhr, "approved"))
        assertContains(page, url("home_office_qa_withdraw", dhr, step.pk))
        frozen.move_to(at(D(2026, 7, 20)))
        client.force_login(manager)  # a new session: the old one timed out
        record(manager, dhr, "feedback", D(2026, 7, 20), "Say more about the GP's part.")
        assertContains(client.get(url("report", dhr)), "Feedback on 20 July 2026")
        record(manager, dhr, "approved", D(2026, 7, 20))
        page = client.get(url("report", dhr))
        assertContains(page, "Approved on 20 July 2026")
        assertNotContains(page, url("home_office_qa_record", dhr, "submitted"))

    def test_a_reviewer_sees_the_step_without_its_buttons(self, client, dhr, csp):
        board = csp[0]
        reviewer = MembershipFactory(board=board, role="member").user
        client.force_login(reviewer)
        page = client.get(url("report", dhr))
        assertContains(page, "Awaiting submission")
        assertNotContains(page, url("home_office_qa_record", dhr, "submitted"))

    def test_no_section_on_a_safeguarding_partnership_report(self, client, final, chair):
        client.force_login(chair)
        assertNotContains(client.get(url("report", final.review)), PANEL)

    def test_the_decision_page_says_why_publishing_waits(self, client, dhr, csp):
        client.force_login(csp[2])
        page = client.get(url("decision", dhr))
        assertContains(page, f"The {PANEL} has not approved the report")

    def test_recording_through_the_form(self, client, dhr, csp, frozen):
        board, manager, chair = csp
        client.force_login(chair)
        form = client.get(url("home_office_qa_record", dhr, "submitted"))
        assert form.status_code == 200
        assertContains(form, "Record the report&#x27;s submission")
        response = client.post(
            url("home_office_qa_record", dhr, "submitted"),
            {**date_data("occurred_on", TODAY), "note": "Overview report, version 1."},
        )
        assert response.status_code == 302
        assert response.url == url("report", dhr)
        step = HomeOfficeQaStep.objects.get()
        assert (step.kind, step.occurred_on, step.recorded_by) == ("submitted", TODAY, chair)
        assert step.history.first().history_user == chair

    @pytest.mark.parametrize(
        ("kind", "data", "message"),
        [
            ("approved", {"occurred_on": D(2026, 6, 16)}, "letter must be today or in the past"),
            ("approved", {"occurred_on": D(2026, 6, 14)}, "on or after the last step"),
            ("feedback", {"occurred_on": TODAY}, "Enter what the Home Office"),
            ("approved", {}, "Enter the date"),
        ],
    )
    def test_bad_input_shows_the_error_summary_and_saves_nothing(
        self, client, dhr, csp, kind, data, message
    ):
        manager = csp[1]
        record(manager, dhr, "submitted", TODAY)
        client.force_login(manager)
        body = {**(date_data("occurred_on", data["occurred_on"]) if data else {}), "note": ""}
        error_page(client.post(url("home_office_qa_record", dhr, kind), body), message)
        assert HomeOfficeQaStep.objects.count() == 1

    def test_approval_before_a_submission_shows_the_error(self, client, dhr, csp):
        client.force_login(csp[1])
        response = client.post(
            url("home_office_qa_record", dhr, "approved"), date_data("occurred_on", TODAY)
        )
        error_page(response, "Record the report&#x27;s submission")
        assert not HomeOfficeQaStep.objects.exists()

    def test_withdrawing_a_step_with_a_reason(self, client, dhr, csp):
        manager = csp[1]
        step = record(manager, dhr, "submitted", TODAY)
        client.force_login(manager)
        withdraw = url("home_office_qa_withdraw", dhr, step.pk)
        assertContains(client.get(withdraw), "Withdraw this step?")
        error_page(client.post(withdraw, {"reason": ""}), "Enter why you are withdrawing it")
        response = client.post(withdraw, {"reason": "Recorded on the wrong case."})
        assert response.status_code == 302
        step.refresh_from_db()
        assert step.is_withdrawn and step.withdrawal_reason == "Recorded on the wrong case."
        page = client.get(url("report", dhr))
        assertContains(page, "Awaiting submission")
        assertContains(page, "Recorded on the wrong case.")
        assert client.get(withdraw).status_code == 404

    def test_an_unknown_kind_is_not_found(self, client, dhr, csp):
        client.force_login(csp[1])
        assert client.get(url("home_office_qa_record", dhr, "rejected")).status_code == 404

    def test_a_review_that_does_not_go_to_the_panel_sends_the_user_back(
        self, client, final, business_manager
    ):
        client.force_login(business_manager)
        page = url("home_office_qa_record", final.review, "submitted")
        assertContains(client.get(page), "does not go to the Home Office")
        response = client.post(page, date_data("occurred_on", TODAY))
        assertContains(response, "does not go to the Home Office")
        assert not HomeOfficeQaStep.objects.exists()

    def test_a_viewer_of_the_board_may_not_record(self, client, dhr, csp):
        viewer = MembershipFactory(board=csp[0], role="viewer").user
        client.force_login(viewer)
        response = client.post(
            url("home_office_qa_record", dhr, "submitted"), date_data("occurred_on", TODAY)
        )
        assert response.status_code == 403
        assert not HomeOfficeQaStep.objects.exists()

    def test_someone_of_another_board_gets_404_on_every_page(self, client, dhr, csp):
        step = record(csp[1], dhr, "submitted", TODAY)
        other_board, other_manager, other_chair = board_with_manager(
            Board.Regime.DHR_2016, kind="community_safety"
        )
        pages = [
            *(url("home_office_qa_record", dhr, kind) for kind in HomeOfficeQaStep.Kind.values),
            url("home_office_qa_withdraw", dhr, step.pk),
        ]
        for user in (other_manager, other_chair):
            client.force_login(user)
            for page in pages:
                assert client.get(page).status_code == 404, page
                post = client.post(page, {**date_data("occurred_on", TODAY), "reason": "x"})
                assert post.status_code == 404, page
        step.refresh_from_db()
        assert not step.is_withdrawn
        assert HomeOfficeQaStep.objects.count() == 1


def test_the_api_says_whether_the_panel_is_needed_and_when_it_approved(
    api_client_for, dhr, csp, frozen
):
    board, manager, chair = csp
    approve(manager, dhr, frozen)
    response = api_client_for(chair).post(
        f"/api/v1/reviews/{dhr.pk}/publication/",
        {"decision": "publish", "planned_on": "2026-08-10"},
        format="json",
    )
    assert response.status_code == 201, response.json()
    assert response.json()["home_office_qa"] == {"required": True, "approved_on": "2026-08-03"}
