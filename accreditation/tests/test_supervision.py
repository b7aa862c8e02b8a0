"""Group supervision by the session's date: places booked ahead (by the trainee or staff),
attendance recorded from the day on (by staff, booked or not); sessions and attendance
corrected or withdrawn with a reason; the lists in date order."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from accreditation import selectors
from accreditation.models import SupervisionBooking, SupervisionSession
from accreditation.services import training
from accreditation.tests.factories import SessionFactory, TraineeFactory
from core.tests.factories import UserFactory
from reminders.models import OutboxEmail

D = dt.date


@pytest.fixture
def trainee(cohort, clock):
    return TraineeFactory(application__cohort=cohort, application__applicant__name="Tia Trainee")


@pytest.fixture
def past(staff):
    """A session of 3 February 2026, entered a week after it took place (today is 10 Feb)."""
    return SessionFactory(
        date=D(2026, 2, 3), title="Group supervision", capacity=1, facilitator=staff
    )


@pytest.fixture
def ahead(staff):
    return SessionFactory(
        date=D(2026, 3, 3), title="Group supervision", capacity=2, facilitator=staff
    )


def record(session, *trainees, actor):
    return training.session_attendance_record(actor=actor, session=session, trainees=trainees)


def attended(trainee) -> int:
    return selectors.progress_of(trainee).group_sessions_attended


class TestAttendanceAfterTheEvent:
    def test_staff_record_a_trainee_who_had_no_place_and_places_do_not_limit_it(
        self, staff, trainee, cohort, past
    ):
        other = TraineeFactory(application__cohort=cohort)
        assert record(past, trainee, other, actor=staff) == 2  # one place, two came
        assert {b.status for b in SupervisionBooking.objects.filter(session=past)} == {"attended"}
        assert attended(trainee) == attended(other) == 1
        history = SupervisionBooking.history.filter(trainee=trainee).get()
        assert history.history_user == staff

    def test_four_sessions_entered_afterwards_complete_the_group_supervision(self, staff, trainee):
        """The dead end of the finding: a trainee reaches four sessions although staff
        created every one after it took place."""
        for day in (5, 12, 19, 26):
            session = training.session_add(
                actor=staff,
                date=D(2026, 1, day),
                title="Group supervision",
                venue="Online",
                capacity=8,
                facilitator=staff,
            )
            record(session, trainee, actor=staff)
        progress = selectors.progress_of(trainee)
        assert progress.group_sessions_attended == 4
        assert not [need for need in progress.still_needed if "group supervision" in need]

    def test_booked_trainees_left_out_did_not_attend_and_a_correction_follows(
        self, staff, trainee, cohort, ahead, clock
    ):
        other = TraineeFactory(application__cohort=cohort)
        training.session_book(actor=trainee.user, session=ahead, trainee=trainee)
        training.session_book(actor=other.user, session=ahead, trainee=other)
        clock.move_to(dt.datetime(2026, 3, 3, 17, tzinfo=dt.UTC))
        record(ahead, trainee, actor=staff)
        statuses = dict(
            SupervisionBooking.objects.filter(session=ahead).values_list("trainee", "status")
        )
        assert statuses == {trainee.pk: "attended", other.pk: "absent"}
        record(ahead, other, actor=staff)  # the register was read wrongly
        statuses = dict(
            SupervisionBooking.objects.filter(session=ahead).values_list("trainee", "status")
        )
        assert statuses == {trainee.pk: "absent", other.pk: "attended"}

    def test_a_session_ahead_refuses_attendance_and_says_from_when(self, staff, trainee, ahead):
        message = "This session is on 3 March 2026: attendance can be recorded from that day"
        with pytest.raises(ValidationError, match=message):
            record(ahead, trainee, actor=staff)
        booking = training.session_book(actor=trainee.user, session=ahead, trainee=trainee)
        with pytest.raises(ValidationError, match=message):
            training.booking_record(actor=staff, booking=booking, attended=True)
        assert SupervisionBooking.objects.get().status == "booked"

    def test_on_the_day_a_place_is_booked_and_attendance_recorded(
        self, staff, trainee, ahead, clock
    ):
        clock.move_to(dt.datetime(2026, 3, 3, 9, tzinfo=dt.UTC))
        booking = training.session_book(actor=trainee.user, session=ahead, trainee=trainee)
        training.booking_record(actor=staff, booking=booking, attended=True)
        assert attended(trainee) == 1

    def test_only_staff_record_attendance(self, trainee, past):
        with pytest.raises(PermissionDenied):
            record(past, trainee, actor=trainee.user)
        assert not SupervisionBooking.objects.exists()

    def test_a_trainee_not_in_training_is_refused_and_nothing_is_saved(
        self, staff, trainee, cohort, past
    ):
        gone = TraineeFactory(application__cohort=cohort, status="withdrawn")
        with pytest.raises(ValidationError) as error:
            record(past, trainee, gone, actor=staff)
        assert error.value.message_dict["trainees"] == [f"{gone.user.name} is not in training"]
        assert not SupervisionBooking.objects.exists()

    def test_one_session_a_day(self, staff, trainee, past):
        record(past, trainee, actor=staff)
        same_day = SessionFactory(date=past.date, title="Second group", facilitator=staff)
        with pytest.raises(ValidationError, match="Tia Trainee is recorded at Group supervision"):
            record(same_day, trainee, actor=staff)
        assert attended(trainee) == 1


class TestBookingAhead:
    def test_a_booked_place_is_cancelled_up_to_the_day_not_after(
        self, staff, trainee, ahead, clock
    ):
        booking = training.session_book(actor=trainee.user, session=ahead, trainee=trainee)
        clock.move_to(dt.datetime(2026, 3, 4, 9, tzinfo=dt.UTC))
        with pytest.raises(ValidationError, match="took place on 3 March 2026: staff record"):
            training.booking_cancel(actor=trainee.user, booking=booking)
        clock.move_to(dt.datetime(2026, 3, 3, 8, tzinfo=dt.UTC))
        training.booking_cancel(actor=trainee.user, booking=booking)
        assert SupervisionBooking.objects.get().status == "cancelled"

    def test_staff_book_a_trainee_and_are_told_in_the_trainees_name(self, staff, trainee, ahead):
        training.session_book(actor=staff, session=ahead, trainee=trainee)
        with pytest.raises(ValidationError, match="Tia Trainee already has a place"):
            training.session_book(actor=staff, session=ahead, trainee=trainee)


class TestCorrectingSessions:
    def values(self, session, **changes):
        return {
            "date": session.date,
            "title": session.title,
            "venue": session.venue,
            "capacity": session.capacity,
            "facilitator": session.facilitator,
            **changes,
        }

    def test_a_session_is_corrected_and_its_history_names_who(self, staff, ahead):
        training.session_update(
            actor=staff, session=ahead, **self.values(ahead, venue="Leeds", capacity=6)
        )
        ahead.refresh_from_db()
        assert (ahead.venue, ahead.capacity) == ("Leeds", 6)
        assert ahead.history.first().history_user == staff

    def test_places_never_fall_below_those_taken(self, staff, trainee, cohort, ahead):
        for someone in (trainee, TraineeFactory(application__cohort=cohort)):
            training.session_book(actor=staff, session=ahead, trainee=someone)
        with pytest.raises(ValidationError) as error:
            training.session_update(
                actor=staff,
                session=ahead,
                **self.values(ahead, capacity=1, facilitator=UserFactory()),
            )
        assert error.value.message_dict == {
            "capacity": ["2 places are taken: enter a number of places of 2 or more"],
            "facilitator": ["Select a member of the accreditation staff"],
        }
        ahead.refresh_from_db()
        assert ahead.capacity == 2

    def test_the_date_is_fixed_once_attendance_is_recorded(self, staff, trainee, past):
        record(past, trainee, actor=staff)
        with pytest.raises(ValidationError, match="Withdraw the session, with the reason"):
            training.session_update(
                actor=staff, session=past, **self.values(past, date=D(2026, 2, 4))
            )
        training.session_update(actor=staff, session=past, **self.values(past, title="Renamed"))

    def test_moving_the_date_keeps_each_trainee_to_one_session_a_day(self, staff, trainee, ahead):
        training.session_book(actor=staff, session=ahead, trainee=trainee)
        other = SessionFactory(date=D(2026, 3, 10), facilitator=staff)
        training.session_book(actor=staff, session=other, trainee=trainee)
        with pytest.raises(ValidationError, match="Tia Trainee has another supervision session"):
            training.session_update(
                actor=staff, session=ahead, **self.values(ahead, date=D(2026, 3, 10))
            )


class TestWithdrawingSessions:
    def test_a_session_ahead_cancels_its_places_and_tells_the_trainees(self, staff, trainee, ahead):
        training.session_book(actor=trainee.user, session=ahead, trainee=trainee)
        training.session_withdraw(actor=staff, session=ahead, reason="The facilitator is ill")
        assert not selectors.sessions_from().filter(pk=ahead.pk).exists()
        booking = SupervisionBooking.all_objects.get()
        assert booking.status == "cancelled"
        email = OutboxEmail.objects.get()
        assert email.to == trainee.user.email
        assert "The facilitator is ill" in email.body
        withdrawn = SupervisionSession.all_objects.get()
        assert (withdrawn.withdrawal_reason, withdrawn.withdrawn_by) == (
            "The facilitator is ill",
            staff,
        )
        assert withdrawn.history.first().withdrawal_reason == "The facilitator is ill"

    def test_attendance_at_a_withdrawn_session_no_longer_counts(self, staff, trainee, past):
        record(past, trainee, actor=staff)
        training.session_withdraw(actor=staff, session=past, reason="Entered twice")
        assert attended(trainee) == 0
        assert not OutboxEmail.objects.exists()  # it had taken place: nobody to tell
        assert SupervisionBooking.all_objects.get().status == "attended"  # as it was

    def test_a_reason_is_needed_and_a_withdrawn_session_changes_no_more(self, staff, ahead):
        with pytest.raises(ValidationError) as error:
            training.session_withdraw(actor=staff, session=ahead, reason="  ")
        assert "reason" in error.value.message_dict
        training.session_withdraw(actor=staff, session=ahead, reason="Added in error")
        with pytest.raises(ValidationError, match="withdrawn"):
            training.session_withdraw(actor=staff, session=ahead, reason="Again")
        with pytest.raises(ValidationError, match="withdrawn"):
            training.session_book(actor=staff, session=ahead, trainee=TraineeFactory())

    def test_only_staff(self, trainee, ahead):
        with pytest.raises(PermissionDenied):
            training.session_withdraw(actor=trainee.user, session=ahead, reason="No")


class TestWithdrawingAttendance:
    def test_attendance_recorded_in_error_is_withdrawn_and_may_be_recorded_again(
        self, staff, trainee, past
    ):
        record(past, trainee, actor=staff)
        booking = SupervisionBooking.objects.get()
        training.booking_withdraw(actor=staff, booking=booking, reason="The wrong trainee")
        assert attended(trainee) == 0
        assert SupervisionBooking.all_objects.get().withdrawal_reason == "The wrong trainee"
        record(past, trainee, actor=staff)  # they did come after all
        assert attended(trainee) == 1

    def test_a_booked_place_is_cancelled_not_withdrawn(self, staff, trainee, ahead):
        booking = training.session_book(actor=trainee.user, session=ahead, trainee=trainee)
        with pytest.raises(ValidationError, match="cancel a booked place instead"):
            training.booking_withdraw(actor=staff, booking=booking, reason="No")


class TestLists:
    def test_sessions_ahead_come_soonest_first(self, staff, clock):
        for day in (20, 5, 12):
            SessionFactory(date=D(2026, 3, day), facilitator=staff)
        assert [s.date.day for s in selectors.sessions_from()] == [5, 12, 20]

    def test_sessions_that_took_place_come_latest_first_and_none_ahead(self, staff, clock):
        for day in (2, 9, 5):
            SessionFactory(date=D(2026, 2, day), facilitator=staff)
        SessionFactory(date=D(2026, 3, 1), facilitator=staff)
        assert [s.date.day for s in selectors.sessions_before()] == [9, 5, 2]
