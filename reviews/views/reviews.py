"""A review's own pages: the list, the page a lead reviewer lives in, setup, stages,
research questions, the reviewer pair and the completion clock."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.dateformat import format as date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from boards.views import BoardMixin
from core import paging, permissions
from core.forms import editing
from core.views import ServiceFormView, WithdrawView, withdrawn_rows
from reviews import review_forms as forms
from reviews import selectors
from reviews.models import ResearchQuestion, ReviewerAppointment
from reviews.selectors import joint as joint_selectors
from reviews.services import reviews as services
from reviews.services import workflow
from reviews.views.incidents import IncidentMixin


class ReviewMixin(BoardMixin):
    """Pages of one review: visible to the user (board roles, appointment or supervision) and
    of the board in the URL, or 404. Rules are tested against the review."""

    template_name = "reviews/review_form.html"
    # Relations of the review the page reads, loaded with it.
    review_related: tuple[str, ...] = ()

    def get_policy_object(self):
        # Not through the board: a supervisor may hold no role on it.
        self.review = selectors.review_get(
            user=self.request.user,
            board_id=self.kwargs["board_id"],
            review_id=self.kwargs["review_id"],
            related=self.review_related,
        )
        self.board = self.review.board
        return self.review

    def get_context_data(self, **kwargs):
        return super().get_context_data(review=self.review, incident=self.review.incident, **kwargs)

    def review_url(self, name="reviews:review_detail", *args):
        return reverse(name, args=[self.board.pk, self.review.pk, *args])

    def get_success_url(self):
        return self.review_url()

    def can(self, action, obj=None):
        return permissions.can(self.request.user, action, obj or self.review)


class ReviewChildMixin(ReviewMixin):
    """Pages of one object of a review (a meeting, a finding...): 404 unless it is the review's."""

    child_model = None
    child_kwarg = ""

    def get_policy_object(self):
        review = super().get_policy_object()
        self.object = selectors.review_child(
            review=review, model=self.child_model, pk=self.kwargs[self.child_kwarg]
        )
        return review

    def get_context_data(self, **kwargs):
        return super().get_context_data(object=self.object, **kwargs)


class ReviewWithdrawView(ReviewChildMixin, WithdrawView):
    """Withdraw one record of a review, then back to its list (`list_url_name`)."""

    template_name = WithdrawView.template_name  # not the review's form page (ReviewMixin)
    list_url_name = ""

    def get_success_url(self):
        return self.review_url(self.list_url_name)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            caption=f"{self.review.incident.reference}: {self.review.get_review_type_display()}",
            **kwargs,
        )


class ReviewListView(BoardMixin, TemplateView):
    template_name = "reviews/review_list.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            page=paging.paginate(
                selectors.review_list_for_board(user=self.request.user, board=self.board),
                self.request.GET.get("page"),
            ),
            only_mine=not permissions.can(self.request.user, "incidents.view", self.board),
            **kwargs,
        )


