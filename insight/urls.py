from django.urls import path

from insight import views

app_name = "insight"

urlpatterns = [
    path("boards/<uuid:board_id>/dashboard/", views.DashboardView.as_view(), name="dashboard"),
    path(
        "boards/<uuid:board_id>/reviews/<uuid:review_id>/timeline/",
        views.TimelineView.as_view(),
        name="timeline",
    ),
    path(
        "boards/<uuid:board_id>/export/<slug:kind>.csv", views.ExportView.as_view(), name="export"
    ),
    path(
        "boards/<uuid:board_id>/annual-reports/",
        views.AnnualReportsView.as_view(),
        name="annual_reports",
    ),
    path(
        "boards/<uuid:board_id>/annual-reports/<int:year>/",
        views.AnnualReportWebView.as_view(),
        name="annual_report_web",
    ),
    path(
        "boards/<uuid:board_id>/annual-reports/pdf/<uuid:report_id>/",
        views.AnnualReportDownloadView.as_view(),
        name="annual_report_pdf",
    ),
    path("overview/", views.OverviewView.as_view(), name="overview"),
    path("calendar/", views.CalendarView.as_view(), name="calendar"),
    path("calendar/<str:token>.ics", views.FeedView.as_view(), name="feed"),
]
