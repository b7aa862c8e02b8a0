from django import forms

from boards.models import Agency, Board, Membership
from core.forms import GovUKForm, WholeNumberField, email_field, text_field
from core.services import API_TOKEN_PURPOSE_MAX


def _radios(choices, label, required_message, **kwargs):
    return forms.ChoiceField(
        label=label,
        choices=choices,
        widget=forms.RadioSelect,
        error_messages={"required": required_message},
        **kwargs,
    )


def _name_field(label, required_message, **kwargs):
    return forms.CharField(
        label=label,
        max_length=200,
        error_messages={
            "required": required_message,
            "max_length": "Enter no more than 200 characters",
        },
        **kwargs,
    )


class BoardCreateForm(GovUKForm):
    submit_label = "Create board"

    name = _name_field("Board name", "Enter the board's name")
    kind = _radios(Board.Kind.choices, "Who does the board safeguard?", "Select children or adults")
    nation = _radios(Board.Nation.choices, "Nation", "Select England or Wales")
    regime = _radios(
        Board.Regime.choices,
        "Statutory regime",
        "Select the statutory regime the board works under",
        help_text="New cases follow this regime's deadlines. Earlier cases keep theirs.",
    )
    business_manager_name = _name_field(
        "Business manager's full name", "Enter the business manager's full name"
    )
    business_manager_email = email_field(
        "Business manager's email address",
        help_text="We will email them a link to set their password.",
    )


class BoardEditForm(GovUKForm):
    submit_label = "Save board"

    name = BoardCreateForm.base_fields["name"]
    kind = BoardCreateForm.base_fields["kind"]
    nation = BoardCreateForm.base_fields["nation"]
    regime = _radios(
        Board.Regime.choices,
        "Statutory regime",
        "Select the statutory regime the board works under",
        help_text="A new regime applies to incidents logged from now on. Incidents already "
        "logged keep the rules they were logged under.",
    )


class MemberAddForm(GovUKForm):
    submit_label = "Add member"

    email = email_field(help_text="The person's work email address. They sign in with it.")
    name = _name_field(
        "Full name",
        "Enter the person's full name",
        required=False,
        help_text="Needed only for someone new to the service.",
    )
    role = _radios(Membership.Role.choices, "Role on this board", "Select a role")


class AgencyForm(GovUKForm):
    submit_label = "Save agency"

    name = _name_field("Agency name", "Enter the agency's name")
    sector = forms.ChoiceField(
        label="Sector",
        choices=[("", "Select a sector"), *Agency.Sector.choices],
        error_messages={"required": "Select the agency's sector"},
    )


class ApiTokenIssueForm(GovUKForm):
    """Issue an API token for a system of the board, acting as one of its members."""

    submit_label = "Issue token"

    def __init__(self, *args, holders, lifetime_days: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["holder"] = forms.ModelChoiceField(
            label="Who the system acts as",
            queryset=holders,
            empty_label="Select a member",
            help_text=(
                "The system gets this member's roles on this board, and nothing of any other "
                "board. Best: an account made for the system, added as a member with the least "
                "role it needs. Not yourself: tokens are for systems."
            ),
            error_messages={
                "required": "Select who the system acts as",
                "invalid_choice": "Select a member of this board, other than yourself",
            },
        )
        self.fields["holder"].label_from_instance = lambda user: f"{user.name} ({user.email})"
        self.fields["purpose"] = text_field(
            "What the token is for",
            "Enter what the token is for",
            max_length=API_TOKEN_PURPOSE_MAX,
            help_text="The system and what it does, like “Case system: nightly export”.",
        )
        self.fields["lifetime_days"] = WholeNumberField(
            what="the number of days the token works",
            label="How many days it works",
            min_value=1,
            max_value=lifetime_days,
            initial=lifetime_days,
            help_text=f"At most {lifetime_days} days. Then it stops working: issue a new one.",
        )
