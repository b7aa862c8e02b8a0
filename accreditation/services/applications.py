"""Applying to a cohort, scoring applications and deciding them.

Anyone signed in may apply to a cohort while its window is open, with a CV and answers to its
questions. Someone without an account asks for one by e-mail first. Staff score applications
against the cohort's criteria and offer a place, put the application on the waiting list or
decline it: never more offers than places. The decision letter goes by e-mail, through the
outbox that retries a failing mail server.
"""

import contextlib

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.dateformat import format as date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from accreditation import uploads
from accreditation.models import (
    Application,
    ApplicationAnswer,
    ApplicationScore,
    Cohort,
    SupervisionBooking,
    Trainee,
)
from core import emails, permissions
from core.history import acting_as
from core.models import normalise_email
from reminders.models import OutboxEmail

Status = Application.Status


def account_request(*, name: str, email: str) -> None:
    """Someone without an account who wants to apply: we e-mail a link to set a password.

    The page says the same whether or not the address has an account, so that it does not tell
    who has one; someone who has one is told by e-mail to sign in instead.
    """
    email = normalise_email(email or "")
    if not (name or "").strip():
        raise ValidationError({"name": _("Enter your full name")})
    User = get_user_model()
    user = User.objects.filter(email=email).first()
    if user is None:
        user = User(email=email, name=name.strip())
        user.set_unusable_password()
        user.full_clean()
        user.save()
        template, subject = (
            "accreditation/email/account_new.txt",
            gettext_noop("Set your password to apply"),
        )
    else:
        template, subject = (
            "accreditation/email/account_exists.txt",
            gettext_noop("You already have an account"),
        )
    context = {
        "set_password_url": emails.set_password_url(user),
        "sign_in_url": emails.sign_in_url(),
    }
    # In the language the person chose for their account; else the one of the page they asked on.
    language = emails.in_language_of(user) if user.language else contextlib.nullcontext()
    with language:
        subject, body = _(subject), render_to_string(template, context)
    transaction.on_commit(lambda: send_mail(subject, body, None, [user.email]))


@transaction.atomic
def application_submit(*, actor, cohort: Cohort, answers: dict, cv, applicant=None) -> Application:
    """Apply to `cohort`: `answers` maps each question's id to the answer; `cv` is the upload.

    Staff may send one on someone's behalf (`applicant`), say one that came by post."""
    permissions.require(actor, "accreditation.apply")
    applicant = applicant or actor
    if applicant != actor:
        permissions.require(actor, "accreditation.manage")
    today = timezone.localdate()
    if not cohort.is_open_on(today):
        raise ValidationError(
            _("Applications to %(cohort)s are open from %(opens)s to %(closes)s")
            % {
                "cohort": cohort.name,
                "opens": date_format(cohort.applications_open_on, "j F Y"),
                "closes": date_format(cohort.applications_close_on, "j F Y"),
            }
        )
    if cohort.applications.filter(applicant=applicant).exists():
        raise ValidationError(
            _("%(name)s has already applied to this cohort") % {"name": applicant.name}
        )
    questions = list(cohort.questions.all())
    missing = {
        f"answer_{q.pk}": _("Answer question %(number)s") % {"number": number}
        for number, q in enumerate(questions, start=1)
        if not (answers.get(q.pk) or "").strip()
    }
    if missing:
        raise ValidationError(missing)
    uploads.check_cv(cv)
    original = cv.name
    cv.name = uploads.stored_name(original)
    application = Application(
        cohort=cohort,
        applicant=applicant,
        cv=cv,
        cv_name=uploads.display_name(original),
        submitted_on=today,
    )
    try:
        with transaction.atomic():
            acting_as(application, actor).save()
    except IntegrityError as error:
        # Sent twice at once: the other one was saved. Its file stays; this one's goes.
        application.cv.delete(save=False)
        raise ValidationError(
            _("%(name)s has already applied to this cohort") % {"name": applicant.name}
        ) from error
    ApplicationAnswer.objects.bulk_create(
        ApplicationAnswer(application=application, question=q, answer=answers[q.pk].strip())
        for q in questions
    )
    return application


@transaction.atomic
def application_withdraw(*, actor, application: Application) -> Application:
    permissions.require(actor, "accreditation.own", application)
    application = Application.objects.select_for_update().get(pk=application.pk)
    if application.status in (Status.DECLINED, Status.WITHDRAWN):
        raise ValidationError(_("This application is already closed"))
    trainee = Trainee.objects.filter(application=application).first()
    _training_not_ended(trainee)
    application.status = Status.WITHDRAWN
    acting_as(application, actor).save()
    if trainee is not None:
        trainee_withdraw(actor=actor, trainee=trainee)
    return application


