"""Shared view machinery, the site-wide pages and the sign-in pages."""

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.views.generic import FormView, TemplateView

from core import forms, permissions, selectors
from reminders import selectors as reminder_selectors


class PolicyMixin:
    """Applies the URL's entry in `core.permissions.URL_POLICY` before the view runs.

    Signed-out users are sent to sign in. Views of one board's objects override
    `get_policy_object` to load the object through `permissions.get_visible_or_404`, so
    outsiders get 404 before any rule is tested.
    """

    def dispatch(self, request, *args, **kwargs):
        if not permissions.is_signed_in(request.user):
            return redirect_to_login(request.get_full_path())
        if not permissions.allows(request, self.get_policy_object()):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_policy_object(self):
        return None


class ServiceStatusView(PolicyMixin, TemplateView):
    template_name = "core/service_status.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            heartbeat=selectors.heartbeat_status(),
            emails=reminder_selectors.email_counts(),
            failed_emails=reminder_selectors.failed_emails(limit=50),
            **kwargs,
        )


class SignInView(auth_views.LoginView):
    form_class = forms.SignInForm
    template_name = "registration/sign_in.html"
    redirect_authenticated_user = True


class PasswordResetView(auth_views.PasswordResetView):
    form_class = forms.PasswordResetForm
    template_name = "registration/password_reset.html"
    email_template_name = "registration/password_reset_email.txt"
    subject_template_name = "registration/password_reset_subject.txt"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    form_class = forms.SetPasswordForm
    template_name = "registration/password_reset_confirm.html"


def add_service_error(form, error: ValidationError) -> None:
    """Put a service's error on the form: on the field it names if the form has that field,
    else above the fields (a service names its own arguments, not always the form's)."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for field, errors in error.message_dict.items():
        form.add_error(field if field in form.fields else None, errors)


class ServiceFormView(PolicyMixin, FormView):
    """A form page whose valid data goes to one service function.

    A `ValidationError` from the service lands on the form's fields (or above them), so the
    page shows the GOV.UK error summary and keeps what the user typed; nothing is saved.
    """

    template_name = "form_page.html"
    success_message = ""

    def perform(self, form):
        raise NotImplementedError

    def form_valid(self, form):
        try:
            self.result = self.perform(form)
        except ValidationError as error:
            add_service_error(form, error)
            return self.form_invalid(form)
        message = self.get_success_message(self.result)
        if message:
            messages.success(self.request, message)
        return super().form_valid(form)

    def get_success_message(self, result) -> str:
        return self.success_message.format(result=result)
