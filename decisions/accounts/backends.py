"""Local (username and password) login, which settings can close to clinicians."""

from django.conf import settings
from django.contrib.auth.backends import ModelBackend


def local_password_allowed(user) -> bool:
    """Administrators always log in locally (with their second factor); clinicians only while
    LOCAL_PASSWORDS_FOR_CLINICIANS is on, so that leaving the hospital's directory ends access."""
    return user.is_staff or user.is_superuser or settings.LOCAL_PASSWORDS_FOR_CLINICIANS


class LocalPasswordBackend(ModelBackend):
    """Django's own backend, refusing clinicians' passwords when single sign-on replaces them."""

    def user_can_authenticate(self, user):
        return super().user_can_authenticate(user) and local_password_allowed(user)
