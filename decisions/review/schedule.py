"""Scheduling the day-7 review of a course as its infusions are recorded, corrected, cancelled.

Called by decisions/monitoring/infusions.py in the transaction that changed the course, so the
review exists the moment the first infusion does, whatever the broker is doing.
"""

import uuid
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from decisions.cases.audit import audit_record
from decisions.models import AuditEvent, CourseReview, Infusion, PlanSnapshot
from decisions.models.reminders import Reminder

Status = Reminder.Status


def _message_id() -> str:
    domain = settings.DEFAULT_FROM_EMAIL.rpartition("@")[2] or "localhost"
    return f"<course-review.{uuid.uuid4().hex}@{domain}>"


def review_due_at(first_infusion_at):
    return first_infusion_at + timedelta(days=settings.IVIG_REVIEW_DAYS)


def review_schedule(plan: PlanSnapshot, *, user, dispatch_soon=None) -> CourseReview | None:
    """Make the course's review follow its first given infusion; cancel it when none is left.

    A review already recorded is never moved; one already claimed for sending is not moved
    either (its reminder is on its way). `dispatch_soon` is asked for after commit when the
    review is due already (an infusion recorded days after the fact)."""
    first = (
        Infusion.objects.filter(plan=plan, status=Infusion.Status.GIVEN)
        .order_by("started_at", "day")
        .first()
    )
    review = CourseReview.objects.filter(plan=plan).first()
    if first is None:
        if review is not None and review.status in Reminder.OPEN:
            CourseReview.objects.filter(pk=review.pk, status__in=Reminder.OPEN).update(
                status=Status.CANCELLED, cancel_reason="no infusion given", lease_until=None
            )
            audit_record(
                case=plan.assessment.case,
                actor=user,
                action=AuditEvent.Action.REVIEW_CANCELLED,
                number=plan.assessment.number,
                reason="no infusion given",
            )
        return review
    due_at = review_due_at(first.started_at)
    if review is None:
        review = CourseReview.objects.create(
            case=plan.assessment.case,
            plan=plan,
            first_infusion_at=first.started_at,
            due_at=due_at,
            responsible=user,
            message_id=_message_id(),
        )
    elif review.status == Status.CANCELLED:
        CourseReview.objects.filter(pk=review.pk).update(
            status=Status.SCHEDULED,
            first_infusion_at=first.started_at,
            due_at=due_at,
            cancel_reason="",
            not_before=None,
            queued_at=None,
        )
    elif review.due_at != due_at:
        CourseReview.objects.filter(pk=review.pk, status=Status.SCHEDULED).update(
            first_infusion_at=first.started_at, due_at=due_at
        )
    if dispatch_soon is not None and due_at <= timezone.now():
        transaction.on_commit(dispatch_soon)
    return review
