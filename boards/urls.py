from django.urls import path

from boards import views

app_name = "boards"

# The board's own page and its reminder policy page come from the apps above boards
# (home, reminders); config/urls.py adds them to this namespace.

urlpatterns = [
    path("", views.BoardListView.as_view(), name="list"),
    path("new/", views.BoardCreateView.as_view(), name="create"),
    path("<uuid:board_id>/edit/", views.BoardEditView.as_view(), name="edit"),
    path("<uuid:board_id>/members/add/", views.MemberAddView.as_view(), name="member_add"),
    path(
        "<uuid:board_id>/members/<uuid:membership_id>/remove/",
        views.MemberRemoveView.as_view(),
        name="member_remove",
    ),
    path("<uuid:board_id>/agencies/add/", views.AgencyAddView.as_view(), name="agency_add"),
    path("<uuid:board_id>/api-access/", views.ApiAccessView.as_view(), name="api_access"),
    path(
        "<uuid:board_id>/api-access/issue/",
        views.ApiTokenIssueView.as_view(),
        name="api_token_issue",
    ),
    path(
        "<uuid:board_id>/api-access/<uuid:token_id>/revoke/",
        views.ApiTokenRevokeView.as_view(),
        name="api_token_revoke",
    ),
    path(
        "<uuid:board_id>/agencies/<uuid:agency_id>/edit/",
        views.AgencyEditView.as_view(),
        name="agency_edit",
    ),
]
