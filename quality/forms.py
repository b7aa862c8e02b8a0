"""The self-assessment's forms: start, judge a marker, complete, reopen."""

from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import GovUKForm, long_text_field, radio_field
from guidance import quality_markers as qm


class StartForm(GovUKForm):
    submit_label = _("Start the self-assessment")


class MarkerForm(GovUKForm):
    submit_label = _("Save the judgement")

    judgement = radio_field(
        _("Is the marker met?"),
        list(qm.JUDGEMENTS.items()),
        _("Select whether the marker is met"),
    )
    evidence = long_text_field(
        _("The board's evidence"),
        required=False,
        rows=8,
        help_text=_(
            "What shows the judgement: records, dates, who was involved. Use roles and the case "
            "reference, never a real name."
        ),
    )
    add_held = forms.BooleanField(
        label=_("Add what the service holds about this marker to the evidence"),
        required=False,
    )


class CompleteForm(GovUKForm):
    submit_label = _("Complete the self-assessment")


class ReopenForm(GovUKForm):
    submit_label = _("Reopen the self-assessment")

    reason = long_text_field(
        _("Why are you reopening it?"),
        _("Enter why you are reopening it"),
        rows=3,
        max_length=2000,
        help_text=_("Kept in the self-assessment's history with your name and the date."),
    )
