"""Rules 2027.1, the safety layer beyond the source: one row per new rule, then invariants."""

import pytest
from hypothesis import given

from decisions.assessment.request import parse_evaluate_request
from decisions.engine import evaluate
from decisions.engine.procedures import PLATELET_TARGET_PER_UL
from decisions.engine.registry import RULES_BY_ID

from .helpers import alert_codes, plan_for, roles
from .strategies import safety_requests

GIVE, OPTION, AVOID = "give", "option", "avoid"
TREATED = {"platelet_count": 40_000, "bleeding_risk": True}
CHILD = {"age_group": "child", "weight_kg": 25, "age_years": 8}
NEONATE = {"age_group": "neonate", "weight_kg": 3.2, "condition": "neonatal_alloimmune"}


def fired(plan) -> set[str]:
    return {
        *plan.rule_ids,
        *(a.rule_id for a in plan.alerts),
        *(m.rule_id for m in plan.monitoring),
    }


def row(rule_id: str, inputs: dict, expected_roles: dict, alerts: set[str]):
    return pytest.param(rule_id, inputs, expected_roles, alerts, id=rule_id)


# rule id, inputs, roles that must hold (others may appear), alert codes that must appear.
SAFETY_RULES = [
    row(
        "CHILD-OBSERVATION",
        {**CHILD, "platelet_count": 15_000, "bleeding": "minor", "bleeding_sites": ["skin"]},
        {"OBSERVATION": GIVE, "IVIG": OPTION, "CORTICOSTEROID": OPTION},
        set(),
    ),
    row(
        "ITP-GRADE-4-NOT-BLEEDING",
        {"platelet_count": 20_000, "bleeding": "minor", "bleeding_sites": ["skin"]},
        {"IVIG": GIVE, "CORTICOSTEROID": GIVE},
        set(),
    ),
    row(
        "URGENT-SURGERY-BELOW-TARGET-PLATELETS",
        {"condition": "sepsis", "platelet_count": 20_000, "urgent_surgery": True},
        {"IVIG": GIVE, "PLATELET_TRANSFUSION": OPTION},
        {"SEPSIS_GUIDELINE"},
    ),
    row(
        "IVIG-PRIOR-ANAPHYLAXIS-AVOID",
        {**TREATED, "prior_immunoglobulin_anaphylaxis": True},
        {"IVIG": AVOID, "CORTICOSTEROID": GIVE},
        {"IVIG_HYPERSENSITIVITY"},
    ),
    row(
        "DEXAMETHASONE-OPTION",
        {"platelet_count": 60_000},
        {"CORTICOSTEROID": GIVE, "DEXAMETHASONE": OPTION},
        set(),
    ),
    row(
        "ALERT-IVIG-PRIOR-ANAPHYLAXIS",
        {**TREATED, "bleeding": "life_threatening", "prior_immunoglobulin_anaphylaxis": True},
        {"IVIG": AVOID, "CORTICOSTEROID": GIVE, "PLATELET_TRANSFUSION": GIVE},
        {"IVIG_HYPERSENSITIVITY", "LIFE_THREATENING_BLEEDING"},
    ),
    row(
        "ALERT-IVIG-IGA-ANTIBODIES",
        {**TREATED, "iga_deficiency_with_antibodies": True},
        {"IVIG": GIVE},
        {"IVIG_HYPERSENSITIVITY"},
    ),
    row(
        "ALERT-HAEMOLYSIS-RISK",
        {**TREATED, "blood_group": "A"},
        {"IVIG": GIVE},
        {"HAEMOLYSIS_RISK"},
    ),
    row(
        "ALERT-VOLUME-OVERLOAD-RISK",
        {**TREATED, "heart_failure": True},
        {"IVIG": GIVE},
        {"VOLUME_OVERLOAD_RISK"},
    ),
    row(
        "ALERT-PROCEDURE-TARGET-MET",
        {"platelet_count": 149_999, "urgent_surgery": True, "procedure": "major_surgery"},
        {},
        {"PROCEDURE_TARGET_MET"},
    ),
    row(
        "ALERT-BLEEDING-NOT-EXPLAINED",
        {"platelet_count": 90_000, "bleeding": "significant", "bleeding_sites": ["gi"]},
        {},
        {"BLEEDING_NOT_EXPLAINED"},
    ),
    row(
        "ALERT-ACTIVE-BLEEDING-GRADE-2",
        {"platelet_count": 60_000, "bleeding": "significant", "bleeding_sites": ["gi"]},
        {"CORTICOSTEROID": GIVE},
        {"ACTIVE_BLEEDING_REVIEW"},
    ),
    row(
        "ALERT-OBESITY-DOSING",
        {**TREATED, "weight_kg": 130, "height_cm": 175, "sex": "male", "age_years": 50},
        {"IVIG": GIVE},
        {"OBESITY_DOSING"},
    ),
    row(
        "ALERT-NAIT-ANTIGEN-NEGATIVE-PLATELETS",
        {**NEONATE, "platelet_count": 15_000, "bleeding": "life_threatening"},
        {"PLATELET_TRANSFUSION": GIVE},
        {"ANTIGEN_NEGATIVE_PLATELETS"},
    ),
    row(
        "ALERT-SEPSIS-GUIDELINE-AGAINST-IVIG",
        {"condition": "sepsis", "platelet_count": 40_000, "bleeding": "minor"},
        {"IVIG": GIVE},
        {"SEPSIS_GUIDELINE"},
    ),
    row(
        "MONITOR-RENAL-DURING-COURSE",
        {**NEONATE, "platelet_count": 30_000},
        {"IVIG": GIVE},
        set(),
    ),
    row("MONITOR-HAEMOGLOBIN", {**TREATED, "blood_group": "AB"}, {"IVIG": GIVE}, set()),
]


