"""Training: course attendance, the practice review, group and individual supervision, and
the progress page's account of what is still needed."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from accreditation import selectors
from accreditation.models import SupervisionBooking, TrainingAttendance
from accreditation.services import training
from accreditation.tests.factories import SessionFactory, TraineeFactory, accredit
from core.tests.factories import UserFactory

D = dt.date


@pytest.fixture
def trainee(cohort, clock):
    return TraineeFactory(application__cohort=cohort, application__applicant__name="Tia Trainee")


@pytest.fixture
def session(staff):
    return SessionFactory(date=D(2026, 4, 14), capacity=2, facilitator=staff)


def book(trainee, session, actor=None):
    return training.session_book(actor=actor or trainee.user, session=session, trainee=trainee)


class TestCourseAttendance:
    def test_staff_record_who_came_each_day(self, staff, trainee, cohort, clock):
        clock.move_to(dt.datetime(2026, 3, 20, 9, tzinfo=dt.UTC))
        other = TraineeFactory(application__cohort=cohort)
        day = cohort.training_days.first()
        training.attendance_record(actor=staff, training_day=day, trainees=[trainee, other])
        training.attendance_record(actor=staff, training_day=day, trainees=[trainee])
        assert list(TrainingAttendance.objects.values_list("trainee", flat=True)) == [trainee.pk]

    def test_a_day_to_come_has_no_attendance_yet(self, staff, trainee, cohort):
        with pytest.raises(ValidationError):
            training.attendance_record(
                actor=staff, training_day=cohort.training_days.first(), trainees=[trainee]
            )

    def test_only_the_cohorts_trainees(self, staff, trainee, cohort, clock):
        clock.move_to(dt.datetime(2026, 3, 20, 9, tzinfo=dt.UTC))
        stranger = TraineeFactory()
        with pytest.raises(ValidationError):
            training.attendance_record(
                actor=staff, training_day=cohort.training_days.first(), trainees=[stranger]
            )


class TestGroupSupervision:
    def test_a_trainee_books_their_own_place(self, trainee, session):
        booking = book(trainee, session)
        assert (booking.status, booking.trainee) == ("booked", trainee)

    def test_a_full_session_is_refused(self, trainee, session, cohort):
        for _ in range(2):
            book(TraineeFactory(application__cohort=cohort), session)
        with pytest.raises(ValidationError, match="This session is full: all 2 places are taken"):
            book(trainee, session)
        assert session.bookings.count() == 2

    def test_the_same_session_twice_is_refused(self, trainee, session):
        book(trainee, session)
        with pytest.raises(ValidationError, match="already have a place at this session"):
            book(trainee, session)

    def test_two_sessions_on_one_day_are_refused(self, trainee, session, staff):
        book(trainee, session)
        same_day = SessionFactory(date=session.date, facilitator=staff)
        with pytest.raises(ValidationError, match="already have a supervision session on 14 April"):
            book(trainee, same_day)

    def test_a_cancelled_place_frees_it_and_may_be_booked_again(self, trainee, session, cohort):
        booking = book(trainee, session)
        book(TraineeFactory(application__cohort=cohort), session)
        training.booking_cancel(actor=trainee.user, booking=booking)
        book(TraineeFactory(application__cohort=cohort), session)  # the freed place
        with pytest.raises(ValidationError, match="full"):
            book(trainee, session)

    def test_nobody_books_for_someone_else_but_staff(self, trainee, session, staff, cohort):
        other = TraineeFactory(application__cohort=cohort)
        with pytest.raises(PermissionDenied):
            book(trainee, session, actor=other.user)
        assert book(trainee, session, actor=staff).trainee == trainee

    def test_a_past_session_or_a_trainee_not_in_training_cannot_be_booked(
        self, trainee, session, staff
    ):
        past = SessionFactory(date=D(2026, 2, 3), facilitator=staff)
        with pytest.raises(
            ValidationError,
            match="took place on 3 February 2026: places can no longer be booked",
        ):
            book(trainee, past)
        trainee.status = "withdrawn"
        trainee.save()
        with pytest.raises(ValidationError, match="in training"):
            book(trainee, session)

    def test_a_withdrawal_gives_up_the_places_to_come(self, trainee, session, cohort):
        from accreditation.services import applications

        book(trainee, session)
        other = TraineeFactory(application__cohort=cohort)
        book(other, session)
        applications.application_withdraw(actor=trainee.user, application=trainee.application)
        assert SupervisionBooking.objects.get(trainee=trainee).status == "cancelled"
        book(TraineeFactory(application__cohort=cohort), session)  # the place is free again

    def test_once_assessed_the_training_cannot_be_withdrawn(self, trainee, staff):
        from accreditation.services import applications

        trainee.status = "accredited"
        trainee.save()
        with pytest.raises(ValidationError, match="The training has ended"):
            applications.application_withdraw(actor=trainee.user, application=trainee.application)
        with pytest.raises(ValidationError, match="The training has ended"):
            applications.application_decide(
                actor=staff, application=trainee.application, decision="declined"
            )

    def test_staff_record_attendance_on_the_day(self, trainee, session, staff, clock):
        booking = book(trainee, session)
        with pytest.raises(ValidationError):
            training.booking_record(actor=staff, booking=booking, attended=True)
        clock.move_to(dt.datetime(2026, 4, 14, 17, tzinfo=dt.UTC))
        training.booking_record(actor=staff, booking=booking, attended=True)
        assert SupervisionBooking.objects.get().status == "attended"
        with pytest.raises(PermissionDenied):
            training.booking_record(actor=trainee.user, booking=booking, attended=True)


class TestPracticeReviewAndIndividualSupervision:
    def test_the_practice_review_is_one_the_trainee_is_appointed_to_as_trainee(
        self, staff, trainee, review, business_manager, board
    ):
        from boards.tests.factories import MembershipFactory
        from reviews.services.reviews import reviewer_appoint

        with pytest.raises(ValidationError, match="is not appointed to this review as a trainee"):
            training.practice_review_link(actor=staff, trainee=trainee, review=review)

        def appoint(user, role):
            MembershipFactory(board=board, role="lead_reviewer", user=user)
            reviewer_appoint(
                actor=business_manager,
                review=review,
                user=user,
                role=role,
                independence_declared=True,
                appointed_on=review.initiated_on,
            )

        appoint(trainee.user, "trainee")
        with pytest.raises(ValidationError, match="The trainee works in a pair"):
            training.practice_review_link(actor=staff, trainee=trainee, review=review)
        partner = UserFactory(name="Ada Accredited")
        accredit(partner)
        appoint(partner, "lead")
        training.practice_review_link(actor=staff, trainee=trainee, review=review)
        assert trainee.practice_review == review

    def test_individual_supervision_is_charged_to_the_commissioning_board(
        self, staff, trainee, review
    ):
        with pytest.raises(ValidationError, match="Record the practice review first"):
            training.individual_supervision_add(
                actor=staff,
                trainee=trainee,
                held_on=D(2026, 2, 9),
                hours=Decimal("1.5"),
                supervisor=staff,
            )
        trainee.practice_review = review
        trainee.save()
        record = training.individual_supervision_add(
            actor=staff,
            trainee=trainee,
            held_on=D(2026, 2, 9),
            hours=Decimal("1.5"),
            supervisor=staff,
        )
        assert record.board_to_charge == review.board
        assert list(selectors.charges_by_board()) == [
            {"board_to_charge__name": review.board.name, "hours": Decimal("1.5"), "sessions": 1}
        ]
        with pytest.raises(ValidationError) as error:
            training.individual_supervision_add(
                actor=staff,
                trainee=trainee,
                held_on=D(2026, 2, 9),
                hours=Decimal("0"),
                supervisor=staff,
            )
        assert "hours" in error.value.message_dict


class TestProgress:
    def test_what_is_still_needed_for_assessment(self, staff, trainee, cohort, clock):
        progress = selectors.progress_of(trainee)
        assert progress.still_needed[:3] == [
            "4 of the 4 training days to attend",
            "4 more group supervision sessions (0 of 4 attended)",
            "a practice review, with the trainee appointed to it",
        ]
        assert not progress.ready_for_assessment
        for offset in (0, 7):
            session = SessionFactory(date=D(2026, 2, 11) + dt.timedelta(days=offset))
            booking = book(trainee, session)
            SupervisionBooking.objects.filter(pk=booking.pk).update(status="attended")
        progress = selectors.progress_of(trainee)
        assert (progress.group_sessions_attended, progress.group_sessions_required) == (2, 4)
        assert "2 more group supervision sessions (2 of 4 attended)" in progress.still_needed

    def test_the_numbers_are_settings(self, trainee, settings):
        settings.ACCREDITATION_GROUP_SESSIONS_REQUIRED = 6
        assert "6 more group supervision sessions (0 of 6 attended)" in (
            selectors.progress_of(trainee).still_needed
        )

    def test_a_trainee_sees_their_own_record_only(self, trainee):
        from django.http import Http404

        assert selectors.trainee_get(user=trainee.user, trainee_id=trainee.pk) == trainee
        with pytest.raises(Http404):
            selectors.trainee_get(user=UserFactory(), trainee_id=trainee.pk)
