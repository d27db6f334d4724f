"""The emergency fast path: the engine's emergency plan from the answers entered so far.

As soon as the bleeding answer makes it an emergency (the engine's own rule: life-threatening,
or a CNS bleed), the wizard shows what the engine would give now, and the clinician may go to the
plan before the other steps. The engine needs a full assessment, so each answer not yet given is
taken at a stated value (ASSUMED_WHEN_NOT_GIVEN); the plan made this way keeps that list, and
says so wherever it is shown. Nothing here doses or decides: the numbers are the engine's.
"""

from dataclasses import dataclass

from decisions.assessment.fields import build_field
from decisions.assessment.request import InvalidRequest, parse_evaluate_request
from decisions.assessment.steps import STEP_OF_FIELD, field_matters, prune
from decisions.engine import Assessment, EngineOptions, Plan, evaluate
from decisions.engine.evaluate import DEFAULT_OPTIONS
from decisions.engine.treatments import Code
from decisions.engine.vocabulary import Bleeding, BleedingSite

# The treatment row that decides an emergency (decisions/engine/rules.py).
EMERGENCY_RULE_ID = "EMERGENCY-LIFE-THREATENING-BLEEDING"


@dataclass(frozen=True, slots=True)
class Assumption:
    """An answer not given, and the value the partial plan took in its place."""

    field: str
    value: object
    said: str  # the assumed answer, in the clinician's words


# The answers of the later steps, each at the value that changes the emergency plan least.
# The emergency row decides whatever they are (rules.py: it comes before every other row); they
# shape only the alerts and monitoring around it, so the plan lists each one it took.
ASSUMED_WHEN_NOT_GIVEN = (
    Assumption(
        "condition",
        "primary_itp",
        "Primary immune thrombocytopenia (ITP); the emergency treatment is the same for every "
        "cause",
    ),
    Assumption("pregnant", False, "Not pregnant"),
    Assumption("dic", False, "No DIC"),
    Assumption("urgent_surgery", False, "No urgent surgery"),
    Assumption("invasive_procedure_planned", False, "No invasive procedure planned"),
    Assumption(
        "rapid_increase_needed", False, "Not asked (the emergency itself calls for a rapid rise)"
    ),
    Assumption("steroid_contraindications", [], "None known"),
    Assumption("renal_disease", False, "No known kidney disease"),
    Assumption("renal_risk_factors", [], "None known"),
    Assumption("thrombosis_risk_factors", [], "None known"),
    Assumption("dosing_weight", "actual", "Actual body weight"),
)


@dataclass(frozen=True, slots=True)
class EmergencyCore:
    """What the page shows at once in an emergency: the engine's three treatments, or what it
    still needs before it can dose them."""

    needs: tuple[str, ...] = ()  # labels of answers the engine cannot do without
    ivig: str = ""
    corticosteroid: str = ""
    transfusion: str = ""
    assumptions: tuple[Assumption, ...] = ()

    @property
    def ready(self) -> bool:
        return not self.needs

    @property
    def shown(self) -> str:
        """What the page shows, in a word: the region is sent again only when this changes."""
        parts = (*self.needs, self.ivig, self.corticosteroid, self.transfusion)
        return "|".join((*parts, str(len(self.assumptions))))


def is_emergency(answers: dict) -> bool:
    """The bleeding answers so far make it an emergency, by the engine's own rule.

    Facts.life_threatening (engine/facts.py): bleeding declared life-threatening, or any CNS
    bleed whatever `bleeding` says (contract). Read here from answers the engine cannot take yet
    (no weight, say); tests/test_emergency_core.py holds the two to the same table.
    """
    kept = prune(answers)  # sites are dropped once bleeding is "none", as the wizard drops them
    bleeding, sites = kept.get("bleeding"), kept.get("bleeding_sites") or ()
    return bleeding == Bleeding.LIFE_THREATENING or BleedingSite.CNS in sites


def assumptions_for(answers: dict) -> tuple[Assumption, ...]:
    """The answers not given that matter for this patient, each with its assumed value."""
    answers = prune(answers)
    with_assumed = {**{a.field: a.value for a in ASSUMED_WHEN_NOT_GIVEN}, **answers}
    return tuple(
        assumption
        for assumption in ASSUMED_WHEN_NOT_GIVEN
        if assumption.field not in answers and field_matters(assumption.field, with_assumed)
    )


def build_engine_input(answers: dict, confirmed=()) -> tuple[Assessment, tuple[Assumption, ...]]:
    """The engine's assessment from the answers and the assumptions for those not given.

    Validated as the API validates (raises api_request.InvalidRequest): an assumption never
    stands in for the weight, age group, platelet count or bleeding.
    """
    answers = prune(answers)
    assumed = assumptions_for(answers)
    data = {**{a.field: a.value for a in assumed}, **answers}
    return parse_evaluate_request(data, confirmed=confirmed), assumed


def decided_by_emergency_rule(plan: Plan) -> bool:
    return bool(plan.rule_ids) and plan.rule_ids[0] == EMERGENCY_RULE_ID


def emergency_core(
    answers: dict, confirmed=(), options: EngineOptions = DEFAULT_OPTIONS
) -> EmergencyCore | None:
    """The emergency core for the answers so far, or None when it is no emergency."""
    if not is_emergency(answers):
        return None
    try:
        engine_input, assumed = build_engine_input(answers, confirmed)
    except InvalidRequest as invalid:
        # In the order the steps ask them.
        needs = [name for name in STEP_OF_FIELD if name in invalid.errors]
        return EmergencyCore(needs=tuple(str(build_field(name).label) for name in needs))
    plan = evaluate(engine_input, options)
    if not decided_by_emergency_rule(plan):
        return None  # e.g. a count of 150,000/uL or more: the engine gives no IVIG
    return EmergencyCore(
        ivig=_ivig_text(plan),
        corticosteroid=_corticosteroid_text(plan),
        transfusion=_transfusion_text(plan),
        assumptions=assumed,
    )


def assumptions_as_recorded(assumed: tuple[Assumption, ...]) -> list[dict]:
    """The assumptions as the plan snapshot keeps them: words as shown on the day."""
    return [
        {
            "field": a.field,
            "question": str(build_field(a.field).label),
            "step": STEP_OF_FIELD[a.field].title,
            "assumed": a.said,
        }
        for a in assumed
    ]


def _ivig_text(plan: Plan) -> str:
    dose = plan.recommendation(Code.IVIG).ivig_dose
    regimen = f"{dose.g_per_kg_per_day:g} g/kg × {dose.dosing_weight_kg:g} kg"
    return f"IVIG {dose.daily_dose_g:g} g ({regimen})"


def _corticosteroid_text(plan: Plan) -> str:
    steroid = plan.recommendation(Code.CORTICOSTEROID)
    low, high = steroid.daily_dose_mg
    drug = (steroid.drug or "corticosteroid").capitalize()
    return f"{drug} {low:g}-{high:g} mg a day"


def _transfusion_text(plan: Plan) -> str:
    # The line without its "Why:", which the page says once for all three.
    return plan.recommendation(Code.PLATELET_TRANSFUSION).text.split(" Why: ")[0]
