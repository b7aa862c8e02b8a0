"""Forms of the accreditation pages. Each maps onto one service function's arguments."""

from decimal import Decimal, InvalidOperation

from django import forms
from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accreditation.models import (
    REGIONS,
    Accreditation,
    AnnualReview,
    Application,
    Assessment,
    CompetencyArea,
    EvidenceItem,
    Programme,
)
from accreditation.uploads import megabytes
from core.forms import (
    GovUKDateField,
    GovUKForm,
    WholeNumberField,
    email_field,
    long_text_field,
    radio_field,
    text_field,
)

_radios = radio_field


class ProgrammeForm(GovUKForm):
    submit_label = gettext_lazy("Add programme")
    name = text_field(gettext_lazy("Programme name"), gettext_lazy("Enter the programme's name"))
    description = long_text_field(gettext_lazy("Description"), required=False)


class CohortForm(GovUKForm):
    submit_label = gettext_lazy("Add cohort")
    programme = forms.ModelChoiceField(
        label=gettext_lazy("Programme"),
        queryset=Programme.objects.all(),
        empty_label=gettext_lazy("Select a programme"),
        error_messages={"required": gettext_lazy("Select the programme")},
    )
    name = text_field(
        gettext_lazy("Cohort name"),
        gettext_lazy("Enter the cohort's name"),
        help_text=gettext_lazy("Like Spring 2027."),
    )
    venue = text_field(gettext_lazy("Venue of the course"), gettext_lazy("Enter the venue"))
    trainers = text_field(gettext_lazy("Trainers"), gettext_lazy("Enter who runs the course"))
    places = WholeNumberField(what=gettext_lazy("the number of places"), min_value=1, max_value=200)
    fee = forms.CharField(
        label=gettext_lazy("Fee per trainee, in pounds"),
        help_text=gettext_lazy("Before VAT, like 3500."),
        widget=forms.TextInput(attrs={"inputmode": "decimal", "class": "govuk-input--width-10"}),
        error_messages={"required": gettext_lazy("Enter the fee")},
    )
    vat_applies = forms.BooleanField(label=gettext_lazy("VAT is added to the fee"), required=False)
    applications_open_on = GovUKDateField(
        label=gettext_lazy("Applications open"), what=gettext_lazy("the date applications open")
    )
    applications_close_on = GovUKDateField(
        label=gettext_lazy("Closing date for applications"), what=gettext_lazy("the closing date")
    )

    def clean_fee(self):
        raw = self.cleaned_data["fee"].replace(",", "").replace("£", "").strip()
        try:
            pounds = Decimal(raw)
        except InvalidOperation as error:
            raise forms.ValidationError(_("Enter the fee in pounds, like 3500")) from error
        if not pounds.is_finite():  # "NaN" and "Infinity" parse as decimals
            raise forms.ValidationError(_("Enter the fee in pounds, like 3500"))
        if pounds < 0 or pounds > 100_000:
            raise forms.ValidationError(_("Enter a fee between £0 and £100,000"))
        return int(pounds * 100)

    def service_values(self) -> dict:
        values = dict(self.cleaned_data)
        values["fee_pence"] = values.pop("fee")
        return values


class CohortChangeForm(CohortForm):
    """The cohort's own facts; its programme stays."""

    submit_label = gettext_lazy("Save changes")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["programme"]


class TrainingDayForm(GovUKForm):
    submit_label = gettext_lazy("Add training day")
    date = GovUKDateField(
        label=gettext_lazy("Date"), what=gettext_lazy("the date of the training day")
    )
    block = _radios(
        gettext_lazy("Block"),
        [(1, gettext_lazy("First block")), (2, gettext_lazy("Second block"))],
        gettext_lazy("Select the block"),
    )
    venue = text_field(gettext_lazy("Venue, if not the cohort's"), "", required=False)


