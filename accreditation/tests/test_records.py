"""Correcting and withdrawing the programme's records: cohorts, training days, questions,
selection criteria and network meetings. Each is corrected while what depends on it allows,
and otherwise withdrawn with a reason: it leaves the lists, stays in the history, and is never
deleted."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from accreditation import selectors
from accreditation.models import (
    Cohort,
    CohortQuestion,
    NetworkMeeting,
    SelectionCriterion,
    TrainingDay,
)
from accreditation.services import accreditations, applications, cohorts, training
from accreditation.tests.factories import ApplicationFactory, TraineeFactory
from core.tests.factories import UserFactory

D = dt.date


def cohort_values(cohort, **changes):
    return {
        "name": cohort.name,
        "venue": cohort.venue,
        "trainers": cohort.trainers,
        "places": cohort.places,
        "fee_pence": cohort.fee_pence,
        "vat_applies": cohort.vat_applies,
        "applications_open_on": cohort.applications_open_on,
        "applications_close_on": cohort.applications_close_on,
        **changes,
    }


def offer(staff, application):
    return applications.application_decide(actor=staff, application=application, decision="offered")


class TestCohorts:
    def test_a_cohort_is_corrected_and_its_history_names_who(self, staff, cohort):
        cohorts.cohort_update(
            actor=staff, cohort=cohort, **cohort_values(cohort, venue="Leeds", places=10)
        )
        cohort.refresh_from_db()
        assert (cohort.venue, cohort.places) == ("Leeds", 10)
        assert cohort.history.first().history_user == staff

    def test_every_broken_rule_is_said_at_once_and_nothing_changes(self, staff, cohort):
        ApplicationFactory(cohort=cohort, submitted_on=D(2026, 2, 1))
        offer(staff, ApplicationFactory(cohort=cohort, submitted_on=D(2026, 1, 20)))
        with pytest.raises(ValidationError) as error:
            cohorts.cohort_update(
                actor=staff,
                cohort=cohort,
                **cohort_values(
                    cohort,
                    name="",
                    places=0,
                    fee_pence=100,
                    applications_open_on=D(2026, 1, 25),
                    applications_close_on=D(2026, 1, 31),
                ),
            )
        assert error.value.message_dict == {
            "name": ["Enter the cohort's name"],
            "places": ["Enter a number of places of 1 or more"],
            "fee_pence": [
                "Places have been offered at £3,500 + VAT (£4,200 in all): the fee can no longer "
                "change"
            ],
            "applications_close_on": [
                "An application came on 1 February 2026: applications must close on or after "
                "that day"
            ],
            "applications_open_on": [
                "The first application came on 20 January 2026: applications must open on or "
                "before that day"
            ],
        }
        cohort.refresh_from_db()
        assert (cohort.name, cohort.places) == ("Spring 2026", 2)

    def test_places_never_fall_below_those_offered(self, staff, cohort):
        for _ in range(2):
            offer(staff, ApplicationFactory(cohort=cohort))
        with pytest.raises(ValidationError, match="2 places have been offered"):
            cohorts.cohort_update(actor=staff, cohort=cohort, **cohort_values(cohort, places=1))

    def test_applications_close_before_the_first_training_day(self, staff, cohort):
        with pytest.raises(ValidationError, match="The first training day is 3 March 2026"):
            cohorts.cohort_update(
                actor=staff,
                cohort=cohort,
                **cohort_values(cohort, applications_close_on=D(2026, 3, 3)),
            )

    def test_withdrawn_only_while_nobody_holds_or_waits_for_a_place(self, staff, cohort):
        application = ApplicationFactory(cohort=cohort)
        with pytest.raises(ValidationError, match="1 applications are waiting for a decision"):
            cohorts.cohort_withdraw(actor=staff, cohort=cohort, reason="Too few applicants")
        offer(staff, application)
        with pytest.raises(ValidationError, match="1 trainees hold places in this cohort"):
            cohorts.cohort_withdraw(actor=staff, cohort=cohort, reason="Too few applicants")
        applications.application_decide(
            actor=staff, application=application, decision="declined", message="Not running."
        )
        cohorts.cohort_withdraw(actor=staff, cohort=cohort, reason="Too few applicants")
        assert not Cohort.objects.exists()
        assert not selectors.open_cohorts().exists()
        assert not selectors.cohort_list().exists()
        withdrawn = Cohort.all_objects.get()
        assert (withdrawn.withdrawal_reason, withdrawn.withdrawn_by) == (
            "Too few applicants",
            staff,
        )
        # Its name is free again, and its page still shows it.
        assert selectors.cohort_get(user=staff, cohort_id=cohort.pk, withdrawn=True) == withdrawn

    def test_a_cohort_that_has_run_stays_on_record(self, staff, cohort):
        TraineeFactory(application__cohort=cohort, status="accredited")
        with pytest.raises(ValidationError, match="Its trainees have been assessed"):
            cohorts.cohort_withdraw(actor=staff, cohort=cohort, reason="Old")

    def test_a_withdrawn_cohorts_name_may_be_used_again(self, staff, cohort):
        cohorts.cohort_withdraw(actor=staff, cohort=cohort, reason="Added twice")
        again = cohorts.cohort_add(
            actor=staff,
            programme=cohort.programme,
            **{**cohort_values(cohort), "applications_close_on": D(2026, 2, 27)},
        )
        assert again.name == "Spring 2026"

    def test_only_staff(self, applicant, cohort):
        with pytest.raises(PermissionDenied):
            cohorts.cohort_update(actor=applicant, cohort=cohort, **cohort_values(cohort))
        with pytest.raises(PermissionDenied):
            cohorts.cohort_withdraw(actor=applicant, cohort=cohort, reason="No")


class TestTrainingDays:
    def test_a_day_moves_until_attendance_is_recorded(self, staff, cohort, clock):
        day = cohort.training_days.first()
        cohorts.training_day_update(actor=staff, day=day, date=D(2026, 3, 2), block=1)
        clock.move_to(dt.datetime(2026, 3, 20, 9, tzinfo=dt.UTC))
        trainee = TraineeFactory(application__cohort=cohort)
        training.attendance_record(actor=staff, training_day=day, trainees=[trainee])
        with pytest.raises(ValidationError, match="Withdraw the day, with the reason"):
            cohorts.training_day_update(actor=staff, day=day, date=D(2026, 3, 5), block=1)
        cohorts.training_day_update(actor=staff, day=day, date=D(2026, 3, 2), block=2, venue="X")
        day.refresh_from_db()
        assert (day.date, day.block, day.venue) == (D(2026, 3, 2), 2, "X")

    def test_a_withdrawn_day_leaves_the_course_and_its_attendance_counts_no_more(
        self, staff, cohort, clock
    ):
        clock.move_to(dt.datetime(2026, 3, 20, 9, tzinfo=dt.UTC))
        trainee = TraineeFactory(application__cohort=cohort)
        days = list(cohort.training_days.all())
        for day in days:
            training.attendance_record(actor=staff, training_day=day, trainees=[trainee])
        cohorts.training_day_withdraw(actor=staff, day=days[0], reason="Snow: it did not run")
        progress = selectors.progress_of(trainee)
        assert (progress.training_days, progress.training_days_attended) == (3, 3)
        assert TrainingDay.all_objects.filter(cohort=cohort).count() == 4
        # The same date may be added again.
        cohorts.training_day_add(actor=staff, cohort=cohort, date=days[0].date, block=1)


class TestQuestionsAndCriteria:
    def test_a_question_changes_until_someone_applies_then_is_only_withdrawn(self, staff, cohort):
        question = cohort.questions.first()
        cohorts.question_update(actor=staff, question=question, text="Why lead reviews?")
        application = ApplicationFactory(cohort=cohort)
        application.answers.create(question=question, answer="To learn.")
        with pytest.raises(ValidationError, match="People have applied already"):
            cohorts.question_update(actor=staff, question=question, text="Other")
        cohorts.question_withdraw(actor=staff, question=question, reason="Asked twice")
        assert question not in cohort.questions.all()  # new applicants are not asked it
        assert application.answers.get().question == question  # the answer stays
        assert CohortQuestion.all_objects.get(pk=question.pk).text == "Why lead reviews?"

    def test_a_criterion_changes_until_scored_then_its_scores_leave_the_totals(self, staff, cohort):
        first, second = cohort.criteria.all()
        cohorts.criterion_update(actor=staff, criterion=first, text="Practice", max_score=4)
        application = ApplicationFactory(cohort=cohort)
        applications.application_score(
            actor=staff, application=application, scores={first.pk: (4, ""), second.pk: (3, "")}
        )
        with pytest.raises(ValidationError, match="Applications have been scored against"):
            cohorts.criterion_update(actor=staff, criterion=first, text="Other", max_score=5)
        assert selectors.applications_of(cohort).get().total == 7
        cohorts.criterion_withdraw(actor=staff, criterion=first, reason="Not a fair test")
        assert selectors.applications_of(cohort).get().total == 3
        assert list(cohort.criteria.all()) == [second]
        assert SelectionCriterion.all_objects.filter(cohort=cohort).count() == 2

    def test_bad_input_is_refused(self, staff, cohort):
        criterion = cohort.criteria.first()
        with pytest.raises(ValidationError) as error:
            cohorts.criterion_update(actor=staff, criterion=criterion, text="X", max_score=11)
        assert "max_score" in error.value.message_dict
        with pytest.raises(ValidationError) as error:
            cohorts.question_update(actor=staff, question=cohort.questions.first(), text=" ")
        assert "text" in error.value.message_dict


class TestNetworkMeetings:
    @pytest.fixture
    def reviewer(self, staff, clock):
        return accreditations.accreditation_grant(
            actor=staff, user=UserFactory(name="Lee Reviewer"), accredited_on=D(2025, 6, 1)
        )

    def meetings_deadline(self, reviewer):
        return reviewer.deadlines.get(clock="network_meetings")

    def test_a_meeting_withdrawn_counts_no_more_and_the_deadline_follows(self, staff, reviewer):
        meetings = [
            accreditations.meeting_add(
                actor=staff, date=D(2025, month, 1), title=f"Network {month}", venue="Online"
            )
            for month in (7, 9, 11)
        ]
        for meeting in meetings:
            accreditations.meeting_attendance_record(
                actor=staff, meeting=meeting, accreditations=[reviewer]
            )
        assert self.meetings_deadline(reviewer).met_on == D(2025, 11, 1)
        accreditations.meeting_withdraw(
            actor=staff, meeting=meetings[1], reason="It was a social, not a meeting"
        )
        assert accreditations.meetings_in_year(reviewer) == [D(2025, 7, 1), D(2025, 11, 1)]
        assert self.meetings_deadline(reviewer).met_on is None
        assert list(selectors.meetings()) == [meetings[2], meetings[0]]
        assert NetworkMeeting.all_objects.count() == 3

    def test_a_meetings_date_is_fixed_once_attendance_is_recorded(self, staff, reviewer):
        meeting = accreditations.meeting_add(
            actor=staff, date=D(2025, 7, 1), title="Network", venue="Online"
        )
        accreditations.meeting_update(
            actor=staff, meeting=meeting, date=D(2025, 7, 2), title="Network", venue="Leeds"
        )
        accreditations.meeting_attendance_record(
            actor=staff, meeting=meeting, accreditations=[reviewer]
        )
        with pytest.raises(ValidationError, match="Withdraw the meeting, with the reason"):
            accreditations.meeting_update(
                actor=staff, meeting=meeting, date=D(2025, 7, 3), title="Network", venue="Leeds"
            )