class ReviewDetailView(ReviewMixin, TemplateView):
    template_name = "reviews/review_detail.html"

    def get_context_data(self, **kwargs):
        review = self.review
        method = review.method
        forward, back = method.next_stage(review.stage), method.previous_stage(review.stage)
        facts = workflow.review_facts(review)
        completion = services.completion_deadline(review)
        extension = (
            completion.extensions.order_by("-agreed_on", "-created_at").first()
            if completion is not None and completion.met_on is None
            else None
        )
        user = self.request.user
        tasks = workflow.tasks_of(review, facts)
        for task in tasks:
            # A task links to its page only for those who may open it (a chair reads the
            # task list, but the terms of reference are set by the business manager).
            action = permissions.action_for(task["url_name"], "GET")
            if action and permissions.can(user, action, review):
                task["url"] = self.review_url(task["url_name"])
        return super().get_context_data(
            method=method,
            tasks=tasks,
            # Supervisors and accreditation staff may hold no role on the board: their
            # reviews are on their home page, not on the board's list.
            can_list_reviews=permissions.can(user, "reviews.list", self.board),
            task_labels=workflow.TASK_STATUS_LABELS,
            deadlines=selectors.review_deadlines(review=review),
            forward=forward,
            unmet=workflow.unmet_conditions(review, forward.code, facts) if forward else [],
            back=back,
            history=review.stage_changes.select_related("actor"),
            reviewers=review.appointments.filter(ended_on=None).select_related("user"),
            research_questions=review.research_questions.all(),
            completion=completion,
            extension=extension,
            can_transition=self.can("reviews.transition"),
            can_setup=self.can("reviews.setup"),
            can_commission=self.can("reviews.commission"),
            can_clock=self.can("reviews.clock"),
            can_see_quality=self.can("quality.view"),
            joint_reviews=joint_selectors.joint_reviews_with_ended(review=review),
            can_joint=self.can("joint_reviews.manage", self.board),
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        """Move the review on (guarded) or back; a refusal lists every unmet condition."""
        try:
            review = workflow.review_transition(
                actor=request.user, review=self.review, to=request.POST.get("to", "")
            )
        except ValidationError as error:
            context = self.get_context_data(transition_errors=error.messages)
            return self.render_to_response(context, status=400)
        stage = review.method.stage(review.stage)
        messages.success(request, _("The review is now at: %(stage)s") % {"stage": stage.title})
        return redirect(self.get_success_url())


class ReviewSetupView(ReviewMixin, ServiceFormView):
    form_class = forms.SetupForm
    success_message = gettext_lazy("Review set up saved")

    def get_context_data(self, **kwargs):
        return super().get_context_data(page_title=_("Set up the review"), **kwargs)

    def get_form_kwargs(self):
        return {
            **super().get_form_kwargs(),
            "review_types": services.review_types_allowed(self.review),
            "supervisors": services.accreditation_staff(),
            "can_commission": permissions.can(self.request.user, "reviews.commission", self.review),
        }

    def get_initial(self):
        review = self.review
        return {
            "review_type": review.review_type,
            "methodology": review.methodology,
            "lt_option": review.lt_option,
            "terms_of_reference": review.terms_of_reference,
            "terms_shared_with_agencies": review.terms_shared_with_agencies,
            "supervisor": review.supervisor,
        }

    def perform(self, form):
        return services.review_setup(
            actor=self.request.user, review=self.review, **form.cleaned_data
        )


class ResearchQuestionsView(ReviewMixin, ServiceFormView):
    form_class = forms.ResearchQuestionForm
    template_name = "reviews/research_questions.html"
    success_message = gettext_lazy("Research question added")

    def get_context_data(self, **kwargs):
        can_setup = self.can("reviews.setup")
        return super().get_context_data(
            page_title=_("Research questions"),
            questions=self.review.research_questions.all(),
            can_setup=can_setup,
            can_change=can_setup and workflow.allows(workflow.require_analysis_open, self.review),
            withdrawn=withdrawn_rows(
                selectors.review_children_with_withdrawn(
                    review=self.review, model=ResearchQuestion
                ),
                lambda question: question.question[:120],
            ),
            **kwargs,
        )

    def perform(self, form):
        return services.research_question_add(
            actor=self.request.user, review=self.review, **form.cleaned_data
        )

    def get_success_url(self):
        return self.review_url("reviews:research_questions")


class ResearchQuestionEditView(ReviewChildMixin, ServiceFormView):
    child_model, child_kwarg = ResearchQuestion, "question_id"
    form_class = editing(forms.ResearchQuestionForm)
    success_message = gettext_lazy("Research question changed")
    extra_context = {"page_title": gettext_lazy("Change the research question")}

    def get_initial(self):
        return {
            "question": self.object.question,
            "shared_with_agencies": self.object.shared_with_agencies,
        }

    def perform(self, form):
        return services.research_question_update(
            actor=self.request.user,
            question=self.object,
            text=form.cleaned_data["question"],
            shared_with_agencies=form.cleaned_data["shared_with_agencies"],
        )

    def get_success_url(self):
        return self.review_url("reviews:research_questions")


class ResearchQuestionWithdrawView(ReviewWithdrawView):
    child_model, child_kwarg = ResearchQuestion, "question_id"
    list_url_name = "reviews:research_questions"
    what = gettext_lazy("the research question")
    consequences = (gettext_lazy("It leaves the terms of the review and the report."),)

    def summary(self):
        return [(_("Question"), self.object.question)]

    def perform(self, form):
        return services.research_question_withdraw(
            actor=self.request.user, question=self.object, **form.cleaned_data
        )


class AppointmentsView(ReviewMixin, TemplateView):
    template_name = "reviews/appointments.html"

    def get_context_data(self, **kwargs):
        can_appoint = self.can("reviews.appoint")
        appointments = list(self.review.appointments.select_related("user"))
        reasons = selectors.appointment_end_reasons(review=self.review)
        for appointment in appointments:
            appointment.end_reason = reasons.get(appointment.pk, "")
        return super().get_context_data(
            appointments=appointments,
            can_appoint=can_appoint,
            can_record_notification=permissions.can(
                self.request.user, "incidents.manage", self.board
            ),
            panel_told=services.panel_told_of_reviewers(self.review),
            withdrawn=withdrawn_rows(
                selectors.review_children_with_withdrawn(
                    review=self.review, model=ReviewerAppointment, related=("user",)
                ),
                lambda appointment: appointment.user.name,
            )
            if can_appoint
            else [],
            **kwargs,
        )


class AppointmentAddView(ReviewMixin, ServiceFormView):
    form_class = forms.AppointmentForm

    def get_context_data(self, **kwargs):
        return super().get_context_data(page_title=_("Appoint a reviewer"), **kwargs)

    def get_form_kwargs(self):
        return {
            **super().get_form_kwargs(),
            "reviewers": selectors.reviewer_choices(board=self.board),
        }

    def get_initial(self):
        # From the reviewer directory: the reviewer proposed, as a lead reviewer.
        proposed = self.request.GET.get("user")
        return {"user": proposed, "role": ReviewerAppointment.Role.LEAD} if proposed else {}

    def get_success_message(self, appointment):
        return _("%(name)s appointed as %(role)s") % {
            "name": appointment.user.name,
            "role": appointment.get_role_display().lower(),
        }

    def perform(self, form):
        return services.reviewer_appoint(
            actor=self.request.user, review=self.review, **form.cleaned_data
        )

    def get_success_url(self):
        return self.review_url("reviews:appointments")


class AppointmentEndView(ReviewChildMixin, ServiceFormView):
    child_model, child_kwarg = ReviewerAppointment, "appointment_id"
    form_class = forms.EndAppointmentForm
    success_message = gettext_lazy("Appointment ended")

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            page_title=_("End the appointment of %(name)s") % {"name": self.object.user.name},
            **kwargs,
        )

    def perform(self, form):
        return services.reviewer_end(
            actor=self.request.user, appointment=self.object, **form.cleaned_data
        )

    def get_success_url(self):
        return self.review_url("reviews:appointments")


