import datetime as dt

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError

from boards.models import Membership
from boards.tests.factories import AgencyFactory, MembershipFactory
from core.concurrency import EditConflict
from deadlines.models import Deadline
from reviews.models import FindingCategory, Notification, Review
from reviews.selectors import with_status
from reviews.services import actions, analysis, engagement, incidents, reviews
from reviews.tests.factories import decide, log_incident

D = dt.date


@pytest.fixture(autouse=True)
def frozen_today():
    with time_machine.travel(dt.datetime(2026, 6, 15, 12, tzinfo=dt.UTC), tick=False):
        yield


def appoint(actor, review, user, **overrides):
    values = {
        "role": "lead",
        "independence_declared": True,
        "appointed_on": review.initiated_on,
        **overrides,
    }
    return reviews.reviewer_appoint(actor=actor, review=review, user=user, **values)


class TestAppointment:
    def test_appointing_claims_no_notification_that_was_not_sent(self, review, pair):
        """Nothing is sent to the panel by appointing: the service records no notification
        and says the panel is still to be told."""
        told = Notification.objects.filter(incident=review.incident, recipient="national_panel")
        assert not told.exists()
        assert reviews.panel_told_of_reviewers(review) is False

    def test_the_panel_told_of_the_reviewers_once_recorded(self, review, pair, business_manager):
        incidents.notification_record(
            actor=business_manager,
            incident=review.incident,
            recipient="national_panel",
            about="reviewers",
            sent_on=review.initiated_on,
        )
        assert reviews.panel_told_of_reviewers(review) is True
        notification = Notification.objects.get(about="reviewers")
        assert notification.recorded_by == business_manager

    def test_telling_the_panel_the_names_is_not_notifying_the_incident(self, review, pair):
        """The incident was never notified: its clock stays unmet, and no rapid review
        clock starts from the reviewers' names."""
        clocks = {d.clock: d for d in review.incident.deadlines.all()}
        assert clocks["notify_panel"].met_on is None
        assert "rapid_review" not in clocks

    def test_a_member_of_the_board_is_refused(self, review, business_manager, board, member):
        Membership.objects.create(user=member, board=board, role="lead_reviewer")
        with pytest.raises(ValidationError) as error:
            appoint(business_manager, review, member)
        assert "they are a member of the board" in error.value.message_dict["user"][0]
        assert not review.appointments.exists()

    def test_someone_working_for_an_agency_involved_is_refused(
        self, review, business_manager, board, other_board
    ):
        involved = AgencyFactory(board=board, name="Northshire Police")
        review.incident.agencies.add(involved)
        user = MembershipFactory(board=board, role="lead_reviewer").user
        # Their membership of another board says they work for the agency involved.
        MembershipFactory(board=other_board, role="member", user=user, agency=involved)
        with pytest.raises(ValidationError) as error:
            appoint(business_manager, review, user)
        assert "they work for an agency involved in the case" in error.value.message_dict["user"][0]

    def test_independence_must_be_declared(self, review, business_manager, board):
        user = MembershipFactory(board=board, role="lead_reviewer").user
        with pytest.raises(ValidationError) as error:
            appoint(business_manager, review, user, independence_declared=False)
        assert "independence_declared" in error.value.message_dict

    def test_only_the_boards_lead_reviewers_can_be_appointed(
        self, review, business_manager, other_board_user
    ):
        with pytest.raises(ValidationError) as error:
            appoint(business_manager, review, other_board_user)
        assert error.value.message_dict["user"] == ["Select one of the board's lead reviewers"]

    def test_a_trainee_pair_is_a_pair(self, review, business_manager, board):
        from accreditation.tests.factories import enrol
        from reviews.services.workflow import CONDITIONS, review_facts

        for _ in range(2):
            trainee = MembershipFactory(board=board, role="lead_reviewer").user
            enrol(trainee)
            appoint(business_manager, review, trainee, role="trainee")
        assert CONDITIONS["reviewer_pair"].holds(review_facts(review))

    def test_learning_together_needs_accredited_reviewers_and_trainees(
        self, review, business_manager, board
    ):
        """Each reviewer is appointed as what they are: a lead reviewer must be accredited,
        a trainee must be in training; a lapsed accreditation is no accreditation."""
        from accreditation.tests.factories import accredit, enrol

        nobody = MembershipFactory(board=board, role="lead_reviewer", user__name="Nia New").user
        for role in ("lead", "trainee"):
            with pytest.raises(ValidationError) as error:
                appoint(business_manager, review, nobody, role=role)
            assert "Nia New is not" in error.value.message_dict["user"][0]
        trainee = MembershipFactory(board=board, role="lead_reviewer", user__name="Tia").user
        enrol(trainee)
        with pytest.raises(ValidationError) as error:
            appoint(business_manager, review, trainee, role="lead")
        assert error.value.message_dict["user"] == [
            "Tia is not an accredited Learning Together reviewer: appoint them as a trainee"
        ]
        lapsed = MembershipFactory(board=board, role="lead_reviewer").user
        accredit(lapsed, status="lapsed")
        with pytest.raises(ValidationError):
            appoint(business_manager, review, lapsed, role="lead")
        accredited = MembershipFactory(board=board, role="lead_reviewer").user
        accredit(accredited)
        appoint(business_manager, review, accredited, role="lead")
        appoint(business_manager, review, trainee, role="trainee")
        assert review.appointments.count() == 2

    def test_other_methodologies_take_any_independent_lead_reviewer(
        self, review, business_manager, board
    ):
        reviews.review_setup(
            actor=business_manager,
            review=review,
            review_type=review.review_type,
            methodology="silp",
        )
        lead = MembershipFactory(board=board, role="lead_reviewer", user__name="Nia New").user
        appoint(business_manager, review, lead)
        assert review.appointments.count() == 1
        # Back to Learning Together, the reviewer appointed must then be accredited.
        with pytest.raises(ValidationError) as error:
            reviews.review_setup(
                actor=business_manager,
                review=review,
                review_type=review.review_type,
                methodology="learning_together",
                lt_option="full",
            )
        assert error.value.message_dict["methodology"][0].startswith(
            "Nia New is not an accredited Learning Together reviewer"
        )
        review.refresh_from_db()
        assert review.methodology == "silp"

    def test_ending_an_appointment_removes_access(self, review, pair, business_manager):
        from core import permissions

        appointment = review.appointments.get(user=pair[0])
        assert permissions.can(pair[0], "reviews.view", review)
        reviews.reviewer_end(
            actor=business_manager, appointment=appointment, ended_on=D(2026, 6, 1)
        )
        reviewer = type(pair[0]).objects.get(pk=pair[0].pk)  # as on their next request
        assert not permissions.can(reviewer, "reviews.view", review)

    def test_a_reviewers_home_lists_reviews_appointed_to_or_supervised_once(
        self, review, pair, supervisor, business_manager
    ):
        from reviews.selectors import review_list_for_reviewer

        lead, co_lead = pair
        review.supervisor = co_lead  # appointed and supervising: listed once
        review.save()
        assert list(review_list_for_reviewer(user=lead)) == [review]
        assert list(review_list_for_reviewer(user=co_lead)) == [review]
        assert not review_list_for_reviewer(user=supervisor).exists()
        review.supervisor = supervisor
        review.save()
        assert list(review_list_for_reviewer(user=supervisor)) == [review]
        reviews.reviewer_end(
            actor=business_manager,
            appointment=review.appointments.get(user=lead),
            ended_on=D(2026, 6, 1),
        )
        assert not review_list_for_reviewer(user=lead).exists()
        assert not review_list_for_reviewer(user=business_manager).exists()

    def test_the_chair_cannot_appoint(self, review, chair, board):
        user = MembershipFactory(board=board, role="lead_reviewer").user
        with pytest.raises(PermissionDenied):
            appoint(chair, review, user)


