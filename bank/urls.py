from django.urls import path

from bank import views

app_name = "bank"

urlpatterns = [
    path("", views.BankView.as_view(), name="list"),
    path("add/", views.ReportAddView.as_view(), name="add"),
    path("<uuid:banked_id>/", views.ReportView.as_view(), name="detail"),
    path("<uuid:banked_id>/file/", views.ReportFileView.as_view(), name="file"),
    path("<uuid:banked_id>/confirm/", views.ReportConfirmView.as_view(), name="confirm"),
    path("<uuid:banked_id>/correct/", views.ReportCorrectView.as_view(), name="correct"),
    path("<uuid:banked_id>/withdraw/", views.ReportWithdrawView.as_view(), name="withdraw"),
]
