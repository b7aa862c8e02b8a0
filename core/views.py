"""Shared view machinery, the site-wide pages and the sign-in pages."""

import base64
import io
import time
from urllib.parse import urlencode

import django_otp
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.views import RedirectURLMixin, redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import JsonResponse
from django.shortcuts import redirect, render, resolve_url
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views import View
from django.views.generic import FormView, TemplateView
from django_otp.qr import write_qrcode_image

from core import forms, health, middleware, permissions, selectors, services
from core.models import RecoveryCodeDevice


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

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        if issubclass(self.get_form_class(), forms.UploadForm):
            kwargs["upload_too_big"] = getattr(self.request, "upload_too_big", False)
        return kwargs

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
        if not isinstance(device, RecoveryCodeDevice):
            return ""
        left = selectors.recovery_codes_left(self.request.user)
        return ngettext(
            "You used a recovery code. You have %(left)s left: make new ones on the sign-in "
            "security page if you are running out.",
            "You used a recovery code. You have %(left)s left: make new ones on the sign-in "
            "security page if you are running out.",
            left,
        ) % {"left": left}


# A signed-in person who has given a current code on the Sign-in security page may set up a
# new authenticator for this long (docs/security.md).
REPLACE_AUTHENTICATOR = "replace_authenticator_until"
REPLACE_AUTHENTICATOR_SECONDS = 10 * 60


def _may_replace_authenticator(session) -> bool:
    return session.get(REPLACE_AUTHENTICATOR, 0) > time.time()


class AuthenticatorSetUpView(_SecondFactorStep):
    """Set up an authenticator app: the first time, or to replace one.

    Replacing an authenticator that exists needs a current code given on the Sign-in security
    page just before; a session that has given only a password is sent to enter a code first.
    Either way a stolen password, or an unattended session, cannot swap the second factor.
    """

    form_class = forms.AuthenticatorCodeForm
    template_name = "registration/set_up_authenticator.html"
    success_message = gettext_lazy("Your authenticator app is set up")
    PENDING = "pending_authenticator"

    def dispatch(self, request, *args, **kwargs):
        user = request.user
        if user.is_authenticated and selectors.has_authenticator(user):
            if not user.is_verified():
                return redirect(middleware.second_factor_url(user, self.get_success_url()))
            if not _may_replace_authenticator(request.session):
                messages.error(
                    request,
                    _(
                        "Enter a security code from your authenticator app, or a recovery code, "
                        "to set up a new authenticator app"
                    ),
                )
                return redirect("account_security")
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
        session = self.request.session
        del session[self.PENDING]
        session.pop(REPLACE_AUTHENTICATOR, None)
        self.verified(device)
        return codes

    def form_valid(self, form):
        try:
            codes = self.perform(form)
        except ValidationError as error:
            add_service_error(form, error)
            return self.form_invalid(form)
        messages.success(self.request, self.success_message)
        # The recovery codes, shown once (never kept in the session); then on to where the
        # user was going.
        return _recovery_codes_page(self.request, codes, next_url=self.get_success_url())


def _recovery_codes_page(request, codes, *, next_url):
    return render(request, "core/recovery_codes.html", {"codes": codes, "next_url": next_url})


class AccountSecurityView(PolicyMixin, FormView):
    """Sign-in security: the authenticator app, the recovery codes, the API tokens that act as
    the user. Changing the first two asks for a current code."""

    template_name = "core/account_security.html"
    form_class = forms.SecurityChangeForm

    def get_context_data(self, **kwargs):
        user = self.request.user
        return super().get_context_data(
            codes_left=selectors.recovery_codes_left(user),
            has_authenticator=selectors.has_authenticator(user),
            api_tokens=selectors.api_token_list_for_holder(user=user),
            token_lifetime_days=settings.API_TOKEN_LIFETIME_DAYS,
            **kwargs,
        )

    def form_valid(self, form):
        user = self.request.user
        code = form.cleaned_data["otp_token"]
        try:
            if form.cleaned_data["change"] == form.RECOVERY_CODES:
                codes = services.recovery_codes_replace(user=user, code=code)
            else:
                services.second_factor_check(
                    user=user, code=code, purpose=services.NEW_AUTHENTICATOR
                )
        except ValidationError as error:
            add_service_error(form, error)
            return self.form_invalid(form)
        if form.cleaned_data["change"] == form.RECOVERY_CODES:
            messages.success(
                self.request, _("You have new recovery codes. The old ones no longer work")
            )
            return _recovery_codes_page(self.request, codes, next_url=reverse("account_security"))
        self.request.session[REPLACE_AUTHENTICATOR] = (
            int(time.time()) + REPLACE_AUTHENTICATOR_SECONDS
        )
        next_query = urlencode({"next": reverse("account_security")})
        return redirect(f"{reverse('mfa_setup')}?{next_query}")


