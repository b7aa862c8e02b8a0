"""Staff pages of programmes, cohorts and their applications (the applicant sees theirs)."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.dateformat import format as date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accreditation import forms, selectors
from accreditation.models import TrainingDay
from accreditation.services import applications, cohorts, training
from accreditation.views.base import FormPage, Page
from core import permissions
from core.views import withdrawn_rows


class OverviewView(Page):
    template_name = "accreditation/overview.html"
    page_title = gettext_lazy("Lead reviewer programme")

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            programmes=selectors.programmes(),
            cohorts=selectors.cohort_list(),
            withdrawn_cohorts=withdrawn_rows(
                selectors.every_cohort(),
                lambda cohort: (
                    _("%(programme)s: %(cohort)s")
                    % {"programme": cohort.programme.name, "cohort": cohort.name}
                ),
            ),
            sessions=selectors.sessions_from()[:5],
            accreditations=selectors.accreditation_list()[:10],
            charges=selectors.charges_by_board(),
            **kwargs,
        )


class ProgrammeAddView(FormPage):
    form_class = forms.ProgrammeForm
    page_title = gettext_lazy("Add a programme")
    success_message = gettext_lazy("Programme added: {result.name}")

    def perform(self, form):
        return cohorts.programme_add(actor=self.request.user, **form.cleaned_data)

    def get_back_url(self):
        return reverse("accreditation:overview")


class CohortAddView(FormPage):
    form_class = forms.CohortForm
    page_title = gettext_lazy("Add a cohort")
    success_message = gettext_lazy("Cohort added: {result.name}")

    def get_initial(self):
        return {"fee": f"{settings.ACCREDITATION_FEE_PENCE / 100:g}", "vat_applies": True}

    def perform(self, form):
        return cohorts.cohort_add(actor=self.request.user, **form.service_values())

    def get_back_url(self):
        return reverse("accreditation:overview")

    def get_success_url(self):
        return reverse("accreditation:cohort_detail", args=[self.result.pk])


class CohortMixin:
    """Pages of one cohort: staff only (URL_POLICY), the cohort or 404."""

    def get_policy_object(self):
        self.cohort = selectors.cohort_get(
            user=self.request.user, cohort_id=self.kwargs["cohort_id"]
        )
        return self.cohort

    def get_caption(self):
        return _("%(programme)s: %(cohort)s") % {
            "programme": self.cohort.programme.name,
            "cohort": self.cohort.name,
        }

    def get_back_url(self):
        return reverse("accreditation:cohort_detail", args=[self.cohort.pk])


class CohortDetailView(CohortMixin, Page):
    """The cohort and what it is made of, with a way to correct or withdraw each; a withdrawn
    cohort's page stays, saying why, with nothing left to change."""

    template_name = "accreditation/cohort_detail.html"

    def get_policy_object(self):
        self.cohort = selectors.cohort_get(
            user=self.request.user, cohort_id=self.kwargs["cohort_id"], withdrawn=True
        )
        return self.cohort

    def get_back_url(self):
        return reverse("accreditation:overview")

    def get_context_data(self, **kwargs):
        cohort = self.cohort
        self.page_title = cohort.name
        applied = list(selectors.applications_of(cohort))
        days, withdrawn_days = _current_and_withdrawn(cohort.every_day, str)
        questions, withdrawn_questions = _current_and_withdrawn(
            cohort.every_question, lambda question: question.text
        )
        criteria, withdrawn_criteria = _current_and_withdrawn(
            cohort.every_criterion, lambda criterion: criterion.text
        )
        return super().get_context_data(
            cohort=cohort,
            applications=applied,
            trainees=cohort.trainees.select_related("user").order_by("user__name"),
            offers=sum(application.status == "offered" for application in applied),
            can_change=not cohort.is_withdrawn,
            withdraw_refusal="" if cohort.is_withdrawn else cohorts.cohort_withdraw_refusal(cohort),
            days=days,
            days_to_plan=max(settings.ACCREDITATION_TRAINING_DAYS - len(days), 0),
            questions=questions,
            # Once anyone has applied the questions stay as asked (cohorts.questions_fixed).
            questions_fixed=bool(applied),
            criteria=criteria,
            scored_criteria=cohorts.scored_criteria(cohort),
            withdrawn_days=withdrawn_days,
            withdrawn_questions=withdrawn_questions,
            withdrawn_criteria=withdrawn_criteria,
            **kwargs,
        )


def _current_and_withdrawn(records, label):
    """`records` (current and withdrawn) as the current ones, and the withdrawn ones as
    templates/includes/withdrawn.html lists them (newest first)."""
    withdrawn = sorted((r for r in records if r.is_withdrawn), key=lambda r: r.withdrawn_at)
    return (
        [r for r in records if not r.is_withdrawn],
        [(label(record), record) for record in reversed(withdrawn)],
    )


class TrainingDayAddView(CohortMixin, FormPage):
    form_class = forms.TrainingDayForm
    page_title = gettext_lazy("Add a training day")
    success_message = gettext_lazy("Training day added")

    def perform(self, form):
        values = {**form.cleaned_data, "block": int(form.cleaned_data["block"])}
        return cohorts.training_day_add(actor=self.request.user, cohort=self.cohort, **values)


