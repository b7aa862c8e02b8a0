"""Test clients whose `force_login` gives a fully signed-in session: password and second factor.

Every page with case data needs a session that has given a security code
(core.middleware.SessionSecurityMiddleware). Tests of the pages themselves sign in with this
client; tests of signing in (core/tests/test_mfa.py) use Django's own client and the real steps.
"""

from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from core.models import RecoveryCodeDevice


def recovery_codes_for(user, count=10) -> list[str]:
    """More recovery codes for `user`, as if they had kept them from their list."""
    device, _ = RecoveryCodeDevice.objects.get_or_create(user=user, name="Recovery codes")
    return device.add_codes(count)


def authenticator_for(user) -> TOTPDevice:
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    return device or TOTPDevice.objects.create(user=user, name="Authenticator app")


class VerifiedClient(Client):
    def force_login(self, user, backend=None):
        super().force_login(user, backend)
        session = self.session
        session[DEVICE_ID_SESSION_KEY] = authenticator_for(user).persistent_id
        session.save()
