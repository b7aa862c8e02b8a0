"""Pages of one board's incidents and deadlines, under /boards/<board>/."""

from django.urls import path

from reviews.views import calendar, deadlines, decisions, incidents

app_name = "reviews"

INCIDENT = "incidents/<uuid:incident_id>/"

urlpatterns = [
    path("incidents/", incidents.IncidentListView.as_view(), name="incident_list"),
    path("incidents/new/", incidents.IncidentLogView.as_view(), name="incident_log"),
    path(INCIDENT, incidents.IncidentDetailView.as_view(), name="incident_detail"),
    path(INCIDENT + "edit/", incidents.IncidentEditView.as_view(), name="incident_edit"),
    path(
        INCIDENT + "notifications/add/",
        incidents.NotificationAddView.as_view(),
        name="notification_add",
    ),
    path(INCIDENT + "decision/", decisions.DecisionView.as_view(), name="decision"),
    path(
        INCIDENT + "decision/advice/add/",
        decisions.PanelAdviceAddView.as_view(),
        name="panel_advice_add",
    ),
    path(INCIDENT + "people/", incidents.PeopleView.as_view(), name="people"),
    path(INCIDENT + "people/add/", incidents.PersonAddView.as_view(), name="person_add"),
    path(
        INCIDENT + "people/<uuid:person_id>/remove/",
        incidents.PersonRemoveView.as_view(),
        name="person_remove",
    ),
    path(
        INCIDENT + "clocks/<uuid:deadline_id>/pause/",
        deadlines.DeadlinePauseView.as_view(),
        name="deadline_pause",
    ),
    path(
        INCIDENT + "clocks/<uuid:deadline_id>/restart/",
        deadlines.DeadlineResumeView.as_view(),
        name="deadline_resume",
    ),
    path("deadlines/", deadlines.DeadlineListView.as_view(), name="deadline_list"),
    path(
        "local-criteria/add/",
        calendar.LocalCriterionAddView.as_view(),
        name="local_criterion_add",
    ),
]

# Not of one board: the bank holiday table, for platform admins.
bank_holiday_urlpatterns = [
    path("", calendar.BankHolidayListView.as_view(), name="bank_holidays"),
    path("add/", calendar.BankHolidayAddView.as_view(), name="bank_holiday_add"),
    path("<str:on>/remove/", calendar.BankHolidayRemoveView.as_view(), name="bank_holiday_remove"),
]
