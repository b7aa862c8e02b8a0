from django.urls import path

from insight import views

app_name = "insight"

urlpatterns = [
    path("boards/<uuid:board_id>/dashboard/", views.DashboardView.as_view(), name="dashboard"),
    path(
        "boards/<uuid:board_id>/export/<slug:kind>.csv", views.ExportView.as_view(), name="export"
    ),
    path("calendar/", views.CalendarView.as_view(), name="calendar"),
    path("calendar/<str:token>.ics", views.FeedView.as_view(), name="feed"),
]
