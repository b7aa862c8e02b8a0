from django.urls import path

from retention import views

app_name = "retention"

urlpatterns = [
    path("boards/<uuid:board_id>/retention/", views.RetentionView.as_view(), name="board"),
]
