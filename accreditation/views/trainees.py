"""A trainee's progress (theirs to see), and the staff pages of their training and assessment."""

from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accreditation import forms, selectors
from accreditation.models import SupervisionBooking
from accreditation.services import assessment, training
from accreditation.views.base import FormPage, Page
from core import permissions


class TraineeMixin:
    """A trainee record: the trainee or staff; anyone else 404."""

    def get_policy_object(self):
        self.trainee = selectors.trainee_get(
            user=self.request.user, trainee_id=self.kwargs["trainee_id"]
        )
        return self.trainee

    def get_caption(self):
        return _("%(name)s, %(cohort)s") % {
            "name": self.trainee.user.name,
            "cohort": self.trainee.cohort.name,
        }

    def get_back_url(self):
        return reverse("accreditation:trainee_detail", args=[self.trainee.pk])


class TraineeDetailView(TraineeMixin, Page):
    template_name = "accreditation/trainee_detail.html"

    def get_back_url(self):
        if permissions.can(self.request.user, "accreditation.manage"):
            return reverse("accreditation:cohort_detail", args=[self.trainee.cohort_id])
        return reverse("home")

    def get_caption(self):
        return _("%(programme)s: %(cohort)s") % {
            "programme": self.trainee.cohort.programme.name,
            "cohort": self.trainee.cohort.name,
        }

    def get_context_data(self, **kwargs):
        trainee = self.trainee
        staff = permissions.can(self.request.user, "accreditation.manage")
        today = timezone.localdate()
        self.page_title = _("Progress of %(name)s") % {"name": trainee.user.name}
        places = list(selectors.trainee_bookings(trainee))
        held = {b.session_id: b for b in places if b.status != SupervisionBooking.Status.CANCELLED}
        ahead = list(selectors.sessions_from(today=today))
        return super().get_context_data(
            trainee=trainee,
            progress=selectors.progress_of(trainee),
            is_staff=staff,
            # Places at sessions that have taken place; those ahead are in `ahead`.
            bookings=[b for b in places if b.session.date < today],
            # Each session ahead with the trainee's place at it, if any: "Booked" with a way to
            # cancel, instead of "Book".
            ahead=[
                (session, held.get(session.pk))
                for session in ahead
                if trainee.is_current or session.pk in held
            ],
            individual=trainee.individual_supervision.select_related(
                "supervisor", "board_to_charge"
            ),
            assessment=selectors.assessment_of(trainee=trainee),
            **kwargs,
        )


class PracticeReviewView(TraineeMixin, FormPage):
    form_class = forms.PracticeReviewForm
    page_title = gettext_lazy("Record the practice review")
    success_message = gettext_lazy("Practice review recorded")

    def get_form_kwargs(self):
        reviews = selectors.practice_reviews_for(trainee=self.trainee)
        return {**super().get_form_kwargs(), "reviews": reviews}

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            lead=_(
                "The board that commissions the review appoints the trainee to it, in a pair "
                "with another trainee or an accredited reviewer. Reviews they are appointed to "
                "as a trainee are listed here."
            ),
            **kwargs,
        )

    def perform(self, form):
        return training.practice_review_link(
            actor=self.request.user, trainee=self.trainee, review=form.cleaned_data["review"]
        )


class IndividualSupervisionAddView(TraineeMixin, FormPage):
    form_class = forms.IndividualSupervisionForm
    page_title = gettext_lazy("Log individual supervision")
    success_message = gettext_lazy("Individual supervision logged")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "supervisors": selectors.accreditation_staff()}

    def get_context_data(self, **kwargs):
        review = self.trainee.practice_review
        lead = (
            _("Charged to %(board)s, which commissioned the practice review.")
            % {"board": review.board.name}
            if review
            else _("Record the practice review first: supervision is charged to its board.")
        )
        return super().get_context_data(lead=lead, **kwargs)

    def perform(self, form):
        return training.individual_supervision_add(
            actor=self.request.user, trainee=self.trainee, **form.cleaned_data
        )


class AssessmentView(TraineeMixin, Page):
    template_name = "accreditation/assessment.html"
    page_title = gettext_lazy("Assessment")

    def get_context_data(self, **kwargs):
        record = selectors.assessment_of(trainee=self.trainee)
        evidence = record.evidence.select_related("area", "added_by") if record is not None else []
        return super().get_context_data(
            trainee=self.trainee,
            assessment=record,
            evidence=evidence,
            progress=selectors.progress_of(self.trainee),
            **kwargs,
        )


class _AssessmentForm(TraineeMixin, FormPage):
    def get_back_url(self):
        return reverse("accreditation:assessment", args=[self.trainee.pk])


class EvidenceAddView(_AssessmentForm):
    form_class = forms.EvidenceForm
    page_title = gettext_lazy("Add evidence")
    success_message = gettext_lazy("Evidence added")

    def perform(self, form):
        return assessment.evidence_add(
            actor=self.request.user, trainee=self.trainee, **form.cleaned_data
        )


class JudgementView(_AssessmentForm):
    form_class = forms.JudgementForm
    page_title = gettext_lazy("The assessor's judgement")
    success_message = gettext_lazy("Judgement saved: a second assessor moderates it")

    def get_initial(self):
        record = selectors.assessment_of(trainee=self.trainee, related=())
        if record is None:
            return {}
        return {
            "outcome": record.outcome,
            "summative_judgement": record.summative_judgement,
            "strengths": record.strengths,
            "areas_to_work_on": record.areas_to_work_on,
        }

    def perform(self, form):
        return assessment.assessment_judge(
            actor=self.request.user, trainee=self.trainee, **form.cleaned_data
        )


class ModerationView(_AssessmentForm):
    form_class = forms.ModerationForm
    page_title = gettext_lazy("Moderate the judgement")
    success_message = gettext_lazy("Moderation saved")

    def perform(self, form):
        return assessment.assessment_moderate(
            actor=self.request.user,
            trainee=self.trainee,
            agreed=form.cleaned_data["agreed"] == "yes",
            notes=form.cleaned_data["notes"],
        )


class CompetencyAreasView(FormPage):
    """The competency areas of the assessment, and a form to add one."""

    template_name = "accreditation/competency_areas.html"
    form_class = forms.CompetencyAreaForm
    page_title = gettext_lazy("Competency areas")
    success_message = gettext_lazy("Competency area added: {result.name}")

    def get_back_url(self):
        return reverse("accreditation:overview")

    def get_success_url(self):
        return reverse("accreditation:competency_areas")

    def get_context_data(self, **kwargs):
        return super().get_context_data(areas=selectors.competency_areas(), **kwargs)

    def perform(self, form):
        return assessment.competency_area_add(actor=self.request.user, **form.cleaned_data)


class CompetencyAreaToggleView(Page):
    def post(self, request, *args, **kwargs):
        area = selectors.competency_area_get(area_id=kwargs["area_id"])
        assessment.competency_area_retire(actor=request.user, area=area, active=not area.active)
        return redirect("accreditation:competency_areas")
