"""Forms of a review's pages. Each maps onto one service function's arguments."""

from django import forms
from django.forms.utils import ErrorDict
from django.utils.dateformat import format as date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from core import limits
from core.forms import GovUKDateField, GovUKForm, UploadForm, email_field, file_field, radio_field
from guidance import methodologies, rulebooks
from reviews.forms import PauseForm, ResumeForm, _long_text, _text
from reviews.models import (
    Action,
    AgencyContributor,
    AgencyRequest,
    Document,
    FindingCategory,
    Involvement,
    Meeting,
    ReviewerAppointment,
    ReviewParticipant,
)
from reviews.services import engagement
from reviews.services.analysis import FINDING_SECTIONS

__all__ = ["PauseForm", "ResumeForm"]


_radios = radio_field


def _models(label, queryset=None, **kwargs):
    return forms.ModelMultipleChoiceField(
        label=label,
        queryset=queryset,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": gettext_lazy("Select from the list")},
        **kwargs,
    )


class FactorsMixin:
    """One text box per contributory-factor heading; `factors()` gives the service's dict."""

    def add_factor_fields(self):
        for code, heading in methodologies.CONTRIBUTORY_FACTORS.items():
            self.fields[f"factor_{code}"] = _long_text(
                _("Contributory factors: %(heading)s") % {"heading": heading.lower()},
                required=False,
            )
            self.fields[f"factor_{code}"].widget.attrs["rows"] = 3

    def factors(self) -> dict:
        return {
            code: self.cleaned_data.pop(f"factor_{code}", "")
            for code in methodologies.CONTRIBUTORY_FACTORS
        }

    @staticmethod
    def factor_initial(factors: dict) -> dict:
        return {f"factor_{code}": text for code, text in (factors or {}).items()}


