from django.contrib.auth import views as auth_views
from django.urls import path
from django.views.generic import TemplateView

from core import views

urlpatterns = [
    path("sign-in/", views.SignInView.as_view(), name="login"),
    path("sign-in/security-code/", views.SecurityCodeView.as_view(), name="mfa_verify"),
    path(
        "sign-in/set-up-authenticator/",
        views.AuthenticatorSetUpView.as_view(),
        name="mfa_setup",
    ),
    path("account/security/", views.AccountSecurityView.as_view(), name="account_security"),
    path(
        "account/security/api-tokens/<uuid:token_id>/revoke/",
        views.ApiTokenRevokeView.as_view(),
        name="account_api_token_revoke",
    ),
    path("session/keep-alive/", views.KeepAliveView.as_view(), name="session_keep_alive"),
    path("language/", views.LanguageView.as_view(), name="language"),
    # For a load balancer: the process answers; the instance can do its work (core/health.py).
    path("healthz", views.LivenessView.as_view(), name="healthz"),
    path("readyz", views.ReadinessView.as_view(), name="readyz"),
    path("sign-out/", auth_views.LogoutView.as_view(), name="logout"),
    path("password-reset/", views.PasswordResetView.as_view(), name="password_reset"),
    path(
        "password-reset/sent/",
        auth_views.PasswordResetDoneView.as_view(
            template_name="registration/password_reset_sent.html"
        ),
        name="password_reset_done",
    ),
    path(
        "password-reset/<uidb64>/<token>/",
        views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "password-reset/complete/",
        auth_views.PasswordResetCompleteView.as_view(
            template_name="registration/password_reset_complete.html"
        ),
        name="password_reset_complete",
    ),
    path(
        "accessibility/",
        TemplateView.as_view(template_name="core/accessibility.html"),
        name="accessibility",
    ),
    path("privacy/", TemplateView.as_view(template_name="core/privacy.html"), name="privacy"),
]
