from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularSwaggerSplitView
from rest_framework.routers import SimpleRouter

from accreditation.api import (
    AccreditationViewSet,
    ApplicationViewSet,
    CohortViewSet,
    SessionViewSet,
)
from bank.api import BankViewSet
from boards import urls as board_urls
from boards.api import BoardViewSet
from core.schema_view import SchemaView
from home import views as home_views
from publication import api as publication_api
from reminders import views as reminder_views
from reminders.api import MyRemindersViewSet
from reviews import agency_api, record_api
from reviews.api import IncidentViewSet
from reviews.review_api import ReviewViewSet
from reviews.urls import approved_reviewer_urlpatterns, bank_holiday_urlpatterns

api_router = SimpleRouter(trailing_slash=True)
api_router.register("boards", BoardViewSet, basename="board")
api_router.register("incidents", IncidentViewSet, basename="incident")
api_router.register("reviews", ReviewViewSet, basename="review")
api_router.register("me/reminders", MyRemindersViewSet, basename="me-reminder")
api_router.register("cohorts", CohortViewSet, basename="cohort")
api_router.register("applications", ApplicationViewSet, basename="application")
api_router.register("supervision-sessions", SessionViewSet, basename="supervision-session")
api_router.register("accreditations", AccreditationViewSet, basename="accreditation")
api_router.register("bank", BankViewSet, basename="bank")

publication_api_urls = [
    path(
        "reviews/<uuid:review_id>/report/render/",
        publication_api.ReportRenderView.as_view(),
        name="review-report-render",
    ),
    path(
        "reviews/<uuid:review_id>/publication/",
        publication_api.PublicationDecisionView.as_view(),
        name="review-publication",
    ),
    path(
        "reviews/<uuid:review_id>/report/sign-off/",
        publication_api.ReportSignOffView.as_view(),
        name="review-report-sign-off",
    ),
    path(
        "reviews/<uuid:review_id>/report/check/",
        publication_api.ReportCheckView.as_view(),
        name="review-report-check",
    ),
    path("library/", publication_api.LibraryView.as_view(), name="library-list"),
]

# One record of a review, or a person of an incident: read, corrected (PATCH), withdrawn
# (DELETE with a reason).
record_api_urls = [
    path(
        "reviews/<uuid:review_id>/episodes/<uuid:episode_id>/",
        record_api.EpisodeView.as_view(),
        name="review-episode-detail",
    ),
    path(
        "reviews/<uuid:review_id>/findings/<uuid:finding_id>/",
        record_api.FindingView.as_view(),
        name="review-finding-detail",
    ),
    path(
        "reviews/<uuid:review_id>/actions/<uuid:action_id>/",
        record_api.ActionView.as_view(),
        name="review-action-detail",
    ),
    path(
        "reviews/<uuid:review_id>/chronology/<uuid:entry_id>/",
        record_api.ChronologyEntryView.as_view(),
        name="review-chronology-detail",
    ),
    path(
        "incidents/<uuid:incident_id>/people/",
        record_api.PeopleView.as_view(),
        name="incident-people",
    ),
    path(
        "incidents/<uuid:incident_id>/people/<uuid:person_id>/",
        record_api.PersonView.as_view(),
        name="incident-person-detail",
    ),
]

# The agencies' part in a review (API.md).
agency_api_urls = [
    path(
        "reviews/<uuid:review_id>/contributors/",
        agency_api.ContributorsView.as_view(),
        name="review-contributors",
    ),
    path(
        "reviews/<uuid:review_id>/contributors/<uuid:contributor_id>/",
        agency_api.ContributorEndView.as_view(),
        name="review-contributor-detail",
    ),
    path(
        "reviews/<uuid:review_id>/agency-requests/",
        agency_api.AgencyRequestsView.as_view(),
        name="review-agency-requests",
    ),
    path(
        "agency-requests/<uuid:request_id>/chronology/",
        agency_api.AgencyRequestChronologyView.as_view(),
        name="agency-request-chronology",
    ),
    path(
        "agency-requests/<uuid:request_id>/submit/",
        agency_api.AgencyRequestSubmitView.as_view(),
        name="agency-request-submit",
    ),
    path(
        "reviews/<uuid:review_id>/chronology/",
        agency_api.MergedChronologyView.as_view(),
        name="review-chronology",
    ),
    path(
        "reviews/<uuid:review_id>/documents/",
        agency_api.DocumentsView.as_view(),
        name="review-documents",
    ),
    path(
        "reviews/<uuid:review_id>/documents/<uuid:document_id>/file",
        agency_api.DocumentFileView.as_view(),
        name="review-document-file",
    ),
]

api_urls = api_router.urls + publication_api_urls + record_api_urls + agency_api_urls

admin.site.site_header = "Manage safeguarding case reviews: administration"
admin.site.site_title = "Administration"
# A path no URL matches: the API's JSON error under /api/, the service's page elsewhere.
handler404 = "core.api.page_not_found"
# A request Django itself refuses (too many form fields, say): the service's page, or JSON.
handler400 = "core.errors.bad_request"

# A board's pages: its own app's, with its page (home) and its reminder policy (reminders), which
# come from apps above boards and so are added here, under the one "boards" namespace.
board_pages = [
    path("<uuid:board_id>/", home_views.BoardDetailView.as_view(), name="detail"),
    path(
        "<uuid:board_id>/reminder-policy/",
        reminder_views.PolicyView.as_view(),
        name="reminder_policy",
    ),
    *board_urls.urlpatterns,
]

urlpatterns = [
    path("", include("home.urls")),
    path("", include("core.urls")),
    path("boards/", include((board_pages, board_urls.app_name))),
    path("boards/<uuid:board_id>/", include("reviews.urls")),
    path("agency/", include("reviews.agency_urls")),
    path("", include("publication.urls")),
    path("", include("quality.urls")),
    path("", include("insight.urls")),
    path("", include("audit.urls")),
    path("", include("retention.urls")),
    path("bank-holidays/", include(bank_holiday_urlpatterns)),
    path("approved-reviewers/", include(approved_reviewer_urlpatterns)),
    path("reminders/", include("reminders.urls")),
    path("accreditation/", include("accreditation.urls")),
    path("bank/", include("bank.urls")),
    path("", include("sharing.urls")),
    path(
        "api/v1/",
        include(
            (api_router.urls + publication_api_urls + record_api_urls + agency_api_urls, "api")
        ),
    ),
    path("api/schema/", SchemaView.as_view(), name="schema"),
    # The split view: its start-up script comes from its own URL, as the CSP requires.
    path("api/docs/", SpectacularSwaggerSplitView.as_view(url_name="schema"), name="swagger-ui"),
    path("admin/", admin.site.urls),
]