@pytest.mark.parametrize(("rule_id", "inputs", "expected_roles", "alerts"), SAFETY_RULES)
def test_safety_rule(rule_id, inputs, expected_roles, alerts):
    plan = plan_for(**inputs)
    assert rule_id in fired(plan)
    assert expected_roles.items() <= roles(plan).items()
    assert alerts <= alert_codes(plan)


def test_steroid_course_and_maximum_are_shown_beside_the_range_in_an_adult():
    assert "STEROID-COURSE-AND-MAXIMUM" in RULES_BY_ID  # ASH 2019 course; a protocol's ceiling
    steroid = plan_for(platelet_count=60_000, weight_kg=400).recommendation("CORTICOSTEROID")
    data = steroid.to_dict()
    assert data["daily_dose_mg"] == [400, 800]
    assert (data["usual_max_daily_dose_mg"], data["course_max_weeks"]) == (80, 6)
    assert "80 mg" in steroid.text and "6 weeks" in steroid.text
    assert {"ASH-2019", "PREDNISONE-MAX-80"} <= set(steroid.standards)


def test_a_child_is_shown_no_adult_steroid_ceiling():
    steroid = plan_for(**CHILD, platelet_count=40_000, bleeding_risk=True).recommendation(
        "CORTICOSTEROID"
    )
    assert "usual_max_daily_dose_mg" not in steroid.to_dict()


def test_dexamethasone_is_40_mg_a_day_for_4_days():
    dexamethasone = plan_for(platelet_count=60_000).recommendation("DEXAMETHASONE").to_dict()
    assert (dexamethasone["drug"], dexamethasone["mg_per_day"], dexamethasone["days"]) == (
        "dexamethasone",
        40,
        4,
    )


def test_no_dexamethasone_in_pregnancy_or_in_children():
    assert "DEXAMETHASONE" not in roles(
        plan_for(platelet_count=60_000, pregnant=True, sex="female")
    )
    assert "DEXAMETHASONE" not in roles(
        plan_for(**CHILD, platelet_count=40_000, bleeding_risk=True)
    )


def test_a_child_bleeding_from_the_mouth_is_not_only_observed():
    plan = plan_for(**CHILD, platelet_count=15_000, bleeding="minor", bleeding_sites=["mucosal"])
    assert "OBSERVATION" not in roles(plan)


def test_a_child_needing_a_procedure_is_not_only_observed():
    plan = plan_for(**CHILD, platelet_count=15_000, procedure="lumbar_puncture")
    assert "OBSERVATION" not in roles(plan)
    assert roles(plan)["IVIG"] == GIVE


def test_a_rapid_rise_at_a_count_meeting_the_procedure_target_gives_nothing_for_the_procedure():
    plan = plan_for(platelet_count=140_000, procedure="lumbar_puncture", urgent_surgery=True)
    assert "IVIG" not in roles(plan)
    assert plan.to_dict()["platelet_target_per_uL"] == 40_000


@pytest.mark.parametrize(("procedure", "target"), sorted(PLATELET_TARGET_PER_UL.items()))
def test_each_procedure_carries_its_target(procedure, target):
    body = plan_for(platelet_count=10_000, procedure=str(procedure)).to_dict()
    assert body["platelet_target_per_uL"] == target