class QuestionAddView(CohortMixin, FormPage):
    form_class = forms.QuestionForm
    page_title = gettext_lazy("Add a question for applicants")
    success_message = gettext_lazy("Question added")

    def perform(self, form):
        return cohorts.question_add(
            actor=self.request.user, cohort=self.cohort, **form.cleaned_data
        )


class CriterionAddView(CohortMixin, FormPage):
    form_class = forms.CriterionForm
    page_title = gettext_lazy("Add a selection criterion")
    success_message = gettext_lazy("Selection criterion added")

    def perform(self, form):
        return cohorts.criterion_add(
            actor=self.request.user, cohort=self.cohort, **form.cleaned_data
        )


class TrainingAttendanceView(CohortMixin, FormPage):
    form_class = forms.AttendanceForm
    success_message = gettext_lazy("Attendance saved")

    def get_policy_object(self):
        cohort = super().get_policy_object()
        self.day = selectors.cohort_child(cohort, TrainingDay, self.kwargs["day_id"])
        self.page_title = _("Who attended on %(date)s?") % {
            "date": date_format(self.day.date, "j F Y")
        }
        return cohort

    def get_form_kwargs(self):
        return {
            **super().get_form_kwargs(),
            "people": self.cohort.trainees.select_related("user").order_by("user__name"),
            "label": _("Trainees who attended"),
        }

    def get_initial(self):
        return {
            "people": selectors.training_day_attendance(day=self.day).values_list(
                "trainee_id", flat=True
            )
        }

    def perform(self, form):
        return training.attendance_record(
            actor=self.request.user, training_day=self.day, trainees=form.cleaned_data["people"]
        )


class ApplicationMixin:
    """An application: its applicant or staff; anyone else 404."""

    def get_policy_object(self):
        self.application = selectors.application_get(
            user=self.request.user, application_id=self.kwargs["application_id"]
        )
        return self.application

    def get_caption(self):
        return _("%(programme)s: %(cohort)s") % {
            "programme": self.application.cohort.programme.name,
            "cohort": self.application.cohort.name,
        }

    def get_back_url(self):
        return reverse("accreditation:application_detail", args=[self.application.pk])


class ApplicationDetailView(ApplicationMixin, Page):
    template_name = "accreditation/application_detail.html"

    def get_back_url(self):
        if permissions.can(self.request.user, "accreditation.manage"):
            return reverse("accreditation:cohort_detail", args=[self.application.cohort_id])
        return reverse("home")

    def get_context_data(self, **kwargs):
        application = self.application
        staff = permissions.can(self.request.user, "accreditation.manage")
        self.page_title = _("Application of %(name)s") % {"name": application.applicant.name}
        return super().get_context_data(
            application=application,
            answers=application.answers.select_related("question"),
            scores=application.scores.select_related("criterion", "scorer") if staff else [],
            is_staff=staff,
            can_withdraw=application.applicant_id == self.request.user.pk
            and application.status not in ("declined", "withdrawn"),
            trainee=getattr(application, "trainee", None),
            **kwargs,
        )


class CvDownloadView(ApplicationMixin, Page):
    """The CV, streamed from private storage to its applicant or staff; never a public URL."""

    def get(self, request, *args, **kwargs):
        application = self.application
        try:
            handle = application.cv.open("rb")
        except FileNotFoundError as error:
            raise Http404 from error
        return FileResponse(handle, as_attachment=True, filename=application.cv_name)


class ApplicationScoreView(ApplicationMixin, FormPage):
    form_class = forms.ScoreForm
    page_title = gettext_lazy("Score the application")
    success_message = gettext_lazy("Scores saved")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "criteria": self.application.cohort.criteria.all()}

    def get_initial(self):
        mine = self.application.scores.filter(scorer=self.request.user)
        initial = {f"score_{s.criterion_id}": s.score for s in mine}
        initial.update({f"note_{s.criterion_id}": s.note for s in mine})
        return initial

    def perform(self, form):
        return applications.application_score(
            actor=self.request.user, application=self.application, scores=form.scores()
        )


class ApplicationDecideView(ApplicationMixin, FormPage):
    form_class = forms.DecisionForm
    page_title = gettext_lazy("Decide the application")
    success_message = gettext_lazy("Decision sent to the applicant")

    def get_context_data(self, **kwargs):
        cohort = self.application.cohort
        return super().get_context_data(
            lead=_("%(offered)s of %(places)s places are offered.")
            % {"offered": applications.offers_made(cohort), "places": cohort.places},
            **kwargs,
        )

    def perform(self, form):
        return applications.application_decide(
            actor=self.request.user, application=self.application, **form.cleaned_data
        )


class ApplicationWithdrawView(ApplicationMixin, Page):
    def post(self, request, *args, **kwargs):
        try:
            applications.application_withdraw(actor=request.user, application=self.application)
        except ValidationError:
            pass  # closed meanwhile: the page says so
        else:
            messages.success(request, _("Your application is withdrawn"))
        return redirect("accreditation:application_detail", self.application.pk)
