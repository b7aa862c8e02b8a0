from crispy_forms_gds.choices import Choice
from django import forms

from boards.models import Timescale
from core.forms import (
    GovUKDateField,
    GovUKForm,
    WholeNumberField,
    long_text_field,
    radio_field,
    text_field,
)
from deadlines.models import ClockPause, Deadline
from guidance import rulebooks
from reviews import selectors
from reviews.models import Decision, Incident, IncidentPerson, Notification
from reviews.services import incidents

# The criteria facts, as the incident form asks them (Incident field name, label, hint).
FACT_CHOICES = [
    ("abuse_or_neglect_suspected", "Abuse or neglect is known or suspected", ""),
    ("died", "The child or adult died", ""),
    (
        "seriously_harmed",
        "The child or adult was seriously harmed",
        "For example a potentially life-threatening injury, or serious or likely long-term "
        "impairment of health or development.",
    ),
    (
        "concern_about_working_together",
        "There is cause for concern about how agencies worked together",
        "",
    ),
    (
        "died_in_custody",
        "Died in custody or a secure setting",
        "Police custody, on remand or after sentencing, a young offender institution, a secure "
        "training centre or secure children's home.",
    ),
    ("detained_mental_health_act", "Detained under the Mental Health Act 1983", ""),
    (
        "deprivation_of_liberty",
        "Subject to a deprivation of liberty order",
        "Under the Mental Capacity Act 2005 (for children, aged 16 or 17).",
    ),
    ("care_and_support_needs", "An adult with needs for care and support", "For adults."),
    (
        "looked_after",
        "A looked-after child (in the care of a local authority)",
        "In England, a looked-after child's death is notified to the Department for Education "
        "and Ofsted whether or not abuse or neglect is suspected.",
    ),
    (
        "care_leaver",
        "A care leaver aged 24 or under",
        "In England, a care leaver's death is notified as a looked-after child's is.",
    ),
    (
        "outside_england",
        "Harmed or died outside England while normally living in the board's area",
        "For children in England: this local authority notifies (Children Act 2004 s16C(1)(b)).",
    ),
    (
        "protection_plan_or_looked_after",
        "On the child protection register or looked after in the 6 months before",
        "For children in Wales: it makes a practice review extended rather than concise.",
    ),
    (
        "domestic_homicide",
        "Aged 16 or over, died from violence, abuse or neglect by a relative, a partner or "
        "former partner, or a member of the same household",
        "A domestic homicide (Domestic Violence, Crime and Victims Act 2004 s9).",
    ),
    (
        "mental_health_homicide",
        "Killed by an adult known to mental health services in the 12 months before",
        "In Wales, a single unified safeguarding review takes in mental health homicide reviews.",
    ),
    (
        "offensive_weapon_homicide",
        "Aged 18 or over, killed with (or likely with) an offensive weapon",
        "In Wales, a single unified safeguarding review takes in offensive weapons homicide "
        "reviews.",
    ),
]
FACT_NAMES = [name for name, _, _ in FACT_CHOICES]
INCIDENT_DATES = ("incident_on", "la_aware_on", "notified_on")


_text = text_field
_long_text = long_text_field


