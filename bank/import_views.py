"""The bank's bulk import pages: upload a ZIP and a CSV, follow the worker's progress, read
(and download) what became of each row, and the list of imports."""

import csv
import io

from django.http import HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from bank import selectors as bank_selectors
from bank.imports import forms, rows, selectors, services
from core import paging
from core.cells import csv_cell
from core.views import PolicyMixin, ServiceFormView

# While the worker runs an import, its page asks the browser to load it again this often.
REFRESH_SECONDS = 10


def _csv_response(text: str, file_name: str) -> HttpResponse:
    response = HttpResponse(text, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{file_name}"'
    return response


class ImportListView(PolicyMixin, TemplateView):
    template_name = "bank/imports/list.html"

    def get_context_data(self, **kwargs):
        found = selectors.imports_for(self.request.user)
        page = paging.paginate(found, self.request.GET.get("page"), per_page=25)
        return super().get_context_data(page=page, **kwargs)


class ImportStartView(ServiceFormView):
    form_class = forms.ImportForm
    template_name = "bank/imports/start.html"

    # A ZIP of hundreds of reports: larger than any other page's upload (core.uploads).
    upload_limit_setting = "BANK_IMPORT_MAX_BYTES"

    def get_form_kwargs(self):
        return {
            **super().get_form_kwargs(),
            "keepers": bank_selectors.keeper_choices(self.request.user),
        }

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            page_title=_("Import reports into the bank"), columns=rows.COLUMNS, **kwargs
        )

    def perform(self, form):
        return services.import_upload(
            actor=self.request.user,
            board=form.keeper_board(),
            archive=form.cleaned_data["archive"],
            csv_file=form.cleaned_data["csv_file"] or None,
        )

    def get_success_url(self):
        return reverse("bank:import", args=[self.result.pk])

    def get_success_message(self, result) -> str:
        return _("The files have been uploaded: the reports are being added")


class ImportExampleView(PolicyMixin, View):
    def get(self, request, *args, **kwargs):
        return _csv_response(rows.example_csv(), "bank-import-example.csv")


class ImportMixin(PolicyMixin):
    def get_policy_object(self):
        self.bank_import = selectors.import_get(user=self.request.user, pk=self.kwargs["import_id"])
        return self.bank_import


class ImportView(ImportMixin, TemplateView):
    template_name = "bank/imports/import.html"

    def get_context_data(self, **kwargs):
        progress = selectors.progress(self.bank_import)
        self.running = progress["running"]
        return super().get_context_data(
            bank_import=self.bank_import,
            progress=progress,
            outcomes=selectors.outcomes(self.bank_import),
            **kwargs,
        )

    def render_to_response(self, context, **kwargs):
        response = super().render_to_response(context, **kwargs)
        if self.running:
            response["Refresh"] = str(REFRESH_SECONDS)
        return response


class ImportReportView(ImportMixin, View):
    """What became of each row, as a CSV (the page's table)."""

    def get(self, request, *args, **kwargs):
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\r\n")
        writer.writerow([_("Row"), _("File or address"), _("Title"), _("Outcome"), _("Why")])
        for row in selectors.outcomes(self.bank_import):
            reason = row.reason
            if row.report_id:
                address = request.build_absolute_uri(reverse("bank:detail", args=[row.report_id]))
                reason = f"{reason} {address}".strip()
            writer.writerow(
                map(
                    csv_cell, [row.number, row.source, row.title, row.get_outcome_display(), reason]
                )
            )
        name = f"bank-import-{self.bank_import.created_at:%Y-%m-%d-%H%M}.csv"
        return _csv_response(out.getvalue(), name)
