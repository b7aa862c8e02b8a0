"""The GOV.UK base form and the sign-in and password forms built on it."""

import datetime as dt

from crispy_forms_gds.fields import DateInputField
from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Layout, Submit
from django import forms
from django.contrib.auth import forms as auth_forms
from django.core.exceptions import ValidationError

# crispy-forms-gds only marks text inputs, selects and textareas as in error; these get the
# GOV.UK error border from the base form instead.
_UNMARKED_INPUTS = (forms.EmailInput, forms.PasswordInput, forms.NumberInput)


class GovUKFormMixin:
    """GOV.UK rendering: crispy-forms-gds fields, one submit button, no browser validation.

    The page template shows the error summary above the heading (`core/form_page.html`);
    inline errors come from the field templates.
    """

    submit_label = "Continue"
    # GOV.UK pages validate on the server and show the error summary, not browser pop-ups.
    use_required_attribute = False

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.attrs = {"novalidate": ""}
        self.helper.add_input(Submit("submit", self.submit_label))

    def full_clean(self):
        super().full_clean()
        for name in self.errors:
            field = self.fields.get(name)
            if field is not None and isinstance(field.widget, _UNMARKED_INPUTS):
                css = field.widget.attrs.get("class", "")
                if "govuk-input--error" not in css:
                    field.widget.attrs["class"] = f"{css} govuk-input--error".strip()


class GovUKForm(GovUKFormMixin, forms.Form):
    pass


class GovUKModelForm(GovUKFormMixin, forms.ModelForm):
    pass


def email_field(label="Email address", **kwargs):
    return forms.EmailField(
        label=label,
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
        error_messages={
            "required": "Enter an email address",
            "invalid": "Enter an email address in the correct format, like name@example.com",
        },
        **kwargs,
    )


def text_field(label, required_message, *, max_length=200, **kwargs):
    return forms.CharField(
        label=label,
        max_length=max_length,
        error_messages={
            "required": required_message,
            "max_length": f"Enter no more than {max_length} characters",
        },
        **kwargs,
    )


def long_text_field(label, required_message="", *, rows=5, **kwargs):
    return forms.CharField(
        label=label,
        widget=forms.Textarea(attrs={"rows": rows}),
        error_messages={"required": required_message},
        **kwargs,
    )


def radio_field(label, choices, required_message, **kwargs):
    return forms.ChoiceField(
        label=label,
        choices=choices,
        widget=forms.RadioSelect,
        error_messages={"required": required_message},
        **kwargs,
    )


class WholeNumberField(forms.IntegerField):
    """A whole number in a GOV.UK text input (`inputmode="numeric"`, not type="number")."""

    def __init__(self, *, what: str, **kwargs):
        kwargs.setdefault(
            "widget", forms.TextInput(attrs={"inputmode": "numeric", "spellcheck": "false"})
        )
        super().__init__(**kwargs)
        self.error_messages.update(
            {
                "required": f"Enter {what}",
                "invalid": f"Enter {what} as a whole number, like 12",
                "min_value": f"Enter {what} of %(limit_value)s or more",
                "max_value": f"Enter {what} of %(limit_value)s or less",
            }
        )
        self.widget.attrs.setdefault("class", "govuk-input govuk-input--width-5")


