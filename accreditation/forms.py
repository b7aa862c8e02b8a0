"""Forms of the accreditation pages. Each maps onto one service function's arguments."""

from decimal import Decimal, InvalidOperation

from django import forms
from django.conf import settings

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
    submit_label = "Add programme"
    name = text_field("Programme name", "Enter the programme's name")
    description = long_text_field("Description", required=False)


class CohortForm(GovUKForm):
    submit_label = "Add cohort"
    programme = forms.ModelChoiceField(
        label="Programme",
        queryset=Programme.objects.all(),
        empty_label="Select a programme",
        error_messages={"required": "Select the programme"},
    )
    name = text_field("Cohort name", "Enter the cohort's name", help_text="Like Spring 2027.")
    venue = text_field("Venue of the course", "Enter the venue")
    trainers = text_field("Trainers", "Enter who runs the course")
    places = WholeNumberField(what="the number of places", min_value=1, max_value=200)
    fee = forms.CharField(
        label="Fee per trainee, in pounds",
        help_text="Before VAT, like 3500.",
        widget=forms.TextInput(attrs={"inputmode": "decimal", "class": "govuk-input--width-10"}),
        error_messages={"required": "Enter the fee"},
    )
    vat_applies = forms.BooleanField(label="VAT is added to the fee", required=False)
    applications_open_on = GovUKDateField(
        label="Applications open", what="the date applications open"
    )
    applications_close_on = GovUKDateField(
        label="Closing date for applications", what="the closing date"
    )

    def clean_fee(self):
        raw = self.cleaned_data["fee"].replace(",", "").replace("£", "").strip()
        try:
            pounds = Decimal(raw)
        except InvalidOperation as error:
            raise forms.ValidationError("Enter the fee in pounds, like 3500") from error
        if not pounds.is_finite():  # "NaN" and "Infinity" parse as decimals
            raise forms.ValidationError("Enter the fee in pounds, like 3500")
        if pounds < 0 or pounds > 100_000:
            raise forms.ValidationError("Enter a fee between £0 and £100,000")
        return int(pounds * 100)

    def service_values(self) -> dict:
        values = dict(self.cleaned_data)
        values["fee_pence"] = values.pop("fee")
        return values


class CohortChangeForm(CohortForm):
    """The cohort's own facts; its programme stays."""

    submit_label = "Save changes"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["programme"]


class TrainingDayForm(GovUKForm):
    submit_label = "Add training day"
    date = GovUKDateField(label="Date", what="the date of the training day")
    block = _radios("Block", [(1, "First block"), (2, "Second block")], "Select the block")
    venue = text_field("Venue, if not the cohort's", "", required=False)


class QuestionForm(GovUKForm):
    submit_label = "Add question"
    text = long_text_field("Question", "Enter the question", rows=3)


class CriterionForm(GovUKForm):
    submit_label = "Add criterion"
    text = long_text_field("Selection criterion", "Enter the criterion", rows=3)
    max_score = WholeNumberField(what="the top score", min_value=1, max_value=10, initial=5)


class AccountRequestForm(GovUKForm):
    submit_label = "Send me the link"
    name = text_field("Full name", "Enter your full name")
    email = email_field()


