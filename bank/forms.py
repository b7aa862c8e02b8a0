"""The bank's forms: adding a report, confirming its themes."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from bank.models import BankedReport
from core.forms import GovUKForm, UploadForm, WholeNumberField, file_field, radio_field, text_field
from guidance import rulebooks


class KeeperChoiceMixin:
    """A form's `keeper` radios: whose bank the entries are for, of those the person keeps
    (`keepers`: bank.selectors.keeper_choices)."""

    def __init__(self, *args, keepers=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.keepers = {str(key): board for key, board in keepers}
        self.fields["keeper"].choices = [
            (str(key), board.name if board is not None else _("SCIE's own bank"))
            for key, board in keepers
        ]
        if len(keepers) == 1:
            self.fields["keeper"].initial = str(keepers[0][0])

    def keeper_board(self):
        return self.keepers[self.cleaned_data["keeper"]]


class ReportAddForm(KeeperChoiceMixin, UploadForm):
    submit_label = _("Add the report")

    keeper = radio_field(
        _("Whose bank entry is it?"),
        [],
        _("Select whose entry it is"),
        help_text=_("Those who keep the entry may confirm, change or withdraw it."),
    )
    title = text_field(
        _("Title of the report"),
        _("Enter the title of the report"),
        help_text=_(
            "As it is published, for example “Child Q: a local child safeguarding practice review”."
        ),
    )
    published_by = text_field(
        _("Board that published it"), _("Enter the board that published the report")
    )
    year = WholeNumberField(label=_("Year published"), what=_("the year it was published"))
    review_type = forms.ChoiceField(
        label=_("Type of review"),
        choices=[("", _("Select a type")), *rulebooks.REVIEW_TYPE_CHOICES],
        error_messages={"required": _("Select the type of review")},
    )
    age_band = forms.ChoiceField(
        label=_("Age of the child or adult"),
        choices=BankedReport.AgeBand.choices,
        initial=BankedReport.AgeBand.NOT_KNOWN,
        error_messages={"required": _("Select the age of the child or adult")},
    )
    file = file_field(
        _("The report as a PDF"),
        max_bytes=settings.DOCUMENT_MAX_BYTES,
        required=False,
    )
    published_url = forms.URLField(
        label=_("Or the web address where it is published"),
        required=False,
        max_length=500,
        assume_scheme="https",
        widget=forms.TextInput(attrs={"spellcheck": "false", "autocomplete": "url"}),
        error_messages={
            "invalid": _(
                "Enter a web address in the correct format, like https://example.org/report"
            )
        },
    )


class ReportCorrectForm(GovUKForm):
    """The entry's details as they were added, to correct: not whose it is, nor its file."""

    submit_label = _("Save the corrections")

    title = ReportAddForm.base_fields["title"]
    published_by = ReportAddForm.base_fields["published_by"]
    year = ReportAddForm.base_fields["year"]
    review_type = ReportAddForm.base_fields["review_type"]
    age_band = ReportAddForm.base_fields["age_band"]
    published_url = ReportAddForm.base_fields["published_url"]


class ConfirmForm(GovUKForm):
    submit_label = _("Confirm and add it to the bank")

    themes = forms.ModelMultipleChoiceField(
        label=_("Themes of the report"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The themes the report's words suggest are ticked: keep those that fit."),
        error_messages={"invalid_choice": _("Select from the list")},
    )

    def __init__(self, *args, themes, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["themes"].queryset = themes
