from django.conf import settings
from django.db import models
from django.utils import timezone

from .cases import Case


class AuditEvent(models.Model):
    """Who did what to which case, and when. Written by services only; never changed.

    Tamper-evident: on PostgreSQL a trigger refuses UPDATE and DELETE (migration 0009), and each
    row carries a hash of its content and of the row before it (decisions/cases/audit.py), so
    `manage.py verify_audit` finds a row changed, removed or moved by someone who got past it."""

    class Action(models.TextChoices):
        CREATED = "created", "Created the case"
        VIEWED = "viewed", "Viewed the case"
        # A list of cases shown (case list, search, dashboard, admin lists): one row naming
        # the references it showed, with no case of its own.
        LISTED = "listed", "Listed cases"
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
        REVIEW_REMINDER_SENT = "review_reminder_sent", "Sent a day-7 review reminder"
        REVIEW_RECORDED = "review_recorded", "Recorded the day-7 review"
        REVIEW_CANCELLED = "review_cancelled", "Cancelled the day-7 review"
        EXPORTED = "exported", "Exported the stewardship data set"
        # The EHR integration (decisions/ehr/): a case opened from a hook's card, and the EHR's
        # feedback on a card (no case unless the card's link opened one).
        EHR_PREFILLED = "ehr_prefilled", "Opened from an EHR card"
        CDS_FEEDBACK = "cds_feedback", "EHR feedback on a card"

    # Empty for events about no one case: a list's read (LISTED, naming the cases it showed in
    # its detail), an export of the stewardship data set, the EHR's feedback on a card.
    case = models.ForeignKey(
        Case, on_delete=models.CASCADE, null=True, blank=True, related_name="audit_events"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    action = models.CharField(max_length=30, choices=Action)
    # What changed, in clinical terms only; never the patient's identifiers.
    detail = models.JSONField(default=dict, blank=True)
    # Set before the row is hashed (not auto_now_add, which would stamp it again on save).
    at = models.DateTimeField(default=timezone.now, editable=False)
    # The case version this change made (edits only): lets an edit from an older page ask what
    # others changed since (cases/versioning.py).
    case_version = models.PositiveIntegerField(null=True, blank=True)
    # The chain: SHA-256 of the previous row's chain_hash and this row's content (hex).
    previous_hash = models.CharField(max_length=64, blank=True, editable=False)
    chain_hash = models.CharField(max_length=64, blank=True, editable=False)

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["case", "-at"])]

    def __str__(self):
        where = self.case.reference if self.case_id else ", ".join(self.detail.get("cases", []))
        where = where or "no one case"
        return f"{self.get_action_display()} ({where})"
