from django.urls import path

from quality import views

app_name = "quality"

QUALITY = "boards/<uuid:board_id>/reviews/<uuid:review_id>/quality/"

urlpatterns = [
    path(QUALITY, views.QualityView.as_view(), name="review"),
    path(QUALITY + "start/", views.StartView.as_view(), name="start"),
    path(QUALITY + "markers/<slug:marker>/", views.MarkerView.as_view(), name="marker"),
    path(QUALITY + "complete/", views.CompleteView.as_view(), name="complete"),
    path(QUALITY + "reopen/", views.ReopenView.as_view(), name="reopen"),
    path(QUALITY + "withdraw/", views.WithdrawAssessmentView.as_view(), name="withdraw"),
    path(QUALITY + "export.xlsx", views.ExportView.as_view(), name="export"),
    path(QUALITY + "print/", views.PrintView.as_view(), name="print"),
]
