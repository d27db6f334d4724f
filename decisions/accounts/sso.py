"""Single sign-on with OpenID Connect: who the provider's user is here, and their teams.

mozilla-django-oidc walks the protocol; this backend decides which account a login opens.
"""

from django.conf import settings
from mozilla_django_oidc.auth import OIDCAuthenticationBackend, default_username_algo

from decisions.accounts.clinicians import team_memberships_set


def groups_from_claims(claims: dict) -> list[str]:
    """The user's groups in the claim OIDC_GROUPS_CLAIM: a list, or one name as a string."""
    groups = claims.get(settings.OIDC_GROUPS_CLAIM) or []
    if isinstance(groups, str):
        return [groups]
    return [group for group in groups if isinstance(group, str)]


class TeamsFromGroupsBackend(OIDCAuthenticationBackend):
    """A provider's user is the clinician with their email address (made on first login), in
    the teams their groups name. Administrators are never reached this way: they keep their
    local login and second factor, whatever address the provider vouches for."""

    def filter_users_by_claims(self, claims):
        return super().filter_users_by_claims(claims).filter(is_staff=False, is_superuser=False)

    def verify_claims(self, claims):
        # An address the provider says it has not checked could be anyone's.
        return bool(claims.get("email")) and claims.get("email_verified") is not False

    def get_username(self, claims):
        username = claims.get("preferred_username") or ""
        if username and not self.UserModel.objects.filter(username=username).exists():
            return username
        return default_username_algo(claims.get("email"), claims)

    def create_user(self, claims):
        user = super().create_user(claims)
        return self.update_user(user, claims)

    def update_user(self, user, claims):
        user.first_name = claims.get("given_name", user.first_name)[:150]
        user.last_name = claims.get("family_name", user.last_name)[:150]
        user.save(update_fields=["first_name", "last_name"])
        team_memberships_set(user=user, team_names=groups_from_claims(claims))
        return user
