"""Turn decided treatments into recommendation lines with doses and plain-language text."""

from .assessment import EngineOptions
from .decision_set import Decision
from .doses import PREDNISONE_MG_PER_KG_PER_DAY, build_ivig_dose, prednisone_range_mg
from .facts import Facts, is_neonate
from .plan import Inputs, Recommendation
from .references import merge_citations
from .treatments import OUTDATED_5_DAY, PREDNISONE, SINGLE_1G, Code
from .vocabulary import Role


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
    if code == Code.CORTICOSTEROID:
        if role == Role.AVOID:
            listed = ", ".join(sorted(s.replace("_", " ") for s in facts.steroid_contraindications))
            return Recommendation(
                **common,
                text=f"Avoid corticosteroids: contraindicated ({listed}). {why}",
                citations=citations,
                drug=PREDNISONE,
            )
        low, high = prednisone_range_mg(facts.assessment.weight_kg)
        amount = f"prednisone 1-2 mg/kg/day, {_g(low)}-{_g(high)} mg a day (actual weight)"
        action = "Give" if role == Role.GIVE else "Option:"
        return Recommendation(
            **common,
            text=f"{action} {amount}. {why}",
            citations=citations,
            drug=PREDNISONE,
            mg_per_kg_per_day=PREDNISONE_MG_PER_KG_PER_DAY,
            daily_dose_mg=(low, high),
        )
    avoided = None
    if code == Code.IVIG_5_DAY_LOW_DOSE:
        avoided = (OUTDATED_5_DAY.g_per_kg_per_day, OUTDATED_5_DAY.days)
    return Recommendation(
        **common,
        text=f"{_OTHER_ACTIONS[code]} {why}",
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
    Code.IVIG_5_DAY_LOW_DOSE: (
        f"Do not use the outdated {OUTDATED_5_DAY.name} regimen: a rapid rise is needed and the "
        "1 g/kg single dose is faster and more effective."
    ),
}
