"""Turn decided treatments into recommendation lines with doses and plain-language text."""

from .assessment import EngineOptions
from .decision_set import Decision
from .doses import PREDNISONE_MG_PER_KG_PER_DAY, build_ivig_dose, prednisone_range_mg
from .facts import Facts, is_neonate
from .plan import Inputs, Recommendation
from .procedures import UNNAMED_SURGERY_TARGET_PER_UL
from .references import merge_citations
from .standards import ASH_2019, STEROID_PROTOCOL, merge_standards
from .steroids import (
    DEXAMETHASONE,
    DEXAMETHASONE_DAYS,
    DEXAMETHASONE_MG_PER_DAY,
    PREDNISONE_COURSE_MAX_WEEKS,
    PREDNISONE_USUAL_ADULT_MAX_MG_PER_DAY,
)
from .treatments import OUTDATED_5_DAY, PREDNISONE, SINGLE_1G, Code
from .vocabulary import AgeGroup, Condition, Role


def _g(value: float) -> str:
    return f"{value:g}"


def build_recommendation(
    code: str,
    decision: Decision,
    facts: Facts,
    options: EngineOptions,
    why: str,
    citations: tuple[str, ...],
    inputs: Inputs,
    standards: tuple[str, ...] = (),
) -> Recommendation:
    role = decision.role
    common = {
        "code": code,
        "role": role,
        "rule_id": decision.rule_ids[-1],
        "rule_ids": tuple(decision.rule_ids),
        "inputs": inputs,
        "why": why,
    }
    if code == Code.CORTICOSTEROID and role != Role.AVOID:
        return _prednisone(common, facts, why, citations, standards)
    if code == Code.DEXAMETHASONE:
        return Recommendation(
            **common,
            text=f"Option: dexamethasone {DEXAMETHASONE_MG_PER_DAY} mg a day for "
            f"{DEXAMETHASONE_DAYS} days instead of prednisone (a faster response at 7 days). "
            f"{why}",
            citations=citations,
            standards=standards,
            drug=DEXAMETHASONE,
            fixed_daily_dose_mg=DEXAMETHASONE_MG_PER_DAY,
            fixed_days=DEXAMETHASONE_DAYS,
        )
    common["standards"] = standards
    if code == Code.IVIG:
        regimen = decision.regimen or SINGLE_1G
        dose = build_ivig_dose(
            g_per_kg_per_day=regimen.g_per_kg_per_day,
            days=regimen.days,
            dosing_weight_kg=facts.weights.dosing_kg,
            vial_size_g=options.vial_size_g,
            vial_rounding_tolerance=options.vial_rounding_tolerance,
            in_mg=is_neonate(facts),
        )
        amount = _ivig_amount(dose)
        action = {
            Role.GIVE: f"Give IVIG {regimen.name}: {amount}.",
            Role.OPTION: f"Option: IVIG {regimen.name}, {amount}.",
            Role.AVOID: f"Avoid IVIG {regimen.name}.",
        }[role]
        return Recommendation(
            **common,
            text=f"{action} {why}",
            citations=merge_citations(citations, regimen.citations),
            ivig_dose=dose,
            evidence_note=regimen.evidence_note,
        )
    if code == Code.CORTICOSTEROID:  # avoided: given lines were built above
        listed = ", ".join(sorted(s.replace("_", " ") for s in facts.steroid_contraindications))
        return Recommendation(
            **common,
            text=f"Avoid corticosteroids: contraindicated ({listed}). {why}",
            citations=citations,
            drug=PREDNISONE,
        )
    avoided = None
    if code == Code.IVIG_5_DAY_LOW_DOSE:
        avoided = (OUTDATED_5_DAY.g_per_kg_per_day, OUTDATED_5_DAY.days)
    action = _OTHER_ACTIONS[code]
    if code == Code.PLATELET_TRANSFUSION:
        action = _platelet_action(role, facts)
    return Recommendation(
        **common,
        text=f"{action} {why}",
        citations=citations,
        avoided_regimen=avoided,
    )


def _ivig_amount(dose) -> str:
    """The dose as the clinician gives it: in mg for a neonate, else in g."""
    if dose.daily_dose_mg is not None:
        daily, total, unit = dose.daily_dose_mg, dose.total_dose_mg, "mg"
    else:
        daily, total, unit = _g(dose.daily_dose_g), _g(dose.total_dose_g), "g"
    if dose.days == 1:
        return f"{daily} {unit}"
    return f"{daily} {unit} a day for {dose.days} days (total {total} {unit})"


def _prednisone(
    common: dict, facts: Facts, why: str, citations: tuple[str, ...], standards: tuple[str, ...]
) -> Recommendation:
    low, high = prednisone_range_mg(facts.assessment.weight_kg)
    amount = f"prednisone 1-2 mg/kg/day, {_g(low)}-{_g(high)} mg a day (actual weight)"
    action = "Give" if common["role"] == Role.GIVE else "Option:"
    text = f"{action} {amount}."
    extra: dict = {}
    if facts.assessment.age_group == AgeGroup.ADULT:
        # ASH 2019: a short course; a protocol's usual adult ceiling, shown beside the range.
        text += (
            f" The usual adult maximum is {PREDNISONE_USUAL_ADULT_MAX_MG_PER_DAY} mg a day; the "
            f"course, taper included, lasts no longer than {PREDNISONE_COURSE_MAX_WEEKS} weeks."
        )
        standards = merge_standards(standards, (ASH_2019, STEROID_PROTOCOL))
        extra = {
            "course_max_weeks": PREDNISONE_COURSE_MAX_WEEKS,
            "usual_max_daily_dose_mg": PREDNISONE_USUAL_ADULT_MAX_MG_PER_DAY,
        }
    return Recommendation(
        **common,
        text=f"{text} {why}",
        citations=citations,
        standards=standards,
        drug=PREDNISONE,
        mg_per_kg_per_day=PREDNISONE_MG_PER_KG_PER_DAY,
        daily_dose_mg=(low, high),
        **extra,
    )


def _platelet_action(role: Role, facts: Facts) -> str:
    if role == Role.GIVE:
        action = _OTHER_ACTIONS[Code.PLATELET_TRANSFUSION]
    else:
        target = facts.platelet_target_per_uL or UNNAMED_SURGERY_TARGET_PER_UL
        action = (
            f"Option: a platelet transfusion just before the procedure, to reach {target:,}/uL: "
            "IVIG takes a day or more to raise the count."
        )
    if facts.condition == Condition.NEONATAL_ALLOIMMUNE:
        action += " Use HPA-1a/5b-negative platelets where available."
    return action


_OTHER_ACTIONS = {
    Code.PLATELET_TRANSFUSION: (
        "Give a platelet transfusion now, at the same time as the IVIG infusion; do not withhold "
        "it while IVIG runs."
    ),
    Code.ANTIVIRAL_THERAPY_FIRST: "Treat the HIV infection with antiviral therapy first.",
    Code.ANTI_D: (
        "Option: anti-D immunoglobulin as the ITP treatment (product labelling restricts it to "
        "Rh(D)-positive patients with a spleen)."
    ),
    Code.OBSERVATION: (
        "Observe without ITP treatment: recheck the count and watch for bleeding; treat if "
        "bleeding beyond the skin appears."
    ),
    Code.IVIG_5_DAY_LOW_DOSE: (
        f"Do not use the outdated {OUTDATED_5_DAY.name} regimen: a rapid rise is needed and the "
        "1 g/kg single dose is faster and more effective."
    ),
}
