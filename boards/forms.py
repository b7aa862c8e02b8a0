from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

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
            "max_length": gettext_lazy("Enter no more than 200 characters"),
        },
        **kwargs,
    )


class BoardCreateForm(GovUKForm):
    submit_label = gettext_lazy("Create board")

    name = _name_field(gettext_lazy("Board name"), gettext_lazy("Enter the board's name"))
    kind = _radios(
        Board.Kind.choices,
        gettext_lazy("Who does the board safeguard?"),
        gettext_lazy("Select children or adults"),
    )
    nation = _radios(
        Board.Nation.choices, gettext_lazy("Nation"), gettext_lazy("Select England or Wales")
    )
    regime = _radios(
        Board.Regime.choices,
        gettext_lazy("Statutory regime"),
        gettext_lazy("Select the statutory regime the board works under"),
        help_text=gettext_lazy(
            "New cases follow this regime's deadlines. Earlier cases keep theirs."
        ),
    )
    language = _radios(
        Board.language.field.choices,
        gettext_lazy("Language of the board"),
        gettext_lazy("Select English or Cymraeg"),
        help_text=gettext_lazy(
            "E-mails about the board's cases are written in it to anyone who has not chosen "
            "their own language."
        ),
        required=False,
        initial="en-gb",
    )
    business_manager_name = _name_field(
        gettext_lazy("Business manager's full name"),
        gettext_lazy("Enter the business manager's full name"),
    )
    business_manager_email = email_field(
        gettext_lazy("Business manager's email address"),
        help_text=gettext_lazy("We will email them a link to set their password."),
    )


class BoardEditForm(GovUKForm):
    submit_label = gettext_lazy("Save board")

    name = BoardCreateForm.base_fields["name"]
    kind = BoardCreateForm.base_fields["kind"]
    nation = BoardCreateForm.base_fields["nation"]
    regime = _radios(
        Board.Regime.choices,
        gettext_lazy("Statutory regime"),
        gettext_lazy("Select the statutory regime the board works under"),
        help_text=gettext_lazy(
            "A new regime applies to incidents logged from now on. Incidents already "
            "logged keep the rules they were logged under."
        ),
    )
    language = BoardCreateForm.base_fields["language"]


class MemberAddForm(GovUKForm):
    submit_label = gettext_lazy("Add member")

    email = email_field(
        help_text=gettext_lazy("The person's work email address. They sign in with it.")
    )
    name = _name_field(
        gettext_lazy("Full name"),
        gettext_lazy("Enter the person's full name"),
        required=False,
        help_text=gettext_lazy("Needed only for someone new to the service."),
    )
    role = _radios(
        Membership.Role.choices, gettext_lazy("Role on this board"), gettext_lazy("Select a role")
    )


class AgencyForm(GovUKForm):
    submit_label = gettext_lazy("Save agency")

    name = _name_field(gettext_lazy("Agency name"), gettext_lazy("Enter the agency's name"))
    sector = forms.ChoiceField(
        label=gettext_lazy("Sector"),
        choices=[("", gettext_lazy("Select a sector")), *Agency.Sector.choices],
        error_messages={"required": gettext_lazy("Select the agency's sector")},
    )


class ApiTokenIssueForm(GovUKForm):
    """Issue an API token for a system of the board, acting as one of its members."""

    submit_label = gettext_lazy("Issue token")

    def __init__(self, *args, holders, lifetime_days: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["holder"] = forms.ModelChoiceField(
            label=_("Who the system acts as"),
            queryset=holders,
            empty_label=_("Select a member"),
            help_text=_(
                "The system gets this member's roles on this board, and nothing of any other "
                "board. Best: an account made for the system, added as a member with the least "
                "role it needs. Not yourself: tokens are for systems."
            ),
            error_messages={
                "required": _("Select who the system acts as"),
                "invalid_choice": _("Select a member of this board, other than yourself"),
            },
        )
        self.fields["holder"].label_from_instance = lambda user: f"{user.name} ({user.email})"
        self.fields["purpose"] = text_field(
            _("What the token is for"),
            _("Enter what the token is for"),
            max_length=API_TOKEN_PURPOSE_MAX,
            help_text=_("The system and what it does, like “Case system: nightly export”."),
        )
        self.fields["lifetime_days"] = WholeNumberField(
            what=_("the number of days the token works"),
            label=_("How many days it works"),
            min_value=1,
            max_value=lifetime_days,
            initial=lifetime_days,
            help_text=ngettext(
                "At most %(days)s day. Then it stops working: issue a new one.",
                "At most %(days)s days. Then it stops working: issue a new one.",
                lifetime_days,
            )
            % {"days": lifetime_days},
        )