class TestRapidReview:
    def test_a_rapid_review_is_converted_by_the_decision(
        self, business_manager, chair, board, incident
    ):
        with pytest.raises(ValidationError):  # the Panel has not been notified
            reviews.rapid_review_start(
                actor=business_manager, incident=incident, started_on=D(2026, 3, 5)
            )
        incidents.notification_record(
            actor=business_manager,
            incident=incident,
            recipient="national_panel",
            sent_on=D(2026, 3, 4),
        )
        rapid = reviews.rapid_review_start(
            actor=business_manager, incident=incident, started_on=D(2026, 3, 5)
        )
        assert rapid.review_type == "rapid_review"
        engagement.participant_add(
            actor=business_manager, review=rapid, group="review_team", name="N"
        )
        decide(actor=chair, incident=incident, decided_on=D(2026, 3, 20))
        review = Review.objects.get(incident=incident)
        assert review.pk == rapid.pk
        assert (review.review_type, review.converted_from, review.converted_on) == (
            "lcspr",
            "rapid_review",
            D(2026, 3, 20),
        )
        assert review.participants.count() == 1  # the rapid review's work carries over

    def test_no_review_closes_the_rapid_review(self, business_manager, chair, incident):
        incidents.notification_record(
            actor=business_manager,
            incident=incident,
            recipient="national_panel",
            sent_on=D(2026, 3, 4),
        )
        rapid = reviews.rapid_review_start(
            actor=business_manager, incident=incident, started_on=D(2026, 3, 5)
        )
        decide(actor=chair, incident=incident, outcome="no_review", decided_on=D(2026, 3, 20))
        rapid.refresh_from_db()
        assert (rapid.review_type, rapid.stage) == ("rapid_review", "closed")

    def test_lscb_boards_have_no_rapid_reviews(self, lscb):
        board, manager, _ = lscb
        incident = log_incident(actor=manager, board=board)
        incidents.notification_record(
            actor=manager, incident=incident, recipient="national_panel", sent_on=D(2026, 3, 4)
        )
        with pytest.raises(ValidationError):
            reviews.rapid_review_start(actor=manager, incident=incident, started_on=D(2026, 3, 5))


