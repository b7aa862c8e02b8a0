"""Correcting and withdrawing a cohort and what it is made of: its training days, the questions
applicants answer and the selection criteria. Staff only; the services say what may change."""

from django.core.exceptions import ValidationError
from django.urls import reverse

from accreditation import forms, selectors
from accreditation.models import CohortQuestion, SelectionCriterion, TrainingDay
from accreditation.services import cohorts
from accreditation.views.base import ChangePage, WithdrawPage
from accreditation.views.cohorts import CohortMixin
from core.forms import editing


def _renamed(error: ValidationError, **names) -> ValidationError:
    """The service's error with its fields named as the form names them."""
    if not hasattr(error, "error_dict"):
        return error
    return ValidationError(
        {names.get(field, field): messages for field, messages in error.message_dict.items()}
    )


class CohortEditView(CohortMixin, ChangePage):
    form_class = forms.CohortChangeForm
    page_title = "Change the cohort"

    def get_initial(self):
        cohort = self.cohort
        return {
            "name": cohort.name,
            "venue": cohort.venue,
            "trainers": cohort.trainers,
            "places": cohort.places,
            "fee": f"{cohort.fee_pence / 100:g}",
            "vat_applies": cohort.vat_applies,
            "applications_open_on": cohort.applications_open_on,
            "applications_close_on": cohort.applications_close_on,
        }

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            lead="Places never fall below those offered, the fee is fixed once a place is "
            "offered (the offer letter quotes it), and applications stay open on every day "
            "someone applied and close before the first training day.",
            **kwargs,
        )

    def perform(self, form):
        try:
            return cohorts.cohort_update(
                actor=self.request.user, cohort=self.cohort, **form.service_values()
            )
        except ValidationError as error:
            raise _renamed(error, fee_pence="fee") from error


class CohortWithdrawView(CohortMixin, WithdrawPage):
    what = "the cohort"
    consequences = (
        "It leaves the list of cohorts and is no longer open to applicants.",
        "Its page stays, with its applications and the reason it was withdrawn.",
    )

    def get_back_url(self):
        return reverse("accreditation:cohort_detail", args=[self.cohort.pk])

    def get_success_url(self):
        return reverse("accreditation:overview")

    def summary(self):
        cohort = self.cohort
        return [
            ("Cohort", f"{cohort.programme.name}: {cohort.name}"),
            (
                "Applications",
                f"{cohort.applications_open_on:%-d %B %Y} to "
                f"{cohort.applications_close_on:%-d %B %Y}",
            ),
        ]

    def perform(self, form):
        return cohorts.cohort_withdraw(
            actor=self.request.user, cohort=self.cohort, **form.cleaned_data
        )


class _CohortChildMixin(CohortMixin):
    """A current day, question or criterion of a current cohort, or 404."""

    child_model = None
    child_kwarg = ""

    def get_policy_object(self):
        cohort = super().get_policy_object()
        pk = self.kwargs[self.child_kwarg]
        self.object = selectors.cohort_child(cohort, self.child_model, pk)
        return cohort


class TrainingDayEditView(_CohortChildMixin, ChangePage):
    child_model, child_kwarg = TrainingDay, "day_id"
    form_class = editing(forms.TrainingDayForm)
    page_title = "Change the training day"

    def get_initial(self):
        day = self.object
        return {"date": day.date, "block": day.block, "venue": day.venue}

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            lead="Trainees offered a place were sent the course days in their letter: tell them "
            "of a change. Once attendance is recorded the date stays; withdraw the day instead.",
            **kwargs,
        )

    def perform(self, form):
        values = {**form.cleaned_data, "block": int(form.cleaned_data["block"])}
        return cohorts.training_day_update(actor=self.request.user, day=self.object, **values)


class TrainingDayWithdrawView(_CohortChildMixin, WithdrawPage):
    child_model, child_kwarg = TrainingDay, "day_id"
    what = "the training day"

    @property
    def consequences(self):
        attended = selectors.training_day_attendance(day=self.object).count()
        lines = ["It leaves the course: trainees need to attend the other days."]
        if attended:
            lines.append(
                f"The attendance of {attended} trainee{'s' if attended != 1 else ''} on this day "
                "no longer counts."
            )
        return lines

    def summary(self):
        return [("Training day", f"{self.object.date:%A %-d %B %Y} (block {self.object.block})")]

    def perform(self, form):
        return cohorts.training_day_withdraw(
            actor=self.request.user, day=self.object, **form.cleaned_data
        )


class QuestionEditView(_CohortChildMixin, ChangePage):
    child_model, child_kwarg = CohortQuestion, "cohort_question_id"
    form_class = editing(forms.QuestionForm)
    page_title = "Change the question"

    def get_initial(self):
        return {"text": self.object.text}

    def perform(self, form):
        return cohorts.question_update(
            actor=self.request.user, question=self.object, **form.cleaned_data
        )


class QuestionWithdrawView(_CohortChildMixin, WithdrawPage):
    child_model, child_kwarg = CohortQuestion, "cohort_question_id"
    what = "the question"

    @property
    def consequences(self):
        answered = selectors.question_answers(question=self.object).count()
        lines = ["New applicants are not asked it."]
        if answered:
            lines.append(
                f"The {answered} applicant{'s' if answered != 1 else ''} who answered it keep "
                "their answer."
            )
        return lines

    def summary(self):
        return [("Question", self.object.text)]

    def perform(self, form):
        return cohorts.question_withdraw(
            actor=self.request.user, question=self.object, **form.cleaned_data
        )


class CriterionEditView(_CohortChildMixin, ChangePage):
    child_model, child_kwarg = SelectionCriterion, "criterion_id"
    form_class = editing(forms.CriterionForm)
    page_title = "Change the selection criterion"

    def get_initial(self):
        return {"text": self.object.text, "max_score": self.object.max_score}

    def perform(self, form):
        return cohorts.criterion_update(
            actor=self.request.user, criterion=self.object, **form.cleaned_data
        )


class CriterionWithdrawView(_CohortChildMixin, WithdrawPage):
    child_model, child_kwarg = SelectionCriterion, "criterion_id"
    what = "the selection criterion"

    @property
    def consequences(self):
        scored = selectors.criterion_scores(criterion=self.object).count()
        lines = ["Applications are no longer scored against it."]
        if scored:
            lines.append(
                f"Its {scored} score{'s' if scored != 1 else ''} leave the applications' totals."
            )
        return lines

    def summary(self):
        return [("Selection criterion", f"{self.object.text} (0 to {self.object.max_score})")]

    def perform(self, form):
        return cohorts.criterion_withdraw(
            actor=self.request.user, criterion=self.object, **form.cleaned_data
        )
