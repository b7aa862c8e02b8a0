"""The action plan of a review."""

from django.utils.dateformat import format as date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from boards.views import BoardMixin
from core import permissions
from core.forms import editing
from core.views import ServiceFormView, withdrawn_rows
from reviews import review_forms as forms
from reviews import selectors
from reviews.models import Action
from reviews.services import actions as services
from reviews.services import workflow
from reviews.views.reviews import ReviewChildMixin, ReviewMixin, ReviewWithdrawView


def _action_label(action: Action) -> str:
    return _("%(agency)s, due %(date)s: %(action)s") % {
        "agency": action.owner_agency.name,
        "date": date_format(action.due_on, "j M Y"),
        "action": action.description[:80],
    }


class ActionsView(ReviewMixin, TemplateView):
    template_name = "reviews/actions.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        statuses = selectors.action_deadline_statuses(review=self.review)
        actions = list(
            self.review.actions.select_related(
                "owner_agency", "finding", "repeats__review__incident"
            ).prefetch_related("updates", "evidence")
        )
        for action in actions:
            action.deadline_status = statuses.get(action.pk)
            action.can_progress = permissions.can(user, "actions.progress", action)
        can_manage = self.can("actions.manage")
        return super().get_context_data(
            actions=actions,
            can_manage=can_manage,
            can_change=can_manage and workflow.allows(workflow.require_actions_open, self.review),
            withdrawn=withdrawn_rows(
                selectors.review_children_with_withdrawn(
                    review=self.review, model=Action, related=("owner_agency",)
                ),
                _action_label,
            ),
            **kwargs,
        )


class ActionAddView(ReviewMixin, ServiceFormView):
    form_class = forms.ActionForm
    success_message = gettext_lazy("Action added")
    extra_context = {"page_title": gettext_lazy("Add an action")}

    def get_form_kwargs(self):
        return {
            **super().get_form_kwargs(),
            "findings": self.review.findings.all(),
            "agencies": self.board.agencies.all(),
        }

    def perform(self, form):
        return services.action_add(actor=self.request.user, review=self.review, **form.cleaned_data)

    def get_success_url(self):
        return self.review_url("reviews:actions")


class ActionEditView(ReviewChildMixin, ServiceFormView):
    child_model, child_kwarg = Action, "action_id"
    form_class = editing(forms.ActionForm)
    success_message = gettext_lazy("Action changed")
    extra_context = {"page_title": gettext_lazy("Change the action")}

    def get_form_kwargs(self):
        return {
            **super().get_form_kwargs(),
            "findings": self.review.findings.all(),
            "agencies": self.board.agencies.all(),
        }

    def get_initial(self):
        action = self.object
        return {
            "description": action.description,
            "finding": action.finding_id,
            "owner_agency": action.owner_agency_id,
            "due_on": action.due_on,
        }

    def perform(self, form):
        return services.action_update(
            actor=self.request.user, action=self.object, **form.cleaned_data
        )

    def get_success_url(self):
        return self.review_url("reviews:actions")


class ActionWithdrawView(ReviewWithdrawView):
    child_model, child_kwarg = Action, "action_id"
    list_url_name = "reviews:actions"
    what = gettext_lazy("the action")
    consequences = (
        gettext_lazy(
            "It leaves the action plan, the report and the board's deadlines, and its reminders "
            "stop."
        ),
        gettext_lazy(
            "Use this for an action recorded in error. An action the board decided not to "
            "pursue is given the status “cancelled” instead, and stays in the plan."
        ),
    )

    def summary(self):
        return [(_("Action"), _action_label(self.object))]

    def perform(self, form):
        return services.action_withdraw(
            actor=self.request.user, action=self.object, **form.cleaned_data
        )


class ActionProgressView(ReviewChildMixin, ServiceFormView):
    child_model, child_kwarg = Action, "action_id"
    form_class = forms.ActionProgressForm
    success_message = gettext_lazy("Progress saved")

    def get_policy_object(self):
        super().get_policy_object()
        # The rule depends on the action: its owner agency's representative may update it.
        return self.object

    def get_context_data(self, **kwargs):
        return super().get_context_data(page_title=_("Update the action"), **kwargs)

    def get_initial(self):
        return {
            "status": self.object.status,
            "completed_on": self.object.completed_on,
            "evidence_of_impact": self.object.evidence_of_impact,
        }

    def perform(self, form):
        return services.action_progress(
            actor=self.request.user, action=self.object, **form.cleaned_data
        )

    def get_success_url(self):
        return self.review_url("reviews:actions")


class ActionRepeatView(ReviewChildMixin, ServiceFormView):
    """Say which earlier recommendation of the board an action repeats."""

    child_model, child_kwarg = Action, "action_id"
    form_class = forms.ActionRepeatForm
    success_message = gettext_lazy("Saved")
    extra_context = {
        "page_title": gettext_lazy("Does this action repeat an earlier recommendation?")
    }

    def get_policy_object(self):
        super().get_policy_object()
        return self.object

    def get_form_kwargs(self):
        return {
            **super().get_form_kwargs(),
            "earlier": selectors.earlier_actions_of_board(action=self.object),
        }

    def get_initial(self):
        return {"repeats": self.object.repeats_id}

    def perform(self, form):
        return services.action_mark_repeat(
            actor=self.request.user, action=self.object, **form.cleaned_data
        )

    def get_success_url(self):
        return self.review_url("reviews:actions")


class ActionTrackerView(BoardMixin, TemplateView):
    """Every action of the board's reviews, in one list: by agency, status, overdue, review."""

    template_name = "reviews/action_tracker.html"

    def get_context_data(self, **kwargs):
        params = self.request.GET
        agencies = selectors.agency_list_of_board(board_id=self.board.pk)
        agency = params.get("agency", "")
        agency = agency if agency in {str(a.pk) for a in agencies} else ""
        reviews = selectors.review_list_for_board(user=self.request.user, board=self.board)
        review = params.get("review", "")
        review = review if review in {str(r.pk) for r in reviews} else ""
        return super().get_context_data(
            page=selectors.action_tracker(
                user=self.request.user,
                board=self.board,
                agency_id=agency or None,
                status=params.get("status", ""),
                overdue=params.get("overdue") == "yes",
                review_id=review or None,
                page_number=params.get("page"),
            ),
            agencies=agencies,
            reviews=reviews,
            statuses=Action.Status.choices,
            chosen={
                "agency": agency,
                "review": review,
                "status": params.get("status", ""),
                "overdue": params.get("overdue") == "yes",
            },
            **kwargs,
        )
