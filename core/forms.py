"""The GOV.UK base form and the sign-in and password forms built on it."""

import datetime as dt
import re

from crispy_forms_gds.fields import DateInputField
from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Layout, Submit
from django import forms
from django.contrib.auth import forms as auth_forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.utils import timezone
from django.utils.functional import lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core import limits
from core.emails import in_language_of

# crispy-forms-gds only marks text inputs, selects and textareas as in error; these get the
# GOV.UK error border from the base form instead.
_UNMARKED_INPUTS = (forms.EmailInput, forms.PasswordInput, forms.NumberInput)

# Text pasted from a word processor carries invisible control characters: Word's manual line
# break is a vertical tab, a page break a form feed. Line breaks of any kind become a newline;
# the other control characters (never typed, never seen) are dropped. Tab, newline and carriage
# return stay. A NUL never gets here: core.request_guard.BadInputMiddleware refuses it.
_LINE_BREAKS = re.compile(r"[\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")
_INVISIBLE = re.compile(r"[\x00-\x08\x0e-\x1b\x1f\x7f]")
_TRAILING_ASIDE = re.compile(r"\s*\([^()]*\)$")


def clean_text(value: str, *, one_line: bool = False) -> str:
    """The text without invisible control characters; a line break of any kind is a newline,
    or a space in a one-line answer."""
    return _INVISIBLE.sub("", _LINE_BREAKS.sub(" " if one_line else "\n", value))


def sentence(text) -> str:
    """`text` with a capital first letter: a message that starts with a name ("the date of the
    incident must…") starts a sentence."""
    text = str(text)
    return text[:1].upper() + text[1:]


def _message(text, **names) -> str:
    """`text` (translated when read) with `names` put in, as a sentence."""
    return sentence(str(text) % {name: str(value) for name, value in names.items()})


# A message made when a form class is defined, translated each time it is shown: in the
# language of the page that shows it.
lazy_message = lazy(_message, str)


def field_name(field: forms.Field) -> str:
    """How a message names the field: its label without an aside like "(optional)"; a question
    is named as the answer to it."""
    label = _TRAILING_ASIDE.sub("", str(field.label or "")).strip()
    if not label:
        return _("The answer")
    if label.endswith("?"):
        return _("The answer to “%(question)s”") % {"question": label}
    return label[0].upper() + label[1:]


def too_long_message(field: forms.Field, limit: int) -> str:
    # GOV.UK's wording for a text input or character count over its limit. The validator's
    # parameters are %-formatted into the message, so a "%" in a label must be doubled.
    return (
        _("%(field)s must be %(limit)s characters or less")
        % {"field": field_name(field), "limit": f"{limit:,}"}
    ).replace("%", "%%")


def bound_text(field: forms.Field) -> None:
    """Give a text field its limit (`core.limits`), refused on the server with a message that
    names the field, and said on the page (a GOV.UK character count for a text box). The
    browser is never told `maxlength`: it would cut pasted text without a word."""
    if not isinstance(field, forms.CharField):
        return
    widget = field.widget
    widget.attrs.pop("maxlength", None)
    if widget.is_hidden:
        return
    textarea = isinstance(widget, forms.Textarea)
    if field.max_length is None:
        field.max_length = limits.LONG_TEXT if textarea else limits.SHORT_TEXT
        field.validators.append(MaxLengthValidator(field.max_length))
    # Again each time: forms change labels after __init__ (the password forms).
    field.error_messages["max_length"] = too_long_message(field, field.max_length)
    if textarea:
        # crispy-forms-gds links the count's message to the text box by this class (and
        # expects aria-describedby to be there already).
        css = widget.attrs.get("class", "")
        if "govuk-js-character-count" not in css:
            widget.attrs["class"] = f"{css} govuk-js-character-count".strip()
        widget.attrs.setdefault("aria-describedby", "")


class GovUKFormMixin:
    """GOV.UK rendering: crispy-forms-gds fields, one submit button, no browser validation.

    The page template shows the error summary above the heading (`core/form_page.html`);
    inline errors come from the field templates.
    """

    submit_label = gettext_lazy("Continue")
    # GOV.UK pages validate on the server and show the error summary, not browser pop-ups.
    use_required_attribute = False

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.attrs = {"novalidate": ""}
        self.helper.add_input(Submit("submit", self.submit_label))
        self.bound_text_fields()

    def bound_text_fields(self):
        # Run again when the form is cleaned or a field rendered: forms add fields after calling
        # __init__ (a cohort's questions, the contributory factors).
        for field in self.fields.values():
            bound_text(field)

    def __getitem__(self, name):
        self.bound_text_fields()
        return super().__getitem__(name)

    def full_clean(self):
        self.bound_text_fields()
        super().full_clean()
        for name, value in getattr(self, "cleaned_data", {}).items():
            field = self.fields.get(name)
            if (
                isinstance(value, str)
                and isinstance(field, forms.CharField)
                and not isinstance(field.widget, forms.PasswordInput)  # a password is as typed
            ):
                one_line = not isinstance(field.widget, forms.Textarea)
                self.cleaned_data[name] = clean_text(value, one_line=one_line)
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


