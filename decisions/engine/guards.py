"""The source's "common pitfalls" and the contract's hard rules, checked on every plan.

The rules are written so that these never fail; the guards make sure no plan that breaks one can
leave the engine if a future edit gets a rule wrong.
"""

from .facts import Facts, is_neonate
from .plan import Plan
from .treatments import NEONATAL_5_DAY, Code
from .vocabulary import Role


class UnsafePlanError(AssertionError):
    """A plan broke one of the source's pitfalls; it must never be shown."""


def check_pitfalls(facts: Facts, plan: Plan) -> None:
    roles = {r.code: r.role for r in plan.recommendations}
    ivig = plan.recommendation(Code.IVIG)
    if facts.prior_immunoglobulin_anaphylaxis and roles.get(Code.IVIG) in (Role.GIVE, Role.OPTION):
        # Immune globulin class labelling: contraindicated after anaphylaxis to immunoglobulin.
        raise UnsafePlanError("IVIG given or offered after anaphylaxis to immunoglobulin")
    if facts.life_threatening and facts.grade > 0:
        # seed ref 3: IVIG never alone in life-threatening hemorrhage; do not withhold platelets.
        # IVIG itself gives way only to a contraindication (prior anaphylaxis), checked above.
        needed = (Code.IVIG, Code.CORTICOSTEROID, Code.PLATELET_TRANSFUSION)
        if facts.prior_immunoglobulin_anaphylaxis:
            needed = needed[1:]
        for code in needed:
            if roles.get(code) != Role.GIVE:
                raise UnsafePlanError(f"life-threatening bleeding without {code} given")
    if roles.get(Code.PLATELET_TRANSFUSION) == Role.GIVE and not facts.active_bleeding:
        # Rules 2027.1: minor bleeding alone never brings a platelet transfusion.
        raise UnsafePlanError("platelet transfusion given without active bleeding")
    if ivig is not None and ivig.ivig_dose is not None:
        dose = ivig.ivig_dose
        five_day_low = dose.g_per_kg_per_day == NEONATAL_5_DAY.g_per_kg_per_day and dose.days == 5
        # seed ref 1, 3: no 0.4 g/kg x 5 when a rapid response is needed; contract: neonates only.
        if five_day_low and not is_neonate(facts):
            raise UnsafePlanError("0.4 g/kg/day x 5 days outside neonates")
        if ivig.role in (Role.GIVE, Role.OPTION):
            # seed ref 3: never IVIG without monitoring renal function.
            codes = {a.code for a in plan.alerts}
            if "RENAL_MONITORING" not in codes or "THROMBOSIS_RISK" not in codes:
                raise UnsafePlanError("IVIG without renal and thrombosis alerts")
            if not any(m.code == "RENAL_FUNCTION" for m in plan.monitoring):
                raise UnsafePlanError("IVIG without renal function monitoring")
    for recommendation in plan.recommendations:
        if recommendation.role == Role.GIVE and not (
            recommendation.citations or recommendation.standards
        ):
            raise UnsafePlanError(f"{recommendation.code} given without a citation")
