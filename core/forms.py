"""The GOV.UK base form and the sign-in and password forms built on it."""

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Submit
from django import forms
from django.contrib.auth import forms as auth_forms

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
