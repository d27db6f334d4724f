"""The kinds of emailed reminder, each a table of its own with the delivery fields of
decisions/models/reminders.py: renal checks and day-7 reviews. decisions/monitoring/reminders.py
claims, leases and sends any of them with the same code; a kind says only which table, what
the email says and what the audit trail records once it is sent."""

from collections.abc import Callable
from dataclasses import dataclass

from django.core.mail import EmailMultiAlternatives

from decisions.models import AuditEvent, CourseReview, RenalCheck
from decisions.models.reminders import Reminder
from decisions.monitoring.email import reminder_message_build
from decisions.review.email import review_message_build

Action = AuditEvent.Action


@dataclass(frozen=True)
class ReminderKind:
    name: str
    model: type[Reminder]
    message_build: Callable[..., EmailMultiAlternatives]
    sent_audit: Callable[[Reminder, bool], dict]  # the audit event's action and detail


RENAL = ReminderKind(
    name="renal",
    model=RenalCheck,
    message_build=reminder_message_build,
    sent_audit=lambda check, late: {
        "action": Action.REMINDER_SENT,
        "hours_after_infusion": check.hours_after_infusion,
        "before_day": check.before_day,
        "late": late,
    },
)
REVIEW = ReminderKind(
    name="review",
    model=CourseReview,
    message_build=review_message_build,
    sent_audit=lambda review, late: {
        "action": Action.REVIEW_REMINDER_SENT,
        "number": review.plan.assessment.number,
        "late": late,
    },
)
KINDS = {kind.name: kind for kind in (RENAL, REVIEW)}
