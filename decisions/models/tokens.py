from django.conf import settings
from django.db import models


class ApiToken(models.Model):
    """A bearer token for the JSON API. Only its SHA-256 is stored: a leaked database leaks no
    usable token. Issue, rotate and revoke with decisions.api.tokens (or `manage.py
    issue_api_token`). It works until it expires, only for what its scopes name."""

    class Scope(models.TextChoices):
        EVALUATE = "evaluate", "Ask for plans (POST /api/v1/evaluate)"
        FHIR = "fhir", "FHIR and CDS Hooks"
        EXPORT = "export", "Exports"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(max_length=100, blank=True, help_text="What the token is for.")
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    # The token's visible start, enough to tell a user's tokens apart when listing or revoking.
    prefix = models.CharField(max_length=16, editable=False)
    # Space-separated, as OAuth writes scopes: "evaluate fhir".
    scopes = models.CharField(max_length=100, default=Scope.EVALUATE)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    # When a request last showed it (to the minute), to find tokens nobody uses any more.
    last_used_at = models.DateTimeField(null=True, blank=True, editable=False)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.prefix}… ({self.user})"

    @property
    def scope_list(self) -> list[str]:
        return self.scopes.split()
