from django.urls import path

from bank import import_views, views

app_name = "bank"

urlpatterns = [
    path("", views.BankView.as_view(), name="list"),
    path("add/", views.ReportAddView.as_view(), name="add"),
    path("<uuid:banked_id>/", views.ReportView.as_view(), name="detail"),
    path("<uuid:banked_id>/file/", views.ReportFileView.as_view(), name="file"),
    path("<uuid:banked_id>/confirm/", views.ReportConfirmView.as_view(), name="confirm"),
    path("<uuid:banked_id>/correct/", views.ReportCorrectView.as_view(), name="correct"),
    path("<uuid:banked_id>/withdraw/", views.ReportWithdrawView.as_view(), name="withdraw"),
    # Bulk import (bank.imports).
    path("imports/", import_views.ImportListView.as_view(), name="imports"),
    path("imports/new/", import_views.ImportStartView.as_view(), name="import_start"),
    path("imports/example.csv", import_views.ImportExampleView.as_view(), name="import_example"),
    path("imports/<uuid:import_id>/", import_views.ImportView.as_view(), name="import"),
    path(
        "imports/<uuid:import_id>/report.csv",
        import_views.ImportReportView.as_view(),
        name="import_report",
    ),
]
