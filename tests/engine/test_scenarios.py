"""One row per scenario of the clinical source (decisions/engine/source/), plus the contract's
conflict rules. Each row names the rule that must decide it, so docs/rules.md can list the tests
of every rule.
"""

import pytest

from .helpers import alert_codes, plan_for, roles

NEONATE = {"age_group": "neonate", "weight_kg": 3.2}
GIVE, OPTION, AVOID = "give", "option", "avoid"

# id, inputs, expected roles (only these codes may appear), IVIG (g/kg/day, days) or None,
# alert codes that must appear, the rule that must decide IVIG (or the plan).
SCENARIOS = [
    pytest.param(
        # Rules 2027.1: active bleeding is significant or worse (minor skin bleeding is not).
        {"platelet_count": 12_000, "bleeding": "significant", "bleeding_sites": ["mucosal"]},
        {
            "IVIG": GIVE,
            "CORTICOSTEROID": GIVE,
            "PLATELET_TRANSFUSION": GIVE,
            "DEXAMETHASONE": OPTION,
        },
        (1.0, 1),
        {"RENAL_MONITORING", "THROMBOSIS_RISK"},
        "ITP-GRADE-4-ACTIVE-BLEEDING",
        id="grade-4-active-bleeding-ivig-platelets-prednisone",
    ),
    pytest.param(
        {"platelet_count": 12_000, "bleeding": "significant", "bleeding_sites": ["gi"]},
        {
            "IVIG": GIVE,
            "CORTICOSTEROID": GIVE,
            "PLATELET_TRANSFUSION": GIVE,
            "DEXAMETHASONE": OPTION,
        },
        (1.0, 1),
        {"RENAL_MONITORING", "THROMBOSIS_RISK"},
        "ITP-GRADE-4-ACTIVE-BLEEDING",
        id="grade-4-gi-bleed-not-life-threatening",
    ),
    pytest.param(
        {"platelet_count": 40_000, "bleeding_risk": True},
        {"IVIG": GIVE, "CORTICOSTEROID": GIVE, "DEXAMETHASONE": OPTION},
        (1.0, 1),
        {"RENAL_MONITORING", "THROMBOSIS_RISK"},
        "ITP-GRADE-3-BLEEDING-RISK",
        id="grade-3-bleeding-risk-ivig-corticosteroid",
    ),
    pytest.param(
        {"platelet_count": 30_000, "bleeding": "minor"},
        {"IVIG": GIVE, "CORTICOSTEROID": GIVE, "DEXAMETHASONE": OPTION},
        (1.0, 1),
        set(),
        "ITP-GRADE-3-BLEEDING-RISK",
        id="grade-3-bleeding-counts-as-risk",
    ),
    pytest.param(
        {"platelet_count": 20_000},
        {"IVIG": GIVE, "CORTICOSTEROID": GIVE, "DEXAMETHASONE": OPTION},
        (1.0, 1),
        set(),
        "ITP-GRADE-4-NOT-BLEEDING",
        id="grade-4-not-bleeding-at-least-grade-3-with-risk",
    ),
    pytest.param(
        {"platelet_count": 45_000},
        {"CORTICOSTEROID": GIVE, "IVIG": OPTION, "DEXAMETHASONE": OPTION},
        (1.0, 1),
        {"RENAL_MONITORING", "THROMBOSIS_RISK"},
        "ITP-GRADE-3-NO-BLEEDING-RISK",
        id="grade-3-no-risk-corticosteroid-ivig-option",
    ),
    pytest.param(
        {"platelet_count": 60_000},
        {"CORTICOSTEROID": GIVE, "DEXAMETHASONE": OPTION},
        None,
        set(),
        "ITP-GRADE-2",
        id="grade-2-prednisone-alone",
    ),
    pytest.param(
        {"platelet_count": 60_000, "rapid_increase_needed": True},
        {
            "IVIG": GIVE,
            "CORTICOSTEROID": GIVE,
            "IVIG_5_DAY_LOW_DOSE": AVOID,
            "DEXAMETHASONE": OPTION,
        },
        (1.0, 1),
        {"RENAL_MONITORING"},
        "ITP-RAPID-RISE-NEEDED",
        id="grade-2-rapid-rise-adds-ivig",
    ),
    pytest.param(
        {"platelet_count": 90_000},
        {},
        None,
        {"NO_TREATMENT_INDICATED"},
        "GRADE-1-NO-TREATMENT",
        id="grade-1-no-treatment",
    ),
    pytest.param(
        {"platelet_count": 200_000},
        {},
        None,
        {"OUTSIDE_EVIDENCE", "NO_TREATMENT_INDICATED"},
        "NOT-THROMBOCYTOPENIC",
        id="grade-0-not-thrombocytopenic",
    ),
    pytest.param(
        {"platelet_count": 90_000, "urgent_surgery": True},
        {
            "IVIG": GIVE,
            "CORTICOSTEROID": GIVE,
            "IVIG_5_DAY_LOW_DOSE": AVOID,
            "DEXAMETHASONE": OPTION,
        },
        (1.0, 1),
        {"RENAL_MONITORING"},
        "ITP-URGENT-SURGERY",
        id="urgent-surgery-ivig-before-operation",
    ),
    pytest.param(
        {"platelet_count": 60_000, "bleeding": "life_threatening", "bleeding_sites": ["gi"]},
        {
            "IVIG": GIVE,
            "CORTICOSTEROID": GIVE,
            "PLATELET_TRANSFUSION": GIVE,
            "IVIG_5_DAY_LOW_DOSE": AVOID,
        },
        (1.0, 1),
        {"LIFE_THREATENING_BLEEDING", "RENAL_MONITORING", "THROMBOSIS_RISK"},
        "EMERGENCY-LIFE-THREATENING-BLEEDING",
        id="life-threatening-gi-bleed-all-three-together",
    ),
    pytest.param(
        {"platelet_count": 10_000, "bleeding": "life_threatening", "bleeding_sites": ["gu"]},
        {
            "IVIG": GIVE,
            "CORTICOSTEROID": GIVE,
            "PLATELET_TRANSFUSION": GIVE,
            "IVIG_5_DAY_LOW_DOSE": AVOID,
        },
        (1.0, 1),
        {"LIFE_THREATENING_BLEEDING"},
        "EMERGENCY-LIFE-THREATENING-BLEEDING",
        id="life-threatening-gu-bleed",
    ),
    pytest.param(
        {"platelet_count": 30_000, "bleeding": "minor", "bleeding_sites": ["cns"]},
        {
            "IVIG": GIVE,
            "CORTICOSTEROID": GIVE,
            "PLATELET_TRANSFUSION": GIVE,
            "IVIG_5_DAY_LOW_DOSE": AVOID,
        },
        (1.0, 1),
        {"LIFE_THREATENING_BLEEDING", "CNS_BLEED_TREATED_AS_LIFE_THREATENING"},
        "EMERGENCY-LIFE-THREATENING-BLEEDING",
        id="cns-bleed-is-life-threatening-whatever-bleeding-says",
    ),
    pytest.param(
        {
            "platelet_count": 15_000,
            "bleeding": "life_threatening",
            "bleeding_sites": ["cns"],
            "steroid_contraindications": ["diabetes"],
        },
        {
            "IVIG": GIVE,
            "CORTICOSTEROID": GIVE,
            "PLATELET_TRANSFUSION": GIVE,
            "IVIG_5_DAY_LOW_DOSE": AVOID,
        },
        (1.0, 1),
        {"STEROID_CONTRAINDICATION_OVERRIDDEN", "LIFE_THREATENING_BLEEDING"},
        "EMERGENCY-LIFE-THREATENING-BLEEDING",
        id="life-threatening-steroid-contraindication-overridden",
    ),
    *(
        pytest.param(
            {"platelet_count": 60_000, "steroid_contraindications": [reason]},
            {"IVIG": GIVE, "CORTICOSTEROID": AVOID},
            (1.0, 1),
            {"INFUSION_REACTION_RISK", "RENAL_MONITORING"},
            "STEROID-CONTRAINDICATED-IVIG-MONOTHERAPY",
            id=f"steroid-contraindicated-{reason}-ivig-monotherapy",
        )
        for reason in ("active_infection", "diabetes", "psychiatric")
    ),
    pytest.param(
        {"platelet_count": 40_000, "sex": "female", "steroid_contraindications": ["pregnancy"]},
        {"IVIG": GIVE, "CORTICOSTEROID": AVOID},
        (1.0, 1),
        {"PREGNANCY"},
        "STEROID-CONTRAINDICATED-IVIG-MONOTHERAPY",
        id="steroid-contraindicated-pregnancy-ivig-monotherapy",
    ),
    pytest.param(
        {"platelet_count": 60_000, "pregnant": True, "sex": "female"},
        {"CORTICOSTEROID": GIVE, "IVIG": OPTION},
        (1.0, 1),
        {"PREGNANCY", "RENAL_MONITORING"},
        "PREGNANCY-STEROID-OR-IVIG",
        id="pregnancy-corticosteroid-or-ivig",
    ),
    pytest.param(
        {"platelet_count": 60_000, "condition": "hcv_itp"},
        {"IVIG": GIVE, "CORTICOSTEROID": OPTION},
        (1.0, 1),
        {"RENAL_MONITORING"},
        "HCV-IVIG-FIRST",
        id="hcv-ivig-initial-treatment",
    ),
    pytest.param(
        {"platelet_count": 90_000, "condition": "hcv_itp"},
        {},
        None,
        {"NO_TREATMENT_INDICATED"},
        "GRADE-1-NO-TREATMENT",
        id="hcv-no-itp-therapy-required",
    ),
    pytest.param(
        {"platelet_count": 40_000, "condition": "hiv_itp", "bleeding": "minor"},
        {
            "ANTIVIRAL_THERAPY_FIRST": GIVE,
            "IVIG": OPTION,
            "CORTICOSTEROID": OPTION,
            "ANTI_D": OPTION,
        },
        (1.0, 1),
        {"RENAL_MONITORING", "THROMBOSIS_RISK"},
        "HIV-ANTIVIRALS-FIRST-ITP-TREATMENT-NEEDED",
        id="hiv-antivirals-first-itp-options",
    ),
    pytest.param(
        {"platelet_count": 90_000, "condition": "hiv_itp"},
        {"ANTIVIRAL_THERAPY_FIRST": GIVE},
        None,
        set(),
        "HIV-ANTIVIRALS-FIRST",
        id="hiv-antivirals-first-no-itp-treatment",
    ),
    pytest.param(
        {"platelet_count": 40_000, "condition": "hiv_itp", "bleeding": "significant"},
        {"IVIG": GIVE, "CORTICOSTEROID": GIVE, "ANTI_D": OPTION},
        (1.0, 1),
        {"RENAL_MONITORING"},
        "ITP-GRADE-3-BLEEDING-RISK",
        id="hiv-significant-bleeding-treat-itp-now",
    ),
    pytest.param(
        {**NEONATE, "condition": "neonatal_alloimmune", "platelet_count": 20_000},
        {"IVIG": GIVE},
        (0.4, 5),
        {"RENAL_MONITORING", "THROMBOSIS_RISK", "INFUSION_REACTION_RISK"},
        "NEONATAL",
        id="neonatal-alloimmune-0.4-x-5",
    ),
    pytest.param(
        {**NEONATE, "condition": "neonatal_maternal_itp", "platelet_count": 40_000},
        {"IVIG": GIVE},
        (0.4, 5),
        {"RENAL_MONITORING"},
        "NEONATAL",
        id="neonatal-maternal-itp-0.4-x-5",
    ),
    pytest.param(
        {**NEONATE, "condition": "neonatal_alloimmune", "platelet_count": 60_000},
        {"IVIG": OPTION},
        (0.4, 5),
        {"RENAL_MONITORING"},
        "NEONATAL-GRADE-2",
        id="neonatal-grade-2-option",
    ),
    pytest.param(
        {
            **NEONATE,
            "condition": "neonatal_alloimmune",
            "platelet_count": 60_000,
            "rapid_increase_needed": True,
        },
        {"IVIG": GIVE},
        (0.4, 5),
        set(),
        "NEONATAL",
        id="neonatal-rapid-rise-still-neonatal-regimen",
    ),
    pytest.param(
        {
            **NEONATE,
            "condition": "neonatal_alloimmune",
            "platelet_count": 10_000,
            "bleeding": "life_threatening",
            "bleeding_sites": ["cns"],
        },
        {"IVIG": GIVE, "CORTICOSTEROID": GIVE, "PLATELET_TRANSFUSION": GIVE},
        (1.0, 1),
        {"LIFE_THREATENING_BLEEDING", "OUTSIDE_EVIDENCE"},
        "EMERGENCY-LIFE-THREATENING-BLEEDING",
        id="neonatal-life-threatening-emergency-protocol",
    ),
    pytest.param(
        {"condition": "sepsis", "platelet_count": 40_000, "bleeding": "minor"},
        {"IVIG": GIVE},
        (0.4, 3),
        {"RENAL_MONITORING", "INFUSION_REACTION_RISK"},
        "SEPSIS-BLEEDING-OR-PROCEDURE",
        id="sepsis-without-dic-bleeding-0.4-x-3",
    ),
    pytest.param(
        {"condition": "sepsis", "platelet_count": 40_000, "invasive_procedure_planned": True},
        {"IVIG": GIVE},
        (0.4, 3),
        {"RENAL_MONITORING"},
        "SEPSIS-BLEEDING-OR-PROCEDURE",
        id="sepsis-without-dic-procedure-0.4-x-3",
    ),
    pytest.param(
        {"condition": "sepsis", "platelet_count": 40_000, "rapid_increase_needed": True},
        {"IVIG": GIVE},
        (0.4, 3),
        {"RENAL_MONITORING"},
        "SEPSIS-BLEEDING-OR-PROCEDURE",
        id="sepsis-without-dic-rapid-rise-0.4-x-3",
    ),
    pytest.param(
        {"condition": "sepsis", "platelet_count": 40_000},
        {"IVIG": OPTION},
        (0.4, 3),
        {"RENAL_MONITORING"},
        "SEPSIS-WITHOUT-DIC",
        id="sepsis-without-dic-not-bleeding-option",
    ),
    pytest.param(
        {"condition": "sepsis", "platelet_count": 40_000, "bleeding": "minor", "dic": True},
        {},
        None,
        {"OUTSIDE_EVIDENCE", "NO_TREATMENT_INDICATED"},
        "SEPSIS-WITH-DIC",
        id="sepsis-with-dic-outside-evidence",
    ),
    pytest.param(
        {
            "condition": "sepsis",
            "platelet_count": 20_000,
            "bleeding": "life_threatening",
            "dic": True,
        },
        {
            "IVIG": GIVE,
            "CORTICOSTEROID": GIVE,
            "PLATELET_TRANSFUSION": GIVE,
            "IVIG_5_DAY_LOW_DOSE": AVOID,
        },
        (1.0, 1),
        {"OUTSIDE_EVIDENCE", "STEROID_CONTRAINDICATION_OVERRIDDEN", "LIFE_THREATENING_BLEEDING"},
        "EMERGENCY-LIFE-THREATENING-BLEEDING",
        id="sepsis-with-dic-life-threatening-emergency",
    ),
    pytest.param(
        {"platelet_count": 40_000, "bleeding_risk": True, "pa_igg_molecules_per_platelet": 6000},
        {"IVIG": GIVE, "CORTICOSTEROID": GIVE, "DEXAMETHASONE": OPTION},
        (1.0, 1),
        {"PA_IGG_FAVOURABLE"},
        "ITP-GRADE-3-BLEEDING-RISK",
        id="pa-igg-above-5000-favourable",
    ),
    pytest.param(
        {"platelet_count": 40_000, "bleeding_risk": True, "renal_disease": True},
        {"IVIG": GIVE, "CORTICOSTEROID": GIVE, "DEXAMETHASONE": OPTION},
        (1.0, 1),
        {"PRE_EXISTING_RENAL_DISEASE", "RENAL_MONITORING"},
        "ITP-GRADE-3-BLEEDING-RISK",
        id="pre-existing-renal-disease",
    ),
]