class TestEngagement:
    def test_an_agency_request_is_a_deadline_until_received(
        self, review, pair, agency, business_manager
    ):
        request = engagement.agency_request_add(
            actor=pair[0],
            review=review,
            agency=agency,
            details="Records",
            requested_on=D(2026, 6, 1),
            due_on=D(2026, 6, 12),
        )
        deadline = with_status(Deadline.objects.filter(owner_id=request.pk)).get()
        assert (deadline.due_on, deadline.status) == (D(2026, 6, 12), "overdue")
        engagement.agency_request_chase(actor=pair[0], request=request, chased_on=D(2026, 6, 13))
        request = engagement.agency_request_receive(
            actor=pair[0], request=request, received_on=D(2026, 6, 14)
        )
        assert request.times_chased == 1
        assert with_status(Deadline.objects.filter(owner_id=request.pk)).get().status == "met_late"
        with pytest.raises(ValidationError):
            engagement.agency_request_chase(
                actor=pair[0], request=request, chased_on=D(2026, 6, 15)
            )

    def test_an_agency_of_another_board_is_refused(self, review, pair, other_board):
        foreign = AgencyFactory(board=other_board)
        with pytest.raises(ValidationError):
            engagement.chronology_add(
                actor=pair[0], review=review, agency=foreign, occurred_on=D(2026, 1, 1), entry="x"
            )

    def test_meeting_attendance_is_of_the_review(self, review, pair, business_manager):
        meeting = engagement.meeting_plan(
            actor=pair[0], review=review, kind="joint", planned_on=D(2026, 6, 1)
        )
        nurse = engagement.participant_add(
            actor=pair[0], review=review, group="case_group", name="Nurse"
        )
        engagement.meeting_record(
            actor=pair[0], meeting=meeting, held_on=D(2026, 6, 1), attendees=[nurse]
        )
        assert list(meeting.attendees.all()) == [nurse]

    def test_involvement_answer(self, review, pair):
        offer = engagement.involvement_offer(
            actor=pair[0], review=review, kind="family", who="mother", offered_on=D(2026, 6, 1)
        )
        with pytest.raises(ValidationError):
            engagement.involvement_respond(
                actor=pair[0], involvement=offer, response="awaited", responded_on=D(2026, 6, 2)
            )
        offer = engagement.involvement_respond(
            actor=pair[0],
            involvement=offer,
            response="accepted",
            responded_on=D(2026, 6, 2),
            views="She was not listened to.",
        )
        assert offer.views == "She was not listened to."


