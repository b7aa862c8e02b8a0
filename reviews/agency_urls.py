"""Pages of the agencies' contributors, under /agency/: outside the board's pages, which they
never see."""

from django.urls import path

from reviews.views import chronology, contributions, documents

app_name = "agency"

REVIEW = "reviews/<uuid:review_id>/"

urlpatterns = [
    path(REVIEW, contributions.ContributionReviewView.as_view(), name="review"),
    path(
        REVIEW + "requests/<uuid:request_id>/",
        contributions.ContributionRequestView.as_view(),
        name="request",
    ),
    path(
        REVIEW + "requests/<uuid:request_id>/documents/upload/",
        documents.AgencyDocumentUploadView.as_view(),
        name="request_document",
    ),
    path(
        REVIEW + "documents/<uuid:document_id>/download/",
        documents.AgencyDocumentDownloadView.as_view(),
        name="document_download",
    ),
    path(
        REVIEW + "requests/<uuid:request_id>/chronology/",
        chronology.AgencyChronologyImportView.as_view(),
        name="request_chronology",
    ),
    # The template is the same for every agency, and names no one.
    path(
        "chronology-template/",
        chronology.ChronologyTemplateView.as_view(),
        name="chronology_template",
    ),
    path(
        REVIEW + "actions/<uuid:action_id>/",
        contributions.AgencyActionView.as_view(),
        name="action",
    ),
    # The address of a request in e-mails and calendars, for whoever reads it.
    path(
        "requests/<uuid:request_id>/",
        contributions.RequestOpenView.as_view(),
        name="request_open",
    ),
]