class SetupForm(GovUKForm):
    submit_label = gettext_lazy("Save")

    review_type = _radios(
        gettext_lazy("Type of review"), (), gettext_lazy("Select the type of review")
    )
    methodology = _radios(
        gettext_lazy("Methodology"),
        [(m.code, m.title) for m in methodologies.METHODOLOGIES.values()],
        gettext_lazy("Select a methodology"),
    )
    lt_option = _radios(
        gettext_lazy("Learning Together option"),
        list(methodologies.LEARNING_TOGETHER.options),
        gettext_lazy("Select the Learning Together option"),
        required=False,
        help_text=gettext_lazy("For Learning Together reviews."),
    )
    terms_of_reference = _long_text(
        gettext_lazy("Terms of reference"), required=False, max_length=limits.NARRATIVE
    )
    terms_shared_with_agencies = forms.BooleanField(
        label=gettext_lazy("Share the terms of reference with the agencies' contributors"),
        required=False,
        help_text=gettext_lazy("They read them on the review's page for their agency."),
    )
    supervisor = forms.ModelChoiceField(
        label=gettext_lazy("Supervisor (accreditation staff)"),
        queryset=None,
        required=False,
        empty_label=gettext_lazy("None yet"),
        help_text=gettext_lazy("Quality-assures the findings before the report stage."),
    )

    def __init__(self, *args, review_types, supervisors, can_commission=True, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["review_type"].choices = [(c, rulebooks.REVIEW_TYPES[c]) for c in review_types]
        self.fields["supervisor"].queryset = supervisors
        if not can_commission:
            # Shown, not changed: the business manager sets them (a disabled field keeps its
            # initial value whatever is posted).
            for name in ("review_type", "supervisor"):
                self.fields[name].disabled = True
                self.fields[name].help_text = _("Set by the business manager.")


class ResearchQuestionForm(GovUKForm):
    submit_label = gettext_lazy("Add question")

    question = _long_text(
        gettext_lazy("Research question"), gettext_lazy("Enter the research question")
    )
    shared_with_agencies = forms.BooleanField(
        label=gettext_lazy("Share this question with the agencies' contributors"), required=False
    )


class AppointmentForm(GovUKForm):
    submit_label = gettext_lazy("Appoint reviewer")

    user = forms.ModelChoiceField(
        label=gettext_lazy("Reviewer"),
        queryset=None,
        empty_label=gettext_lazy("Select a lead reviewer"),
        error_messages={
            "required": gettext_lazy("Select the reviewer"),
            "invalid_choice": gettext_lazy("Select the reviewer"),
        },
        help_text=gettext_lazy(
            "The board's lead reviewers. Add someone as a lead reviewer on the board page, "
            "or propose one from the reviewer directory."
        ),
    )
    role = _radios(
        gettext_lazy("Role"),
        ReviewerAppointment.Role.choices,
        gettext_lazy("Select the reviewer's role"),
    )
    independence_declared = forms.BooleanField(
        label=gettext_lazy(
            "The reviewer declares they are independent of the case, the board and the "
            "agencies involved"
        ),
        required=False,
    )
    declaration = _long_text(
        gettext_lazy("Declaration (optional)"),
        required=False,
        help_text=gettext_lazy(
            "Any past connection to the case, the board or the agencies, and why it does "
            "not compromise their independence."
        ),
    )
    appointed_on = GovUKDateField(
        label=gettext_lazy("Appointed on"),
        what=gettext_lazy("the date of the appointment"),
        not_in_future=True,
    )

    def __init__(self, *args, reviewers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = reviewers


class AppointmentChangeForm(GovUKForm):
    submit_label = gettext_lazy("Save changes")

    role = _radios(
        gettext_lazy("Role"),
        ReviewerAppointment.Role.choices,
        gettext_lazy("Select the reviewer's role"),
    )
    declaration = _long_text(
        gettext_lazy("Declaration (optional)"),
        required=False,
        help_text=gettext_lazy(
            "Any past connection to the case, the board or the agencies, and why it does "
            "not compromise their independence."
        ),
    )


class EndAppointmentForm(GovUKForm):
    submit_label = gettext_lazy("End appointment")

    ended_on = GovUKDateField(
        label=gettext_lazy("Ended on"),
        what=gettext_lazy("the date the appointment ended"),
        not_in_future=True,
    )


class ParticipantForm(GovUKForm):
    submit_label = gettext_lazy("Add person")

    group = _radios(
        gettext_lazy("Group"),
        ReviewParticipant.Group.choices,
        gettext_lazy("Select the review team or the case group"),
    )
    name = _text(gettext_lazy("Name"), gettext_lazy("Enter the person's name"))
    agency = forms.ModelChoiceField(
        label=gettext_lazy("Agency (optional)"),
        queryset=None,
        required=False,
        empty_label=gettext_lazy("None"),
    )
    role = _text(gettext_lazy("Job title or role (optional)"), "", required=False)
    contact = _text(gettext_lazy("Email or phone (optional)"), "", required=False)

    def __init__(self, *args, agencies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = agencies


class MeetingPlanForm(GovUKForm):
    submit_label = gettext_lazy("Plan meeting")

    kind = _radios(
        gettext_lazy("Meeting"), Meeting.Kind.choices, gettext_lazy("Select the kind of meeting")
    )
    planned_on = GovUKDateField(
        label=gettext_lazy("Planned for"), what=gettext_lazy("the date of the meeting")
    )


class MeetingRecordForm(GovUKForm):
    submit_label = gettext_lazy("Save meeting")

    held_on = GovUKDateField(
        label=gettext_lazy("Held on"),
        what=gettext_lazy("the date the meeting was held"),
        not_in_future=True,
    )
    attendees = _models(gettext_lazy("Who attended"))
    notes = _long_text(gettext_lazy("Notes (optional)"), required=False)

    def __init__(self, *args, participants, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["attendees"].queryset = participants


class AgencyRequestForm(GovUKForm):
    submit_label = gettext_lazy("Save request")

    agency = forms.ModelChoiceField(
        label=gettext_lazy("Agency"),
        queryset=None,
        empty_label=gettext_lazy("Select an agency"),
        error_messages={
            "required": gettext_lazy("Select the agency"),
            "invalid_choice": gettext_lazy("Select the agency"),
        },
    )
    asks = _radios(
        gettext_lazy("What is asked for"),
        AgencyRequest.Asks.choices,
        gettext_lazy("Select what is asked for"),
    )
    details = _long_text(
        gettext_lazy("What was asked for, in detail"), gettext_lazy("Enter what was asked for")
    )
    period_from = GovUKDateField(
        label=gettext_lazy("Period covered: from"),
        what=gettext_lazy("the start of the period"),
        required=False,
        help_text=gettext_lazy("For a chronology: the period the agency's chronology covers."),
    )
    period_to = GovUKDateField(
        label=gettext_lazy("Period covered: to"),
        what=gettext_lazy("the end of the period"),
        required=False,
    )
    requested_on = GovUKDateField(
        label=gettext_lazy("Requested on"), what=gettext_lazy("the date of the request")
    )
    due_on = GovUKDateField(
        label=gettext_lazy("Due by"), what=gettext_lazy("the date the information is due")
    )

    def __init__(self, *args, agencies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = agencies

    def clean(self):
        # The service's rule on the dates, shown with the fields' own errors at once.
        names = ("requested_on", "due_on", "period_from", "period_to")
        dates = {name: self.cleaned_data.get(name) for name in names}
        for field, message in engagement.agency_request_date_errors(**dates).items():
            if field not in self.errors:
                self.add_error(field, message)
        return super().clean()


class ChaseForm(GovUKForm):
    submit_label = gettext_lazy("Record chase")

    chased_on = GovUKDateField(
        label=gettext_lazy("Chased on"),
        what=gettext_lazy("the date the request was chased"),
        not_in_future=True,
    )


class ReceiveForm(GovUKForm):
    submit_label = gettext_lazy("Record receipt")

    received_on = GovUKDateField(
        label=gettext_lazy("Received on"),
        what=gettext_lazy("the date the information arrived"),
        not_in_future=True,
    )
    files_locked_on = GovUKDateField(
        label=gettext_lazy("Case files confirmed locked down on (optional)"),
        what=gettext_lazy("the date the agency confirmed its files are locked down"),
        required=False,
        not_in_future=True,
    )


class ChronologyForm(GovUKForm):
    submit_label = gettext_lazy("Add entry")

    agency = forms.ModelChoiceField(
        label=gettext_lazy("Agency"),
        queryset=None,
        empty_label=gettext_lazy("Select an agency"),
        error_messages={
            "required": gettext_lazy("Select the agency"),
            "invalid_choice": gettext_lazy("Select the agency"),
        },
    )
    occurred_on = GovUKDateField(
        label=gettext_lazy("Date"), what=gettext_lazy("the date of the entry"), not_in_future=True
    )
    entry = _long_text(gettext_lazy("What happened"), gettext_lazy("Enter what happened"))
    source = _text(gettext_lazy("Source record (optional)"), "", required=False)

    def __init__(self, *args, agencies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = agencies


class InvolvementOfferForm(GovUKForm):
    submit_label = gettext_lazy("Record offer")

    kind = _radios(
        gettext_lazy("Who was offered involvement?"),
        Involvement.Kind.choices,
        gettext_lazy("Select family member or practitioner"),
    )
    who = _text(
        gettext_lazy("Their relationship or role"),
        gettext_lazy("Enter their relationship or role"),
        help_text=gettext_lazy("Like “mother” or “school nurse”. Not a real name."),
    )
    offered_on = GovUKDateField(
        label=gettext_lazy("Offered on"),
        what=gettext_lazy("the date of the offer"),
        not_in_future=True,
    )


class InvolvementResponseForm(GovUKForm):
    submit_label = gettext_lazy("Save answer")

    response = _radios(
        gettext_lazy("Their answer"),
        [c for c in Involvement.Response.choices if c[0] != Involvement.Response.AWAITED],
        gettext_lazy("Select whether the offer was accepted or declined"),
    )
    responded_on = GovUKDateField(
        label=gettext_lazy("Answered on"),
        what=gettext_lazy("the date of the answer"),
        not_in_future=True,
    )
    views = _long_text(gettext_lazy("Their views (optional)"), required=False)


class ConversationForm(FactorsMixin, GovUKForm):
    submit_label = gettext_lazy("Save conversation")

    participant = forms.ModelChoiceField(
        label=gettext_lazy("With"),
        queryset=None,
        required=False,
        empty_label=gettext_lazy("Someone not listed"),
    )
    held_on = GovUKDateField(
        label=gettext_lazy("Held on"), what=gettext_lazy("the date of the conversation")
    )
    overview = _long_text(gettext_lazy("Overview: what happened and their part"), required=False)
    turning_points = _long_text(
        gettext_lazy("Turning points and key practice episodes"), required=False
    )
    mindset = _long_text(gettext_lazy("Mindset and local rationality"), required=False)
    went_well = _long_text(gettext_lazy("Things that went well"), required=False)
    suggested_changes = _long_text(gettext_lazy("Suggested changes"), required=False)

    def __init__(self, *args, participants, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["participant"].queryset = participants
        self.add_factor_fields()


class EpisodeForm(FactorsMixin, GovUKForm):
    submit_label = gettext_lazy("Save episode")

    title = _text(gettext_lazy("Title"), gettext_lazy("Enter a title for the episode"))
    occurred_on = GovUKDateField(
        label=gettext_lazy("Date"), what=gettext_lazy("the date of the episode")
    )
    what_happened = _long_text(gettext_lazy("What happened"), gettext_lazy("Enter what happened"))
    appraisal = _long_text(gettext_lazy("Appraisal of practice"), required=False)
    chronology_entries = _models(gettext_lazy("Chronology entries it draws on"))
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    FORM_ID = "episode-form"  # the filters above the form send their values with it

    def __init__(self, *args, chronology, choices, check=True, **kwargs):
        """`chronology`: the entries that may be chosen (checked on saving, never listed);
        `choices`: those offered (`selectors.chronology.episode_entry_choices`): the entries
        already chosen, then the first that match the page's filters. `check`: False when
        the form is only shown again as sent, with other entries offered (the person asked
        to find entries, not to save): what they typed is kept and nothing is judged."""
        self.check = check
        super().__init__(*args, **kwargs)
        self.helper.form_id = self.FORM_ID
        field = self.fields["chronology_entries"]
        field.queryset = chronology
        field.choices = [
            (str(entry.pk), self.entry_label(entry))
            for entry in (*choices.chosen, *choices.offered)
        ]
        shown = len(choices.offered)
        if choices.matching > shown:
            field.help_text = ngettext(
                "Showing the first %(shown)s of %(count)s entry that match the filters, beside "
                "those chosen. Narrow the dates or choose an agency to find others.",
                "Showing the first %(shown)s of %(count)s entries that match the filters, beside "
                "those chosen. Narrow the dates or choose an agency to find others.",
                choices.matching,
            ) % {"shown": shown, "count": choices.matching}
        elif not shown and not choices.chosen:
            field.help_text = _("No entries match the filters.")
        self.add_factor_fields()

    def full_clean(self):
        if not self.check:
            self._errors, self.cleaned_data = ErrorDict(), {}
            return
        super().full_clean()

    @staticmethod
    def entry_label(entry) -> str:
        return f"{date_format(entry.occurred_on, 'j M Y')}, {entry.agency.name}: {entry.entry[:80]}"


class FindingForm(GovUKForm):
    submit_label = gettext_lazy("Save finding")

    category = forms.ModelChoiceField(
        label=gettext_lazy("Category"),
        queryset=FindingCategory.objects.filter(active=True),
        widget=forms.RadioSelect,
        empty_label=None,
        error_messages={
            "required": gettext_lazy("Select the category of the finding"),
            "invalid_choice": gettext_lazy("Select the category of the finding"),
        },
    )
    title = _text(gettext_lazy("Finding"), gettext_lazy("Enter the finding"), max_length=300)
    manifested = _long_text(
        gettext_lazy("How did the issue show in this case?"),
        gettext_lazy("Enter how the issue showed in this case"),
    )
    not_peculiar = _long_text(
        gettext_lazy("How do we know it is not peculiar to this case?"), required=False
    )
    how_widespread = _long_text(gettext_lazy("How widespread is it?"), required=False)
    why_it_matters = _long_text(gettext_lazy("Why does it matter?"), required=False)
    issues_for_board = _long_text(gettext_lazy("Issues for the board to consider"), required=False)
    episodes = _models(gettext_lazy("Key practice episodes that evidence it"))
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, episodes, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["episodes"].queryset = episodes

    def sections(self) -> dict:
        return {name: self.cleaned_data[name] for name in ("title", *FINDING_SECTIONS)}


class QualityForm(GovUKForm):
    submit_label = gettext_lazy("Mark as quality-assured")

    notes = _long_text(gettext_lazy("Quality assurance notes (optional)"), required=False)


class ResponseForm(GovUKForm):
    submit_label = gettext_lazy("Save the board's response")

    response = _long_text(
        gettext_lazy("The board's response"), gettext_lazy("Enter the board's response")
    )
    responded_on = GovUKDateField(
        label=gettext_lazy("Agreed on"), what=gettext_lazy("the date the response was agreed")
    )


class ActionForm(GovUKForm):
    submit_label = gettext_lazy("Add action")

    description = _long_text(gettext_lazy("Action"), gettext_lazy("Enter the action"))
    finding = forms.ModelChoiceField(
        label=gettext_lazy("Finding it answers (optional)"),
        queryset=None,
        required=False,
        empty_label=gettext_lazy("None"),
    )
    owner_agency = forms.ModelChoiceField(
        label=gettext_lazy("Owner agency"),
        queryset=None,
        empty_label=gettext_lazy("Select an agency"),
        error_messages={
            "required": gettext_lazy("Select the agency that owns the action"),
            "invalid_choice": gettext_lazy("Select the agency that owns the action"),
        },
    )
    due_on = GovUKDateField(
        label=gettext_lazy("Due by"), what=gettext_lazy("the date the action is due")
    )

    def __init__(self, *args, findings, agencies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["finding"].queryset = findings
        self.fields["owner_agency"].queryset = agencies


class ActionProgressForm(UploadForm):
    submit_label = gettext_lazy("Save progress")

    status = _radios(
        gettext_lazy("Status"),
        Action.Status.choices,
        gettext_lazy("Select the status of the action"),
    )
    note = _long_text(gettext_lazy("Progress note (optional)"), required=False)
    on = GovUKDateField(
        label=gettext_lazy("Date of this update"),
        what=gettext_lazy("the date of the update"),
        not_in_future=True,
    )
    completed_on = GovUKDateField(
        label=gettext_lazy("Completed on (when completed)"),
        what=gettext_lazy("the date the action was completed"),
        required=False,
        not_in_future=True,
    )
    evidence_of_impact = _long_text(
        gettext_lazy("Evidence of impact"),
        required=False,
        help_text=gettext_lazy(
            "What changed for children, adults or families because of this action."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["evidence_file"] = _document_file(
            gettext_lazy("A file of the evidence (optional)")
        )
        self.fields["evidence_file"].required = False


class ActionRepeatForm(GovUKForm):
    submit_label = gettext_lazy("Save")

    repeats = forms.ModelChoiceField(
        label=gettext_lazy("The earlier recommendation it repeats"),
        queryset=None,
        required=False,
        empty_label=gettext_lazy("None: it is not a repeat"),
    )

    def __init__(self, *args, earlier, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["repeats"].queryset = earlier
        self.fields["repeats"].label_from_instance = lambda action: (
            f"{action.review.incident.reference}: {action.owner_agency.name}, "
            f"{action.description[:80]}"
        )


class ExtendForm(GovUKForm):
    submit_label = gettext_lazy("Agree extension")

    extended_to = GovUKDateField(
        label=gettext_lazy("New completion date"), what=gettext_lazy("the new completion date")
    )
    reason = _long_text(gettext_lazy("Reason"), gettext_lazy("Enter the reason for the extension"))
    agreed_on = GovUKDateField(
        label=gettext_lazy("Agreed on"),
        what=gettext_lazy("the date the extension was agreed"),
        not_in_future=True,
    )


class InterimForm(GovUKForm):
    submit_label = gettext_lazy("Save")

    improvements = _long_text(gettext_lazy("Improvements captured so far"), required=False)
    corrective_action = _long_text(gettext_lazy("Corrective action taken so far"), required=False)


class RapidReviewForm(GovUKForm):
    submit_label = gettext_lazy("Start the rapid review")

    started_on = GovUKDateField(
        label=gettext_lazy("Started on"),
        what=gettext_lazy("the date the rapid review started"),
        not_in_future=True,
    )


class ContributorInviteForm(GovUKForm):
    submit_label = gettext_lazy("Send invitation")

    agency = forms.ModelChoiceField(
        label=gettext_lazy("Agency they act for"),
        queryset=None,
        empty_label=gettext_lazy("Select an agency"),
        error_messages={
            "required": gettext_lazy("Select the agency"),
            "invalid_choice": gettext_lazy("Select the agency"),
        },
    )
    name = _text(gettext_lazy("Full name"), "", required=False)
    email = email_field()
    job = _radios(
        gettext_lazy("Their job in the review"),
        AgencyContributor.Job.choices,
        gettext_lazy("Select their job in the review"),
    )

    def __init__(self, *args, agencies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = agencies
        self.fields["name"].help_text = _("Needed if they have no account yet.")


class ContributorEndForm(GovUKForm):
    submit_label = gettext_lazy("End their access")

    reason = _long_text(
        gettext_lazy("Why their access ends"), gettext_lazy("Enter why their access ends")
    )


class SendRequestForm(GovUKForm):
    submit_label = gettext_lazy("Send the request")


class AgencyReturnForm(GovUKForm):
    submit_label = gettext_lazy("Submit the agency's answer")

    answer = _long_text(
        gettext_lazy("The agency's answer"), "", required=False, max_length=limits.NARRATIVE
    )
    files_locked_on = GovUKDateField(
        label=gettext_lazy("Case files locked down on"),
        what=gettext_lazy("the date the case files were locked down"),
        required=False,
        not_in_future=True,
    )


class SendBackForm(GovUKForm):
    submit_label = gettext_lazy("Send it back")

    reason = _long_text(
        gettext_lazy("Why it is sent back"),
        gettext_lazy("Enter why it is sent back"),
        help_text=gettext_lazy(
            "The agency reads this when they sign in; it is not put in the e-mail."
        ),
    )


def _document_file(label=None):
    from django.conf import settings

    return file_field(
        label or _("The file"),
        max_bytes=settings.DOCUMENT_MAX_BYTES,
        help_text=_(
            "A PDF, Word document, Excel workbook (.xlsx), CSV or text file, or a PNG or JPEG "
            "image, at most %(size)s MB. Files with macros (.docm, .xlsm) are refused."
        )
        % {"size": settings.DOCUMENT_MAX_BYTES // (1024 * 1024)},
    )


class DocumentForm(UploadForm):
    submit_label = gettext_lazy("Upload the document")

    kind = _radios(
        gettext_lazy("Kind of document"),
        Document.Kind.choices,
        gettext_lazy("Select the kind of document"),
    )
    title = _text(gettext_lazy("Title"), gettext_lazy("Enter the document's title"))
    agency = forms.ModelChoiceField(
        label=gettext_lazy("Sent by an agency (optional)"),
        queryset=None,
        required=False,
        empty_label=gettext_lazy("None: the board's or the reviewers' own"),
        help_text=gettext_lazy("The agency's contributors to this review will see it too."),
    )

    def __init__(self, *args, agencies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = agencies
        self.fields["file"] = _document_file()


class DocumentVersionForm(UploadForm):
    submit_label = gettext_lazy("Upload the new version")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"] = _document_file(gettext_lazy("The new version"))


class AgencyDocumentForm(UploadForm):
    """A document an agency's contributor sends with their answer."""

    submit_label = gettext_lazy("Upload the document")

    kind = _radios(
        gettext_lazy("Kind of document"),
        [
            (Document.Kind.AGENCY_REPORT, Document.Kind.AGENCY_REPORT.label),
            (Document.Kind.CHRONOLOGY, Document.Kind.CHRONOLOGY.label),
            (Document.Kind.CORRESPONDENCE, Document.Kind.CORRESPONDENCE.label),
            (Document.Kind.OTHER, Document.Kind.OTHER.label),
        ],
        gettext_lazy("Select the kind of document"),
    )
    title = _text(gettext_lazy("Title"), gettext_lazy("Enter the document's title"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"] = _document_file()


class ChronologyImportForm(UploadForm):
    """An agency's chronology file; when its headings are not the template's, the page asks
    which column holds what (`headers`, carried in hidden fields) and the file again."""

    submit_label = gettext_lazy("Import the chronology")

    def __init__(self, *args, agencies=None, headers=None, **kwargs):
        from django.conf import settings

        from reviews.chronology_files import COLUMNS

        super().__init__(*args, **kwargs)
        if agencies is not None:
            self.fields["agency"] = forms.ModelChoiceField(
                label=gettext_lazy("Agency whose chronology it is"),
                queryset=agencies,
                empty_label=gettext_lazy("Select an agency"),
                error_messages={
                    "required": gettext_lazy("Select the agency"),
                    "invalid_choice": gettext_lazy("Select the agency"),
                },
            )
        limit = settings.CHRONOLOGY_MAX_BYTES
        self.fields["file"] = file_field(
            gettext_lazy("The chronology file"),
            max_bytes=limit,
            help_text=_(
                "An Excel workbook (.xlsx), a CSV file or a Word document (.docx) with the "
                "chronology in a table, at most %(size)s MB and %(rows)s rows. Importing again "
                "replaces the agency's earlier import."
            )
            % {"size": limit // (1024 * 1024), "rows": f"{settings.CHRONOLOGY_MAX_ROWS:,}"},
        )
        if headers is None and self.is_bound:
            headers = self.data.getlist("headers") if hasattr(self.data, "getlist") else []
        self.headers = [h for h in (headers or []) if h][:60]
        if self.headers:
            choices = [("", _("Not in the file"))] + [(h, h) for h in self.headers]
            self.fields["headers"] = forms.MultipleChoiceField(
                choices=[(h, h) for h in self.headers],
                widget=forms.MultipleHiddenInput,
                required=False,
            )
            for code, heading, required in COLUMNS:
                self.fields[f"column_{code}"] = forms.ChoiceField(
                    label=_("Which column holds “%(heading)s”?") % {"heading": heading},
                    choices=choices,
                    required=required,
                    error_messages={
                        "required": _("Select the column that holds “%(heading)s”")
                        % {"heading": heading}
                    },
                )

    def mapping(self) -> dict | None:
        if not self.headers:
            return None
        from reviews.chronology_files import COLUMNS

        return {
            code: self.cleaned_data[f"column_{code}"]
            for code, _, _ in COLUMNS
            if self.cleaned_data.get(f"column_{code}")
        }


class ChronologyFilterForm(GovUKForm):
    """The merged chronology's filters (a GET form: each good value counts, and the page says
    which is not)."""

    agency = forms.ModelChoiceField(
        queryset=None, required=False, empty_label=gettext_lazy("All agencies")
    )
    date_from = forms.DateField(required=False, input_formats=["%Y-%m-%d", "%d/%m/%Y"])
    date_to = forms.DateField(required=False, input_formats=["%Y-%m-%d", "%d/%m/%Y"])
    q = forms.CharField(label=gettext_lazy("Words"), required=False, max_length=200)
    order = forms.ChoiceField(
        required=False,
        choices=[
            ("oldest", gettext_lazy("Oldest first")),
            ("newest", gettext_lazy("Newest first")),
        ],
    )
    gap = forms.TypedChoiceField(
        coerce=int, required=False, empty_value=90, choices=[(n, n) for n in (30, 60, 90, 180, 365)]
    )

    def __init__(self, *args, agencies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = agencies

    def filters(self) -> dict:
        self.is_valid()  # each field that is good counts; the page says which is not
        data = self.cleaned_data
        agency = data.get("agency")
        return {
            "agency_id": agency.pk if agency else None,
            "date_from": data.get("date_from"),
            "date_to": data.get("date_to"),
            "words": data.get("q", ""),
            "span_days": data.get("gap") or 90,
            "newest_first": data.get("order") == "newest",
        }
