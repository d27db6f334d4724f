"""Writes for infusions: record, correct, cancel, and the renal checks they schedule.

Recording an infusion schedules its renal checks in the same transaction: the database is the
schedule, so a check exists the moment the infusion does, whatever the broker is doing. The checks
follow the end of the course's last infusion; a later day of the course moves them on. While a
multi-day course runs, a check before the next day's infusion is due too (rules 2027.1).
"""

import uuid
from datetime import datetime, timedelta
from decimal import Decimal

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from decisions.cases.audit import audit_record
from decisions.cases.versioning import ConcurrentEditError, case_version_bump
from decisions.models import AuditEvent, Case, Infusion, PlanSnapshot, RenalCheck
from decisions.monitoring.queue import dispatch_soon
from decisions.monitoring.selectors import given_infusions
from decisions.review.schedule import review_schedule
from decisions.snapshot import (
    in_course_check_days,
    ivig_course,
    renal_check_hours,
    urine_output_watched,
)

Action = AuditEvent.Action
# A start a few minutes ahead is a clock difference between workstations, not a future infusion.
CLOCK_SKEW = timedelta(minutes=5)


class InfusionError(ValueError):
    """The infusion cannot be recorded as given; nothing was saved."""


def _check_times(started_at: datetime, ended_at: datetime) -> None:
    if ended_at < started_at:
        raise InfusionError("An infusion ends after it starts.")
    if started_at > timezone.now() + CLOCK_SKEW:
        raise InfusionError("Record an infusion once it has started.")


# What was given beyond the day's dose: the catalogue product, its lot, the rate reached and any
# reaction (type, CTCAE severity, what was done). Each is optional for older callers.
GIVEN_FIELDS = (
    "product_ref",
    "lot_number",
    "max_rate_mg_kg_min",
    "reaction_type",
    "reaction_severity",
    "reaction_action",
)


def _as_given(details: dict) -> dict:
    unknown = set(details) - set(GIVEN_FIELDS)
    if unknown:
        raise TypeError(f"Unexpected infusion fields: {', '.join(sorted(unknown))}")
    values = {name: details[name] for name in GIVEN_FIELDS if name in details}
    for name in ("lot_number", "reaction_type", "reaction_severity", "reaction_action"):
        if name in values:
            values[name] = (values[name] or "").strip()
    return values


def _message_id() -> str:
    domain = settings.DEFAULT_FROM_EMAIL.rpartition("@")[2] or "localhost"
    return f"<renal-check.{uuid.uuid4().hex}@{domain}>"


@transaction.atomic
def infusion_record(
    *,
    case: Case,
    plan: PlanSnapshot,
    user,
    started_at: datetime,
    ended_at: datetime,
    product: str,
    dose_g: Decimal,
    baseline_creatinine: Decimal | None = None,
    baseline_creatinine_unit: str = "",
    expected_version: int | None = None,
    **details,
) -> Infusion:
    """Record the next day's infusion of the plan's IVIG course and schedule its renal checks."""
    if case.status != Case.Status.OPEN:
        raise InfusionError("The case is closed; reopen it to record an infusion.")
    regimen = ivig_course(plan.plan)
    if regimen is None or plan.assessment.case_id != case.pk:
        raise InfusionError("This plan gives no IVIG.")
    _check_times(started_at, ended_at)
    given = list(given_infusions(plan))
    day = len(given) + 1
    if day > regimen["days"]:
        raise InfusionError(f"All {regimen['days']} days of the course are recorded.")
    if given and started_at < given[-1].ended_at:
        raise InfusionError(f"Day {day} starts after day {given[-1].day} ended.")
    has_baseline = any(i.baseline_creatinine is not None for i in given)
    if baseline_creatinine is None and not has_baseline:
        raise InfusionError("Enter the baseline creatinine measured before the infusion.")
    case_version_bump(case, expected_version)
    try:
        with transaction.atomic():
            infusion = Infusion.objects.create(
                case=case,
                plan=plan,
                day=day,
                started_at=started_at,
                ended_at=ended_at,
                product=product,
                dose_g=dose_g,
                baseline_creatinine=baseline_creatinine,
                baseline_creatinine_unit=baseline_creatinine_unit if baseline_creatinine else "",
                recorded_by=user,
                **_as_given(details),
            )
    except IntegrityError:  # another clinician recorded this day meanwhile
        raise ConcurrentEditError(case.reference) from None
    audit_record(case=case, actor=user, action=Action.INFUSION_RECORDED, **_detail(infusion))
    _reschedule(plan, user=user)
    return infusion


