"""What the engine returns: a plan of recommendations, alerts, monitoring and expected response.

Every line carries its citations (reference numbers of the clinical source), the id of the rule
that produced it and the inputs that rule read, so a clinician can review its basis.
"""

from dataclasses import dataclass, field
from typing import Any

from .body_weight import BodyWeights
from .doses import IvigDose
from .references import Reference
from .standards import Standard
from .vocabulary import Role, Severity

Inputs = dict[str, Any]


def _number(value: float) -> float | int:
    """18000.0 -> 18000: whole numbers read as whole numbers in JSON."""
    return int(value) if float(value).is_integer() else value


@dataclass(frozen=True, slots=True)
class Recommendation:
    code: str
    role: Role
    text: str
    citations: tuple[str, ...]
    rule_id: str
    rule_ids: tuple[str, ...]
    inputs: Inputs
    ivig_dose: IvigDose | None = None
    drug: str | None = None
    mg_per_kg_per_day: tuple[float, float] | None = None
    daily_dose_mg: tuple[float, float] | None = None
    # The regimen named by an "avoid" line (the outdated 0.4 g/kg x 5), without doses.
    avoided_regimen: tuple[float, int] | None = None
    evidence_note: str | None = None
    # The deciding rule's reason, also the end of `text`: pages that show several lines decided
    # by one rule say it once.
    why: str | None = None
    # Rules 2027.1: standards (keys of standards.py) beside the source's citations; the
    # corticosteroid's course and usual ceiling; a fixed-dose drug's daily mg and days.
    standards: tuple[str, ...] = ()
    course_max_weeks: int | None = None
    usual_max_daily_dose_mg: float | None = None
    fixed_daily_dose_mg: float | None = None
    fixed_days: int | None = None

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"code": self.code, "role": str(self.role)}
        dose = self.ivig_dose
        if dose is not None:
            data.update(
                g_per_kg_per_day=dose.g_per_kg_per_day,
                days=dose.days,
                dosing_weight_kg=dose.dosing_weight_kg,
                daily_dose_g=dose.daily_dose_g,
                total_dose_g=dose.total_dose_g,
                vial_size_g=dose.vial_size_g,
                daily_dose_rounded_g=dose.daily_dose_rounded_g,
                vials_per_day=dose.vials_per_day,
                total_dose_rounded_g=dose.total_dose_rounded_g,
                rounding_note=dose.rounding_note,
                dose_working=dose.working,
            )
            if dose.daily_dose_mg is not None:
                data.update(daily_dose_mg=dose.daily_dose_mg, total_dose_mg=dose.total_dose_mg)
        if self.avoided_regimen is not None:
            data["g_per_kg_per_day"], data["days"] = self.avoided_regimen
        if self.drug is not None:
            data["drug"] = self.drug
        if self.daily_dose_mg is not None:
            data["mg_per_kg_per_day"] = list(self.mg_per_kg_per_day)
            data["daily_dose_mg"] = [_number(mg) for mg in self.daily_dose_mg]
        if self.usual_max_daily_dose_mg is not None:
            data["usual_max_daily_dose_mg"] = _number(self.usual_max_daily_dose_mg)
        if self.course_max_weeks is not None:
            data["course_max_weeks"] = self.course_max_weeks
        if self.fixed_daily_dose_mg is not None:
            data["mg_per_day"] = _number(self.fixed_daily_dose_mg)
            data["days"] = self.fixed_days
        data["text"] = self.text
        if self.why:
            data["why"] = self.why
        data["citations"] = list(self.citations)
        if self.standards:
            data["standards"] = list(self.standards)
        if self.evidence_note:
            data["evidence_note"] = self.evidence_note
        data["rule_id"] = self.rule_id
        data["rule_ids"] = list(self.rule_ids)
        data["inputs"] = self.inputs
        return data


@dataclass(frozen=True, slots=True)
class Alert:
    code: str
    severity: Severity
    text: str
    citations: tuple[str, ...]
    rule_id: str
    inputs: Inputs
    standards: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        data = {
            "code": self.code,
            "severity": str(self.severity),
            "text": self.text,
            "citations": list(self.citations),
        }
        if self.standards:
            data["standards"] = list(self.standards)
        data.update(rule_id=self.rule_id, inputs=self.inputs)
        return data


@dataclass(frozen=True, slots=True)
class MonitoringItem:
    code: str
    text: str
    citations: tuple[str, ...]
    rule_id: str
    hours_after_infusion: int | None = None
    timing: str | None = None
    # Rules 2027.1: a check during a multi-day course, before that day's infusion.
    before_day: int | None = None
    standards: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"code": self.code}
        if self.hours_after_infusion is not None:
            data["hours_after_infusion"] = self.hours_after_infusion
        if self.before_day is not None:
            data["before_day"] = self.before_day
        if self.timing is not None:
            data["timing"] = self.timing
        data.update(text=self.text, citations=list(self.citations))
        if self.standards:
            data["standards"] = list(self.standards)
        data["rule_id"] = self.rule_id
        return data


@dataclass(frozen=True, slots=True)
class ExpectedResponse:
    text: str
    citations: tuple[str, ...]
    rule_id: str
    reassess_after_hours: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "citations": list(self.citations),
            "reassess_after_hours": self.reassess_after_hours,
            "rule_id": self.rule_id,
        }


@dataclass(frozen=True, slots=True)
class Plan:
    ruleset_version: str
    platelet_count_per_uL: float
    grade: int
    life_threatening_bleeding: bool
    body_weights: BodyWeights
    recommendations: tuple[Recommendation, ...]
    alerts: tuple[Alert, ...]
    monitoring: tuple[MonitoringItem, ...]
    expected_response: ExpectedResponse
    # The treatment rule that decided, then each modifier that changed the decision.
    rule_ids: tuple[str, ...] = ()
    references: tuple[Reference, ...] = field(default=())
    # Rules 2027.1: the count the named procedure needs, and the standards the plan cites.
    platelet_target_per_uL: int | None = None
    standards: tuple[Standard, ...] = field(default=())

    def recommendation(self, code: str) -> Recommendation | None:
        return next((r for r in self.recommendations if r.code == code), None)

    def to_dict(self) -> dict[str, Any]:
        weights = self.body_weights
        return {
            "ruleset_version": self.ruleset_version,
            "platelet_count_per_uL": _number(self.platelet_count_per_uL),
            "grade": self.grade,
            **(
                {"platelet_target_per_uL": self.platelet_target_per_uL}
                if self.platelet_target_per_uL is not None
                else {}
            ),
            "emergency": self.life_threatening_bleeding,
            "body_weights": {
                "actual_kg": weights.actual_kg,
                "ideal_kg": weights.ideal_kg,
                "adjusted_kg": weights.adjusted_kg,
                "dosing_weight": str(weights.basis),
                "dosing_weight_kg": weights.dosing_kg,
                "note": weights.note,
            },
            "recommendations": [r.to_dict() for r in self.recommendations],
            "alerts": [a.to_dict() for a in self.alerts],
            "monitoring": [m.to_dict() for m in self.monitoring],
            "expected_response": self.expected_response.to_dict(),
            "rule_ids": list(self.rule_ids),
            "references": [reference.to_dict() for reference in self.references],
            "standards": [standard.to_dict() for standard in self.standards],
        }