def _training_not_ended(trainee) -> None:
    if trainee is not None and trainee.status in (
        Trainee.Status.ACCREDITED,
        Trainee.Status.NOT_YET,
    ):
        raise ValidationError(_("The training has ended: the trainee has been assessed"))


def trainee_withdraw(*, actor, trainee: Trainee) -> None:
    """A trainee leaves: their places at group supervision to come are given up."""
    trainee.status = Trainee.Status.WITHDRAWN
    acting_as(trainee, actor).save()
    for booking in trainee.bookings.filter(
        status=SupervisionBooking.Status.BOOKED, session__date__gte=timezone.localdate()
    ):
        booking.status = SupervisionBooking.Status.CANCELLED
        acting_as(booking, actor).save()


@transaction.atomic
def application_score(*, actor, application: Application, scores: dict) -> None:
    """Record the actor's scores: `scores` maps each criterion's id to (score, note)."""
    permissions.require(actor, "accreditation.manage")
    criteria = {c.pk: c for c in application.cohort.criteria.all()}
    errors = {}
    for criterion_id, (score, _note) in scores.items():
        criterion = criteria.get(criterion_id)
        if criterion is None:
            raise ValidationError(_("Score only the cohort's criteria"))
        if score is None or not 0 <= score <= criterion.max_score:
            errors[f"score_{criterion_id}"] = _("Enter a score from 0 to %(top)s") % {
                "top": criterion.max_score
            }
    if errors:
        raise ValidationError(errors)
    for criterion_id, (score, note) in scores.items():
        row, _created = ApplicationScore.objects.get_or_create(
            application=application,
            criterion=criteria[criterion_id],
            scorer=actor,
            defaults={"score": score},
        )
        row.score, row.note = score, (note or "").strip()
        acting_as(row, actor).save()


def offers_made(cohort: Cohort) -> int:
    return cohort.applications.filter(status=Status.OFFERED).count()


@transaction.atomic
def application_decide(
    *, actor, application: Application, decision: str, message: str = ""
) -> Application:
    """Offer a place, put on the waiting list, or decline; the applicant gets the letter."""
    permissions.require(actor, "accreditation.manage")
    if decision not in (Status.OFFERED, Status.WAITING_LIST, Status.DECLINED):
        raise ValidationError({"decision": _("Select the decision")})
    # One decider at a time per cohort, so that two offers cannot both take the last place.
    cohort = Cohort.objects.select_for_update().get(pk=application.cohort_id)
    application = Application.objects.select_for_update().get(pk=application.pk)
    if application.status == Status.WITHDRAWN:
        raise ValidationError(_("The applicant has withdrawn this application"))
    if decision == application.status:
        raise ValidationError({"decision": _("The application already has this decision")})
    trainee = Trainee.objects.filter(application=application).first()
    _training_not_ended(trainee)
    if decision == Status.OFFERED and offers_made(cohort) >= cohort.places:
        raise ValidationError(
            {
                "decision": _(
                    "All %(places)s places are offered: put the application on the waiting "
                    "list, or withdraw an offer first"
                )
                % {"places": cohort.places}
            }
        )
    application.status = decision
    application.decided_on = timezone.localdate()
    application.decided_by = actor
    # The letter is the applicant's: written (and kept) in their language.
    with emails.in_language_of(application.applicant):
        application.decision_letter = render_to_string(
            f"accreditation/email/decision_{decision}.txt",
            {
                "name": application.applicant.name,
                "cohort": cohort,
                "training_days": list(cohort.training_days.all()),
                "message": (message or "").strip(),
                "sign_in_url": emails.sign_in_url(),
            },
        )
        subject = _("Your application to %(programme)s: %(cohort)s") % {
            "programme": cohort.programme.name,
            "cohort": cohort.name,
        }
    acting_as(application, actor).save()
    if decision == Status.OFFERED:
        if trainee is None:
            trainee = Trainee(application=application, user=application.applicant, cohort=cohort)
        trainee.status = Trainee.Status.IN_TRAINING
        acting_as(trainee, actor).save()
    elif trainee is not None:
        trainee_withdraw(actor=actor, trainee=trainee)
    OutboxEmail.objects.create(
        to=application.applicant.email,
        subject=subject,
        body=application.decision_letter,
        next_attempt_at=timezone.now(),
    )
    return application
