"""Applying, scoring and deciding: windows, one application each, private CVs, places."""

import datetime as dt

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from accreditation.models import Application, Trainee
from accreditation.services import applications
from accreditation.tests.test_uploads import EXE, PDF
from core.tests.factories import UserFactory
from reminders.services import deliver


def cv(name="My CV.pdf", content=PDF):
    return SimpleUploadedFile(name, content)


def answers(cohort, text="Because reviews should find out why."):
    return {q.pk: text for q in cohort.questions.all()}


def apply(user, cohort, **values):
    values = {"answers": answers(cohort), "cv": cv(), **values}
    return applications.application_submit(actor=user, cohort=cohort, **values)


class TestApplying:
    def test_an_application_keeps_the_answers_and_the_cv_privately(
        self, applicant, cohort, private_files
    ):
        application = apply(applicant, cohort)
        assert (application.status, application.submitted_on) == ("submitted", dt.date(2026, 2, 10))
        assert application.cv_name == "My CV.pdf"
        stored = private_files / application.cv.name
        assert stored.read_bytes() == PDF
        assert "My CV" not in application.cv.name  # a random name on disk
        assert [a.answer for a in application.answers.all()] == [
            "Because reviews should find out why."
        ] * 2
        with pytest.raises(ValueError, match="no public address"):
            application.cv.url  # noqa: B018

    def test_outside_the_window_nobody_applies(self, applicant, cohort, clock):
        clock.move_to(dt.datetime(2026, 2, 28, 9, tzinfo=dt.UTC))
        with pytest.raises(ValidationError, match="are open from 5 January 2026 to 27 February"):
            apply(applicant, cohort)
        assert not Application.objects.exists()

    def test_one_application_each(self, applicant, cohort):
        apply(applicant, cohort)
        with pytest.raises(ValidationError, match="already applied"):
            apply(applicant, cohort)
        assert Application.objects.count() == 1

    def test_every_question_needs_an_answer_and_nothing_is_saved_without(
        self, applicant, cohort, private_files
    ):
        with pytest.raises(ValidationError) as error:
            apply(applicant, cohort, answers=answers(cohort, text="  "))
        assert set(error.value.message_dict) == {f"answer_{q.pk}" for q in cohort.questions.all()}
        assert not Application.objects.exists()
        assert not private_files.exists() or not any(private_files.rglob("*.pdf"))

    def test_a_renamed_executable_is_refused_and_not_stored(self, applicant, cohort, private_files):
        with pytest.raises(ValidationError) as error:
            apply(applicant, cohort, cv=cv("cv.pdf", EXE))
        assert error.value.message_dict["cv"] == [
            "The selected file is a program, not a document: it cannot be uploaded"
        ]
        assert not Application.objects.exists()
        assert not private_files.exists() or not any(private_files.rglob("*"))

    def test_the_applicant_may_withdraw(self, applicant, cohort):
        application = apply(applicant, cohort)
        applications.application_withdraw(actor=applicant, application=application)
        application.refresh_from_db()
        assert application.status == "withdrawn"
        with pytest.raises(PermissionDenied):
            applications.application_withdraw(actor=UserFactory(), application=application)


class TestAnAccountToApply:
    def test_someone_new_gets_a_link_to_set_a_password(
        self, db, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=True):
            applications.account_request(name="Nia New", email="Nia@Example.org")
        user = type(UserFactory()).objects.get(email="nia@example.org")
        assert not user.has_usable_password()
        assert mail.outbox[0].subject == "Set your password to apply"
        from core.emails import set_password_url

        assert set_password_url(user) in mail.outbox[0].body

    def test_someone_known_is_told_to_sign_in_and_the_page_says_the_same(
        self, applicant, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=True):
            applications.account_request(name="Whoever", email=applicant.email)
        assert mail.outbox[0].subject == "You already have an account"
        applicant.refresh_from_db()
        assert applicant.name == "Ann Applicant"


