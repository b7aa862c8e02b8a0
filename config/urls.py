from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import SimpleRouter

from accreditation.api import (
    AccreditationViewSet,
    ApplicationViewSet,
    CohortViewSet,
    SessionViewSet,
)
from boards.api import BoardViewSet
from boards.views import HomeView
from publication import api as publication_api
from reminders.api import MyRemindersViewSet
from reviews.api import IncidentViewSet
from reviews.review_api import ReviewViewSet
from reviews.urls import bank_holiday_urlpatterns

api_router = SimpleRouter(trailing_slash=True)
api_router.register("boards", BoardViewSet, basename="board")
api_router.register("incidents", IncidentViewSet, basename="incident")
api_router.register("reviews", ReviewViewSet, basename="review")
api_router.register("me/reminders", MyRemindersViewSet, basename="me-reminder")
api_router.register("cohorts", CohortViewSet, basename="cohort")
api_router.register("applications", ApplicationViewSet, basename="application")
api_router.register("supervision-sessions", SessionViewSet, basename="supervision-session")
api_router.register("accreditations", AccreditationViewSet, basename="accreditation")

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
    path("library/", publication_api.LibraryView.as_view(), name="library-list"),
]

admin.site.site_header = "Manage safeguarding case reviews: administration"
admin.site.site_title = "Administration"
# A path no URL matches: the API's JSON error under /api/, the service's page elsewhere.
handler404 = "core.api.page_not_found"
# A request Django itself refuses (too many form fields, say): the service's page, or JSON.
handler400 = "core.errors.bad_request"

urlpatterns = [
    path("", HomeView.as_view(), name="home"),
    path("", include("core.urls")),
    path("boards/", include("boards.urls")),
    path("boards/<uuid:board_id>/", include("reviews.urls")),
    path("", include("publication.urls")),
    path("", include("insight.urls")),
    path("", include("audit.urls")),
    path("", include("retention.urls")),
    path("bank-holidays/", include(bank_holiday_urlpatterns)),
    path("reminders/", include("reminders.urls")),
    path("accreditation/", include("accreditation.urls")),
    path("api/v1/", include((api_router.urls + publication_api_urls, "api"))),
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
    # The split view: its start-up script comes from its own URL, as the CSP requires.
    path("api/docs/", SpectacularSwaggerSplitView.as_view(url_name="schema"), name="swagger-ui"),
    path("admin/", admin.site.urls),
]
