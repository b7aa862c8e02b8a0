from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import GovUKForm, WholeNumberField
from guidance import retention as rules


class RetentionPeriodForm(GovUKForm):
    submit_label = _("Save retention period")

    years = WholeNumberField(
        what=_("the retention period in years"),
        label=_("How many years after a case closes should its personal data be kept?"),
        help_text=_(
            "A case closes when the chair decides not to hold a review, or when its "
            "review is closed and its report published (or not to be published). After this "
            "many years the names and free text of the case are removed."
        ),
        min_value=rules.MIN_YEARS,
        max_value=rules.MAX_YEARS,
    )
    confirm = forms.BooleanField(
        label=_(
            "I understand that cases this makes due will be anonymised at the next nightly "
            "run, and that this cannot be undone"
        ),
        help_text=_("Needed only when a shorter period makes cases due at once."),
        required=False,
    )
