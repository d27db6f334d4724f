"""Logging a test client in past the second factor, as an administrator must."""

from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice


def totp_device(user) -> TOTPDevice:
    """The user's confirmed authenticator-app device, made if they have none."""
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    return device or TOTPDevice.objects.create(user=user, name="Phone", confirmed=True)


def current_code(device: TOTPDevice) -> str:
    """What the authenticator app shows now, computed from the device's secret."""
    return f"{totp(device.bin_key, step=device.step, digits=device.digits):0{device.digits}d}"


def force_login_verified(client, user):
    """client.force_login, with the session's second factor given too."""
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = totp_device(user).persistent_id
    session.save()
    return client


def fresh_recovery_code(user) -> str:
    """A new recovery code of the user's, for a browser to type at the second-factor page:
    a TOTP code may be given only once in its 30 seconds, a test may log in more often."""
    device, _ = StaticDevice.objects.get_or_create(user=user, name="Recovery codes", confirmed=True)
    return device.token_set.create(token=StaticToken.random_token()).token
