"""Second factor for local logins: an authenticator app (TOTP) and single-use recovery codes.

Who must give one (two_factor_required), and the writes that set one up.
"""

from base64 import b32encode
from functools import cache

import qrcode
import qrcode.image.svg
from django.conf import settings
from django.db import transaction
from django_otp import device_classes
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from decisions.prepared_queries import PreparedRead

RECOVERY_CODE_COUNT = 10
# Set by the single sign-on backend's login: the provider asked for its own second factor.
SSO_BACKEND = "decisions.accounts.sso.TeamsFromGroupsBackend"


def two_factor_required(user, *, backend: str | None) -> bool:
    """Whether `user`, logged in through `backend`, must give a second factor here."""
    if user.is_staff or user.is_superuser:
        # Administrators see every team's patients: always local login and TOTP (sso.py keeps
        # them out of single sign-on).
        return True
    if backend == SSO_BACKEND:
        return False
    return settings.MFA_REQUIRED_FOR_CLINICIANS or has_confirmed_device(user)


@cache
def _confirmed_device_read() -> PreparedRead:
    """One query for every device type (TOTP, recovery codes): a row if any is confirmed."""

    def build(user_id):
        confirmed = [
            model.objects.filter(user_id=user_id, confirmed=True).values("pk")
            for model in device_classes()
        ]
        return confirmed[0].union(*confirmed[1:])[:1]

    return PreparedRead(build, user_id=int)


def has_confirmed_device(user) -> bool:
    """django-otp's user_has_device(user, confirmed=True), asked on every page: one query for
    all device types, built once per process (decisions/prepared_queries.py)."""
    return bool(_confirmed_device_read().run(user_id=user.pk))


def totp_device_for_enrolment(*, user) -> TOTPDevice:
    """The user's authenticator-app device waiting for its first code, made if there is none.

    Reloading the enrolment page keeps the same secret, so a scanned code stays valid."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    return device or TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=False)


@transaction.atomic
def totp_device_confirm(*, device: TOTPDevice, token: str) -> list[str] | None:
    """Confirm `device` if `token` is its current code; returns new recovery codes, else None.

    Any earlier device and recovery codes of the user go: one phone, one set of codes."""
    if not device.verify_token(token):
        return None
    TOTPDevice.objects.filter(user=device.user).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    return recovery_codes_issue(user=device.user)


@transaction.atomic
def recovery_codes_issue(*, user) -> list[str]:
    """New single-use recovery codes for `user`, replacing any earlier ones; shown only once."""
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name="Recovery codes", confirmed=True)
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def totp_secret_text(device: TOTPDevice) -> str:
    """The secret as authenticator apps take it when typed in: base32, in groups of four."""
    secret = b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def totp_qr_svg(device: TOTPDevice) -> str:
    """The device's otpauth:// address as a QR code: an <svg> element, drawn without any style
    attribute (the Content-Security-Policy allows none)."""
    image = qrcode.make(
        device.config_url, image_factory=qrcode.image.svg.SvgPathImage, box_size=8, border=2
    )
    return image.to_string(encoding="unicode")
