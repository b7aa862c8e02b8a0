"""The merged chronology and the agencies' chronology files: the template to fill in, the
import (by an agency's contributor or by the reviewers on its behalf) and the export."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from core import paging
from core.views import PolicyMixin, ServiceFormView, add_service_error, withdrawn_rows
from reviews import chronology_export, selectors
from reviews import review_forms as forms
from reviews.selectors import chronology as chronology_selectors
from reviews.selectors import contributions as contribution_selectors
from reviews.services import chronology as services
from reviews.services import workflow
from reviews.views.contributions import ContributedReviewMixin
from reviews.views.engagement import _entry_label, _FormView, _ListView

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def attachment(content: bytes, name: str, content_type: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


class ChronologyView(_ListView):
    """The merged multi-agency chronology: filtered by agency, period and words, paged, with
    gaps in contact and days several agencies recorded marked."""

    template_name = "reviews/chronology.html"
    guard = staticmethod(workflow.require_analysis_open)

    def get_context_data(self, **kwargs):
        agencies = selectors.agency_list_of_board(board_id=self.board.pk)
        filter_form = forms.ChronologyFilterForm(self.request.GET or None, agencies=agencies)
        filters = filter_form.filters() if filter_form.is_bound else {}
        merged = chronology_selectors.merged_chronology(
            review=self.review, page_number=self.request.GET.get("page"), **filters
        )
        # One reverse for every row's links, not two a row.
        entries_url = self.review_url("reviews:chronology")
        return super().get_context_data(
            merged=merged,
            entries_url=entries_url,
            filter_form=filter_form,
            agencies=agencies,
            gap_spans=chronology_selectors.GAP_SPANS,
            span_days=filters.get("span_days", chronology_selectors.DEFAULT_GAP_DAYS),
            newest_first=filters.get("newest_first", False),
            query=paging.without_page(self.request.GET),
            # Entries withdrawn one by one; those replaced by a later import of their agency
            # are counted, not listed (an import may hold thousands).
            withdrawn=withdrawn_rows(
                chronology_selectors.withdrawn_one_by_one(review=self.review), _entry_label
            ),
            replaced=chronology_selectors.replaced_count(review=self.review),
            **kwargs,
        )


class ChronologyExportView(_ListView):
    """The merged chronology as filtered on its page, as an Excel workbook."""

    def get(self, request, *args, **kwargs):
        agencies = selectors.agency_list_of_board(board_id=self.board.pk)
        filter_form = forms.ChronologyFilterForm(request.GET or None, agencies=agencies)
        filters = filter_form.filters() if filter_form.is_bound else {}
        filters.pop("span_days", None)
        entries = chronology_selectors.chronology_entries(review=self.review, **filters)
        # Plain values, not entries: 10,000 rows of the export are read in a few chunks.
        content = chronology_export.export_xlsx(
            entries.values_list(*chronology_export.EXPORT_FIELDS).iterator(chunk_size=2000),
            shared_days=chronology_selectors.shared_days_of(entries),
        )
        reference = "".join(c if c.isalnum() else "-" for c in self.review.incident.reference)
        return attachment(content, f"chronology-{reference}.xlsx", XLSX)


class ChronologyTemplateView(PolicyMixin, View):
    """The template agencies fill in: XLSX, or its CSV twin (`?format=csv`)."""

    def get(self, request):
        if request.GET.get("format") == "csv":
            return attachment(
                chronology_export.template_csv(), "chronology-template.csv", "text/csv"
            )
        return attachment(chronology_export.template_xlsx(), "chronology-template.xlsx", XLSX)


class _ImportMixin:
    """Shows a refused file's rows with their errors, and asks which column is which when the
    headings are not the template's. Nothing is saved until the whole file is good."""

    template_name = "reviews/chronology_import.html"
    form_class = forms.ChronologyImportForm
    row_errors = ()
    headers = None

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        if self.headers is not None:
            kwargs["headers"] = self.headers
        return kwargs

    def form_valid(self, form):
        try:
            self.result = self.perform(form)
        except services.ColumnsToMatch as needed:
            return self._ask_for_columns(form, needed)
        except services.ChronologyRefused as refused:
            self.row_errors = refused.rows
            add_service_error(form, refused)
            return self.form_invalid(form)
        except ValidationError as error:
            add_service_error(form, error)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("%(count)s entries imported from %(file_name)s")
            % {"count": f"{self.result.rows:,}", "file_name": self.result.file_name},
        )
        return self.redirect_after()

    def _ask_for_columns(self, form, needed):
        data = self.request.POST.copy()
        data.setlist("headers", needed.headers)
        for code, heading in needed.guessed.items():
            data.setdefault(f"column_{code}", heading)
        self.headers = needed.headers
        asking = self.get_form_class()(**{**self.get_form_kwargs(), "data": data, "files": {}})
        asking.is_valid()
        asking.errors.pop("file", None)
        asking.add_error("file", needed.message_dict["file"][0])
        return self.form_invalid(asking)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            row_errors=self.row_errors,
            template_url=reverse("agency:chronology_template"),
            **kwargs,
        )


class ChronologyImportView(_ImportMixin, _FormView):
    """The reviewers or board office import an agency's chronology on its behalf."""

    extra_context = {"page_title": gettext_lazy("Import an agency's chronology")}

    def get_form_kwargs(self):
        return {
            **super().get_form_kwargs(),
            "agencies": selectors.agency_list_of_board(board_id=self.board.pk),
        }

    def perform(self, form):
        return services.chronology_import(
            actor=self.request.user,
            review=self.review,
            agency=form.cleaned_data["agency"],
            file=form.cleaned_data["file"],
            mapping=form.mapping(),
        )

    def redirect_after(self):
        return redirect(self.review_url("reviews:chronology"))


class AgencyChronologyImportView(_ImportMixin, ContributedReviewMixin, ServiceFormView):
    """An agency's contributor imports its chronology in answer to a request."""

    def get_policy_object(self):
        review = super().get_policy_object()
        self.object = contribution_selectors.contributed_request_get(
            review=review, request_id=self.kwargs["request_id"]
        )
        return self.object

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            page_title=_("Import %(agency)s's chronology") % {"agency": self.object.agency.name},
            **kwargs,
        )

    def perform(self, form):
        return services.chronology_import(
            actor=self.request.user,
            review=self.review,
            request=self.object,
            file=form.cleaned_data["file"],
            mapping=form.mapping(),
        )

    def redirect_after(self):
        return redirect("agency:request", self.review.pk, self.object.pk)
