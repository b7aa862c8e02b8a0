"""Joint reviews: the lead board's proposal (review pages) and the other board's answer (board
pages)."""

from django.http import Http404
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from boards import selectors as board_selectors
from boards.views import BoardMixin
from core.views import ServiceFormView, WithdrawView
from reviews import joint_forms as forms
from reviews.models import JointReview
from reviews.selectors import joint as selectors
from reviews.services import joint as services
from reviews.views.reviews import ReviewMixin


class JointReviewProposeView(ReviewMixin, ServiceFormView):
    form_class = forms.JointReviewProposeForm
    template_name = "form_page.html"

    def get_form_kwargs(self):
        boards = board_selectors.board_names_except(board=self.board)
        return {**super().get_form_kwargs(), "boards": boards}

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            page_title=_("Propose a joint review of %(reference)s")
            % {"reference": self.review.incident.reference},
            **kwargs,
        )

    def get_success_message(self, result):
        return _("Joint review proposed to %(board)s. They answer it on their board's page.") % {
            "board": result.partner_board
        }

    def perform(self, form):
        return services.joint_review_propose(
            actor=self.request.user, review=self.review, **form.cleaned_data
        )


class JointReviewEndView(ReviewMixin, WithdrawView):
    what = gettext_lazy("the joint review")
    consequences = (
        gettext_lazy(
            "Each review keeps what it recorded; they no longer share their chronology and "
            "family contact."
        ),
    )

    @cached_property
    def joint(self):
        joint = next(
            (
                joint
                for joint in [
                    *selectors.joint_reviews_of(review=self.review),
                    *selectors.proposals_of(review=self.review),
                ]
                if str(joint.pk) == str(self.kwargs["joint_id"])
            ),
            None,
        )
        if joint is None:
            raise Http404
        return joint

    def summary(self):
        other = (
            self.joint.partner_board
            if self.joint.lead_id == self.review.pk
            else self.joint.lead.board
        )
        return [(_("With"), str(other)), (_("Note"), self.joint.note)]

    def perform(self, form):
        return services.joint_review_end(
            actor=self.request.user, joint=self.joint, board=self.board, **form.cleaned_data
        )


class JointReviewAcceptView(BoardMixin, ServiceFormView):
    """The other board's answer: which of its reviews is of the same death."""

    form_class = forms.JointReviewAcceptForm
    template_name = "reviews/joint_accept.html"
    success_message = gettext_lazy(
        "Joint review accepted: the chronology and family contact are now shared."
    )

    def get_policy_object(self):
        board = super().get_policy_object()
        # A proposal to another board, or one already answered, is not found.
        self.joint: JointReview = selectors.joint_proposal_get(
            board=board, joint_id=self.kwargs["joint_id"]
        )
        return board

    def get_form_kwargs(self):
        reviews = selectors.reviews_free_to_join(board=self.board)
        return {**super().get_form_kwargs(), "reviews": reviews}

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            joint=self.joint, page_title=_("Accept a joint review"), **kwargs
        )

    def perform(self, form):
        return services.joint_review_accept(
            actor=self.request.user, joint=self.joint, **form.cleaned_data
        )


class JointReviewDeclineView(BoardMixin, WithdrawView):
    """Declining is withdrawing the proposal, with the reason the lead board then reads."""

    what = gettext_lazy("the proposal")
    consequences = (
        gettext_lazy("The other board is told on its review page that you declined, and why."),
    )

    def get_policy_object(self):
        board = super().get_policy_object()
        # A proposal to another board, or one already answered, is not found.
        self.joint: JointReview = selectors.joint_proposal_get(
            board=board, joint_id=self.kwargs["joint_id"]
        )
        return board

    def summary(self):
        return [
            (_("Proposed by"), str(self.joint.lead.board)),
            (_("Case reference"), self.joint.lead.incident.reference),
            (_("Note"), self.joint.note),
        ]

    def get_success_url(self):
        return reverse("boards:detail", args=[self.board.pk])

    def perform(self, form):
        return services.joint_review_end(
            actor=self.request.user, joint=self.joint, board=self.board, **form.cleaned_data
        )
