from django import forms

from core.forms import GovUKForm, WholeNumberField
from guidance import retention as rules


class RetentionPeriodForm(GovUKForm):
    submit_label = "Save retention period"

    years = WholeNumberField(
        what="the retention period in years",
        label="How many years after a case closes should its personal data be kept?",
        help_text="A case closes when the chair decides not to hold a review, or when its "
        "review is closed and its report published (or not to be published). After this "
        "many years the names and free text of the case are removed.",
        min_value=rules.MIN_YEARS,
        max_value=rules.MAX_YEARS,
    )
    confirm = forms.BooleanField(
        label="I understand that cases this makes due will be anonymised at the next nightly "
        "run, and that this cannot be undone",
        help_text="Needed only when a shorter period makes cases due at once.",
        required=False,
    )
