from django.urls import path

from audit import views

app_name = "audit"

urlpatterns = [
    path(
        "boards/<uuid:board_id>/incidents/<uuid:incident_id>/access/",
        views.IncidentAccessView.as_view(),
        name="incident_access",
    ),
    path(
        "boards/<uuid:board_id>/reviews/<uuid:review_id>/documents/<uuid:document_id>/access/",
        views.DocumentAccessView.as_view(),
        name="document_access",
    ),
]
