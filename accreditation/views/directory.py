"""The reviewer directory: accredited reviewers boards can commission, and proposing one for
a review, which leads to the review's appointment page."""

from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.http import urlencode

from accreditation import forms, selectors
from accreditation.models import REGIONS, Accreditation
from accreditation.views.base import FormPage, Page
from core import permissions
from reviews.models import Review
from reviews.services.reviews import reviewer_propose


class DirectoryView(Page):
    template_name = "accreditation/directory.html"
    page_title = "Reviewer directory"

    def get_back_url(self):
        return reverse("home")

    def get_context_data(self, **kwargs):
        region = self.request.GET.get("region", "")
        availability = self.request.GET.get("availability", "")
        region = region if region in dict(REGIONS) else ""
        availability = availability if availability in Accreditation.Availability.values else ""
        return super().get_context_data(
            reviewers=selectors.directory(region=region, availability=availability),
            regions=REGIONS,
            availabilities=Accreditation.Availability.choices,
            region=region,
            availability=availability,
            can_propose=bool(_reviews_to_staff(self.request.user)),
            **kwargs,
        )


def _reviews_to_staff(user):
    """Open reviews of the boards where `user` appoints reviewers."""
    board_ids = permissions.board_ids_where(user, "reviews.appoint")
    return (
        Review.objects.filter(board_id__in=board_ids, completed_on__isnull=True)
        .select_related("incident", "board")
        .order_by("board__name", "incident__reference")
    )


class ProposeView(FormPage):
    form_class = forms.ProposeForm
    back_text = "Back to the directory"

    def get_policy_object(self):
        self.accreditation = get_object_or_404(
            Accreditation.objects.select_related("user"),
            pk=self.kwargs["accreditation_id"],
            status=Accreditation.Status.ACCREDITED,
        )
        self.page_title = f"Propose {self.accreditation.user.name} for a review"
        return None

    def get_back_url(self):
        return reverse("accreditation:directory")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "reviews": _reviews_to_staff(self.request.user)}

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            lead="They become a lead reviewer of the review's board, and you go on to appoint "
            "them, with their independence declared.",
            **kwargs,
        )

    def perform(self, form):
        review = form.cleaned_data["review"]
        reviewer_propose(actor=self.request.user, review=review, user=self.accreditation.user)
        return review

    def get_success_url(self):
        url = reverse("reviews:appointment_add", args=[self.result.board_id, self.result.pk])
        return f"{url}?{urlencode({'user': self.accreditation.user_id})}"