@pytest.mark.parametrize(("inputs", "expected_roles", "ivig", "alerts", "rule_id"), SCENARIOS)
def test_scenario(inputs, expected_roles, ivig, alerts, rule_id):
    plan = plan_for(**inputs)

    assert roles(plan) == expected_roles
    recommendation = plan.recommendation("IVIG")
    if ivig is None:
        assert recommendation is None
    else:
        dose = recommendation.ivig_dose
        assert (dose.g_per_kg_per_day, dose.days) == ivig
    assert alerts <= alert_codes(plan)
    assert rule_id in plan.rule_ids


def test_a_life_threatening_bleed_with_a_normal_count_raises_no_emergency_alert():
    plan = plan_for(platelet_count=200_000, bleeding_sites=["cns"])
    assert "LIFE_THREATENING_BLEEDING" not in alert_codes(plan)
    assert "OUTSIDE_EVIDENCE" in alert_codes(plan)


def test_the_renal_checks_after_the_infusion_come_first():
    first = plan_for(platelet_count=40_000, bleeding_risk=True).monitoring[0]
    assert (first.code, first.hours_after_infusion) == ("RENAL_FUNCTION", 24)


def test_hcv_keeps_the_corticosteroid_where_the_algorithm_combines_them():
    # Rules 2027.1: significant bleeding is active bleeding (minor bleeding would not be).
    plan = plan_for(condition="hcv_itp", platelet_count=12_000, bleeding="significant")
    assert roles(plan) == {"IVIG": GIVE, "CORTICOSTEROID": GIVE, "PLATELET_TRANSFUSION": GIVE}


def test_hiv_with_significant_bleeding_at_grade_2_offers_ivig_and_anti_d():
    plan = plan_for(condition="hiv_itp", platelet_count=60_000, bleeding="significant")
    assert roles(plan) == {"CORTICOSTEROID": GIVE, "IVIG": OPTION, "ANTI_D": OPTION}


def test_the_avoided_five_day_regimen_names_its_dose():
    plan = plan_for(platelet_count=40_000, rapid_increase_needed=True)
    avoided = plan.recommendation("IVIG_5_DAY_LOW_DOSE").to_dict()
    assert (avoided["role"], avoided["g_per_kg_per_day"], avoided["days"]) == ("avoid", 0.4, 5)


def test_sepsis_before_urgent_surgery_is_not_told_the_1_g_dose_is_faster():
    plan = plan_for(condition="sepsis", platelet_count=40_000, urgent_surgery=True)
    # Rules 2027.1: below the surgery's target, a platelet transfusion is offered as well.
    assert roles(plan) == {"IVIG": GIVE, "PLATELET_TRANSFUSION": OPTION}
