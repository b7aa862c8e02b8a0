from django.urls import path

from insight import views

app_name = "insight"

urlpatterns = [
    path("boards/<uuid:board_id>/dashboard/", views.DashboardView.as_view(), name="dashboard"),
]
