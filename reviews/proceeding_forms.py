"""Forms of the register of parallel proceedings and reporting restrictions."""

from django import forms
from django.utils import formats
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from core.forms import GovUKDateField, GovUKForm, long_text_field, text_field
from reviews.models import ParallelProceeding, ReportingRestriction


def _clock_choices(deadlines):
    return [
        (
            str(d.pk),
            gettext("%(clock)s, due %(date)s")
            % {"clock": d.definition.title, "date": formats.date_format(d.due_on, "j F Y")},
        )
        for d in deadlines
    ]


class ProceedingForm(GovUKForm):
    submit_label = _("Save proceeding")

    kind = forms.ChoiceField(
        label=_("What is it?"),
        choices=ParallelProceeding.Kind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select what the proceeding is")},
    )
    description = text_field(
        _("Court, coroner or body, and what it is about"),
        _("Enter the court, coroner or body"),
        max_length=200,
        help_text=_("Like “Crown Court, trial of the father”. Never a name."),
    )
    started_on = GovUKDateField(
        label=_("Started on"), what=_("the date it started"), not_in_future=True
    )
    next_date = GovUKDateField(
        label=_("Next key date (optional)"), what=_("the next key date"), required=False
    )
    next_date_what = text_field(
        _("What happens then (optional)"),
        "",
        required=False,
        max_length=200,
        help_text=_("Like “plea hearing” or “verdict expected”."),
    )
    clocks = forms.MultipleChoiceField(
        label=_("Pause these clocks while it runs"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Each pauses from the day the proceeding started (or its own start, if later) "
            "with the proceeding as the reason."
        ),
    )

    def __init__(self, *args, clocks, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["clocks"].choices = _clock_choices(clocks)
        if not clocks:
            del self.fields["clocks"]


class ProceedingChangeForm(ProceedingForm):
    """Correct a proceeding, or say it concluded and restart the clocks it held up."""

    submit_label = _("Save changes")

    concluded_on = GovUKDateField(
        label=_("Concluded on (optional)"), what=_("the date it concluded"), required=False
    )

    def __init__(self, *args, clocks, **kwargs):
        super().__init__(*args, clocks=clocks, **kwargs)
        if "clocks" in self.fields:
            self.fields["clocks"].label = _("Restart these paused clocks on the day it concluded")
            self.fields["clocks"].help_text = _(
                "Each restarts on the day it concluded (or the day it was paused, if later); "
                "its deadline moves on by the time it stood still."
            )


class RestrictionForm(GovUKForm):
    submit_label = _("Save restriction")

    kind = forms.ChoiceField(
        label=_("What is it?"),
        choices=ReportingRestriction.Kind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select whether it is a reporting restriction or an order")},
    )
    made_by = text_field(_("Made by"), _("Enter the court or body that made it"), max_length=200)
    made_on = GovUKDateField(label=_("Made on"), what=_("the date it was made"), not_in_future=True)
    ends_on = GovUKDateField(
        label=_("Ends on"),
        what=_("the date it ends"),
        required=False,
        help_text=_(
            "It applies up to and including this day. If the order gives no end, enter "
            "the date it is next reviewed, and change it then."
        ),
    )
    what_it_forbids = long_text_field(
        _("What it forbids"), _("Enter what the restriction or order forbids")
    )