class AppointmentEditView(ReviewChildMixin, ServiceFormView):
    child_model, child_kwarg = ReviewerAppointment, "appointment_id"
    form_class = forms.AppointmentChangeForm
    success_message = gettext_lazy("Appointment changed")

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            page_title=_("Change the appointment of %(name)s") % {"name": self.object.user.name},
            **kwargs,
        )

    def get_initial(self):
        return {"role": self.object.role, "declaration": self.object.declaration}

    def perform(self, form):
        return services.reviewer_update(
            actor=self.request.user, appointment=self.object, **form.cleaned_data
        )

    def get_success_url(self):
        return self.review_url("reviews:appointments")


class AppointmentWithdrawView(ReviewWithdrawView):
    child_model, child_kwarg = ReviewerAppointment, "appointment_id"
    list_url_name = "reviews:appointments"
    what = gettext_lazy("the appointment")
    consequences = (
        gettext_lazy("If it has not ended, it ends today: the reviewer no longer sees the review."),
        gettext_lazy(
            "Use this for an appointment made in error. An appointment that simply comes to an "
            "end is ended, not withdrawn."
        ),
    )

    def summary(self):
        appointment = self.object
        return [
            (_("Reviewer"), appointment.user.name),
            (_("Role"), appointment.get_role_display()),
            (_("Appointed on"), date_format(appointment.appointed_on, "j F Y")),
        ]

    def perform(self, form):
        return services.reviewer_withdraw(
            actor=self.request.user, appointment=self.object, **form.cleaned_data
        )


class ClockView(ReviewMixin, TemplateView):
    """The completion clock: pause, restart, extend, and what the board did meanwhile."""

    template_name = "reviews/clock.html"

    def get_context_data(self, **kwargs):
        deadline = services.completion_deadline(self.review)
        if deadline is not None:
            deadline = selectors.deadline_with_status(deadline=deadline)
        return super().get_context_data(
            completion=deadline,
            extensions=deadline.extensions.all() if deadline else [],
            pauses=deadline.pauses.all() if deadline else [],
            can_clock=self.can("reviews.clock"),
            **kwargs,
        )


class _ClockFormView(ReviewMixin, ServiceFormView):
    def get_success_url(self):
        return self.review_url("reviews:clock")


class ClockPauseView(_ClockFormView):
    form_class = forms.PauseForm
    success_message = gettext_lazy("Completion clock paused")
    extra_context = {"page_title": gettext_lazy("Pause the completion clock")}

    def perform(self, form):
        return services.review_pause(
            actor=self.request.user, review=self.review, **form.cleaned_data
        )


class ClockResumeView(_ClockFormView):
    form_class = forms.ResumeForm
    success_message = gettext_lazy("Completion clock restarted")
    extra_context = {"page_title": gettext_lazy("Restart the completion clock")}

    def perform(self, form):
        return services.review_resume(
            actor=self.request.user, review=self.review, **form.cleaned_data
        )


class ClockExtendView(_ClockFormView):
    form_class = forms.ExtendForm
    success_message = gettext_lazy("Extension agreed")
    extra_context = {"page_title": gettext_lazy("Extend the completion date")}

    def perform(self, form):
        return services.review_extend(
            actor=self.request.user, review=self.review, **form.cleaned_data
        )


class InterimView(_ClockFormView):
    form_class = forms.InterimForm
    success_message = gettext_lazy("Saved")
    extra_context = {
        "page_title": gettext_lazy("Improvements and corrective action while the review runs")
    }

    def get_initial(self):
        return {
            "improvements": self.review.interim_improvements,
            "corrective_action": self.review.interim_corrective_action,
        }

    def perform(self, form):
        return services.review_interim_update(
            actor=self.request.user, review=self.review, **form.cleaned_data
        )


class RapidReviewStartView(IncidentMixin, ServiceFormView):
    form_class = forms.RapidReviewForm
    success_message = gettext_lazy("Rapid review started")

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            page_title=_("Start the rapid review of %(reference)s")
            % {"reference": self.incident.reference},
            **kwargs,
        )

    def perform(self, form):
        return services.rapid_review_start(
            actor=self.request.user, incident=self.incident, **form.cleaned_data
        )

    def get_success_url(self):
        return reverse("reviews:review_detail", args=[self.board.pk, self.result.pk])