_UPLOAD_A_FILE = gettext_lazy("Upload a file")
_EMAIL_ADDRESS = gettext_lazy("Email address")


def file_field(label=_UPLOAD_A_FILE, *, max_bytes: int, help_text="", **kwargs):
    """A file input that says its limit. `max_bytes` is the service's, which checks it."""
    field = forms.FileField(
        label=label,
        help_text=help_text
        or lazy_message(
            gettext_lazy("At most %(size)s MB."), size=f"{max_bytes / (1024 * 1024):g}"
        ),
        error_messages={
            "required": gettext_lazy("Select a file"),
            "empty": gettext_lazy("The selected file is empty"),
        },
        **kwargs,
    )
    field.max_bytes = max_bytes
    return field


class UploadForm(GovUKForm):
    """A form with file inputs. A file past the limit of any upload is not read at all
    (core.uploads.SizeLimitedUploadHandler): the form then says the field's own limit rather
    than "Select a file"."""

    def __init__(self, *args, upload_too_big: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.upload_too_big = upload_too_big
        self.helper.form_enctype = "multipart/form-data"

    def clean(self):
        if self.upload_too_big:
            for name, field in self.fields.items():
                if isinstance(field, forms.FileField) and not self.files.get(name):
                    self.errors.pop(name, None)
                    limit = f"{field.max_bytes / (1024 * 1024):g} MB"
                    self.add_error(
                        name,
                        _("The selected file must be smaller than %(limit)s") % {"limit": limit},
                    )
        return super().clean()


def email_field(label=_EMAIL_ADDRESS, **kwargs):
    return forms.EmailField(
        label=label,
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
        error_messages={
            "required": gettext_lazy("Enter an email address"),
            "invalid": gettext_lazy(
                "Enter an email address in the correct format, like name@example.com"
            ),
        },
        **kwargs,
    )


def text_field(label, required_message, *, max_length=limits.SHORT_TEXT, **kwargs):
    """A text input. The base form refuses more than `max_length` characters, naming the field."""
    return forms.CharField(
        label=label, max_length=max_length, error_messages={"required": required_message}, **kwargs
    )


def long_text_field(label, required_message="", *, rows=5, max_length=limits.LONG_TEXT, **kwargs):
    """A text box with a GOV.UK character count of `max_length`."""
    return forms.CharField(
        label=label,
        max_length=max_length,
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
        # The limit is put in by the validator when the message is shown.
        limit = {"limit_value": "%(limit_value)s"}
        self.error_messages.update(
            {
                "required": lazy_message(gettext_lazy("Enter %(what)s"), what=what),
                "invalid": lazy_message(
                    gettext_lazy("Enter %(what)s as a whole number, like 12"), what=what
                ),
                "min_value": lazy_message(
                    gettext_lazy("Enter %(what)s of %(limit_value)s or more"), what=what, **limit
                ),
                "max_value": lazy_message(
                    gettext_lazy("Enter %(what)s of %(limit_value)s or less"), what=what, **limit
                ),
            }
        )
        self.widget.attrs.setdefault("class", "govuk-input govuk-input--width-5")


class SignInForm(GovUKFormMixin, auth_forms.AuthenticationForm):
    submit_label = gettext_lazy("Sign in")
    error_messages = {
        "invalid_login": gettext_lazy("Enter a correct email address and password"),
        "inactive": gettext_lazy("This account has been disabled"),
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"] = email_field()
        self.fields["password"].label = _("Password")
        self.fields["password"].error_messages["required"] = _("Enter your password")


class PasswordResetForm(GovUKFormMixin, auth_forms.PasswordResetForm):
    submit_label = gettext_lazy("Send the link")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"] = email_field()

    def send_mail(self, subject_template_name, email_template_name, context, *args, **kwargs):
        # In the language the person chose for their account; else the one of the page where
        # the link was asked for.
        user = context.get("user")
        if user is None or not getattr(user, "language", ""):
            return super().send_mail(
                subject_template_name, email_template_name, context, *args, **kwargs
            )
        with in_language_of(user):
            return super().send_mail(
                subject_template_name, email_template_name, context, *args, **kwargs
            )


class SetPasswordForm(GovUKFormMixin, auth_forms.SetPasswordForm):
    submit_label = gettext_lazy("Save password")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["new_password1"].label = _("New password")
        self.fields["new_password1"].help_text = _(
            "At least 12 characters. Not a common password, and not only numbers."
        )
        self.fields["new_password1"].error_messages["required"] = _("Enter a new password")
        self.fields["new_password2"].label = _("Confirm the new password")
        self.fields["new_password2"].help_text = ""
        self.fields["new_password2"].error_messages["required"] = _("Enter the new password again")


# Dates people enter: a year outside these is a typing error (and would overflow date sums).
EARLIEST_YEAR, LATEST_YEAR = 1900, 2100


class GovUKDateField(DateInputField):
    """The GOV.UK date input (day, month, year) with messages that name the date.

    `what` completes the messages, like "the date of the incident".
    """

    def __init__(self, *, what: str, not_in_future: bool = False, **kwargs):
        self.what = what
        # Name the missing part ("must include a month") rather than the whole date.
        kwargs.setdefault("require_all_fields", False)
        super().__init__(**kwargs)
        if not_in_future:
            # Checked with the other fields, so that one page shows every error at once; the
            # service checks it again (core.validation.not_in_future).
            self.validators.append(self._not_in_future)
        self.error_messages["required"] = lazy_message(gettext_lazy("Enter %(what)s"), what=what)
        self.error_messages["incomplete"] = lazy_message(
            gettext_lazy("Enter %(what)s, with a day, month and year"), what=what
        )
        parts = (
            (gettext_lazy("Day"), gettext_lazy("%(what)s must include a day")),
            (gettext_lazy("Month"), gettext_lazy("%(what)s must include a month")),
            (gettext_lazy("Year"), gettext_lazy("%(what)s must include a year")),
        )
        for subfield, widget, (label, missing) in zip(
            self.fields, self.widget.widgets, parts, strict=True
        ):
            # The GOV.UK labels of the date's boxes, in this service's catalogue.
            widget.attrs["label"] = label
            subfield.error_messages["incomplete"] = lazy_message(missing, what=what)
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
                _message(_("%(what)s must be a real date, like 27 3 2026"), what=self.what),
                code="invalid",
            ) from error

    def _not_in_future(self, date):
        if date is not None and date > timezone.localdate():
            raise ValidationError(
                _message(_("%(what)s must be today or in the past"), what=self.what),
                code="future",
            )


class SecurityCodeForm(GovUKForm):
    """The second step of signing in: a code from the authenticator app or a recovery code."""

    submit_label = gettext_lazy("Continue")
    otp_token = forms.CharField(
        label=gettext_lazy("Security code"),
        help_text=gettext_lazy(
            "The 6-digit code your authenticator app shows now, or one of your recovery codes."
        ),
        max_length=32,
        error_messages={"required": gettext_lazy("Enter the security code")},
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

    submit_label = gettext_lazy("Confirm")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["otp_token"].label = _("Code from the app")
        self.fields["otp_token"].help_text = _("The 6-digit code the app shows for this service.")
        self.fields["otp_token"].error_messages["required"] = _("Enter the code from the app")


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
            "required": gettext_lazy("Choose what to change"),
            "invalid_choice": gettext_lazy("Choose what to change"),
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper.form_tag = False
        # The code only: the page's own buttons, one per change, send `change`.
        self.helper.layout = Layout("otp_token")
        self.helper.inputs = []
        field = self.fields["otp_token"]
        field.label = _("Security code")
        field.help_text = _(
            "The 6-digit code your authenticator app shows now, or one of your recovery codes."
        )


class WithdrawForm(GovUKForm):
    """The reason for withdrawing a record: kept in its history with who and when."""

    submit_label = gettext_lazy("Withdraw")

    reason = long_text_field(
        gettext_lazy("Why are you withdrawing it?"),
        gettext_lazy("Enter why you are withdrawing it"),
        rows=3,
        max_length=2000,
        help_text=gettext_lazy(
            "Kept in the record's history with your name and the date. Use roles and "
            "the case reference, never a real name."
        ),
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
    return type(
        f"{form_class.__name__}ForChange",
        (form_class,),
        {"submit_label": gettext_lazy("Save changes")},
    )