class SignInForm(GovUKFormMixin, auth_forms.AuthenticationForm):
    submit_label = "Sign in"
    error_messages = {
        "invalid_login": "Enter a correct email address and password",
        "inactive": "This account has been disabled",
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"] = email_field()
        self.fields["password"].label = "Password"
        self.fields["password"].error_messages["required"] = "Enter your password"


class PasswordResetForm(GovUKFormMixin, auth_forms.PasswordResetForm):
    submit_label = "Send the link"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"] = email_field()


class SetPasswordForm(GovUKFormMixin, auth_forms.SetPasswordForm):
    submit_label = "Save password"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["new_password1"].label = "New password"
        self.fields[
            "new_password1"
        ].help_text = "At least 12 characters. Not a common password, and not only numbers."
        self.fields["new_password1"].error_messages["required"] = "Enter a new password"
        self.fields["new_password2"].label = "Confirm the new password"
        self.fields["new_password2"].help_text = ""
        self.fields["new_password2"].error_messages["required"] = "Enter the new password again"


# Dates people enter: a year outside these is a typing error (and would overflow date sums).
EARLIEST_YEAR, LATEST_YEAR = 1900, 2100


class GovUKDateField(DateInputField):
    """The GOV.UK date input (day, month, year) with messages that name the date.

    `what` completes the messages, like "the date of the incident".
    """

    def __init__(self, *, what: str, **kwargs):
        self.what = what
        # Name the missing part ("must include a month") rather than the whole date.
        kwargs.setdefault("require_all_fields", False)
        super().__init__(**kwargs)
        self.error_messages["required"] = f"Enter {what}"
        self.error_messages["incomplete"] = f"Enter {what}, with a day, month and year"
        for subfield, part in zip(self.fields, ("day", "month", "year"), strict=True):
            subfield.error_messages["incomplete"] = (
                f"{what[0].upper()}{what[1:]} must include a {part}"
            )
            subfield.validators = []

    def compress(self, data_list):
        day, month, year = data_list
        if not (day and month and year):
            return None
        try:
            year_number = int(year)
            if not EARLIEST_YEAR <= year_number <= LATEST_YEAR:
                raise ValueError
            return dt.date(year_number, int(month), int(day))
        except ValueError as error:
            raise ValidationError(
                f"{self.what[0].upper()}{self.what[1:]} must be a real date, like 27 3 2026",
                code="invalid",
            ) from error


class SecurityCodeForm(GovUKForm):
    """The second step of signing in: a code from the authenticator app or a recovery code."""

    submit_label = "Continue"
    otp_token = forms.CharField(
        label="Security code",
        help_text=(
            "The 6-digit code your authenticator app shows now, or one of your recovery codes."
        ),
        max_length=32,
        error_messages={"required": "Enter the security code"},
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "spellcheck": "false",
                "autocapitalize": "none",
                "class": "govuk-input govuk-input--width-10",
            }
        ),
    )


class AuthenticatorCodeForm(SecurityCodeForm):
    """Setting up an authenticator: the code it shows proves it holds the key."""

    submit_label = "Confirm"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["otp_token"].label = "Code from the app"
        self.fields["otp_token"].help_text = "The 6-digit code the app shows for this service."
        self.fields["otp_token"].error_messages["required"] = "Enter the code from the app"


class SecurityChangeForm(SecurityCodeForm):
    """Sign-in security: a current code (from the app, or a recovery code) before the way the
    person signs in changes, so that an unattended session cannot change it. The page's two
    buttons say which change (`change`)."""

    AUTHENTICATOR = "authenticator"
    RECOVERY_CODES = "recovery_codes"

    change = forms.ChoiceField(
        choices=[(AUTHENTICATOR, AUTHENTICATOR), (RECOVERY_CODES, RECOVERY_CODES)],
        widget=forms.HiddenInput,
        error_messages={
            "required": "Choose what to change",
            "invalid_choice": "Choose what to change",
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper.form_tag = False
        # The code only: the page's own buttons, one per change, send `change`.
        self.helper.layout = Layout("otp_token")
        self.helper.inputs = []
        field = self.fields["otp_token"]
        field.label = "Security code"
        field.help_text = (
            "The 6-digit code your authenticator app shows now, or one of your recovery codes."
        )


class WithdrawForm(GovUKForm):
    """The reason for withdrawing a record: kept in its history with who and when."""

    submit_label = "Withdraw"

    reason = long_text_field(
        "Why are you withdrawing it?",
        "Enter why you are withdrawing it",
        rows=3,
        max_length=2000,
        help_text="Kept in the record's history with your name and the date. Use roles and "
        "the case reference, never a real name.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The page (templates/confirm_withdraw.html) holds the form, its warning button and
        # the link back that changes nothing, as the GOV.UK pattern has them side by side.
        self.helper.form_tag = False
        self.helper.inputs = []


def editing(form_class):
    """`form_class` for changing a record rather than adding one: the same questions, and a
    button that says so."""
    return type(f"{form_class.__name__}ForChange", (form_class,), {"submit_label": "Save changes"})