class TestAnalysis:
    def finding(self, review, author, **overrides):
        values = {
            "category": FindingCategory.objects.get(code="tools"),
            "title": "The assessment form hides risk",
            "manifested": "Risks were on page 9.",
            **overrides,
        }
        return analysis.finding_add(actor=author, review=review, **values)

    def test_an_edit_from_an_old_version_is_a_conflict_and_saves_nothing(self, review, pair):
        finding = self.finding(review, pair[0])
        category = finding.category
        analysis.finding_update(
            actor=pair[1],
            finding=finding,
            version=1,
            category=category,
            title="Edited by Colin",
            manifested="x",
        )
        with pytest.raises(EditConflict) as conflict:
            analysis.finding_update(
                actor=pair[0],
                finding=finding,
                version=1,
                category=category,
                title="Edited by Lena",
                manifested="y",
            )
        assert conflict.value.current.title == "Edited by Colin"
        finding.refresh_from_db()
        assert (finding.title, finding.version) == ("Edited by Colin", 2)

    def test_episodes_carry_versions_too(self, review, pair):
        episode = analysis.episode_add(
            actor=pair[0],
            review=review,
            occurred_on=D(2026, 1, 5),
            title="Visit",
            what_happened="x",
        )
        analysis.episode_update(
            actor=pair[1],
            episode=episode,
            version=1,
            occurred_on=D(2026, 1, 5),
            title="Visit",
            what_happened="y",
        )
        with pytest.raises(EditConflict):
            analysis.episode_update(
                actor=pair[0],
                episode=episode,
                version=1,
                occurred_on=D(2026, 1, 5),
                title="Visit",
                what_happened="z",
            )

    def test_factors_are_the_nine_headings_only(self, review, pair):
        with pytest.raises(ValidationError):
            analysis.episode_add(
                actor=pair[0],
                review=review,
                occurred_on=D(2026, 1, 5),
                title="V",
                what_happened="x",
                factors={"astrology": "x"},
            )
        episode = analysis.episode_add(
            actor=pair[0],
            review=review,
            occurred_on=D(2026, 1, 5),
            title="V",
            what_happened="x",
            factors={"own_team": " Short-staffed ", "family": ""},
        )
        assert episode.factors == {"own_team": "Short-staffed"}

    def test_quality_assurance_by_the_supervisor_only_and_undone_by_an_edit(
        self, review, pair, supervisor, business_manager, chair
    ):
        finding = self.finding(review, pair[0])
        with pytest.raises(PermissionDenied):
            analysis.finding_quality_assure(actor=supervisor, finding=finding)  # not yet assigned
        review.supervisor = supervisor
        review.save()
        with pytest.raises(ValidationError):  # the board responds to assured findings only
            analysis.finding_respond(
                actor=chair, finding=finding, response="OK", responded_on=D(2026, 6, 1)
            )
        finding = analysis.finding_quality_assure(actor=supervisor, finding=finding, notes="Clear.")
        assert finding.quality_assured_by == supervisor
        finding = analysis.finding_update(
            actor=pair[0],
            finding=finding,
            version=finding.version,
            category=finding.category,
            title="Re-worded",
            manifested="x",
        )
        assert finding.quality_assured_on is None

    def test_findings_link_only_this_reviews_episodes(
        self, review, pair, business_manager, board, chair
    ):
        other = log_incident(actor=business_manager, board=board)
        decide(actor=chair, incident=other)
        other_review = Review.objects.get(incident=other)
        foreign = other_review.episodes.create(
            occurred_on=D(2026, 1, 1), title="x", what_happened="x"
        )
        with pytest.raises(ValidationError):
            self.finding(review, pair[0], episodes=[foreign])

    def test_the_board_and_chair_do_not_write_findings(self, review, business_manager, chair):
        for actor in (business_manager, chair):
            with pytest.raises(PermissionDenied):
                self.finding(review, actor)


