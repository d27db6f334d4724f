"""The EHR integration's tables: trusted CDS clients, JWT ids already seen, and what a hook call
left for the assessment its card may open (decisions/ehr/)."""

from django.conf import settings
from django.db import models

from .cases import Case


class CdsClient(models.Model):
    """An EHR (a CDS Hooks client) whose JWTs are trusted: its `iss` and its signing keys, as a
    JWK Set given once (`jwks`) or fetched from `jwks_url`. `manage.py register_cds_client`."""

    issuer = models.CharField(max_length=500, unique=True)
    # The JWK Set (public keys only) as registered from a file; empty when it is fetched.
    jwks = models.JSONField(default=dict, blank=True)
    jwks_url = models.URLField(max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["issuer"]

    def __str__(self):
        return self.issuer


class UsedJwtId(models.Model):
    """A JWT's `jti`, kept until the token expires so that a replay is refused in every process
    (CDS Hooks 2.0, Trusting CDS Clients: "used to protect against replay attacks")."""

    jti = models.CharField(max_length=255, unique=True)
    issuer = models.CharField(max_length=500)
    expires_at = models.DateTimeField(db_index=True)

    def __str__(self):
        return self.jti


class EhrPrefill(models.Model):
    """What an EHR sent with a hook call, kept under a random reference for the card's link to
    open an assessment from, for a day at most. Opening a case moves it into the case and
    empties it; an unopened one is deleted once expired (`purge_ehr_prefills`, beat)."""

    # secrets.token_urlsafe(32): the link's only parameter; it names no patient.
    reference = models.CharField(max_length=64, unique=True, editable=False)
    # The patient as the EHR named them (name, identifier, birth date) and the answers the
    # assessment starts from, under the API's field names. Emptied once a case is opened.
    patient = models.JSONField(default=dict, blank=True)
    answers = models.JSONField(default=dict, blank=True)
    issuer = models.CharField(max_length=500)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(db_index=True)
    case = models.ForeignKey(
        Case, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    def __str__(self):
        return f"EHR prefill {self.pk}"
