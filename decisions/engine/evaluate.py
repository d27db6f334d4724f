"""The engine's one entry point: an assessment in, a plan out."""

from functools import cache

from .assessment import Assessment, EngineOptions
from .decision_set import DecisionSet
from .facts import Facts, derive_facts
from .guards import check_pitfalls
from .monitoring import build_expected_response, build_monitoring
from .plan import Alert, Inputs, Plan, Recommendation
from .references import REFERENCES, merge_citations
from .rules import MODIFIER_RULES, TREATMENT_RULES, TreatmentRule
from .safety_alerts import ALL_ALERT_RULES
from .standards import STANDARDS, merge_standards
from .treatments import CODE_ORDER, Code
from .version import RULESET_VERSION
from .vocabulary import SEVERITY_ORDER, Role
from .wording import build_recommendation

DEFAULT_OPTIONS = EngineOptions()
ROLE_ORDER = {Role.GIVE: 0, Role.OPTION: 1, Role.AVOID: 2}
RULES_BY_ID = {rule.id: rule for rule in (*TREATMENT_RULES, *MODIFIER_RULES)}
ALERT_RULES_MOST_SEVERE_FIRST = sorted(
    ALL_ALERT_RULES, key=lambda rule: SEVERITY_ORDER[rule.severity]
)


def evaluate(assessment: Assessment, options: EngineOptions = DEFAULT_OPTIONS) -> Plan:
    """Apply the rule tables to one assessment and return the plan, checked against pitfalls."""
    facts = derive_facts(assessment)
    values = _input_values(facts)
    decisions = DecisionSet()
    deciding = next(rule for rule in TREATMENT_RULES if rule.applies(facts))
    _apply_treatment_rule(deciding, decisions)
    fired = [deciding.id]
    for modifier in MODIFIER_RULES:
        if modifier.applies(facts, decisions):
            modifier.apply(facts, decisions, modifier.id)
            fired.append(modifier.id)

    recommendations = tuple(
        sorted(
            (
                _recommendation(code, facts, decisions, options, values)
                for code in decisions.decisions
            ),
            key=lambda r: (ROLE_ORDER[r.role], CODE_ORDER[r.code]),
        )
    )
    alerts = tuple(
        Alert(
            code=rule.code,
            severity=rule.severity,
            text=rule.text(facts, decisions),
            citations=rule.citations,
            rule_id=rule.id,
            inputs=_pick(values, rule.uses),
            standards=rule.standards,
        )
        for rule in ALERT_RULES_MOST_SEVERE_FIRST
        if rule.applies(facts, decisions)
    )
    monitoring = build_monitoring(facts, decisions, options)
    expected = build_expected_response(facts, decisions)
    cited = merge_citations(
        *(r.citations for r in recommendations),
        *(a.citations for a in alerts),
        *(m.citations for m in monitoring),
        expected.citations,
    )
    standards = merge_standards(
        *(r.standards for r in recommendations),
        *(a.standards for a in alerts),
        *(m.standards for m in monitoring),
    )
    plan = Plan(
        ruleset_version=RULESET_VERSION,
        platelet_count_per_uL=facts.count_per_uL,
        grade=facts.grade,
        life_threatening_bleeding=facts.life_threatening,
        body_weights=facts.weights,
        recommendations=recommendations,
        alerts=alerts,
        monitoring=monitoring,
        expected_response=expected,
        rule_ids=tuple(fired),
        references=tuple(REFERENCES[number] for number in cited),
        platelet_target_per_uL=facts.platelet_target_per_uL,
        standards=tuple(STANDARDS[key] for key in standards),
    )
    check_pitfalls(facts, plan)
    return plan


def _apply_treatment_rule(rule: TreatmentRule, decisions: DecisionSet) -> None:
    for role, codes in ((Role.GIVE, rule.give), (Role.OPTION, rule.option)):
        for code in codes:
            regimen = rule.ivig if code == Code.IVIG else None
            decisions.set(code, role, rule.id, regimen=regimen)


def _recommendation(
    code: str, facts: Facts, decisions: DecisionSet, options: EngineOptions, values: Inputs
) -> Recommendation:
    decision = decisions.decisions[code]
    why, citations, uses, standards = _trail_basis(tuple(decision.rule_ids))
    return build_recommendation(
        code,
        decision,
        facts,
        options,
        why=why,
        citations=citations,
        inputs=_pick(values, uses),
        standards=standards,
    )


@cache
def _trail_basis(
    rule_ids: tuple[str, ...],
) -> tuple[str, tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    """The reason (the deciding rule's summary), citations, inputs and standards of a chain."""
    trail = [RULES_BY_ID[rule_id] for rule_id in rule_ids]
    uses = tuple(dict.fromkeys(name for rule in trail for name in rule.uses))
    citations = merge_citations(*(rule.citations for rule in trail))
    standards = merge_standards(*(rule.standards for rule in trail))
    return f"Why: {trail[-1].summary}.", citations, uses, standards


def _input_values(facts: Facts) -> Inputs:
    """Every input a rule may read, as plain JSON values, for the clinician to review."""
    a = facts.assessment
    return {
        "platelet_count_per_uL": facts.count_per_uL,
        "grade": facts.grade,
        "weight_kg": a.weight_kg,
        "age_group": str(a.age_group),
        "age_years": a.age_years,
        "condition": str(a.condition),
        "bleeding": str(a.bleeding),
        "bleeding_sites": sorted(map(str, a.bleeding_sites)),
        "bleeding_risk": a.bleeding_risk,
        "rapid_increase_needed": a.rapid_increase_needed,
        "urgent_surgery": a.urgent_surgery,
        "invasive_procedure_planned": a.invasive_procedure_planned,
        "dic": a.dic,
        "pregnant": a.pregnant,
        # The effective lists: what was given plus what follows (sepsis is an active infection).
        "steroid_contraindications": sorted(map(str, facts.steroid_contraindications)),
        "renal_disease": a.renal_disease,
        "renal_risk_factors": sorted(map(str, facts.renal_risks)),
        "thrombosis_risk_factors": sorted(map(str, facts.thrombosis_risks)),
        "pa_igg_molecules_per_platelet": a.pa_igg_molecules_per_platelet,
        "height_cm": a.height_cm,
        "sex": None if a.sex is None else str(a.sex),
        "dosing_weight": str(a.dosing_weight),
        "procedure": None if a.procedure is None else str(a.procedure),
        "platelet_target_per_uL": facts.platelet_target_per_uL,
        "prior_immunoglobulin_anaphylaxis": a.prior_immunoglobulin_anaphylaxis,
        "iga_deficiency_with_antibodies": a.iga_deficiency_with_antibodies,
        "blood_group": None if a.blood_group is None else str(a.blood_group),
        "heart_failure": a.heart_failure,
    }


def _pick(values: Inputs, names: tuple[str, ...]) -> Inputs:
    picked = {name: values[name] for name in names}
    if "platelet_count_per_uL" in picked:
        picked["grade"] = values["grade"]
    if "procedure" in picked:
        picked["platelet_target_per_uL"] = values["platelet_target_per_uL"]
    return picked
