"""Acute kidney injury by KDIGO creatinine and urine-output criteria. Pure Python, no Django.

KDIGO Clinical Practice Guideline for Acute Kidney Injury (Kidney Int Suppl 2012;2:1-138):

- 2.1.1 AKI is any of: a rise in serum creatinine of >= 0.3 mg/dL (>= 26.5 umol/L) within
  48 hours; a rise to >= 1.5 times baseline, known or presumed to have occurred within the prior
  7 days; urine volume < 0.5 mL/kg/h for 6 hours.
- 2.1.2 Stages: 1 = 1.5-1.9 times baseline or a rise >= 0.3 mg/dL, or < 0.5 mL/kg/h for 6-12 h;
  2 = 2.0-2.9 times, or < 0.5 mL/kg/h for >= 12 h; 3 = 3.0 times, or creatinine >= 4.0 mg/dL
  (353.6 umol/L), or < 0.3 mL/kg/h for >= 24 h, or anuria for >= 12 h.

Which earlier values a result is compared with (the windows): a value measured within the 48 hours
before it, for the absolute rise; within the 7 days before it, for the ratio. The creatinine
measured before the infusion is the patient's *known* baseline (2.1.1: "known or presumed") and
always counts for the ratio: kidney injury after IVIG shows 2-4 days, up to 8 days, after the
infusion, so a rise from it is presumed to be recent. Follow-up results older than 7 days do not.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import StrEnum


class CreatinineUnit(StrEnum):
    MG_DL = "mg/dL"
    UMOL_L = "umol/L"


# Creatinine's molar mass is 113.12 g/mol: 1 mg/dL = 88.4 umol/L (KDIGO's own conversion).
UMOL_L_PER_MG_DL = 88.4

ABSOLUTE_RISE_MG_DL = 0.3
ABSOLUTE_RISE_WINDOW = timedelta(hours=48)
RATIO_WINDOW = timedelta(days=7)
STAGE_3_CREATININE_MG_DL = 4.0
# (ratio from, stage), highest first.
RATIO_STAGES = ((3.0, 3), (2.0, 2), (1.5, 1))
# (mL/kg/h below, for at least hours, stage), worst first; anuria (0 mL) for 12 h is stage 3.
URINE_STAGES = ((0.3, 24, 3), (0.5, 12, 2), (0.5, 6, 1))
ANURIA_HOURS_STAGE_3 = 12
# Labs report 26.5 umol/L for 0.3 mg/dL (26.52): compare to a hundredth of a umol/L, not a bit.
_TOLERANCE_MG_DL = 0.001


def creatinine_mg_dL(value: float, unit: CreatinineUnit | str) -> float:
    """A creatinine value in mg/dL, whichever unit the laboratory reported it in."""
    unit = CreatinineUnit(unit)
    if value <= 0:
        raise ValueError("creatinine must be above zero")
    return value if unit == CreatinineUnit.MG_DL else value / UMOL_L_PER_MG_DL


def urine_output_mL_kg_h(*, volume_mL: float, hours: float, weight_kg: float) -> float:
    """Urine output as KDIGO states it: mL per kg of body weight per hour."""
    if hours <= 0 or weight_kg <= 0 or volume_mL < 0:
        raise ValueError("hours and weight must be above zero, the volume not below it")
    return volume_mL / weight_kg / hours


@dataclass(frozen=True, slots=True)
class Creatinine:
    at: datetime
    mg_dL: float


@dataclass(frozen=True, slots=True)
class UrineOutput:
    mL_kg_h: float
    hours: float


@dataclass(frozen=True, slots=True)
class AkiResult:
    """The stage (0: no AKI) and the criteria that met it, worded for the clinician."""

    stage: int
    reasons: tuple[str, ...] = field(default=())
    ratio: float | None = None
    rise_48h_mg_dL: float | None = None

    @property
    def aki(self) -> bool:
        return self.stage > 0


def aki_stage(
    *,
    current: Creatinine | None,
    baseline: Creatinine | None,
    earlier: Iterable[Creatinine] = (),
    urine: UrineOutput | None = None,
) -> AkiResult:
    """Stage a new result against the pre-infusion baseline and the results before it."""
    stage, reasons, ratio, rise = 0, [], None, None
    if current is not None:
        before = [c for c in earlier if c.at < current.at]
        if baseline is not None and baseline.at <= current.at:
            before.append(baseline)
        stage, reasons, ratio, rise = _creatinine_stage(current, baseline, before)
    if urine is not None:
        urine_stage = _urine_stage(urine)
        if urine_stage:
            reasons.append(
                f"urine output {urine.mL_kg_h:.2f} mL/kg/h over {urine.hours:g} h "
                f"(stage {urine_stage})"
            )
            stage = max(stage, urine_stage)
    return AkiResult(stage, tuple(reasons), ratio, rise)


def _creatinine_stage(current: Creatinine, baseline: Creatinine | None, before: list[Creatinine]):
    stage, reasons = 0, []
    in_48h = [c.mg_dL for c in before if current.at - c.at <= ABSOLUTE_RISE_WINDOW]
    rise = current.mg_dL - min(in_48h) if in_48h else None
    if rise is not None and rise >= ABSOLUTE_RISE_MG_DL - _TOLERANCE_MG_DL:
        stage = 1
        reasons.append(f"creatinine rose {rise:.2f} mg/dL within 48 h (>= 0.3)")
    reference = [c.mg_dL for c in before if current.at - c.at <= RATIO_WINDOW]
    if baseline is not None and baseline in before:
        reference.append(baseline.mg_dL)
    ratio = current.mg_dL / min(reference) if reference else None
    if ratio is not None:
        for threshold, ratio_stage in RATIO_STAGES:
            if ratio >= threshold - 1e-9:
                if ratio_stage > stage:
                    stage = ratio_stage
                reasons.append(f"creatinine {ratio:.2f} times its reference (>= {threshold:g})")
                break
    if stage and current.mg_dL >= STAGE_3_CREATININE_MG_DL - _TOLERANCE_MG_DL and stage < 3:
        stage = 3
        reasons.append("creatinine at or above 4.0 mg/dL (353.6 umol/L) with AKI")
    return stage, reasons, ratio, rise


def _urine_stage(urine: UrineOutput) -> int:
    if urine.mL_kg_h == 0 and urine.hours >= ANURIA_HOURS_STAGE_3:
        return 3
    for below, hours, stage in URINE_STAGES:
        if urine.mL_kg_h < below and urine.hours >= hours:
            return stage
    return 0
