"""Plans made through the services, and infusions recorded on them, for the reminder tests."""

from datetime import datetime, timedelta
from decimal import Decimal

from django.utils import timezone

from decisions.assessment.services import assessment_complete, assessment_save_answers
from decisions.monitoring.infusions import infusion_record
from tests.factories import case_for

ADULT_GI_BLEED = {
    "weight_kg": 70,
    "age_group": "adult",
    "condition": "primary_itp",
    "platelet_count": 12000,
    "bleeding": "life_threatening",
    "bleeding_sites": ["gi"],
}
AT_RENAL_RISK = {**ADULT_GI_BLEED, "renal_risk_factors": ["diabetes"]}
NEONATE = {
    "weight_kg": 3,
    "age_group": "neonate",
    "condition": "neonatal_alloimmune",
    "platelet_count": 20000,
    "bleeding": "none",
}
SEPSIS = {
    "weight_kg": 70,
    "age_group": "adult",
    "condition": "sepsis",
    "platelet_count": 20000,
    "bleeding": "none",
}
NO_IVIG = {
    "weight_kg": 70,
    "age_group": "adult",
    "condition": "primary_itp",
    "platelet_count": 140000,
    "bleeding": "none",
}


def plan_for(user, team, answers=ADULT_GI_BLEED, **case_fields):
    """A case with a completed first assessment; returns its plan snapshot."""
    case = case_for(user, team, **case_fields)
    assessment = case.assessments.get()
    assessment_save_answers(assessment=assessment, user=user, answers=answers)
    return assessment_complete(assessment=assessment, user=user)


def record(plan, user, *, ended_at: datetime | None = None, hours=2, baseline="1.00", **kw):
    """Record the next day's infusion of the plan's course, ending at `ended_at` (default now)."""
    ended_at = ended_at or timezone.now()
    case = plan.assessment.case
    case.refresh_from_db()
    return infusion_record(
        case=case,
        plan=plan,
        user=user,
        started_at=ended_at - timedelta(hours=hours),
        ended_at=ended_at,
        product=kw.pop("product", "Privigen"),
        dose_g=Decimal(kw.pop("dose_g", "70")),
        baseline_creatinine=Decimal(baseline) if baseline is not None else None,
        baseline_creatinine_unit=kw.pop("unit", "mg/dL"),
        **kw,
    )


def infusion_form_fields(*, ended: datetime, version: int) -> dict:
    """What a clinician types into the record-infusion form: a two-hour infusion ending then."""
    ended = timezone.localtime(ended)
    return {
        "started_at": (ended - timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M"),
        "ended_at": ended.strftime("%Y-%m-%dT%H:%M"),
        "product": "Privigen",
        "dose_g": "70",
        "baseline_creatinine": "0.9",
        "baseline_creatinine_unit": "mg/dL",
        "version": version,
    }