def test_no_target_without_a_procedure():
    assert "platelet_target_per_uL" not in plan_for(platelet_count=10_000).to_dict()


def test_below_the_target_with_urgent_surgery_platelets_are_at_least_an_option():
    plan = plan_for(
        platelet_count=90_000, procedure="neurosurgery_or_posterior_eye", urgent_surgery=True
    )
    assert roles(plan)["PLATELET_TRANSFUSION"] == OPTION
    assert roles(plan)["IVIG"] == GIVE


def test_significant_bleeding_at_grade_1_is_not_told_no_treatment():
    plan = plan_for(platelet_count=90_000, bleeding="significant", bleeding_sites=["gi"])
    assert "NO_TREATMENT_INDICATED" not in alert_codes(plan)


def test_a_cns_bleed_keeps_its_emergency_plan_at_grade_1():
    plan = plan_for(platelet_count=120_000, bleeding_sites=["cns"])
    assert roles(plan)["PLATELET_TRANSFUSION"] == GIVE
    assert {"BLEEDING_NOT_EXPLAINED", "LIFE_THREATENING_BLEEDING"} <= alert_codes(plan)


def test_the_nait_platelet_line_names_antigen_negative_platelets():
    plan = plan_for(**NEONATE, platelet_count=15_000, bleeding="life_threatening")
    assert "HPA-1a/5b-negative" in plan.recommendation("PLATELET_TRANSFUSION").text


def test_the_sepsis_regimen_note_cites_the_surviving_sepsis_campaign():
    ivig = plan_for(condition="sepsis", platelet_count=40_000, bleeding="minor").recommendation(
        "IVIG"
    )
    assert "Surviving Sepsis Campaign 2021" in ivig.evidence_note


def test_in_course_checks_come_before_days_2_to_5_of_the_neonatal_course():
    plan = plan_for(**NEONATE, platelet_count=30_000)
    days = [m.before_day for m in plan.monitoring if m.before_day is not None]
    assert days == [2, 3, 4, 5]
    assert plan.monitoring[0].hours_after_infusion == 24


def test_a_single_dose_has_no_in_course_checks():
    plan = plan_for(**TREATED)
    assert all(m.before_day is None for m in plan.monitoring)


def test_haemoglobin_is_not_watched_for_blood_group_o():
    plan = plan_for(**TREATED, blood_group="O")
    assert "HAEMOLYSIS_RISK" not in alert_codes(plan)
    assert all(m.code != "HAEMOGLOBIN" for m in plan.monitoring)


def test_the_plan_lists_the_standards_it_cites():
    body = plan_for(**TREATED, blood_group="B").to_dict()
    assert "IG-LABEL" in {standard["key"] for standard in body["standards"]}


def _plan(request):
    return evaluate(parse_evaluate_request(request))


def _roles(plan) -> dict[str, str]:
    return {r.code: str(r.role) for r in plan.recommendations}


@given(safety_requests())
def test_a_platelet_transfusion_is_never_given_for_minor_bleeding_alone(request):
    minor_alone = request["bleeding"] in ("none", "minor") and not (
        {"cns", "gi", "gu"} & set(request["bleeding_sites"])
    )
    if minor_alone:
        assert _roles(_plan(request)).get("PLATELET_TRANSFUSION") != GIVE


@given(safety_requests())
def test_no_ivig_is_given_for_a_procedure_whose_target_the_count_meets(request):
    plan = _plan(request)
    target = plan.platelet_target_per_uL
    if target is None or plan.platelet_count_per_uL < target:
        return
    without = {
        k: v
        for k, v in request.items()
        if k not in ("procedure", "urgent_surgery", "invasive_procedure_planned")
    }
    if _roles(plan).get("IVIG") == GIVE:
        assert _roles(_plan(without)).get("IVIG") == GIVE


@given(safety_requests())
def test_prior_anaphylaxis_never_leaves_ivig_given(request):
    if request.get("prior_immunoglobulin_anaphylaxis"):
        plan = _plan(request)
        assert _roles(plan).get("IVIG") not in (GIVE, OPTION)
        assert "IVIG_HYPERSENSITIVITY" in alert_codes(plan)


@given(safety_requests())
def test_every_multi_day_course_has_a_renal_check_before_each_later_day(request):
    plan = _plan(request)
    ivig = plan.recommendation("IVIG")
    if ivig is None or ivig.role == AVOID or ivig.ivig_dose.days == 1:
        return
    before = sorted(
        m.before_day for m in plan.monitoring if m.code == "RENAL_FUNCTION" and m.before_day
    )
    assert before == list(range(2, ivig.ivig_dose.days + 1))