class ApiTokenRevokeView(PolicyMixin, TemplateView):
    """Revoke one of the user's own API tokens, after a confirmation page."""

    template_name = "core/api_token_revoke.html"

    def get_policy_object(self):
        self.token = selectors.api_token_get_own(
            user=self.request.user, token_id=self.kwargs["token_id"]
        )
        return None

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            token=self.token, cancel_url=reverse("account_security"), **kwargs
        )

    def post(self, request, *args, **kwargs):
        services.api_token_revoke(actor=request.user, token=self.token)
        messages.success(
            request, _("API token revoked: %(purpose)s") % {"purpose": self.token.purpose}
        )
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


class WithdrawView(ServiceFormView):
    """The confirmation page of a withdrawal: the record, what follows, the reason.

    Subclasses name the record (`what`, like "the chronology entry"), say what follows
    (`consequences`), show it (`summary`) and call their app's withdraw service in `perform`.
    """

    form_class = forms.WithdrawForm
    template_name = "confirm_withdraw.html"
    what = gettext_lazy("this record")
    consequences: tuple[str, ...] = ()

    def summary(self) -> list[tuple[str, str]]:
        return []

    def get_cancel_url(self) -> str:
        return self.get_success_url()

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            page_title=_("Withdraw %(what)s?") % {"what": self.what},
            button_label=_("Withdraw %(what)s") % {"what": self.what},
            summary=self.summary(),
            consequences=self.consequences,
            cancel_url=self.get_cancel_url(),
            **kwargs,
        )

    def get_success_message(self, result) -> str:
        return forms.sentence(_("%(what)s has been withdrawn") % {"what": self.what})


def withdrawn_listed(records, label) -> list[tuple[str, object]]:
    """`withdrawn_rows` of records already read (with `all_objects`), newest first."""
    withdrawn = [record for record in records if record.is_withdrawn]
    withdrawn.sort(key=lambda record: record.withdrawn_at, reverse=True)
    return [(label(record), record) for record in withdrawn]


def withdrawn_rows(queryset, label) -> list[tuple[str, object]]:
    """(label, record) for each withdrawn record of `queryset` (read with `all_objects`),
    newest first, for templates/includes/withdrawn.html."""
    records = queryset.filter(withdrawn_at__isnull=False).select_related("withdrawn_by")
    return [(label(record), record) for record in records.order_by("-withdrawn_at")]


class LanguageView(View):
    """The language switcher in the header (every page, signed in or not): POST a language;
    it is kept on the device (a cookie) and, for someone signed in, on their account; back to
    the page they were on."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        try:
            language = services.language_choose(
                actor=request.user, language=request.POST.get("language", "")
            )
        except ValidationError:
            return redirect("home")
        back = request.POST.get("next", "")
        if not url_has_allowed_host_and_scheme(
            back, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        ):
            back = reverse("home")
        response = redirect(back)
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME,
            language,
            max_age=365 * 24 * 60 * 60,
            secure=settings.SESSION_COOKIE_SECURE or request.is_secure(),
            httponly=True,
            samesite="Lax",
        )
        return response


class LivenessView(View):
    """`/healthz`: the process answers. Reads nothing (docs/deploy.md)."""

    def get(self, request, *args, **kwargs):
        return JsonResponse({"status": health.OK})


class ReadinessView(View):
    """`/readyz`: each check, and 503 if one fails (core/health.py). Names no host, setting or
    error: a failed check says only its name."""

    def get(self, request, *args, **kwargs):
        checks = health.readiness()
        ready = all(result == health.OK for result in checks.values())
        return JsonResponse(
            {"status": health.OK if ready else health.FAILING, "checks": checks},
            status=200 if ready else 503,
        )
