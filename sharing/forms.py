"""The forms of sharing the learning: an activity, its documents, sending the learning brief."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from core.forms import (
    GovUKDateField,
    GovUKForm,
    UploadForm,
    WholeNumberField,
    file_field,
    long_text_field,
    radio_field,
    text_field,
)
from sharing.models import LearningActivity
from sharing.services import MOST_PEOPLE

OUTSIDE = "reach_outside"


def _people(label, what, **kwargs):
    return WholeNumberField(
        label=label, what=what, required=False, min_value=0, max_value=MOST_PEOPLE, **kwargs
    )


class ReviewChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, review):
        # The case reference only: never a name (the reviews are published under it).
        return f"{review.incident.reference}: {review.get_review_type_display()}"


class ActivityForm(GovUKForm):
    submit_label = _("Save the activity")

    kind = radio_field(
        _("What kind of activity was it?"),
        LearningActivity.Kind.choices,
        _("Select the kind of activity"),
    )
    title = text_field(
        _("Title"),
        _("Enter the title of the activity"),
        help_text=_("For example, “Seven-minute briefing: working with fathers”."),
    )
    held_on = GovUKDateField(
        label=_("Date it was held"),
        what=_("the date it was held"),
        not_in_future=True,
        help_text=_("For a bulletin, the date it was sent; for example, 27 3 2026"),
    )
    reviews = ReviewChoiceField(
        label=_("Published reviews it shared"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Select one or more, or a finding category below, or both."),
        error_messages={"invalid_choice": _("Select from the list")},
    )
    categories = forms.ModelMultipleChoiceField(
        label=_("Finding categories it covered"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "The Learning Together categories, for learning across reviews. The categories "
            "of the reviews' own findings count already."
        ),
        error_messages={"invalid_choice": _("Select from the list")},
    )
    feedback = long_text_field(
        _("Feedback"),
        required=False,
        rows=4,
        help_text=_(
            "A summary of what the people who took part said. Use roles and case references, "
            "never a real name."
        ),
    )
    feedback_count = _people(_("How many gave feedback (optional)"), _("how many gave feedback"))
    practice_change_count = _people(
        _("How many said it would change their practice (optional)"),
        _("how many said it would change their practice"),
    )

    def __init__(self, *args, reviews, categories, agencies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reviews"].queryset = reviews
        self.fields["categories"].queryset = categories
        self.agencies = list(agencies)
        # The people reached, for each of the board's agencies and from outside them, after
        # the categories: the order the page asks its questions in.
        reach = {}
        for agency in self.agencies:
            reach[f"reach_{agency.pk}"] = _people(
                _("%(agency)s: people reached") % {"agency": agency.name},
                _("the number of people of %(agency)s reached") % {"agency": agency.name},
            )
        reach[OUTSIDE] = _people(
            _("From outside the board's agencies: people reached"),
            _("the number of people from outside the board's agencies reached"),
        )
        fields = list(self.fields.items())
        at = [name for name, __ in fields].index("feedback")
        self.fields = dict(fields[:at] + list(reach.items()) + fields[at:])
        self.bound_text_fields()

    def reach(self) -> dict:
        """{agency id (None: from outside the board's agencies): people} of the valid form."""
        data = self.cleaned_data
        reach = {agency.pk: data.get(f"reach_{agency.pk}") for agency in self.agencies}
        reach[None] = data.get(OUTSIDE)
        return {agency_id: people for agency_id, people in reach.items() if people is not None}

    @classmethod
    def initial_of(cls, activity, reach_rows) -> dict:
        initial = {
            "kind": activity.kind,
            "title": activity.title,
            "held_on": activity.held_on,
            "reviews": list(activity.reviews.all()),
            "categories": list(activity.categories.all()),
            "feedback": activity.feedback,
            "feedback_count": activity.feedback_count,
            "practice_change_count": activity.practice_change_count,
        }
        for row in reach_rows:
            initial[f"reach_{row.agency_id}" if row.agency_id else OUTSIDE] = row.people
        return initial


class MaterialForm(UploadForm):
    submit_label = _("Upload the document")

    file = file_field(
        _("The document: a PDF, Word or PowerPoint file"), max_bytes=settings.DOCUMENT_MAX_BYTES
    )


class BriefSendForm(GovUKForm):
    submit_label = _("Send the learning brief")

    agencies = forms.ModelMultipleChoiceField(
        label=_("Which agencies should it go to?"),
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("It goes to the board members linked to each agency selected."),
        error_messages={
            "required": _("Select at least one agency"),
            "invalid_choice": _("Select from the list"),
        },
    )
    confirm = forms.BooleanField(
        label=_("Yes, send it again"),
        required=False,
        help_text=_("The learning brief of this review has been sent before."),
    )

    def __init__(self, *args, agencies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agencies"].queryset = agencies
