"""Invariants that must hold for every valid assessment, not only the source's examples."""

import json
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from decisions.assessment.request import parse_evaluate_request
from decisions.engine import evaluate
from decisions.engine.grading import ctcae_grade

from .strategies import evaluation_requests

settings.register_profile("engine", max_examples=400, deadline=None)
settings.load_profile("engine")


def plan_of(request):
    return evaluate(parse_evaluate_request(request))


@given(evaluation_requests())
def test_ivig_is_never_alone_in_life_threatening_bleeding(request):
    plan = plan_of(request)
    if plan.life_threatening_bleeding and plan.grade > 0:
        roles = {r.code: r.role for r in plan.recommendations}
        assert roles["IVIG"] == "give"
        assert roles["CORTICOSTEROID"] == "give"
        assert roles["PLATELET_TRANSFUSION"] == "give"


@given(evaluation_requests())
def test_daily_dose_is_g_per_kg_times_dosing_weight_and_total_is_daily_times_days(request):
    plan = plan_of(request)
    ivig = plan.recommendation("IVIG")
    if ivig is None:
        return
    dose = ivig.ivig_dose
    exact = Decimal(str(dose.g_per_kg_per_day)) * Decimal(str(dose.dosing_weight_kg))
    assert abs(Decimal(str(dose.daily_dose_g)) - exact) <= Decimal("0.05")
    assert Decimal(str(dose.total_dose_g)) == Decimal(str(dose.daily_dose_g)) * dose.days
    assert dose.dosing_weight_kg == plan.body_weights.dosing_kg


@given(evaluation_requests())
def test_nothing_is_given_without_a_citation(request):
    for recommendation in plan_of(request).recommendations:
        if recommendation.role == "give":
            # Rules 2027.1: a line of the safety layer cites its standard instead.
            assert recommendation.citations or recommendation.standards
            assert recommendation.rule_id


@given(evaluation_requests())
def test_five_day_regimen_is_only_ever_for_neonates(request):
    plan = plan_of(request)
    ivig = plan.recommendation("IVIG")
    if ivig is not None and ivig.ivig_dose.days == 5:
        assert request["age_group"] == "neonate"


@given(evaluation_requests())
def test_ivig_given_or_offered_always_comes_with_renal_and_thrombosis_alerts(request):
    plan = plan_of(request)
    ivig = plan.recommendation("IVIG")
    if ivig is not None and ivig.role in ("give", "option"):
        codes = {a.code for a in plan.alerts}
        assert {"RENAL_MONITORING", "THROMBOSIS_RISK"} <= codes
        assert any(m.code == "RENAL_FUNCTION" for m in plan.monitoring)


@given(evaluation_requests())
def test_steroid_given_despite_listed_contraindication_is_flagged(request):
    plan = plan_of(request)
    steroid = plan.recommendation("CORTICOSTEROID")
    if steroid is not None and steroid.role == "give" and request["steroid_contraindications"]:
        assert "STEROID_CONTRAINDICATION_OVERRIDDEN" in {a.code for a in plan.alerts}


@given(evaluation_requests())
def test_contract_alerts_appear_when_their_condition_holds(request):
    codes = {a.code for a in plan_of(request).alerts}
    assert ("PRE_EXISTING_RENAL_DISEASE" in codes) == bool(request.get("renal_disease"))
    pa_igg = request.get("pa_igg_molecules_per_platelet")
    assert ("PA_IGG_FAVOURABLE" in codes) == (pa_igg is not None and pa_igg > 5000)
    if request["condition"] == "sepsis" and request.get("dic"):
        assert "OUTSIDE_EVIDENCE" in codes


@given(evaluation_requests())
def test_every_plan_serialises_to_json(request):
    json.dumps(plan_of(request).to_dict())


@given(st.floats(0, 1_000_000), st.floats(0, 1_000_000))
def test_grade_is_monotone_in_the_count(a, b):
    low, high = sorted((a, b))
    assert ctcae_grade(low) >= ctcae_grade(high)


@given(evaluation_requests())
def test_neonatal_mg_doses_equal_weight_times_mg_per_kg_exactly(request):
    ivig = plan_of(request).recommendation("IVIG")
    if ivig is None or ivig.ivig_dose is None:
        return
    dose = ivig.ivig_dose
    if request["age_group"] != "neonate":
        assert dose.daily_dose_mg is None
        return
    mg_per_kg = Decimal(str(dose.g_per_kg_per_day)) * 1000
    exact = mg_per_kg * Decimal(str(dose.dosing_weight_kg))
    # Weights come to 0.1 kg and regimens to 0.1 g/kg: the product is a whole number of mg.
    assert Decimal(dose.daily_dose_mg) == exact
    assert dose.total_dose_mg == dose.daily_dose_mg * dose.days