class TestScoringAndDeciding:
    def test_staff_score_against_each_criterion(self, staff, second_staff, applicant, cohort):
        application = apply(applicant, cohort)
        criteria = list(cohort.criteria.all())
        for scorer, values in [(staff, (4, 3)), (second_staff, (5, 2))]:
            applications.application_score(
                actor=scorer,
                application=application,
                scores={c.pk: (v, "") for c, v in zip(criteria, values, strict=True)},
            )
        assert sum(application.scores.values_list("score", flat=True)) == 14
        # Scoring again changes the scorer's own scores.
        applications.application_score(
            actor=staff, application=application, scores={criteria[0].pk: (1, "On reflection")}
        )
        assert sum(application.scores.values_list("score", flat=True)) == 11

    def test_a_score_beyond_the_criterions_top_is_refused(self, staff, applicant, cohort):
        application = apply(applicant, cohort)
        criterion = cohort.criteria.first()
        with pytest.raises(ValidationError) as error:
            applications.application_score(
                actor=staff, application=application, scores={criterion.pk: (6, "")}
            )
        assert error.value.message_dict == {f"score_{criterion.pk}": ["Enter a score from 0 to 5"]}
        assert not application.scores.exists()

    def test_only_staff_score_and_decide(self, applicant, cohort):
        application = apply(applicant, cohort)
        with pytest.raises(PermissionDenied):
            applications.application_decide(
                actor=applicant, application=application, decision="offered"
            )

    def test_an_offer_makes_a_trainee_and_sends_the_letter(self, staff, applicant, cohort):
        application = apply(applicant, cohort)
        applications.application_decide(
            actor=staff, application=application, decision="offered", message="See you in March."
        )
        trainee = Trainee.objects.get(application=application)
        assert (trainee.user, trainee.status) == (applicant, "in_training")
        assert deliver() == 1
        letter = mail.outbox[0]
        assert letter.to == [applicant.email]
        assert "We are pleased to offer you a place" in letter.body
        assert "See you in March." in letter.body
        assert "Tuesday 3 March 2026 (block 1)" in letter.body
        assert "£3,500 + VAT" in letter.body

    def test_offers_never_exceed_the_places(self, staff, cohort):
        people = [apply(UserFactory(), cohort) for _ in range(3)]
        for application in people[:2]:
            applications.application_decide(
                actor=staff, application=application, decision="offered"
            )
        with pytest.raises(ValidationError) as error:
            applications.application_decide(actor=staff, application=people[2], decision="offered")
        assert "All 2 places are offered" in error.value.message_dict["decision"][0]
        applications.application_decide(actor=staff, application=people[2], decision="waiting_list")
        # A place freed by a declined offer goes to the waiting list.
        applications.application_decide(actor=staff, application=people[0], decision="declined")
        assert Trainee.objects.get(application=people[0]).status == "withdrawn"
        applications.application_decide(actor=staff, application=people[2], decision="offered")
        assert applications.offers_made(cohort) == 2

    def test_a_withdrawn_application_is_not_decided(self, staff, applicant, cohort):
        application = apply(applicant, cohort)
        applications.application_withdraw(actor=applicant, application=application)
        with pytest.raises(ValidationError, match="withdrawn"):
            applications.application_decide(
                actor=staff, application=application, decision="offered"
            )


def test_nobody_applies_for_someone_else_but_staff(applicant, cohort, staff):
    from django.core.exceptions import PermissionDenied

    someone = UserFactory()
    with pytest.raises(PermissionDenied):
        apply(someone, cohort, applicant=applicant)
    assert apply(staff, cohort, applicant=applicant).applicant == applicant


def test_the_vat_and_the_length_of_the_course_are_settings(cohort, settings):
    settings.ACCREDITATION_VAT_PERCENT = 5
    assert cohort.fee_text == "£3,500 + VAT (£3,675 in all)"
    settings.ACCREDITATION_TRAINING_DAYS = 6
    assert cohort.days_to_plan == 2
