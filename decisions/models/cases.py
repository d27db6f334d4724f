"""A case: the patient, each assessment made for them and the plan each produced."""

from django.conf import settings
from django.db import models
from django.db.models.functions import Upper

from .teams import Team


class Case(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", "Open"
        CLOSED = "closed", "Closed"

    # A reference that names no patient: the only identifier emails and logs may carry.
    reference = models.CharField(max_length=20, unique=True, editable=False)
    team = models.ForeignKey(Team, on_delete=models.PROTECT, related_name="cases")
    patient_name = models.CharField(max_length=200)
    patient_identifier = models.CharField(
        max_length=64, help_text="Hospital number or other local identifier."
    )
    date_of_birth = models.DateField(null=True, blank=True)
    status = models.CharField(max_length=10, choices=Status, default=Status.OPEN)
    # Copied from the latest plan so that lists and the dashboard need no join.
    emergency = models.BooleanField(default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # Optimistic locking: an edit names the version it started from and fails if it moved on.
    version = models.PositiveIntegerField(default=1)
    # The one-time token of the "New case" form that opened it: the same form posted again (a
    # double click, a retry) finds this case instead of opening a second one.
    form_token = models.CharField(max_length=64, blank=True, default="", editable=False)

    class Meta:
        ordering = ["-updated_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["created_by", "form_token"],
                condition=~models.Q(form_token=""),  # nosec B106 # a one-time form token, empty for cases made without a form
                name="one_case_per_new_case_form",
            ),
        ]
        indexes = [
            # The case list filtered by team and status, newest activity first.
            models.Index(fields=["team", "status", "-updated_at"]),
            models.Index(fields=["patient_identifier"]),
            # The case list across all the clinician's teams, newest activity first: read
            # backwards until a page of the teams' cases is found, instead of sorting them all.
            models.Index(fields=["-updated_at", "-id"], name="case_recent_first"),
            # The dashboard's open emergencies, newest first.
            models.Index(fields=["status", "emergency", "-updated_at"]),
            # The case list's search (selectors.case_search): the identifier and reference
            # match by iexact, UPPER(column) = UPPER(query); the name by icontains, UPPER(name)
            # LIKE '%QUERY%', which no B-tree serves: on PostgreSQL migration 0004 adds a
            # trigram GIN index on UPPER(patient_name) ("case_patient_name_trgm"). Each arm of
            # the OR has its index, so PostgreSQL ORs their bitmaps.
            models.Index(Upper("patient_identifier"), name="case_identifier_upper"),
            models.Index(Upper("reference"), name="case_reference_upper"),
        ]

    def __str__(self):
        return self.reference


class Assessment(models.Model):
    """One assessment of a case; a re-assessment is a new row with the next number."""

    class Status(models.TextChoices):
        DRAFT = "draft", "In progress"
        COMPLETE = "complete", "Complete"

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="assessments")
    number = models.PositiveIntegerField()
    status = models.CharField(max_length=10, choices=Status, default=Status.DRAFT)
    # The clinician's answers under the API's field names, so the engine reads them as they are.
    answers = models.JSONField(default=dict, blank=True)
    # Fields whose suspicious value the clinician confirmed (e.g. a count under 1,000 per uL).
    confirmed = models.JSONField(default=list, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    completed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["case", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["case", "number"], name="one_number_per_case")
        ]
        indexes = [
            # The dashboard's unfinished assessments, newest first.
            models.Index(fields=["status", "created_at"]),
            # The case list's "draft in progress" mark, EXISTS(draft of this case) per row:
            # without it PostgreSQL hashes every draft of the hospital for each page.
            models.Index(
                fields=["case"], condition=models.Q(status="draft"), name="assessment_draft_case"
            ),
        ]

    def __str__(self):
        return f"{self.case.reference} assessment {self.number}"


class PlanSnapshot(models.Model):
    """The engine's plan exactly as it was produced; never recomputed, never rewritten."""

    assessment = models.OneToOneField(Assessment, on_delete=models.PROTECT, related_name="plan")
    ruleset_version = models.CharField(max_length=60)
    plan = models.JSONField()
    emergency = models.BooleanField(default=False)
    # A partial plan (the emergency fast path) lists the answers it assumed, as it showed them:
    # [{"field", "question", "step", "assumed"}]. Empty for a plan made from every answer.
    assumptions = models.JSONField(default=list, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return f"Plan of {self.assessment}"

    @property
    def partial(self) -> bool:
        return bool(self.assumptions)


class RecommendationDecision(models.Model):
    """The clinician's decision on one recommendation. A change adds a row; the newest counts."""

    class Decision(models.TextChoices):
        ACCEPTED = "accepted", "Accepted"
        OVERRIDDEN = "overridden", "Overridden"

    plan = models.ForeignKey(PlanSnapshot, on_delete=models.PROTECT, related_name="decisions")
    code = models.CharField(max_length=40)
    decision = models.CharField(max_length=12, choices=Decision)
    reason = models.TextField(blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["plan", "code", "-decided_at", "-id"]
        indexes = [models.Index(fields=["plan", "code", "-decided_at"])]

    def __str__(self):
        return f"{self.code}: {self.decision}"
