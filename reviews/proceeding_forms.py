"""Forms of the register of parallel proceedings and reporting restrictions."""

from django import forms

from core.forms import GovUKDateField, GovUKForm, long_text_field, text_field
from reviews.models import ParallelProceeding, ReportingRestriction


def _clock_choices(deadlines):
    return [(str(d.pk), f"{d.definition.title}, due {d.due_on:%-d %B %Y}") for d in deadlines]


class ProceedingForm(GovUKForm):
    submit_label = "Save proceeding"

    kind = forms.ChoiceField(
        label="What is it?",
        choices=ParallelProceeding.Kind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select what the proceeding is"},
    )
    description = text_field(
        "Court, coroner or body, and what it is about",
        "Enter the court, coroner or body",
        max_length=200,
        help_text="Like “Crown Court, trial of the father”. Never a name.",
    )
    started_on = GovUKDateField(label="Started on", what="the date it started", not_in_future=True)
    next_date = GovUKDateField(
        label="Next key date (optional)", what="the next key date", required=False
    )
    next_date_what = text_field(
        "What happens then (optional)",
        "",
        required=False,
        max_length=200,
        help_text="Like “plea hearing” or “verdict expected”.",
    )
    clocks = forms.MultipleChoiceField(
        label="Pause these clocks while it runs",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Each pauses from the day the proceeding started (or its own start, if later) "
        "with the proceeding as the reason.",
    )

    def __init__(self, *args, clocks, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["clocks"].choices = _clock_choices(clocks)
        if not clocks:
            del self.fields["clocks"]


class ProceedingChangeForm(ProceedingForm):
    """Correct a proceeding, or say it concluded and restart the clocks it held up."""

    submit_label = "Save changes"

    concluded_on = GovUKDateField(
        label="Concluded on (optional)", what="the date it concluded", required=False
    )

    def __init__(self, *args, clocks, **kwargs):
        super().__init__(*args, clocks=clocks, **kwargs)
        if "clocks" in self.fields:
            self.fields["clocks"].label = "Restart these paused clocks on the day it concluded"
            self.fields["clocks"].help_text = (
                "Each restarts on the day it concluded (or the day it was paused, if later); "
                "its deadline moves on by the time it stood still."
            )


class RestrictionForm(GovUKForm):
    submit_label = "Save restriction"

    kind = forms.ChoiceField(
        label="What is it?",
        choices=ReportingRestriction.Kind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select whether it is a reporting restriction or an order"},
    )
    made_by = text_field("Made by", "Enter the court or body that made it", max_length=200)
    made_on = GovUKDateField(label="Made on", what="the date it was made", not_in_future=True)
    ends_on = GovUKDateField(
        label="Ends on",
        what="the date it ends",
        required=False,
        help_text="It applies up to and including this day. If the order gives no end, enter "
        "the date it is next reviewed, and change it then.",
    )
    what_it_forbids = long_text_field(
        "What it forbids", "Enter what the restriction or order forbids"
    )
