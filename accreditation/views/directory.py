"""The reviewer directory: accredited reviewers boards can commission, and proposing one for
a review, which leads to the review's appointment page."""

from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accreditation import forms, selectors
from accreditation.models import REGIONS, Accreditation
from accreditation.views.base import FormPage, Page
from core import paging
from reviews.services.reviews import reviewer_propose


class DirectoryView(Page):
    template_name = "accreditation/directory.html"
    page_title = gettext_lazy("Reviewer directory")

    def get_back_url(self):
        return reverse("home")

    def get_context_data(self, **kwargs):
        region = self.request.GET.get("region", "")
        availability = self.request.GET.get("availability", "")
        region = region if region in dict(REGIONS) else ""
        availability = availability if availability in Accreditation.Availability.values else ""
        return super().get_context_data(
            page=paging.paginate(
                selectors.directory(region=region, availability=availability),
                self.request.GET.get("page"),
            ),
            regions=REGIONS,
            availabilities=Accreditation.Availability.choices,
            region=region,
            availability=availability,
            can_propose=bool(selectors.reviews_open_to_staffing(user=self.request.user)),
            **kwargs,
        )


class ProposeView(FormPage):
    form_class = forms.ProposeForm
    back_text = gettext_lazy("Back to the directory")

    def get_policy_object(self):
        self.accreditation = selectors.directory_reviewer_get(
            accreditation_id=self.kwargs["accreditation_id"]
        )
        self.page_title = _("Propose %(name)s for a review") % {
            "name": self.accreditation.user.name
        }
        return None

    def get_back_url(self):
        return reverse("accreditation:directory")

    def get_form_kwargs(self):
        reviews = selectors.reviews_open_to_staffing(user=self.request.user)
        return {**super().get_form_kwargs(), "reviews": reviews}

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            lead=_(
                "They become a lead reviewer of the review's board, and you go on to appoint "
                "them, with their independence declared."
            ),
            **kwargs,
        )

    def perform(self, form):
        review = form.cleaned_data["review"]
        reviewer_propose(actor=self.request.user, review=review, user=self.accreditation.user)
        return review

    def get_success_url(self):
        url = reverse("reviews:appointment_add", args=[self.result.board_id, self.result.pk])
        return f"{url}?{urlencode({'user': self.accreditation.user_id})}"
