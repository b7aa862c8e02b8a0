"""Pages of the agencies' part in a review: the contributor's own pages (the review as shared
with the agencies, their agency's requests and answers), and the board's pages that invite
contributors, send requests and send answers back."""

from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import TemplateView

from core.views import PolicyMixin, ServiceFormView
from reviews import review_forms as forms
from reviews import selectors
from reviews.models import AgencyContributor, AgencyRequest
from reviews.selectors import contributions as contribution_selectors
from reviews.selectors import documents as document_selectors
from reviews.services import actions as action_services
from reviews.services import contributions as services
from reviews.services import workflow
from reviews.views.engagement import _ChildFormView, _FormView, _ListView
from reviews.views.reviews import ReviewChildMixin

# The contributor's pages.


class ContributedReviewMixin:
    """A page of a review the user contributes to for an agency, or 404 (`PolicyMixin`'s rule
    is then tested against the review)."""

    def get_policy_object(self):
        self.review = contribution_selectors.contributed_review_get(
            user=self.request.user, review_id=self.kwargs["review_id"]
        )
        return self.review

    def get_context_data(self, **kwargs):
        return super().get_context_data(review=self.review, incident=self.review.incident, **kwargs)


class ContributionReviewView(ContributedReviewMixin, PolicyMixin, TemplateView):
    template_name = "reviews/contribute/review.html"

    def get_context_data(self, **kwargs):
        contributions = [
            c
            for c in contribution_selectors.contribution_list_of_user(user=self.request.user)
            if c.review_id == self.review.pk
        ]
        return super().get_context_data(
            questions=contribution_selectors.shared_questions(review=self.review),
            documents=document_selectors.contributed_document_list(review=self.review),
            actions=contribution_selectors.contributed_action_list(review=self.review),
            requests=contribution_selectors.contributed_request_list(review=self.review),
            contributions=contributions,
            contributed_for=_contributed_for(contributions),
            **kwargs,
        )


def _contributed_for(contributions) -> str:
    """Whom the user contributes for, like "Agency A (safeguarding lead) and Agency B
    (manager)", in the reader's language: the page's sentence takes it whole."""
    named = [f"{c.agency.name} ({c.get_job_display().lower()})" for c in contributions]
    if not named:
        return ""
    joined = named[0]
    for following in named[1:]:
        joined = _("%(earlier)s and %(following)s") % {"earlier": joined, "following": following}
    return joined


class ContributionRequestView(ContributedReviewMixin, ServiceFormView):
    """A request to the contributor's agency: what is asked, its answers so far, and the form
    to answer while it is awaited."""

    template_name = "reviews/contribute/request.html"
    form_class = forms.AgencyReturnForm
    success_message = gettext_lazy("The agency's answer has been submitted")

    def get_policy_object(self):
        review = super().get_policy_object()
        self.object = contribution_selectors.contributed_request_get(
            review=review, request_id=self.kwargs["request_id"]
        )
        return self.object

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            request_to_agency=self.object,
            returns=list(self.object.returns.all()),
            documents=document_selectors.contributed_document_list(review=self.review).filter(
                request=self.object
            ),
            awaited=self.object.received_on is None,
            imported=contribution_selectors.current_import(request=self.object),
            **kwargs,
        )

    def perform(self, form):
        return services.agency_return_submit(
            actor=self.request.user, request=self.object, **form.cleaned_data
        )

    def get_success_url(self):
        return self.request.path


class RequestOpenView(PolicyMixin, View):
    """The one address of a request in e-mails and calendars: it opens the page the reader may
    see, the agency's page for its contributors, the board's list for the board's people."""

    def get_policy_object(self):
        # Found (or 404) before any method runs: OPTIONS too says nothing of another's request.
        self.reader, self.object = contribution_selectors.request_for_reader(
            user=self.request.user, request_id=self.kwargs["request_id"]
        )
        return None

    def get(self, request, request_id):
        agency_request = self.object
        if self.reader == "board":
            return redirect(
                "reviews:agency_requests", agency_request.review.board_id, agency_request.review_id
            )
        if agency_request.sent_at is not None:
            return redirect("agency:request", agency_request.review_id, agency_request.pk)
        return redirect("agency:review", agency_request.review_id)


