"""The engine's one entry point: an assessment in, a plan out."""

from .alerts import ALERT_RULES
from .assessment import Assessment, EngineOptions
from .decision_set import DecisionSet
from .facts import Facts, derive_facts
from .guards import check_pitfalls
from .monitoring import build_expected_response, build_monitoring
from .plan import Alert, Inputs, Plan, Recommendation
from .references import REFERENCES, merge_citations
from .rules import MODIFIER_RULES, TREATMENT_RULES, TreatmentRule
from .treatments import CODE_ORDER, Code
from .version import RULESET_VERSION
from .vocabulary import SEVERITY_ORDER, Role
from .wording import build_recommendation

DEFAULT_OPTIONS = EngineOptions()
ROLE_ORDER = {Role.GIVE: 0, Role.OPTION: 1, Role.AVOID: 2}
RULES_BY_ID = {rule.id: rule for rule in (*TREATMENT_RULES, *MODIFIER_RULES)}


def evaluate(assessment: Assessment, options: EngineOptions = DEFAULT_OPTIONS) -> Plan:
    """Apply the rule tables to one assessment and return the plan, checked against pitfalls."""
    facts = derive_facts(assessment)
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
            (_recommendation(code, facts, decisions, options) for code in decisions.decisions),
            key=lambda r: (ROLE_ORDER[r.role], CODE_ORDER[r.code]),
        )
    )
    alerts = tuple(
        sorted(
            (
                Alert(
                    code=rule.code,
                    severity=rule.severity,
                    text=rule.text(facts),
                    citations=rule.citations,
                    rule_id=rule.id,
                    inputs=_inputs(facts, rule.uses),
                )
                for rule in ALERT_RULES
                if rule.applies(facts, decisions)
            ),
            key=lambda a: SEVERITY_ORDER[a.severity],
        )
    )
    monitoring = build_monitoring(facts, decisions, options)
    expected = build_expected_response(facts, decisions)
    cited = merge_citations(
        *(r.citations for r in recommendations),
        *(a.citations for a in alerts),
        *(m.citations for m in monitoring),
        expected.citations,
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
        references=tuple(REFERENCES[number].to_dict() for number in cited),
    )
    check_pitfalls(facts, plan)
    return plan


def _apply_treatment_rule(rule: TreatmentRule, decisions: DecisionSet) -> None:
    for role, codes in ((Role.GIVE, rule.give), (Role.OPTION, rule.option)):
        for code in codes:
            regimen = rule.ivig if code == Code.IVIG else None
            decisions.set(code, role, rule.id, regimen=regimen)


def _recommendation(
    code: str, facts: Facts, decisions: DecisionSet, options: EngineOptions
) -> Recommendation:
    decision = decisions.decisions[code]
    trail = [RULES_BY_ID[rule_id] for rule_id in decision.rule_ids]
    deciding = trail[-1]
    uses = tuple(dict.fromkeys(name for rule in trail for name in rule.uses))
    return build_recommendation(
        code,
        decision,
        facts,
        options,
        why=f"Why: {deciding.summary}.",
        citations=merge_citations(*(rule.citations for rule in trail)),
        inputs=_inputs(facts, uses),
    )


def _inputs(facts: Facts, names: tuple[str, ...]) -> Inputs:
    """The values a rule read, as plain JSON values, for the clinician to review."""
    values: Inputs = {}
    for name in names:
        if name == "platelet_count_per_uL":
            values[name] = facts.count_per_uL
            values["grade"] = facts.grade
        elif name == "steroid_contraindications":
            values[name] = sorted(str(v) for v in facts.steroid_contraindications)
        elif name == "renal_risk_factors":
            values[name] = sorted(str(v) for v in facts.renal_risks)
        elif name == "thrombosis_risk_factors":
            values[name] = sorted(str(v) for v in facts.thrombosis_risks)
        else:
            value = getattr(facts.assessment, name)
            if isinstance(value, frozenset):
                value = sorted(str(v) for v in value)
            elif value is not None and not isinstance(value, bool | int | float):
                value = str(value)
            values[name] = value
    return values
