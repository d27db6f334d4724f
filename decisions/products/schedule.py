"""From a catalogue product and a stored plan to the engine's infusion schedule and checks.

Reads only: the plan snapshot (dose, weight) and the assessment's answers (at-risk reasons,
IgA deficiency), through the engine; nothing here is stored or recomputes the plan.
"""

from dataclasses import dataclass

from decisions.assessment.request import InvalidRequest, parse_evaluate_request
from decisions.engine.facts import derive_facts
from decisions.engine.infusion_rates import ProductRates
from decisions.engine.product_checks import infusion_risk_reasons
from decisions.models import Product

# An emergency plan made before every answer was given: its risk factors are unknown, so the
# patient counts as at risk (the boxed warning's minimum rate) until the assessment is complete.
UNKNOWN_RISK = "risk factors not all answered (emergency plan): treated as at risk"


def product_rates(product: Product) -> ProductRates:
    """The engine's view of a catalogue product (works on unsaved rows too)."""
    return ProductRates(
        name=product.name,
        concentration_percent=product.concentration_percent,
        start_rate_mg_kg_min=product.start_rate_mg_kg_min,
        start_minutes=product.start_minutes,
        rate_steps_mg_kg_min=tuple(product.rate_steps_mg_kg_min or ()),
        step_minutes=product.step_minutes,
        max_rate_mg_kg_min=product.max_rate_mg_kg_min,
        at_risk_max_rate_mg_kg_min=product.at_risk_max_rate_mg_kg_min,
        vial_sizes_g=tuple(product.vial_sizes_g or ()),
    )


@dataclass(frozen=True, slots=True)
class PatientRisk:
    reasons: tuple[str, ...]
    renal_risk: bool
    iga_deficiency_with_antibodies: bool
    age_group: str | None = None  # adult, child, neonate
    age_years: float | None = None  # when the assessment knows it

    @property
    def at_risk(self) -> bool:
        return bool(self.reasons)


def patient_risk(assessment) -> PatientRisk:
    """What the assessment says about infusion risk, read as the engine reads it."""
    try:
        facts = derive_facts(
            parse_evaluate_request(assessment.answers, confirmed=assessment.confirmed)
        )
    except InvalidRequest:
        answers = assessment.answers
        return PatientRisk(
            (UNKNOWN_RISK,),
            renal_risk=True,
            iga_deficiency_with_antibodies=bool(answers.get("iga_deficiency_with_antibodies")),
            age_group=answers.get("age_group") or None,
            age_years=_number_or_none(answers.get("age_years")),
        )
    return PatientRisk(
        infusion_risk_reasons(facts),
        renal_risk=bool(facts.renal_risks),
        iga_deficiency_with_antibodies=facts.iga_deficiency_with_antibodies,
        age_group=str(facts.assessment.age_group),
        age_years=facts.assessment.age_years,
    )


def _number_or_none(value) -> float | None:
    try:
        return float(value) if value not in (None, "") else None
    except (TypeError, ValueError):
        return None