class TestActions:
    def test_an_action_is_a_deadline_on_the_boards_page_until_completed(
        self, review, business_manager, agency, board
    ):
        action = actions.action_add(
            actor=business_manager,
            review=review,
            description="Audit",
            owner_agency=agency,
            due_on=D(2026, 6, 1),
        )
        from reviews.selectors import deadline_list_for_board

        overdue = deadline_list_for_board(board=board, status="overdue")
        assert [d.clock for d in overdue if d.owner_id == action.pk] == ["action"]
        with pytest.raises(ValidationError) as error:
            actions.action_progress(
                actor=business_manager, action=action, status="completed", on=D(2026, 6, 15)
            )
        assert "completed_on" in error.value.message_dict
        actions.action_progress(
            actor=business_manager,
            action=action,
            status="completed",
            on=D(2026, 6, 15),
            completed_on=D(2026, 6, 10),
            note="Done",
        )
        assert with_status(Deadline.objects.filter(owner_id=action.pk)).get().status == "met_late"
        assert action.updates.get().note == "Done"

    def test_a_cancelled_action_is_no_longer_due(self, review, business_manager, agency):
        action = actions.action_add(
            actor=business_manager,
            review=review,
            description="Audit",
            owner_agency=agency,
            due_on=D(2026, 7, 1),
        )
        actions.action_progress(
            actor=business_manager, action=action, status="cancelled", on=D(2026, 6, 15)
        )
        assert not Deadline.objects.filter(owner_id=action.pk).exists()

    def test_the_owner_agencys_representative_updates_progress(
        self, review, business_manager, agency, board, member
    ):
        action = actions.action_add(
            actor=business_manager,
            review=review,
            description="Audit",
            owner_agency=agency,
            due_on=D(2026, 7, 1),
        )
        with pytest.raises(PermissionDenied):
            actions.action_progress(
                actor=member, action=action, status="in_progress", on=D(2026, 6, 15)
            )
        representative = MembershipFactory(board=board, role="member", agency=agency).user
        actions.action_progress(
            actor=representative,
            action=action,
            status="in_progress",
            on=D(2026, 6, 15),
            note="Started",
        )
        with pytest.raises(PermissionDenied):
            actions.action_add(
                actor=representative,
                review=review,
                description="x",
                owner_agency=agency,
                due_on=D(2026, 7, 1),
            )


class TestCompletionClock:
    def test_extension_with_reason_replaces_the_due_date(self, review, business_manager):
        complete = reviews.completion_deadline(review)
        assert complete.due_on == D(2026, 9, 3)  # 6 months from the decision on 3 March
        with pytest.raises(ValidationError):
            reviews.review_extend(
                actor=business_manager,
                review=review,
                extended_to=D(2026, 8, 1),
                reason="x",
                agreed_on=D(2026, 6, 15),
            )
        extended = reviews.review_extend(
            actor=business_manager,
            review=review,
            extended_to=D(2026, 12, 3),
            reason="Criminal trial in November",
            agreed_on=D(2026, 6, 15),
        )
        assert extended.due_on == D(2026, 12, 3)
        reviews.review_interim_update(
            actor=business_manager,
            review=review,
            improvements="Training started",
            corrective_action="Audit of visits",
        )
        review.refresh_from_db()
        assert review.interim_improvements == "Training started"

    def test_pause_and_resume_the_completion_clock(self, review, business_manager):
        reviews.review_pause(
            actor=business_manager,
            review=review,
            reason="criminal_proceedings",
            details="",
            paused_on=D(2026, 4, 1),
        )
        resumed = reviews.review_resume(
            actor=business_manager, review=review, resumed_on=D(2026, 4, 11)
        )
        assert resumed.due_on == D(2026, 9, 13)