@transaction.atomic
def infusion_correct(
    *,
    infusion: Infusion,
    user,
    started_at: datetime,
    ended_at: datetime,
    product: str,
    dose_g: Decimal,
    baseline_creatinine: Decimal | None = None,
    baseline_creatinine_unit: str = "",
    expected_version: int | None = None,
    **details,
) -> Infusion:
    """Correct what was recorded of a given infusion; the audit trail keeps both versions."""
    if infusion.status != Infusion.Status.GIVEN:
        raise InfusionError("A cancelled infusion is not corrected; record it again.")
    _check_times(started_at, ended_at)
    others = given_infusions(infusion.plan).exclude(pk=infusion.pk)
    if (
        baseline_creatinine is None
        and not others.filter(baseline_creatinine__isnull=False).exists()
    ):
        raise InfusionError("Keep a baseline creatinine: the course has no other.")
    case_version_bump(infusion.case, expected_version)
    before = _detail(infusion)
    infusion.started_at, infusion.ended_at = started_at, ended_at
    infusion.product, infusion.dose_g = product, dose_g
    infusion.baseline_creatinine = baseline_creatinine
    infusion.baseline_creatinine_unit = baseline_creatinine_unit if baseline_creatinine else ""
    for name, value in _as_given(details).items():
        setattr(infusion, name, value)
    infusion.save()
    after = _detail(infusion)
    changes = {k: [before[k], after[k]] for k in after if before[k] != after[k]}
    if changes:
        audit_record(
            case=infusion.case,
            actor=user,
            action=Action.INFUSION_CORRECTED,
            day=infusion.day,
            changes=changes,
        )
        _reschedule(infusion.plan, user=user)
    return infusion


@transaction.atomic
def infusion_cancel(
    *, infusion: Infusion, user, reason: str, expected_version: int | None = None
) -> Infusion:
    """Mark an infusion as not given (kept, never deleted); its pending checks are cancelled."""
    if not reason.strip():
        raise InfusionError("Say why the infusion is cancelled.")
    if infusion.status == Infusion.Status.CANCELLED:
        return infusion
    case_version_bump(infusion.case, expected_version)
    infusion.status = Infusion.Status.CANCELLED
    infusion.cancel_reason = reason.strip()[:200]
    infusion.save(update_fields=["status", "cancel_reason"])
    audit_record(
        case=infusion.case,
        actor=user,
        action=Action.INFUSION_CANCELLED,
        day=infusion.day,
        reason=infusion.cancel_reason,
    )
    _reschedule(infusion.plan, user=user)
    return infusion


def renal_checks_cancel_for_case(*, case: Case, user, reason: str) -> int:
    """Cancel every open check of the case (it was closed); returns how many."""
    count = _cancel(RenalCheck.objects.filter(case=case), reason)
    if count:
        audit_record(
            case=case, actor=user, action=Action.CHECKS_CANCELLED, count=count, reason=reason
        )
    return count


def _cancel(checks, reason: str) -> int:
    # A check a worker is sending may still be mailed, but is never marked sent afterwards.
    return checks.filter(status__in=RenalCheck.OPEN).update(
        status=RenalCheck.Status.CANCELLED, cancel_reason=reason, lease_until=None
    )


