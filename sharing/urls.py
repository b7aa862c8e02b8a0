from django.urls import path

from sharing import views

app_name = "sharing"

BOARD = "boards/<uuid:board_id>/sharing/"
ACTIVITY = BOARD + "<uuid:activity_id>/"
REVIEW = "boards/<uuid:board_id>/reviews/<uuid:review_id>/sharing/"

urlpatterns = [
    path(BOARD, views.ActivityListView.as_view(), name="list"),
    path(BOARD + "add/", views.ActivityAddView.as_view(), name="add"),
    path(ACTIVITY, views.ActivityView.as_view(), name="detail"),
    path(ACTIVITY + "edit/", views.ActivityEditView.as_view(), name="edit"),
    path(ACTIVITY + "withdraw/", views.ActivityWithdrawView.as_view(), name="withdraw"),
    path(ACTIVITY + "documents/add/", views.MaterialAddView.as_view(), name="material_add"),
    path(
        ACTIVITY + "documents/<uuid:material_id>/",
        views.MaterialDownloadView.as_view(),
        name="material_download",
    ),
    path(
        ACTIVITY + "documents/<uuid:material_id>/withdraw/",
        views.MaterialWithdrawView.as_view(),
        name="material_withdraw",
    ),
    path(REVIEW, views.ReviewSharingView.as_view(), name="review"),
    path(REVIEW + "send-brief/", views.BriefSendView.as_view(), name="brief_send"),
]
