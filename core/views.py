"""Shared view machinery, the site-wide pages and the sign-in pages."""

import base64
import io
from urllib.parse import urlencode

import django_otp
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.views import RedirectURLMixin, redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import JsonResponse
from django.shortcuts import redirect, resolve_url
from django.views import View
from django.views.generic import FormView, TemplateView
from django_otp.qr import write_qrcode_image

from core import forms, middleware, permissions, selectors, services
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


class ServiceStatusView(PolicyMixin, TemplateView):
    template_name = "core/service_status.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            heartbeat=selectors.heartbeat_status(),
            emails=reminder_selectors.email_counts(),
            failed_emails=reminder_selectors.failed_emails(limit=50),
            in_flight_emails=reminder_selectors.in_flight_emails(limit=50),
            **kwargs,
        )


class SignInView(auth_views.LoginView):
    """The first step of signing in: the password. The second, a security code, follows."""

    form_class = forms.SignInForm
    template_name = "registration/sign_in.html"
    redirect_authenticated_user = True

    def get_success_url(self):
        return middleware.second_factor_url(self.request.user, super().get_success_url())

    def get_context_data(self, **kwargs):
        return super().get_context_data(timed_out="timed_out" in self.request.GET, **kwargs)


class _SecondFactorStep(RedirectURLMixin, ServiceFormView):
    """A page that finishes signing in, then sends the user on to the page they asked for."""

    def get_default_redirect_url(self):
        return resolve_url(settings.LOGIN_REDIRECT_URL)

    def verified(self, device):
        django_otp.login(self.request, device)
        # A new session key once the session is trusted with case data (no fixation).
        self.request.session.cycle_key()


class SecurityCodeView(_SecondFactorStep):
    form_class = forms.SecurityCodeForm
    template_name = "registration/security_code.html"

    def get(self, request, *args, **kwargs):
        if request.user.is_verified():
            return redirect(self.get_success_url())
        if not selectors.has_authenticator(request.user):
            return redirect(middleware.second_factor_url(request.user, self.get_success_url()))
        return super().get(request, *args, **kwargs)

    def perform(self, form):
        user = self.request.user
        device = services.second_factor_check(user=user, code=form.cleaned_data["otp_token"])
        self.verified(device)
        return device

    def get_success_message(self, device):
        if not device.persistent_id.startswith("otp_static."):
            return ""
        left = selectors.recovery_codes_left(self.request.user)
        return (
            f"You used a recovery code. You have {left} left: make new ones on the sign-in "
            "security page if you are running out."
        )


class AuthenticatorSetUpView(_SecondFactorStep):
    """Set up an authenticator app: the first time, or to replace one (once signed in fully).

    A session that has only given a password may not replace an authenticator that exists:
    that would let a stolen password through without the second factor.
    """

    form_class = forms.AuthenticatorCodeForm
    template_name = "registration/set_up_authenticator.html"
    success_message = "Your authenticator app is set up"
    PENDING = "pending_authenticator"

    def dispatch(self, request, *args, **kwargs):
        user = request.user
        if user.is_authenticated and not user.is_verified() and selectors.has_authenticator(user):
            return redirect(middleware.second_factor_url(user, self.get_success_url()))
        return super().dispatch(request, *args, **kwargs)

    def pending_device(self):
        session = self.request.session
        device = services.authenticator_start(
            user=self.request.user, device_id=session.get(self.PENDING)
        )
        session[self.PENDING] = str(device.pk)
        return device

    def get_context_data(self, **kwargs):
        device = self.pending_device()
        return super().get_context_data(
            qr_code=_qr_data_uri(device.config_url),
            secret_key=_grouped(base64.b32encode(device.bin_key).decode()),
            **kwargs,
        )

    def perform(self, form):
        device = self.pending_device()
        codes = services.authenticator_confirm(
            user=self.request.user, device=device, code=form.cleaned_data["otp_token"]
        )
        del self.request.session[self.PENDING]
        self.verified(device)
        self.request.session[RecoveryCodesView.NEW_CODES] = codes
        return device

    def get_success_url(self):
        if not hasattr(self, "result"):
            return super().get_success_url()
        # The recovery codes first, shown once; then on to where the user was going.
        next_query = urlencode({"next": super().get_success_url()})
        return f"{resolve_url('account_security')}?{next_query}"


class RecoveryCodesView(PolicyMixin, RedirectURLMixin, TemplateView):
    """Sign-in security: the authenticator app, and the recovery codes (shown once, when made)."""

    template_name = "core/account_security.html"
    NEW_CODES = "new_recovery_codes"

    def get_context_data(self, **kwargs):
        user = self.request.user
        return super().get_context_data(
            new_codes=self.request.session.pop(self.NEW_CODES, None),
            codes_left=selectors.recovery_codes_left(user),
            has_authenticator=selectors.has_authenticator(user),
            next_url=self.get_redirect_url(),
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        request.session[self.NEW_CODES] = services.recovery_codes_replace(user=request.user)
        messages.success(request, "You have new recovery codes. The old ones no longer work")
        return redirect("account_security")


class KeepAliveView(PolicyMixin, View):
    """The timeout warning asks how long the session has left (GET, which is not activity), or
    keeps it ("Stay signed in": POST, which restarts the idle clock)."""

    def get(self, request, *args, **kwargs):
        return JsonResponse({"seconds_left": middleware.seconds_left(request.session)})

    def post(self, request, *args, **kwargs):
        middleware.mark_active(request.session)
        return self.get(request, *args, **kwargs)


def _qr_data_uri(text: str) -> str:
    buffer = io.BytesIO()
    write_qrcode_image(text, buffer)  # django-otp's own: an SVG, made with qrcode
    return "data:image/svg+xml;base64," + base64.b64encode(buffer.getvalue()).decode()


def _grouped(key: str) -> str:
    return " ".join(key[i : i + 4] for i in range(0, len(key), 4))


class PasswordResetView(auth_views.PasswordResetView):
    form_class = forms.PasswordResetForm
    template_name = "registration/password_reset.html"
    email_template_name = "registration/password_reset_email.txt"
    subject_template_name = "registration/password_reset_subject.txt"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    form_class = forms.SetPasswordForm
    template_name = "registration/password_reset_confirm.html"
