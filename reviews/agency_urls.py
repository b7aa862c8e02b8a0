"""Pages of the agencies' contributors, under /agency/: outside the board's pages, which they
never see."""

from django.urls import path

from reviews.views import contributions

app_name = "agency"

REVIEW = "reviews/<uuid:review_id>/"

urlpatterns = [
    path(REVIEW, contributions.ContributionReviewView.as_view(), name="review"),
    path(
        REVIEW + "requests/<uuid:request_id>/",
        contributions.ContributionRequestView.as_view(),
        name="request",
    ),
    # The address of a request in e-mails and calendars, for whoever reads it.
    path(
        "requests/<uuid:request_id>/",
        contributions.RequestOpenView.as_view(),
        name="request_open",
    ),
]