class ApplicationForm(GovUKForm):
    """The cohort's questions, then the CV."""

    submit_label = "Send application"

    def __init__(self, *args, cohort, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = list(cohort.questions.all())
        for number, question in enumerate(self.questions, start=1):
            self.fields[f"answer_{question.pk}"] = long_text_field(
                f"Question {number}: {question.text}", f"Answer question {number}", rows=6
            )
        self.fields["cv"] = forms.FileField(
            label="Your CV",
            help_text=f"A PDF or Word document, smaller than {megabytes(settings.CV_MAX_BYTES)}.",
            error_messages={
                "required": "Select your CV",
                "empty": "The selected file is empty",
                "invalid": "Select your CV",
            },
        )

    def answers(self) -> dict:
        return {q.pk: self.cleaned_data.get(f"answer_{q.pk}", "") for q in self.questions}


class ScoreForm(GovUKForm):
    """The actor's score against each criterion of the cohort."""

    submit_label = "Save scores"

    def __init__(self, *args, criteria, **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = list(criteria)
        for number, criterion in enumerate(self.criteria, start=1):
            self.fields[f"score_{criterion.pk}"] = WholeNumberField(
                label=f"{criterion.text} (0 to {criterion.max_score})",
                what=f"the score for criterion {number}",
                min_value=0,
                max_value=criterion.max_score,
            )
            self.fields[f"note_{criterion.pk}"] = text_field(
                f"Note on criterion {number} (optional)", "", required=False, max_length=500
            )

    def scores(self) -> dict:
        return {
            c.pk: (self.cleaned_data[f"score_{c.pk}"], self.cleaned_data[f"note_{c.pk}"])
            for c in self.criteria
        }


class DecisionForm(GovUKForm):
    submit_label = "Send the decision"
    decision = _radios(
        "What is the decision?",
        [
            (Application.Status.OFFERED, "Offer a place"),
            (Application.Status.WAITING_LIST, "Put on the waiting list"),
            (Application.Status.DECLINED, "Decline"),
        ],
        "Select the decision",
    )
    message = long_text_field(
        "A message for the letter (optional)",
        required=False,
        help_text="It goes into the decision letter e-mailed to the applicant.",
    )


class AttendanceForm(GovUKForm):
    submit_label = "Save attendance"

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
    submit_label = "Save practice review"

    def __init__(self, *args, reviews, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["review"] = forms.ModelChoiceField(
            label="The review the trainee is appointed to as a trainee",
            queryset=reviews,
            widget=forms.RadioSelect,
            error_messages={"required": "Select the practice review"},
        )
        self.fields["review"].label_from_instance = lambda review: (
            f"{review.incident.reference}, {review.board.name} ({review.get_review_type_display()})"
        )


class SessionForm(GovUKForm):
    submit_label = "Add session"
    date = GovUKDateField(label="Date", what="the date of the session")
    title = text_field("Title", "Enter the title")
    venue = text_field("Venue", "Enter the venue, or online")
    capacity = WholeNumberField(what="the number of places", min_value=1, max_value=100)

    def __init__(self, *args, facilitators, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["facilitator"] = forms.ModelChoiceField(
            label="Facilitator",
            queryset=facilitators,
            empty_label="Select a member of staff",
            error_messages={"required": "Select the facilitator"},
        )


class IndividualSupervisionForm(GovUKForm):
    submit_label = "Log supervision"
    held_on = GovUKDateField(label="Date", what="the date of the supervision", not_in_future=True)
    hours = forms.DecimalField(
        label="Hours",
        max_digits=4,
        decimal_places=1,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "class": "govuk-input--width-4"}),
        error_messages={
            "required": "Enter the hours",
            "invalid": "Enter the hours as a number, like 1.5",
            "max_decimal_places": "Enter the hours to the half hour, like 1.5",
            "max_digits": "Enter the hours, from 0.5 to 12",
        },
    )
    notes = long_text_field("Notes (optional)", required=False)

    def __init__(self, *args, supervisors, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["supervisor"] = forms.ModelChoiceField(
            label="Supervisor",
            queryset=supervisors,
            empty_label="Select a member of staff",
            error_messages={"required": "Select the supervisor"},
        )


class EvidenceForm(GovUKForm):
    submit_label = "Add evidence"
    area = forms.ModelChoiceField(
        label="Competency area",
        queryset=CompetencyArea.objects.filter(active=True),
        widget=forms.RadioSelect,
        error_messages={"required": "Select the competency area"},
    )
    source = _radios("Where does it come from?", EvidenceItem.Source.choices, "Select the source")
    description = long_text_field("The evidence", "Describe the evidence")


class JudgementForm(GovUKForm):
    submit_label = "Save the judgement"
    outcome = _radios("Outcome (summative)", Assessment.Outcome.choices, "Select the outcome")
    summative_judgement = long_text_field("Overall judgement", "Give the overall judgement")
    strengths = long_text_field("Strengths (formative)", "Say what the trainee's strengths are")
    areas_to_work_on = long_text_field(
        "Areas to work on (formative)", "Say what the trainee should work on"
    )


class ModerationForm(GovUKForm):
    submit_label = "Save the moderation"
    agreed = _radios(
        "Do you agree with the judgement?",
        [("yes", "Yes: the outcome takes effect"), ("no", "No: the assessor judges again")],
        "Select whether you agree",
    )
    notes = long_text_field("Notes", required=False, help_text="Needed if you do not agree.")


class AnnualReviewForm(GovUKForm):
    submit_label = "Record the annual review"
    reviewed_on = GovUKDateField(
        label="Date of the review", what="the date of the review", not_in_future=True
    )
    outcome = _radios("Outcome", AnnualReview.Outcome.choices, "Select the outcome")
    notes = long_text_field("Notes", required=False)


class SuspendForm(GovUKForm):
    submit_label = "Suspend the accreditation"
    reason = long_text_field("Why is it suspended?", "Enter the reason for the suspension")


class ReinstateForm(GovUKForm):
    submit_label = "Reinstate"
    on = GovUKDateField(label="From", what="the date it is reinstated from", not_in_future=True)


class AvailabilityForm(GovUKForm):
    submit_label = "Save"
    regions = forms.MultipleChoiceField(
        label="Regions where you take reviews",
        choices=REGIONS,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Select the regions where you take reviews"},
    )
    availability = _radios(
        "Availability", Accreditation.Availability.choices, "Select your availability"
    )
    note = text_field("Note for boards (optional)", "", required=False, max_length=300)


class MeetingForm(GovUKForm):
    submit_label = "Add meeting"
    date = GovUKDateField(label="Date", what="the date of the meeting")
    title = text_field("Title", "Enter the title")
    venue = text_field("Venue", "Enter the venue, or online")


class CompetencyAreaForm(GovUKForm):
    submit_label = "Add competency area"
    name = text_field("Competency area", "Enter the competency area")
    description = long_text_field("What it covers", required=False, rows=3)


class ProposeForm(GovUKForm):
    submit_label = "Continue to the appointment"

    def __init__(self, *args, reviews, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["review"] = forms.ModelChoiceField(
            label="Which review do you propose them for?",
            queryset=reviews,
            widget=forms.RadioSelect,
            error_messages={"required": "Select the review"},
        )
        self.fields["review"].label_from_instance = lambda review: (
            f"{review.incident.reference}, {review.board.name}: {review.get_review_type_display()}"
            f" ({review.stage_title.lower()})"
        )


class ExistingAccreditationForm(GovUKForm):
    submit_label = "Record the accreditation"
    name = text_field("Full name", "", required=False, help_text="If they have no account yet.")
    email = email_field()
    accredited_on = GovUKDateField(
        label="Accredited on", what="the date of the accreditation", not_in_future=True
    )
