"""Correcting and withdrawing a cohort and what it is made of: its training days, the questions
applicants answer and the selection criteria. Staff only; the services say what may change."""

from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.dateformat import format as date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

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
    page_title = gettext_lazy("Change the cohort")

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
            lead=_(
                "Places never fall below those offered, the fee is fixed once a place is "
                "offered (the offer letter quotes it), and applications stay open on every day "
                "someone applied and close before the first training day."
            ),
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
    what = gettext_lazy("the cohort")
    consequences = (
        gettext_lazy("It leaves the list of cohorts and is no longer open to applicants."),
        gettext_lazy("Its page stays, with its applications and the reason it was withdrawn."),
    )

    def get_back_url(self):
        return reverse("accreditation:cohort_detail", args=[self.cohort.pk])

    def get_success_url(self):
        return reverse("accreditation:overview")

    def summary(self):
        cohort = self.cohort
        return [
            (
                _("Cohort"),
                _("%(programme)s: %(cohort)s")
                % {"programme": cohort.programme.name, "cohort": cohort.name},
            ),
            (
                _("Applications"),
                _("%(opens)s to %(closes)s")
                % {
                    "opens": date_format(cohort.applications_open_on, "j F Y"),
                    "closes": date_format(cohort.applications_close_on, "j F Y"),
                },
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
    page_title = gettext_lazy("Change the training day")

    def get_initial(self):
        day = self.object
        return {"date": day.date, "block": day.block, "venue": day.venue}

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            lead=_(
                "Trainees offered a place were sent the course days in their letter: tell them "
                "of a change. Once attendance is recorded the date stays; withdraw the day "
                "instead."
            ),
            **kwargs,
        )

    def perform(self, form):
        values = {**form.cleaned_data, "block": int(form.cleaned_data["block"])}
        return cohorts.training_day_update(actor=self.request.user, day=self.object, **values)


class TrainingDayWithdrawView(_CohortChildMixin, WithdrawPage):
    child_model, child_kwarg = TrainingDay, "day_id"
    what = gettext_lazy("the training day")

    @property
    def consequences(self):
        attended = selectors.training_day_attendance(day=self.object).count()
        lines = [_("It leaves the course: trainees need to attend the other days.")]
        if attended:
            lines.append(
                ngettext(
                    "The attendance of %(count)s trainee on this day no longer counts.",
                    "The attendance of %(count)s trainees on this day no longer counts.",
                    attended,
                )
                % {"count": attended}
            )
        return lines

    def summary(self):
        return [
            (
                _("Training day"),
                _("%(date)s (block %(block)s)")
                % {"date": date_format(self.object.date, "l j F Y"), "block": self.object.block},
            )
        ]

    def perform(self, form):
        return cohorts.training_day_withdraw(
            actor=self.request.user, day=self.object, **form.cleaned_data
        )


class QuestionEditView(_CohortChildMixin, ChangePage):
    child_model, child_kwarg = CohortQuestion, "cohort_question_id"
    form_class = editing(forms.QuestionForm)
    page_title = gettext_lazy("Change the question")

    def get_initial(self):
        return {"text": self.object.text}

    def perform(self, form):
        return cohorts.question_update(
            actor=self.request.user, question=self.object, **form.cleaned_data
        )


class QuestionWithdrawView(_CohortChildMixin, WithdrawPage):
    child_model, child_kwarg = CohortQuestion, "cohort_question_id"
    what = gettext_lazy("the question")

    @property
    def consequences(self):
        answered = selectors.question_answers(question=self.object).count()
        lines = [_("New applicants are not asked it.")]
        if answered:
            lines.append(
                ngettext(
                    "The %(count)s applicant who answered it keep their answer.",
                    "The %(count)s applicants who answered it keep their answer.",
                    answered,
                )
                % {"count": answered}
            )
        return lines

    def summary(self):
        return [(_("Question"), self.object.text)]

    def perform(self, form):
        return cohorts.question_withdraw(
            actor=self.request.user, question=self.object, **form.cleaned_data
        )


class CriterionEditView(_CohortChildMixin, ChangePage):
    child_model, child_kwarg = SelectionCriterion, "criterion_id"
    form_class = editing(forms.CriterionForm)
    page_title = gettext_lazy("Change the selection criterion")

    def get_initial(self):
        return {"text": self.object.text, "max_score": self.object.max_score}

    def perform(self, form):
        return cohorts.criterion_update(
            actor=self.request.user, criterion=self.object, **form.cleaned_data
        )


class CriterionWithdrawView(_CohortChildMixin, WithdrawPage):
    child_model, child_kwarg = SelectionCriterion, "criterion_id"
    what = gettext_lazy("the selection criterion")

    @property
    def consequences(self):
        scored = selectors.criterion_scores(criterion=self.object).count()
        lines = [_("Applications are no longer scored against it.")]
        if scored:
            lines.append(
                ngettext(
                    "Its %(count)s score leave the applications' totals.",
                    "Its %(count)s scores leave the applications' totals.",
                    scored,
                )
                % {"count": scored}
            )
        return lines

    def summary(self):
        return [
            (
                _("Selection criterion"),
                _("%(criterion)s (0 to %(top)s)")
                % {"criterion": self.object.text, "top": self.object.max_score},
            )
        ]

    def perform(self, form):
        return cohorts.criterion_withdraw(
            actor=self.request.user, criterion=self.object, **form.cleaned_data
        )
