from django import forms

from core.forms import GovUKForm
from insight import services
from insight.models import year_label


class AnnualReportForm(GovUKForm):
    submit_label = "Make the report"

    year = forms.TypedChoiceField(
        label="Which reporting year?",
        help_text="A reporting year runs from 1 April to 31 March.",
        coerce=int,
        error_messages={
            "required": "Select a reporting year",
            "invalid_choice": "Select a reporting year",
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        years = services.annual_report_years()
        self.fields["year"].choices = [("", "Select a year")] + [
            (year, f"{year_label(year)}{' (so far)' if year == years[0] else ''}") for year in years
        ]
