"""Writes for follow-up results: renal results (staged by KDIGO) and platelet counts."""

from datetime import datetime
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from decisions.cases.audit import audit_record
from decisions.engine import kdigo as kdigo
from decisions.models import AuditEvent, Case, PlanSnapshot, PlateletCount, RenalCheck, RenalResult
from decisions.monitoring.selectors import course_baseline

Action = AuditEvent.Action


class ResultError(ValueError):
    """The result cannot be entered as given; nothing was saved."""


class ResultAlreadyEnteredError(ResultError):
    """Another clinician entered this check's result first."""


def _baseline(plan: PlanSnapshot, measured_at: datetime) -> kdigo.Creatinine | None:
    infusion = course_baseline(plan, before=measured_at)
    if infusion is None:
        return None
    value = float(infusion.baseline_creatinine)
    mg_dL = kdigo.creatinine_mg_dL(value, infusion.baseline_creatinine_unit)
    return kdigo.Creatinine(at=infusion.started_at, mg_dL=mg_dL)


@transaction.atomic
def renal_result_record(
    *,
    renal_check: RenalCheck,
    user,
    measured_at: datetime,
    creatinine: Decimal,
    creatinine_unit: str,
    bun_mg_dL: Decimal | None = None,
    urine_output_mL: int | None = None,
    urine_output_hours: Decimal | None = None,
) -> RenalResult:
    """Enter a check's result, stage it by KDIGO against the baseline; the check is then done."""
    if measured_at > timezone.now():
        raise ResultError("A result is entered once it is measured.")
    case = renal_check.case
    plan = renal_check.plan
    # The healthchecks-style claim: only one clinician's result completes the check.
    if (
        RenalCheck.objects.filter(pk=renal_check.pk, status__in=RenalCheck.OPEN).update(
            status=RenalCheck.Status.DONE, lease_until=None
        )
        != 1
    ):
        raise ResultAlreadyEnteredError("This check has a result already, or was cancelled.")
    renal_check.status = RenalCheck.Status.DONE
    mg_dL = kdigo.creatinine_mg_dL(float(creatinine), creatinine_unit)
    urine = _urine_output(plan, urine_output_mL, urine_output_hours)
    per_kg_h = urine.mL_kg_h if urine is not None else None
    earlier = [
        kdigo.Creatinine(at=r.measured_at, mg_dL=r.creatinine_mg_dL)
        for r in RenalResult.objects.filter(case=case, measured_at__lt=measured_at)
    ]
    staged = kdigo.aki_stage(
        current=kdigo.Creatinine(at=measured_at, mg_dL=mg_dL),
        baseline=_baseline(plan, measured_at),
        earlier=earlier,
        urine=urine,
    )
    result = RenalResult.objects.create(
        case=case,
        renal_check=renal_check,
        measured_at=measured_at,
        creatinine=creatinine,
        creatinine_unit=creatinine_unit,
        creatinine_mg_dL=mg_dL,
        bun_mg_dL=bun_mg_dL,
        urine_output_mL=urine_output_mL,
        urine_output_hours=urine_output_hours if urine is not None else None,
        urine_output_mL_kg_h=per_kg_h,
        aki_stage=staged.stage,
        aki_reasons=list(staged.reasons),
        entered_by=user,
    )
    _audit_result(result, user=user, hours_after_infusion=renal_check.hours_after_infusion)
    return result


def _urine_output(plan, volume_mL: int | None, hours: Decimal | None) -> kdigo.UrineOutput | None:
    """Urine output per kg per hour over the period, by the plan's actual weight (KDIGO)."""
    if volume_mL is None or not hours:
        return None
    per_kg_h = kdigo.urine_output_mL_kg_h(
        volume_mL=volume_mL, hours=float(hours), weight_kg=plan.plan["body_weights"]["actual_kg"]
    )
    return kdigo.UrineOutput(mL_kg_h=per_kg_h, hours=float(hours))


def _audit_result(result: RenalResult, *, user, hours_after_infusion: int) -> None:
    """The result in the audit trail, and an AKI alert beside it when it stages one."""
    audit_record(
        case=result.case,
        actor=user,
        action=Action.RENAL_RESULT,
        hours_after_infusion=hours_after_infusion,
        creatinine=f"{result.creatinine} {result.creatinine_unit}",
        aki_stage=result.aki_stage,
    )
    if result.aki_stage:
        audit_record(
            case=result.case,
            actor=user,
            action=Action.AKI_ALERT,
            stage=result.aki_stage,
            reasons=list(result.aki_reasons),
        )


@transaction.atomic
def platelet_count_record(
    *, case: Case, plan: PlanSnapshot, user, measured_at: datetime, count_per_uL: int
) -> PlateletCount:
    """Enter a platelet count measured after the course started."""
    if measured_at > timezone.now():
        raise ResultError("A count is entered once it is measured.")
    if plan.assessment.case_id != case.pk:
        raise ResultError("That plan is not this case's.")
    count = PlateletCount.objects.create(
        case=case, plan=plan, measured_at=measured_at, count_per_uL=count_per_uL, entered_by=user
    )
    audit_record(
        case=case,
        actor=user,
        action=Action.PLATELETS_RECORDED,
        count_per_uL=count_per_uL,
        measured_at=measured_at.isoformat(timespec="minutes"),
    )
    return count
