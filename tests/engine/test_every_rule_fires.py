"""Each rule of every table fires for a case written for it, and only rules with tests exist."""

import pytest

from decisions.rules_doc import all_rule_ids, find_tests_naming_rules

from .helpers import plan_for

TREATED = {"platelet_count": 40_000, "bleeding_risk": True}
NEONATE = {"age_group": "neonate", "weight_kg": 3.2, "condition": "neonatal_alloimmune"}


def fires(rule_id: str, inputs: dict):
    return pytest.param(rule_id, inputs, id=rule_id)


FIRING = [
    fires("HIV-ANTI-D-OPTION", {**TREATED, "condition": "hiv_itp", "bleeding": "significant"}),
    fires("PITFALL-NO-5-DAY-REGIMEN-WHEN-RAPID", {**TREATED, "rapid_increase_needed": True}),
    fires("ALERT-EMERGENCY", {**TREATED, "bleeding": "life_threatening"}),
    fires("ALERT-CNS-BLEED-ESCALATED", {**TREATED, "bleeding_sites": ["cns"]}),
    fires(
        "ALERT-STEROID-CONTRAINDICATION-OVERRIDDEN",
        {**TREATED, "bleeding": "life_threatening", "steroid_contraindications": ["psychiatric"]},
    ),
    fires("ALERT-RENAL-MONITORING-AT-RISK", {**TREATED, "renal_disease": True}),
    fires("ALERT-RENAL-MONITORING", TREATED),
    fires("ALERT-PRE-EXISTING-RENAL-DISEASE", {**TREATED, "renal_disease": True}),
    fires(
        "ALERT-THROMBOSIS-RISK-FACTORS", {**TREATED, "thrombosis_risk_factors": ["hyperviscosity"]}
    ),
    fires("ALERT-THROMBOSIS-RISK", TREATED),
    fires(
        "ALERT-IVIG-WITHOUT-STEROID-COVER", {**TREATED, "steroid_contraindications": ["diabetes"]}
    ),
    fires("ALERT-IVIG-ADVERSE-EFFECTS", TREATED),
    fires("ALERT-OUTSIDE-EVIDENCE-NOT-THROMBOCYTOPENIC", {"platelet_count": 150_000}),
    fires("ALERT-OUTSIDE-EVIDENCE-DIC", {**TREATED, "condition": "sepsis", "dic": True}),
    fires("ALERT-OUTSIDE-EVIDENCE-NEONATE", {**NEONATE, **TREATED, "condition": "primary_itp"}),
    fires("ALERT-PA-IGG-FAVOURABLE", {**TREATED, "pa_igg_molecules_per_platelet": 5001}),
    fires("ALERT-PREGNANCY", {**TREATED, "pregnant": True, "sex": "female"}),
    fires(
        "ALERT-DOSING-WEIGHT",
        {**TREATED, "dosing_weight": "adjusted", "height_cm": 170, "sex": "male", "weight_kg": 110},
    ),
    fires("ALERT-NO-TREATMENT-INDICATED", {"platelet_count": 100_000}),
    fires("MONITOR-RENAL-BASELINE", TREATED),
    fires("MONITOR-URINE-OUTPUT-AT-RISK", {**TREATED, "renal_risk_factors": ["diabetes"]}),
    fires("MONITOR-RENAL", TREATED),
    fires("MONITOR-RENAL-AT-RISK", {**TREATED, "renal_risk_factors": ["volume_depletion"]}),
    fires("MONITOR-PLATELET-COUNT", TREATED),
    fires("MONITOR-PA-IGG", {**TREATED, "pa_igg_molecules_per_platelet": 300}),
    fires("RESPONSE-IVIG-1G", TREATED),
    fires("RESPONSE-NEONATAL", {**NEONATE, **TREATED}),
    fires("RESPONSE-SEPSIS", {**TREATED, "condition": "sepsis"}),
    fires("RESPONSE-WITHOUT-IVIG", {"platelet_count": 60_000}),
]


def fired_rule_ids(plan) -> set[str]:
    return {
        *plan.rule_ids,
        *(a.rule_id for a in plan.alerts),
        *(m.rule_id for m in plan.monitoring),
        plan.expected_response.rule_id,
    }


@pytest.mark.parametrize(("rule_id", "inputs"), FIRING)
def test_rule_fires(rule_id, inputs):
    assert rule_id in fired_rule_ids(plan_for(**inputs))


def test_every_rule_is_named_by_a_test():
    tested = find_tests_naming_rules()
    assert [rule_id for rule_id in all_rule_ids() if not tested.get(rule_id)] == []


def test_rule_ids_are_unique():
    ids = all_rule_ids()
    assert len(ids) == len(set(ids))