class IncidentForm(GovUKForm):
    submit_label = "Save incident"

    reference = _text(
        "Case reference",
        "Enter the case reference, like Child Q",
        max_length=60,
        help_text="Like “Child Q”. Never a real name: real names go on the people page.",
    )
    subject_kind = forms.ChoiceField(
        label="Is the subject a child or an adult?",
        choices=Incident.SubjectKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select child or adult"},
    )
    incident_on = GovUKDateField(label="Date of the incident", what="the date of the incident")
    la_aware_on = GovUKDateField(
        label="Date the local authority became aware",
        what="the date the local authority became aware",
        help_text="The notification clock starts on this date.",
    )
    notified_on = GovUKDateField(
        label="Date the board was notified", what="the date the board was notified"
    )
    notifier = _text(
        "Who notified the board",
        "Enter who notified the board",
        help_text="The organisation and role, like “Children's services, head of service”.",
    )
    facts = forms.MultipleChoiceField(
        label="What is known? Select all that apply",
        required=False,
        choices=[Choice(name, label, hint=hint) for name, label, hint in FACT_CHOICES],
        widget=forms.CheckboxSelectMultiple,
    )
    local_criteria = forms.ModelMultipleChoiceField(
        label="Does the case meet any of the board's local criteria?",
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    agencies = forms.ModelMultipleChoiceField(
        label="Agencies involved",
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    summary = _long_text(
        "Summary of what happened",
        required=False,
        help_text="Optional. Use the case reference, not names.",
    )

    def __init__(self, *args, board, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agencies"].queryset = board.agencies.order_by("name")
        self.fields["local_criteria"].queryset = board.local_criteria.order_by("name")
        if not board.local_criteria.exists():
            del self.fields["local_criteria"]
        if not board.agencies.exists():
            del self.fields["agencies"]

    def clean(self):
        # The service's rules on the dates, with every date the form could read, so that the
        # page shows them with the fields' own errors (a date that is not real, say) at once.
        dates = {name: self.cleaned_data.get(name) for name in INCIDENT_DATES}
        for field, message in incidents.incident_date_errors(**dates).items():
            if field not in self.errors:
                self.add_error(field, message)
        return super().clean()

    @classmethod
    def initial_for(cls, incident: Incident) -> dict:
        return {
            **{
                name: getattr(incident, name)
                for name in (
                    "reference",
                    "subject_kind",
                    "incident_on",
                    "la_aware_on",
                    "notified_on",
                    "notifier",
                    "summary",
                )
            },
            "facts": [name for name in FACT_NAMES if getattr(incident, name)],
            # As strings: the GOV.UK checkboxes template compares them with the choices.
            "agencies": [str(pk) for pk in incident.agencies.values_list("pk", flat=True)],
            "local_criteria": [
                str(pk) for pk in incident.local_criteria.values_list("pk", flat=True)
            ],
        }

    def service_values(self) -> dict:
        """The cleaned data as the incident services take it."""
        data = dict(self.cleaned_data)
        chosen = set(data.pop("facts"))
        data.update({name: name in chosen for name in FACT_NAMES})
        data.setdefault("agencies", [])
        data.setdefault("local_criteria", [])
        return data


class NotificationForm(GovUKForm):
    submit_label = "Save notification"

    recipient = forms.ChoiceField(
        label="Who was notified?",
        choices=list(rulebooks.NOTIFICATION_RECIPIENTS.items()),
        widget=forms.RadioSelect,
        error_messages={"required": "Select who was notified"},
    )
    about = forms.ChoiceField(
        label="What was it about?",
        choices=Notification.About.choices,
        initial=Notification.About.INCIDENT,
        widget=forms.RadioSelect,
        help_text="The notification of the serious incident meets the notification clock; the "
        "notice of a decision not to hold a review meets the 14-day notice clock.",
        error_messages={"required": "Select what the notification was about"},
    )
    sent_on = GovUKDateField(
        label="Date sent", what="the date the notification was sent", not_in_future=True
    )
    summary = _long_text("What was sent", required=False, help_text="Optional.")


class DecisionForm(GovUKForm):
    """The chair's decision. The outcome and the type of review are one question, offering
    only the types the incident's rulebook allows for each outcome (a statutory review of the
    regime's own type, or an alternative review), so no answer offered can be refused."""

    submit_label = "Record decision"

    outcome = forms.ChoiceField(
        label="What has the chair decided?",
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select the decision",
            "invalid_choice": "Select the decision",
        },
    )
    rationale = _long_text("Reasons for the decision", "Enter the reasons for the decision")
    decided_on = GovUKDateField(
        label="Date of the decision", what="the date of the decision", not_in_future=True
    )
    peer_challenge_by = _text(
        "Peer challenge from (optional)",
        "",
        required=False,
        help_text="Another board's chair who challenged the decision, and their board.",
    )
    peer_challenge = _long_text("What the peer challenge said (optional)", required=False)
    case_review_group_on = GovUKDateField(
        label="Date the case review group met",
        what="the date the case review group met",
        not_in_future=True,
        required=False,
        help_text="The chair decides after the case review group has discussed the incident.",
    )

    def __init__(self, *args, incident: Incident, **kwargs):
        super().__init__(*args, **kwargs)
        if not incident.rules.case_review_group:
            del self.fields["case_review_group_on"]
        Outcome = Decision.Outcome
        choices = [
            (
                f"{Outcome.INITIATE_REVIEW}:{code}",
                f"Initiate a statutory review: {rulebooks.REVIEW_TYPES[code].lower()}",
            )
            for code in incident.rules.statutory_review_types
        ]
        choices += [
            (
                f"{Outcome.ALTERNATIVE_REVIEW}:{code}",
                f"Hold an alternative review: {rulebooks.REVIEW_TYPES[code].lower()}",
            )
            for code in rulebooks.ALTERNATIVE_REVIEW_TYPES
        ]
        choices.append((f"{Outcome.NO_REVIEW}:", Outcome.NO_REVIEW.label))
        self.fields["outcome"].choices = choices

    def clean(self):
        cleaned = super().clean()
        outcome, _, review_type = (cleaned.get("outcome") or "").partition(":")
        cleaned["outcome"], cleaned["review_type"] = outcome, review_type
        return cleaned


class DecisionChangeForm(GovUKForm):
    """What may be corrected of a decision: its reasons and the peer challenge."""

    submit_label = "Save changes"

    rationale = _long_text("Reasons for the decision", "Enter the reasons for the decision")
    peer_challenge_by = _text(
        "Peer challenge from (optional)",
        "",
        required=False,
        help_text="Another board's chair who challenged the decision, and their board.",
    )
    peer_challenge = _long_text("What the peer challenge said (optional)", required=False)


class PanelAdviceForm(GovUKForm):
    submit_label = "Save advice"

    received_on = GovUKDateField(
        label="Date received", what="the date the advice was received", not_in_future=True
    )
    advice = _long_text("The panel's advice or challenge", "Enter the panel's advice or challenge")
    response = _long_text("The board's response (optional)", required=False)


class PersonForm(GovUKForm):
    submit_label = "Add person"

    role = forms.ChoiceField(
        label="Who are they in this case?",
        choices=IncidentPerson.Role.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select who they are in this case"},
    )
    name = _text("Real name", "Enter the person's real name")
    aliases = _long_text(
        "Other names and spellings (optional)",
        required=False,
        help_text="One per line. Reports are checked for these before publication.",
    )
    relationship = _text(
        "Relationship or role (optional)",
        "",
        required=False,
        help_text="Like “mother” or “health visitor”.",
    )
    agency = forms.ModelChoiceField(
        label="Agency (optional)", queryset=None, required=False, empty_label="None"
    )

    def __init__(self, *args, board, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = board.agencies.order_by("name")


class PauseForm(GovUKForm):
    submit_label = "Pause the clock"

    reason = forms.ChoiceField(
        label="Why is the clock paused?",
        choices=ClockPause.Reason.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select why the clock is paused"},
    )
    details = _long_text("Details", required=False, help_text="Needed when the reason is other.")
    paused_on = GovUKDateField(
        label="Paused from", what="the date the clock was paused", not_in_future=True
    )


class ResumeForm(GovUKForm):
    submit_label = "Restart the clock"

    resumed_on = GovUKDateField(
        label="Restarted on", what="the date the clock restarted", not_in_future=True
    )


class LocalCriterionForm(GovUKForm):
    submit_label = "Add local criterion"

    name = _text("Name", "Enter the name of the local criterion")
    description = _long_text("Description (optional)", required=False)


class TimescaleForm(GovUKForm):
    submit_label = "Save timescale"

    length = WholeNumberField(what="the length", min_value=1, max_value=366)
    unit = radio_field(
        "Counted in", Timescale.Unit.choices, "Select working days, days or calendar months"
    )
    reason = _long_text(
        "Why the board chose this time",
        "Enter why the board chose this time",
        help_text="The board's decision and where it is recorded, such as the minutes of a "
        "board meeting.",
    )


class ApprovedReviewerForm(GovUKForm):
    submit_label = "Add to the list"

    user = radio_field("Reviewer", [], "Select the reviewer")
    approved_list = radio_field(
        "Approved list", [(name, name) for name in rulebooks.APPROVED_LISTS], "Select the list"
    )
    approved_on = GovUKDateField(label="Date added to the list", what="the date added to the list")
    reference = _text(
        "The list's reference (optional)", "", required=False, help_text="Never a case name."
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.reviewers = {str(user.pk): user for user in selectors.reviewers_for_lists()}
        self.fields["user"].choices = [
            (pk, f"{user.name} ({user.email})") for pk, user in self.reviewers.items()
        ]

    def clean_user(self):
        return self.reviewers[self.cleaned_data["user"]]


class ApprovedReviewerEndForm(GovUKForm):
    submit_label = "Take off the list"

    ended_on = GovUKDateField(label="Date taken off the list", what="the date taken off the list")


class BankHolidayForm(GovUKForm):
    submit_label = "Add bank holiday"

    date = GovUKDateField(label="Date", what="the date of the bank holiday")
    name = _text("Name", "Enter the name of the bank holiday")


class DeadlineFilterForm(forms.Form):
    """The filters of the board deadlines page (GET)."""

    status = forms.ChoiceField(label="Status", required=False, choices=[("", "Open (not yet met)")])
    clock = forms.ChoiceField(label="Deadline", required=False, choices=[("", "All deadlines")])

    def __init__(self, *args, clock_choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices += [
            (value, label)
            for value, label in Deadline.Status.choices
            if value != Deadline.Status.NOT_APPLICABLE
        ]
        self.fields["clock"].choices += clock_choices


class CaseSearchForm(GovUKForm):
    """Words to find in the board's cases (reviews.selectors.search)."""

    words = text_field(
        "Search the board's cases",
        "Enter the words to search for",
        max_length=200,
        help_text="A case reference, or words from an incident, a finding, an action, the "
        "chronology or a document's title.",
    )