def _reschedule(plan: PlanSnapshot, *, user) -> None:
    """Make the open checks of the course follow the end of its last given infusion, and its
    day-7 review its first."""
    review_schedule(plan, user=user, dispatch_soon=dispatch_soon)
    case = plan.assessment.case
    last = given_infusions(plan).order_by("-day").first()
    open_checks = RenalCheck.objects.filter(plan=plan, status__in=RenalCheck.OPEN)
    if last is None:
        reason = "no infusion given"
        stale = _cancel(open_checks, reason)
    else:
        reason = f"superseded by day {last.day}"
        stale = _cancel(open_checks.exclude(infusion=last), reason)
    if stale:
        audit_record(
            case=case, actor=user, action=Action.CHECKS_CANCELLED, count=stale, reason=reason
        )
    if last is None:
        return
    hours, urine_output = renal_check_hours(plan.plan), urine_output_watched(plan.plan)
    existing = {
        c.hours_after_infusion: c
        for c in RenalCheck.objects.filter(infusion=last, before_day__isnull=True).exclude(
            status=RenalCheck.Status.CANCELLED
        )
    }
    now = timezone.now()
    created = _schedule_before_next_day(plan, last, user=user)
    for h in hours:
        due_at = last.ended_at + timedelta(hours=h)
        check = existing.get(h)
        if check is None:
            created.append(
                RenalCheck(
                    case=case,
                    plan=plan,
                    infusion=last,
                    hours_after_infusion=h,
                    urine_output=urine_output,
                    due_at=due_at,
                    responsible=user,
                    message_id=_message_id(),
                )
            )
        elif check.due_at != due_at:
            # Only a reminder not yet claimed moves; one on its way has gone out already.
            RenalCheck.objects.filter(pk=check.pk, status=RenalCheck.Status.SCHEDULED).update(
                due_at=due_at
            )
    RenalCheck.objects.bulk_create(created)
    if any(c.due_at <= now for c in created) or any(
        last.ended_at + timedelta(hours=h) <= now for h in existing
    ):
        # Recorded after the fact: a check is due already, so dispatch now, not at the next tick.
        transaction.on_commit(dispatch_soon)


def _schedule_before_next_day(plan: PlanSnapshot, last: Infusion, *, user) -> list[RenalCheck]:
    """Seed ref 3, renal function "during" administration: a check before the next day's dose.

    Returns the check to create (none after the last day, or when the plan asks for none); an
    existing one that has not been claimed follows a corrected end time.
    """
    next_day = last.day + 1
    if next_day not in in_course_check_days(plan.plan):
        return []
    hours = settings.IVIG_RENAL_CHECK_BEFORE_NEXT_DAY_HOURS
    due_at = last.ended_at + timedelta(hours=hours)
    existing = (
        RenalCheck.objects.filter(infusion=last, before_day=next_day)
        .exclude(status=RenalCheck.Status.CANCELLED)
        .first()
    )
    if existing is not None:
        if existing.due_at != due_at:
            RenalCheck.objects.filter(pk=existing.pk, status=RenalCheck.Status.SCHEDULED).update(
                due_at=due_at, hours_after_infusion=hours
            )
        return []
    urine_output = urine_output_watched(plan.plan)
    return [
        RenalCheck(
            case=plan.assessment.case,
            plan=plan,
            infusion=last,
            hours_after_infusion=hours,
            before_day=next_day,
            urine_output=urine_output,
            due_at=due_at,
            responsible=user,
            message_id=_message_id(),
        )
    ]


def _detail(infusion: Infusion) -> dict:
    """The infusion in clinical terms for the audit trail (no patient identifiers)."""
    return {
        "day": infusion.day,
        "started_at": infusion.started_at.isoformat(timespec="minutes"),
        "ended_at": infusion.ended_at.isoformat(timespec="minutes"),
        "product": infusion.product,
        "dose_g": _two_places(infusion.dose_g),
        "baseline_creatinine": (
            f"{_two_places(infusion.baseline_creatinine)} {infusion.baseline_creatinine_unit}"
            if infusion.baseline_creatinine is not None
            else ""
        ),
        "lot_number": infusion.lot_number,
        "max_rate_mg_kg_min": (
            _two_places(infusion.max_rate_mg_kg_min)
            if infusion.max_rate_mg_kg_min is not None
            else ""
        ),
        "reaction": infusion.reaction_type,
        "reaction_severity": infusion.reaction_severity,
        "reaction_action": infusion.reaction_action,
    }


def _two_places(value) -> str:
    return str(Decimal(value).quantize(Decimal("0.01")))
