from crispy_forms_gds.choices import Choice
from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from boards.models import Timescale
from core.forms import (
    GovUKDateField,
    GovUKForm,
    WholeNumberField,
    email_field,
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
    ("abuse_or_neglect_suspected", _("Abuse or neglect is known or suspected"), ""),
    ("died", _("The child or adult died"), ""),
    (
        "seriously_harmed",
        _("The child or adult was seriously harmed"),
        _(
            "For example a potentially life-threatening injury, or serious or likely long-term "
            "impairment of health or development."
        ),
    ),
    (
        "concern_about_working_together",
        _("There is cause for concern about how agencies worked together"),
        "",
    ),
    (
        "died_in_custody",
        _("Died in custody or a secure setting"),
        _(
            "Police custody, on remand or after sentencing, a young offender institution, a secure "
            "training centre or secure children's home."
        ),
    ),
    ("detained_mental_health_act", _("Detained under the Mental Health Act 1983"), ""),
    (
        "deprivation_of_liberty",
        _("Subject to a deprivation of liberty order"),
        _("Under the Mental Capacity Act 2005 (for children, aged 16 or 17)."),
    ),
    ("care_and_support_needs", _("An adult with needs for care and support"), _("For adults.")),
    (
        "looked_after",
        _("A looked-after child (in the care of a local authority)"),
        _(
            "In England, a looked-after child's death is notified to the Department for Education "
            "and Ofsted whether or not abuse or neglect is suspected."
        ),
    ),
    (
        "care_leaver",
        _("A care leaver aged 24 or under"),
        _("In England, a care leaver's death is notified as a looked-after child's is."),
    ),
    (
        "outside_england",
        _("Harmed or died outside England while normally living in the board's area"),
        _("For children in England: this local authority notifies (Children Act 2004 s16C(1)(b))."),
    ),
    (
        "protection_plan_or_looked_after",
        _("On the child protection register or looked after in the 6 months before"),
        _("For children in Wales: it makes a practice review extended rather than concise."),
    ),
    (
        "domestic_homicide",
        _(
            "Aged 16 or over, died from violence, abuse or neglect by a relative, a partner or "
            "former partner, or a member of the same household"
        ),
        _("A domestic homicide (Domestic Violence, Crime and Victims Act 2004 s9)."),
    ),
    (
        "mental_health_homicide",
        _("Killed by an adult known to mental health services in the 12 months before"),
        _(
            "In Wales, a single unified safeguarding review takes in mental health homicide "
            "reviews."
        ),
    ),
    (
        "offensive_weapon_homicide",
        _("Aged 18 or over, killed with (or likely with) an offensive weapon"),
        _(
            "In Wales, a single unified safeguarding review takes in offensive weapons homicide "
            "reviews."
        ),
    ),
]
FACT_NAMES = [name for name, _label, _hint in FACT_CHOICES]
INCIDENT_DATES = ("incident_on", "la_aware_on", "notified_on")


_text = text_field
_long_text = long_text_field