# The board's pages.


class ContributorsView(_ListView):
    template_name = "reviews/contributors.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            contributors=contribution_selectors.contributor_list_of_review(review=self.review),
            can_invite=self.can("contributors.invite")
            and workflow.allows(workflow.require_actions_open, self.review),
            can_end=self.can("contributors.end"),
            **kwargs,
        )


class ContributorInviteView(_FormView):
    form_class = forms.ContributorInviteForm
    list_url_name = "reviews:contributors"
    extra_context = {"page_title": gettext_lazy("Invite someone of an agency")}

    def get_form_kwargs(self):
        return {
            **super().get_form_kwargs(),
            "agencies": selectors.agency_list_of_board(board_id=self.board.pk),
        }

    def perform(self, form):
        return services.contributor_invite(
            actor=self.request.user, review=self.review, **form.cleaned_data
        )

    def get_success_message(self, result):
        return _("%(email)s has been invited to contribute for %(agency)s") % {
            "email": result.user.email,
            "agency": result.agency.name,
        }


class ContributorEndView(_ChildFormView):
    child_model, child_kwarg = AgencyContributor, "contributor_id"
    form_class = forms.ContributorEndForm
    list_url_name = "reviews:contributors"
    success_message = gettext_lazy("Their access has ended")

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            page_title=_("End %(name)s's access for %(agency)s")
            % {"name": self.object.user.name, "agency": self.object.agency.name},
            **kwargs,
        )

    def perform(self, form):
        return services.contributor_end(
            actor=self.request.user, contributor=self.object, **form.cleaned_data
        )


class AgencyRequestSendView(_ChildFormView):
    child_model, child_kwarg = AgencyRequest, "request_id"
    form_class = forms.SendRequestForm
    list_url_name = "reviews:agency_requests"
    template_name = "reviews/request_send.html"
    success_message = gettext_lazy("Request sent")

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            page_title=_("Send the request to %(agency)s") % {"agency": self.object.agency.name},
            recipients=contribution_selectors.contributor_list_of_review(review=self.review)
            .in_force()
            .filter(agency_id=self.object.agency_id),
            **kwargs,
        )

    def perform(self, form):
        return services.agency_request_send(actor=self.request.user, request=self.object)


class AgencyReturnSendBackView(ReviewChildMixin, _FormView):
    child_model, child_kwarg = AgencyRequest, "request_id"
    form_class = forms.SendBackForm
    list_url_name = "reviews:agency_requests"
    success_message = gettext_lazy("Sent back to the agency")

    def get_policy_object(self):
        review = super().get_policy_object()
        self.agency_return = contribution_selectors.return_of_request(
            request=self.object, pk=self.kwargs["return_id"]
        )
        return review

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            page_title=_("Send %(agency)s's answer back") % {"agency": self.object.agency.name},
            **kwargs,
        )

    def perform(self, form):
        return services.agency_return_send_back(
            actor=self.request.user, agency_return=self.agency_return, **form.cleaned_data
        )


class AgencyActionView(ContributedReviewMixin, ServiceFormView):
    """An action owned by the contributor's agency: its progress so far, and the form to
    record more, with a file of the evidence of impact."""

    template_name = "reviews/contribute/action.html"
    form_class = forms.ActionProgressForm
    success_message = gettext_lazy("Progress saved")

    def get_policy_object(self):
        review = super().get_policy_object()
        self.object = contribution_selectors.contributed_action_get(
            review=review, action_id=self.kwargs["action_id"]
        )
        return self.object

    def get_initial(self):
        return {
            "status": self.object.status,
            "completed_on": self.object.completed_on,
            "evidence_of_impact": self.object.evidence_of_impact,
        }

    def get_context_data(self, **kwargs):
        return super().get_context_data(action=self.object, **kwargs)

    def perform(self, form):
        return action_services.action_progress(
            actor=self.request.user, action=self.object, **form.cleaned_data
        )

    def get_success_url(self):
        return self.request.path
