"""What every emailed reminder shares: a due time and a delivery state.

The renal checks and the day-7 reviews are both reminders; decisions/monitoring/reminders.py
claims, leases and sends either through the same code (a conditional UPDATE per step).
"""

from django.conf import settings
from django.db import models


class Reminder(models.Model):
    """Delivery: SCHEDULED -> QUEUED (claimed by the dispatcher, a send task enqueued) -> SENDING
    (a worker holds the lease) -> SENT, or UNDELIVERABLE when no address can receive it; the
    clinician's entry makes it DONE from any of them."""

    class Status(models.TextChoices):
        SCHEDULED = "scheduled", "Scheduled"
        QUEUED = "queued", "Reminder queued"
        SENDING = "sending", "Reminder sending"
        SENT = "sent", "Reminder sent"
        UNDELIVERABLE = "undeliverable", "Reminder undeliverable"
        DONE = "done", "Done"
        CANCELLED = "cancelled", "Cancelled"

    OPEN = (Status.SCHEDULED, Status.QUEUED, Status.SENDING, Status.SENT, Status.UNDELIVERABLE)
    UNSENT = (Status.SCHEDULED, Status.QUEUED, Status.SENDING)

    due_at = models.DateTimeField()
    responsible = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(max_length=14, choices=Status, default=Status.SCHEDULED)
    # Fixed when the reminder is made, so a resend after a crash carries the same Message-ID.
    message_id = models.CharField(max_length=120, unique=True)
    not_before = models.DateTimeField(null=True, blank=True)  # after failed sends
    queued_at = models.DateTimeField(null=True, blank=True)
    lease_until = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveIntegerField(default=0)
    sent_at = models.DateTimeField(null=True, blank=True)
    late = models.BooleanField(default=False)
    last_error = models.CharField(max_length=300, blank=True)
    cancel_reason = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        # Inherited by each reminder (unnamed indexes are named per table, as they were); every
        # reminder has a `case`.
        abstract = True
        ordering = ["due_at", "id"]
        indexes = [
            models.Index(fields=["status", "due_at"]),
            models.Index(fields=["case", "status"]),
        ]
