"""Forms of the report and publication pages (GOV.UK, validated on the server)."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from core.forms import GovUKDateField, GovUKForm, long_text_field, radio_field
from publication.models import Publication


class SectionForm(GovUKForm):
    submit_label = _("Save section")

    def __init__(self, *args, title: str, hint: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["text"] = long_text_field(
            title,
            gettext("Enter the text of “%(title)s”") % {"title": title},
            rows=14,
            help_text=hint,
            max_length=100_000,
        )


class WelshPassageForm(GovUKForm):
    submit_label = _("Save the Welsh")

    text = long_text_field(
        _("Welsh"),
        _("Enter the Welsh of this passage"),
        rows=10,
        max_length=100_000,
        help_text=_("The same meaning as the English above, with no real name in it."),
    )

    # Which English the writer was shown (publication.services.welsh.welsh_passage_save).
    translates = forms.CharField(widget=forms.HiddenInput, required=False, max_length=64)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["text"].widget.attrs["lang"] = "cy"  # read aloud and spell-checked as Welsh


class FlagKeepForm(GovUKForm):
    submit_label = _("Keep it in the report")

    reason = long_text_field(
        _("Why can it stay?"),
        _("Enter why the detail can stay in the report"),
        rows=3,
        max_length=2000,
        help_text=_(
            "For example: the date of the court hearing is public, or the trust is "
            "named because its policy is the finding. Kept with your name and the date."
        ),
    )


class DecisionForm(GovUKForm):
    submit_label = _("Record the decision")

    decision = radio_field(
        _("Decision"), Publication.Decision.choices, _("Select whether to publish the report")
    )
    planned_on = GovUKDateField(
        label=_("Planned publication date (if publishing)"),
        what=_("the planned publication date"),
        required=False,
        help_text=_("The national panel must have its copy before then; for example, 27 3 2027"),
    )
    reasons = long_text_field(
        _("Reasons"),
        required=False,
        help_text=_("Required when not publishing: the national panel is told them."),
        max_length=5000,
    )


class PanelCopyForm(GovUKForm):
    submit_label = _("Record the copy sent")

    sent_on = GovUKDateField(
        label=_("Sent to the national panel on"), what=_("the date it was sent"), not_in_future=True
    )


class PublishedForm(GovUKForm):
    submit_label = _("Record the publication")

    published_on = GovUKDateField(
        label=_("Published on"), what=_("the date it was published"), not_in_future=True
    )
    address = forms.URLField(
        label=_("Web address of the report on the board's website"),
        max_length=200,
        assume_scheme="https",
        widget=forms.TextInput(attrs={"spellcheck": "false", "autocomplete": "url"}),
        error_messages={
            "required": _("Enter the web address of the report"),
            "invalid": _(
                "Enter a web address in the correct format, like https://example.org/report"
            ),
        },
    )


class WithdrawForm(GovUKForm):
    submit_label = _("Take it off the website")

    withdrawn_on = GovUKDateField(
        label=_("Taken off the website on"),
        what=_("the date it was taken off the website"),
        not_in_future=True,
    )


class AccuracyShareForm(GovUKForm):
    submit_label = _("Share the draft")

    contributors = forms.ModelMultipleChoiceField(
        label=_("Contributors to ask"),
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Select at least one contributor")},
    )
    due_on = GovUKDateField(label=_("Comments due by"), what=_("the date the comments are due"))

    def __init__(self, *args, contributors, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["contributors"].queryset = contributors
        self.fields["contributors"].label_from_instance = lambda c: (
            gettext("%(name)s, %(agency)s (%(job)s)")
            % {"name": c.user.name, "agency": c.agency.name, "job": c.get_job_display().lower()}
        )

    def clean_due_on(self):
        # The service's rule too, shown with the other fields' errors at once.
        due_on = self.cleaned_data.get("due_on")
        if due_on is not None and due_on <= timezone.localdate():
            raise forms.ValidationError(
                gettext("The date the comments are due must be in the future")
            )
        return due_on


def _section_choices():
    from publication.models import SECTIONS

    return [(code, title) for code, title, _hint in SECTIONS]


class AccuracyCommentForm(GovUKForm):
    submit_label = _("Add the comment")

    section = radio_field(
        _("Which section is it about?"), (), _("Select the section the comment is about")
    )
    comment = long_text_field(_("Comment"), _("Enter the comment"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["section"].choices = _section_choices()


class FamilyViewForm(AccuracyCommentForm):
    submit_label = _("Record the family's view")


class AccuracyDecisionForm(GovUKForm):
    submit_label = _("Save")

    decision = radio_field(
        _("Decision"),
        [("accepted", _("Accept: the report will change")), ("declined", _("Decline"))],
        _("Select whether the comment is accepted or declined"),
    )
    reason = long_text_field(_("Reason"), _("Enter the reason"))


class FinishForm(GovUKForm):
    submit_label = _("I have finished my comments")


class HomeOfficeQaForm(GovUKForm):
    """A step with the Home Office Quality Assurance Panel (one form per kind of step)."""

    submit_label = _("Record it")

    occurred_on = GovUKDateField(label=_("Date"), what=_("the date"), not_in_future=True)
    note = long_text_field(
        _("Note (optional)"),
        required=False,
        help_text=_("Use roles and the case reference, never a real name."),
    )


class HomeOfficeQaSubmittedForm(HomeOfficeQaForm):
    submit_label = _("Record the submission")

    occurred_on = GovUKDateField(
        label=_("Submitted on"),
        what=_("the date it was submitted"),
        not_in_future=True,
        help_text=_(
            "The day the overview report and executive summary were sent to the Home "
            "Office; for example, 27 3 2027"
        ),
    )
    note = long_text_field(
        _("What was sent (optional)"),
        required=False,
        help_text=_(
            "For example: the overview report and executive summary, version 3. Use roles "
            "and the case reference, never a real name."
        ),
    )


class HomeOfficeQaFeedbackForm(HomeOfficeQaForm):
    submit_label = _("Record the feedback")

    occurred_on = GovUKDateField(
        label=_("Date of the Home Office's letter"),
        what=_("the date of the letter"),
        not_in_future=True,
    )
    note = long_text_field(
        _("What the letter asked for"),
        _("Enter what the Home Office's letter asked for"),
        help_text=_(
            "The changes the Panel asked for, in brief. Use roles and the case "
            "reference, never a real name."
        ),
    )


class HomeOfficeQaApprovedForm(HomeOfficeQaForm):
    submit_label = _("Record the approval")

    occurred_on = GovUKDateField(
        label=_("Date of the Home Office's letter"),
        what=_("the date of the letter"),
        not_in_future=True,
    )
    note = long_text_field(
        _("What the letter said (optional)"),
        required=False,
        help_text=_(
            "For example: content that on completion of the changes asked for, the "
            "review may be published. Never a real name."
        ),
    )