class IncidentForm(GovUKForm):
    submit_label = _("Save incident")

    reference = _text(
        _("Case reference"),
        _("Enter the case reference, like Child Q"),
        max_length=60,
        help_text=_("Like “Child Q”. Never a real name: real names go on the people page."),
    )
    subject_kind = forms.ChoiceField(
        label=_("Is the subject a child or an adult?"),
        choices=Incident.SubjectKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select child or adult")},
    )
    incident_on = GovUKDateField(
        label=_("Date of the incident"), what=_("the date of the incident")
    )
    la_aware_on = GovUKDateField(
        label=_("Date the local authority became aware"),
        what=_("the date the local authority became aware"),
        help_text=_("The notification clock starts on this date."),
    )
    notified_on = GovUKDateField(
        label=_("Date the board was notified"), what=_("the date the board was notified")
    )
    notifier = _text(
        _("Who notified the board"),
        _("Enter who notified the board"),
        help_text=_("The organisation and role, like “Children's services, head of service”."),
    )
    facts = forms.MultipleChoiceField(
        label=_("What is known? Select all that apply"),
        required=False,
        choices=[Choice(name, label, hint=hint) for name, label, hint in FACT_CHOICES],
        widget=forms.CheckboxSelectMultiple,
    )
    local_criteria = forms.ModelMultipleChoiceField(
        label=_("Does the case meet any of the board's local criteria?"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    agencies = forms.ModelMultipleChoiceField(
        label=_("Agencies involved"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    summary = _long_text(
        _("Summary of what happened"),
        required=False,
        help_text=_("Optional. Use the case reference, not names."),
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
    submit_label = _("Save notification")

    recipient = forms.ChoiceField(
        label=_("Who was notified?"),
        choices=list(rulebooks.NOTIFICATION_RECIPIENTS.items()),
        widget=forms.RadioSelect,
        error_messages={"required": _("Select who was notified")},
    )
    about = forms.ChoiceField(
        label=_("What was it about?"),
        choices=Notification.About.choices,
        initial=Notification.About.INCIDENT,
        widget=forms.RadioSelect,
        help_text=_(
            "The notification of the serious incident meets the notification clock; the "
            "notice of a decision not to hold a review meets the 14-day notice clock."
        ),
        error_messages={"required": _("Select what the notification was about")},
    )
    sent_on = GovUKDateField(
        label=_("Date sent"), what=_("the date the notification was sent"), not_in_future=True
    )
    summary = _long_text(_("What was sent"), required=False, help_text=_("Optional."))


class DecisionForm(GovUKForm):
    """The chair's decision. The outcome and the type of review are one question, offering
    only the types the incident's rulebook allows for each outcome (a statutory review of the
    regime's own type, or an alternative review), so no answer offered can be refused."""

    submit_label = _("Record decision")

    outcome = forms.ChoiceField(
        label=_("What has the chair decided?"),
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Select the decision"),
            "invalid_choice": _("Select the decision"),
        },
    )
    rationale = _long_text(_("Reasons for the decision"), _("Enter the reasons for the decision"))
    decided_on = GovUKDateField(
        label=_("Date of the decision"), what=_("the date of the decision"), not_in_future=True
    )
    peer_challenge_by = _text(
        _("Peer challenge from (optional)"),
        "",
        required=False,
        help_text=_("Another board's chair who challenged the decision, and their board."),
    )
    peer_challenge = _long_text(_("What the peer challenge said (optional)"), required=False)
    case_review_group_on = GovUKDateField(
        label=_("Date the case review group met"),
        what=_("the date the case review group met"),
        not_in_future=True,
        required=False,
        help_text=_("The chair decides after the case review group has discussed the incident."),
    )

    def __init__(self, *args, incident: Incident, **kwargs):
        super().__init__(*args, **kwargs)
        if not incident.rules.case_review_group:
            del self.fields["case_review_group_on"]
        Outcome = Decision.Outcome
        choices = [
            (
                f"{Outcome.INITIATE_REVIEW}:{code}",
                gettext("Initiate a statutory review: %(type)s")
                % {"type": rulebooks.REVIEW_TYPES[code].lower()},
            )
            for code in incident.rules.statutory_review_types
        ]
        choices += [
            (
                f"{Outcome.ALTERNATIVE_REVIEW}:{code}",
                gettext("Hold an alternative review: %(type)s")
                % {"type": rulebooks.REVIEW_TYPES[code].lower()},
            )
            for code in rulebooks.ALTERNATIVE_REVIEW_TYPES
        ]
        choices.append((f"{Outcome.NO_REVIEW}:", Outcome.NO_REVIEW.label))
        self.fields["outcome"].choices = choices

    def clean(self):
        cleaned = super().clean()
        outcome, _sep, review_type = (cleaned.get("outcome") or "").partition(":")
        cleaned["outcome"], cleaned["review_type"] = outcome, review_type
        return cleaned


class DecisionChangeForm(GovUKForm):
    """What may be corrected of a decision: its reasons and the peer challenge."""

    submit_label = _("Save changes")

    rationale = _long_text(_("Reasons for the decision"), _("Enter the reasons for the decision"))
    peer_challenge_by = _text(
        _("Peer challenge from (optional)"),
        "",
        required=False,
        help_text=_("Another board's chair who challenged the decision, and their board."),
    )
    peer_challenge = _long_text(_("What the peer challenge said (optional)"), required=False)


class PanelAdviceForm(GovUKForm):
    submit_label = _("Save advice")

    received_on = GovUKDateField(
        label=_("Date received"), what=_("the date the advice was received"), not_in_future=True
    )
    advice = _long_text(
        _("The panel's advice or challenge"), _("Enter the panel's advice or challenge")
    )
    response = _long_text(_("The board's response (optional)"), required=False)


class PersonForm(GovUKForm):
    submit_label = _("Add person")

    role = forms.ChoiceField(
        label=_("Who are they in this case?"),
        choices=IncidentPerson.Role.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select who they are in this case")},
    )
    name = _text(_("Real name"), _("Enter the person's real name"))
    aliases = _long_text(
        _("Other names and spellings (optional)"),
        required=False,
        help_text=_("One per line. Reports are checked for these before publication."),
    )
    relationship = _text(
        _("Relationship or role (optional)"),
        "",
        required=False,
        help_text=_("Like “mother” or “health visitor”."),
    )
    agency = forms.ModelChoiceField(
        label=_("Agency (optional)"), queryset=None, required=False, empty_label=_("None")
    )

    def __init__(self, *args, board, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = board.agencies.order_by("name")


class PauseForm(GovUKForm):
    submit_label = _("Pause the clock")

    reason = forms.ChoiceField(
        label=_("Why is the clock paused?"),
        choices=ClockPause.Reason.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select why the clock is paused")},
    )
    details = _long_text(
        _("Details"), required=False, help_text=_("Needed when the reason is other.")
    )
    paused_on = GovUKDateField(
        label=_("Paused from"), what=_("the date the clock was paused"), not_in_future=True
    )


class ResumeForm(GovUKForm):
    submit_label = _("Restart the clock")

    resumed_on = GovUKDateField(
        label=_("Restarted on"), what=_("the date the clock restarted"), not_in_future=True
    )


class LocalCriterionForm(GovUKForm):
    submit_label = _("Add local criterion")

    name = _text(_("Name"), _("Enter the name of the local criterion"))
    description = _long_text(_("Description (optional)"), required=False)


class TimescaleForm(GovUKForm):
    submit_label = _("Save timescale")

    length = WholeNumberField(what=_("the length"), min_value=1, max_value=366)
    unit = radio_field(
        _("Counted in"), Timescale.Unit.choices, _("Select working days, days or calendar months")
    )
    reason = _long_text(
        _("Why the board chose this time"),
        _("Enter why the board chose this time"),
        help_text=_(
            "The board's decision and where it is recorded, such as the minutes of a board meeting."
        ),
    )


class ApprovedReviewerForm(GovUKForm):
    """A reviewer is named by their work email address: a list of every reviewer in the
    country to choose from would grow with the service (issue 21) and be no easier to use
    than the address the list's letter gives."""

    submit_label = _("Add to the list")

    user = email_field(
        _("Reviewer's email address"),
        help_text=_("The address they sign in with. They must hold a reviewer's role on a board."),
    )
    approved_list = radio_field(
        _("Approved list"),
        [(name, name) for name in rulebooks.APPROVED_LISTS],
        _("Select the list"),
    )
    approved_on = GovUKDateField(
        label=_("Date added to the list"), what=_("the date added to the list")
    )
    reference = _text(
        _("The list's reference (optional)"), "", required=False, help_text=_("Never a case name.")
    )

    def clean_user(self):
        reviewer = selectors.reviewer_for_lists(email=self.cleaned_data["user"])
        if reviewer is None:
            raise forms.ValidationError(
                _("Enter the email address of someone who holds a reviewer's role on a board"),
                code="not_a_reviewer",
            )
        return reviewer


class ApprovedReviewerEndForm(GovUKForm):
    submit_label = _("Take off the list")

    ended_on = GovUKDateField(
        label=_("Date taken off the list"), what=_("the date taken off the list")
    )


class BankHolidayForm(GovUKForm):
    submit_label = _("Add bank holiday")

    date = GovUKDateField(label=_("Date"), what=_("the date of the bank holiday"))
    name = _text(_("Name"), _("Enter the name of the bank holiday"))


class DeadlineFilterForm(forms.Form):
    """The filters of the board deadlines page (GET)."""

    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("Open (not yet met)"))]
    )
    clock = forms.ChoiceField(
        label=_("Deadline"), required=False, choices=[("", _("All deadlines"))]
    )

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
        _("Search the board's cases"),
        _("Enter the words to search for"),
        max_length=200,
        help_text=_(
            "A case reference, or words from an incident, a finding, an action, the "
            "chronology or a document's title."
        ),
    )
