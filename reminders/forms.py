from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import GovUKForm


class PolicyForm(GovUKForm):
    submit_label = _("Save reminder policy")

    working_days_before = forms.CharField(
        label=_("Remind this many working days before a deadline"),
        help_text=_("One or more numbers, separated by commas, like 5, 1."),
        error_messages={"required": _("Enter how many working days before to remind")},
    )
    on_due_day = forms.BooleanField(
        label=_("Remind on the day a deadline falls due"), required=False
    )
    when_overdue = forms.BooleanField(
        label=_("Remind the day after a missed deadline"), required=False
    )
    escalate_weekly = forms.BooleanField(
        label=_("Escalate a missed deadline to the chair every week until it is met"),
        required=False,
    )

    def clean_working_days_before(self):
        raw = self.cleaned_data["working_days_before"]
        try:
            days = [int(part) for part in raw.replace(" ", "").split(",") if part]
        except ValueError as error:
            raise forms.ValidationError(
                _("Enter whole numbers separated by commas, like 5, 1")
            ) from error
        if not days:
            raise forms.ValidationError(_("Enter how many working days before to remind"))
        return days
