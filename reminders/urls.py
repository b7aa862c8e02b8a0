from django.urls import path

from reminders import views

app_name = "reminders"

urlpatterns = [
    path("", views.ReminderListView.as_view(), name="list"),
    path("<int:reminder_id>/", views.ReminderOpenView.as_view(), name="open"),
]