class QuestionForm(GovUKForm):
    submit_label = gettext_lazy("Add question")
    text = long_text_field(gettext_lazy("Question"), gettext_lazy("Enter the question"), rows=3)


class CriterionForm(GovUKForm):
    submit_label = gettext_lazy("Add criterion")
    text = long_text_field(
        gettext_lazy("Selection criterion"), gettext_lazy("Enter the criterion"), rows=3
    )
    max_score = WholeNumberField(
        what=gettext_lazy("the top score"), min_value=1, max_value=10, initial=5
    )


class AccountRequestForm(GovUKForm):
    submit_label = gettext_lazy("Send me the link")
    name = text_field(gettext_lazy("Full name"), gettext_lazy("Enter your full name"))
    email = email_field()


class ApplicationForm(GovUKForm):
    """The cohort's questions, then the CV."""

    submit_label = gettext_lazy("Send application")

    def __init__(self, *args, cohort, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = list(cohort.questions.all())
        for number, question in enumerate(self.questions, start=1):
            self.fields[f"answer_{question.pk}"] = long_text_field(
                _("Question %(number)s: %(question)s")
                % {"number": number, "question": question.text},
                _("Answer question %(number)s") % {"number": number},
                rows=6,
            )
        self.fields["cv"] = forms.FileField(
            label=gettext_lazy("Your CV"),
            help_text=_("A PDF or Word document, smaller than %(size)s.")
            % {"size": megabytes(settings.CV_MAX_BYTES)},
            error_messages={
                "required": gettext_lazy("Select your CV"),
                "empty": gettext_lazy("The selected file is empty"),
                "invalid": gettext_lazy("Select your CV"),
            },
        )

    def answers(self) -> dict:
        return {q.pk: self.cleaned_data.get(f"answer_{q.pk}", "") for q in self.questions}


class ScoreForm(GovUKForm):
    """The actor's score against each criterion of the cohort."""

    submit_label = gettext_lazy("Save scores")

    def __init__(self, *args, criteria, **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = list(criteria)
        for number, criterion in enumerate(self.criteria, start=1):
            self.fields[f"score_{criterion.pk}"] = WholeNumberField(
                label=_("%(criterion)s (0 to %(top)s)")
                % {"criterion": criterion.text, "top": criterion.max_score},
                what=_("the score for criterion %(number)s") % {"number": number},
                min_value=0,
                max_value=criterion.max_score,
            )
            self.fields[f"note_{criterion.pk}"] = text_field(
                _("Note on criterion %(number)s (optional)") % {"number": number},
                "",
                required=False,
                max_length=500,
            )

    def scores(self) -> dict:
        return {
            c.pk: (self.cleaned_data[f"score_{c.pk}"], self.cleaned_data[f"note_{c.pk}"])
            for c in self.criteria
        }


class DecisionForm(GovUKForm):
    submit_label = gettext_lazy("Send the decision")
    decision = _radios(
        gettext_lazy("What is the decision?"),
        [
            (Application.Status.OFFERED, gettext_lazy("Offer a place")),
            (Application.Status.WAITING_LIST, gettext_lazy("Put on the waiting list")),
            (Application.Status.DECLINED, gettext_lazy("Decline")),
        ],
        gettext_lazy("Select the decision"),
    )
    message = long_text_field(
        gettext_lazy("A message for the letter (optional)"),
        required=False,
        help_text=gettext_lazy("It goes into the decision letter e-mailed to the applicant."),
    )


class AttendanceForm(GovUKForm):
    submit_label = gettext_lazy("Save attendance")

    def __init__(self, *args, people, label, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["people"] = forms.ModelMultipleChoiceField(
            label=label,
            queryset=people,
            required=False,
            widget=forms.CheckboxSelectMultiple,
        )
        self.fields["people"].label_from_instance = lambda record: record.user.name


class PracticeReviewForm(GovUKForm):
    submit_label = gettext_lazy("Save practice review")

    def __init__(self, *args, reviews, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["review"] = forms.ModelChoiceField(
            label=gettext_lazy("The review the trainee is appointed to as a trainee"),
            queryset=reviews,
            widget=forms.RadioSelect,
            error_messages={"required": gettext_lazy("Select the practice review")},
        )
        self.fields["review"].label_from_instance = lambda review: (
            _("%(reference)s, %(board)s (%(type)s)")
            % {
                "reference": review.incident.reference,
                "board": review.board.name,
                "type": review.get_review_type_display(),
            }
        )


class SessionForm(GovUKForm):
    submit_label = gettext_lazy("Add session")
    date = GovUKDateField(label=gettext_lazy("Date"), what=gettext_lazy("the date of the session"))
    title = text_field(gettext_lazy("Title"), gettext_lazy("Enter the title"))
    venue = text_field(gettext_lazy("Venue"), gettext_lazy("Enter the venue, or online"))
    capacity = WholeNumberField(
        what=gettext_lazy("the number of places"), min_value=1, max_value=100
    )

    def __init__(self, *args, facilitators, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["facilitator"] = forms.ModelChoiceField(
            label=gettext_lazy("Facilitator"),
            queryset=facilitators,
            empty_label=gettext_lazy("Select a member of staff"),
            error_messages={"required": gettext_lazy("Select the facilitator")},
        )


class IndividualSupervisionForm(GovUKForm):
    submit_label = gettext_lazy("Log supervision")
    held_on = GovUKDateField(
        label=gettext_lazy("Date"),
        what=gettext_lazy("the date of the supervision"),
        not_in_future=True,
    )
    hours = forms.DecimalField(
        label=gettext_lazy("Hours"),
        max_digits=4,
        decimal_places=1,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "class": "govuk-input--width-4"}),
        error_messages={
            "required": gettext_lazy("Enter the hours"),
            "invalid": gettext_lazy("Enter the hours as a number, like 1.5"),
            "max_decimal_places": gettext_lazy("Enter the hours to the half hour, like 1.5"),
            "max_digits": gettext_lazy("Enter the hours, from 0.5 to 12"),
        },
    )
    notes = long_text_field(gettext_lazy("Notes (optional)"), required=False)

    def __init__(self, *args, supervisors, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["supervisor"] = forms.ModelChoiceField(
            label=gettext_lazy("Supervisor"),
            queryset=supervisors,
            empty_label=gettext_lazy("Select a member of staff"),
            error_messages={"required": gettext_lazy("Select the supervisor")},
        )


class EvidenceForm(GovUKForm):
    submit_label = gettext_lazy("Add evidence")
    area = forms.ModelChoiceField(
        label=gettext_lazy("Competency area"),
        queryset=CompetencyArea.objects.filter(active=True),
        widget=forms.RadioSelect,
        error_messages={"required": gettext_lazy("Select the competency area")},
    )
    source = _radios(
        gettext_lazy("Where does it come from?"),
        EvidenceItem.Source.choices,
        gettext_lazy("Select the source"),
    )
    description = long_text_field(
        gettext_lazy("The evidence"), gettext_lazy("Describe the evidence")
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # A default area's name in the reader's language (accreditation/competencies.py).
        self.fields["area"].label_from_instance = lambda area: _(area.name)


class JudgementForm(GovUKForm):
    submit_label = gettext_lazy("Save the judgement")
    outcome = _radios(
        gettext_lazy("Outcome (summative)"),
        Assessment.Outcome.choices,
        gettext_lazy("Select the outcome"),
    )
    summative_judgement = long_text_field(
        gettext_lazy("Overall judgement"), gettext_lazy("Give the overall judgement")
    )
    strengths = long_text_field(
        gettext_lazy("Strengths (formative)"), gettext_lazy("Say what the trainee's strengths are")
    )
    areas_to_work_on = long_text_field(
        gettext_lazy("Areas to work on (formative)"),
        gettext_lazy("Say what the trainee should work on"),
    )


class ModerationForm(GovUKForm):
    submit_label = gettext_lazy("Save the moderation")
    agreed = _radios(
        gettext_lazy("Do you agree with the judgement?"),
        [
            ("yes", gettext_lazy("Yes: the outcome takes effect")),
            ("no", gettext_lazy("No: the assessor judges again")),
        ],
        gettext_lazy("Select whether you agree"),
    )
    notes = long_text_field(
        gettext_lazy("Notes"), required=False, help_text=gettext_lazy("Needed if you do not agree.")
    )


class AnnualReviewForm(GovUKForm):
    submit_label = gettext_lazy("Record the annual review")
    reviewed_on = GovUKDateField(
        label=gettext_lazy("Date of the review"),
        what=gettext_lazy("the date of the review"),
        not_in_future=True,
    )
    outcome = _radios(
        gettext_lazy("Outcome"), AnnualReview.Outcome.choices, gettext_lazy("Select the outcome")
    )
    notes = long_text_field(gettext_lazy("Notes"), required=False)


class SuspendForm(GovUKForm):
    submit_label = gettext_lazy("Suspend the accreditation")
    reason = long_text_field(
        gettext_lazy("Why is it suspended?"), gettext_lazy("Enter the reason for the suspension")
    )


class ReinstateForm(GovUKForm):
    submit_label = gettext_lazy("Reinstate")
    on = GovUKDateField(
        label=gettext_lazy("From"),
        what=gettext_lazy("the date it is reinstated from"),
        not_in_future=True,
    )


class AvailabilityForm(GovUKForm):
    submit_label = gettext_lazy("Save")
    regions = forms.MultipleChoiceField(
        label=gettext_lazy("Regions where you take reviews"),
        choices=REGIONS,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": gettext_lazy("Select the regions where you take reviews")},
    )
    availability = _radios(
        gettext_lazy("Availability"),
        Accreditation.Availability.choices,
        gettext_lazy("Select your availability"),
    )
    note = text_field(
        gettext_lazy("Note for boards (optional)"), "", required=False, max_length=300
    )


class MeetingForm(GovUKForm):
    submit_label = gettext_lazy("Add meeting")
    date = GovUKDateField(label=gettext_lazy("Date"), what=gettext_lazy("the date of the meeting"))
    title = text_field(gettext_lazy("Title"), gettext_lazy("Enter the title"))
    venue = text_field(gettext_lazy("Venue"), gettext_lazy("Enter the venue, or online"))


class CompetencyAreaForm(GovUKForm):
    submit_label = gettext_lazy("Add competency area")
    name = text_field(gettext_lazy("Competency area"), gettext_lazy("Enter the competency area"))
    description = long_text_field(gettext_lazy("What it covers"), required=False, rows=3)


class ProposeForm(GovUKForm):
    submit_label = gettext_lazy("Continue to the appointment")

    def __init__(self, *args, reviews, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["review"] = forms.ModelChoiceField(
            label=gettext_lazy("Which review do you propose them for?"),
            queryset=reviews,
            widget=forms.RadioSelect,
            error_messages={"required": gettext_lazy("Select the review")},
        )
        self.fields["review"].label_from_instance = lambda review: (
            _("%(reference)s, %(board)s: %(type)s (%(stage)s)")
            % {
                "reference": review.incident.reference,
                "board": review.board.name,
                "type": review.get_review_type_display(),
                "stage": review.stage_title.lower(),
            }
        )


class ExistingAccreditationForm(GovUKForm):
    submit_label = gettext_lazy("Record the accreditation")
    name = text_field(
        gettext_lazy("Full name"),
        "",
        required=False,
        help_text=gettext_lazy("If they have no account yet."),
    )
    email = email_field()
    accredited_on = GovUKDateField(
        label=gettext_lazy("Accredited on"),
        what=gettext_lazy("the date of the accreditation"),
        not_in_future=True,
    )
