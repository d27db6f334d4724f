from django.conf import settings
from django.db import models

from .cases import Case


class AuditEvent(models.Model):
    """Who did what to which case, and when. Written by services only; never changed."""

    class Action(models.TextChoices):
        CREATED = "created", "Created the case"
        VIEWED = "viewed", "Viewed the case"
        ASSESSMENT_STARTED = "assessment_started", "Started an assessment"
        ASSESSMENT_CHANGED = "assessment_changed", "Changed an assessment"
        PLAN_CREATED = "plan_created", "Produced a plan"
        ACCEPTED = "accepted", "Accepted a recommendation"
        OVERRIDDEN = "overridden", "Overrode a recommendation"
        PRINTED = "printed", "Printed the plan"
        DOWNLOADED = "downloaded", "Downloaded the plan"
        CLOSED = "closed", "Closed the case"
        REOPENED = "reopened", "Reopened the case"
        INFUSION_RECORDED = "infusion_recorded", "Recorded an infusion"
        INFUSION_CORRECTED = "infusion_corrected", "Corrected an infusion"
        INFUSION_CANCELLED = "infusion_cancelled", "Cancelled an infusion"
        CHECKS_CANCELLED = "checks_cancelled", "Cancelled renal checks"
        REMINDER_SENT = "reminder_sent", "Sent a renal check reminder"
        RENAL_RESULT = "renal_result", "Entered a renal result"
        AKI_ALERT = "aki_alert", "Acute kidney injury alert"
        PLATELETS_RECORDED = "platelets_recorded", "Entered a platelet count"

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="audit_events")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    action = models.CharField(max_length=30, choices=Action)
    # What changed, in clinical terms only; never the patient's identifiers.
    detail = models.JSONField(default=dict, blank=True)
    at = models.DateTimeField(auto_now_add=True)
    # The case version this change made (edits only): lets an edit from an older page ask what
    # others changed since (cases/versioning.py).
    case_version = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["case", "-at"])]

    def __str__(self):
        return f"{self.get_action_display()} ({self.case.reference})"
