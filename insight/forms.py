from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.forms import GovUKForm
from insight import services
from insight.models import year_label


class AnnualReportForm(GovUKForm):
    submit_label = gettext_lazy("Make the report")

    year = forms.TypedChoiceField(
        label=gettext_lazy("Which reporting year?"),
        help_text=gettext_lazy("A reporting year runs from 1 April to 31 March."),
        coerce=int,
        error_messages={
            "required": gettext_lazy("Select a reporting year"),
            "invalid_choice": gettext_lazy("Select a reporting year"),
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        years = services.annual_report_years()
        self.fields["year"].choices = [("", _("Select a year"))] + [
            (
                year,
                _("%(year)s (so far)") % {"year": year_label(year)}
                if year == years[0]
                else year_label(year),
            )
            for year in years
        ]
