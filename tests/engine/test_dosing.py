import pytest

from decisions.engine.doses import build_ivig_dose, prednisone_range_mg
from decisions.engine.vocabulary import DosingWeight

from .helpers import alert_codes, plan_for


def dose(g_per_kg, days, weight, vial=5.0):
    return build_ivig_dose(
        g_per_kg_per_day=g_per_kg,
        days=days,
        dosing_weight_kg=weight,
        vial_size_g=vial,
        vial_rounding_tolerance=0.10,
    )


def test_daily_dose_is_g_per_kg_times_weight_exactly():
    assert dose(1.0, 1, 72.3).daily_dose_g == 72.3
    assert dose(0.4, 3, 72.5).daily_dose_g == 29.0


def test_total_is_daily_times_days():
    result = dose(0.4, 5, 3.2)
    assert result.daily_dose_g == 1.3
    assert result.total_dose_g == 6.5


@pytest.mark.parametrize(
    ("weight", "rounded", "note_part"),
    [
        (72.3, 70.0, "Rounded to the nearest 5 g vial"),
        (73.0, 75.0, "Rounded to the nearest 5 g vial"),
        (70.0, 70.0, "whole number"),
    ],
)
def test_vial_rounding_is_shown_beside_the_exact_dose(weight, rounded, note_part):
    result = dose(1.0, 1, weight)
    assert result.daily_dose_g == weight
    assert result.daily_dose_rounded_g == rounded
    assert note_part in result.rounding_note


def test_small_doses_are_never_rounded_to_a_far_vial():
    result = dose(0.4, 5, 3.2)
    assert result.daily_dose_rounded_g is None
    assert "give the exact dose" in result.rounding_note


def test_the_number_of_vials_is_shown():
    assert dose(1.0, 1, 72.3).vials_per_day == 14
    assert dose(0.4, 5, 3.2).vials_per_day is None


def test_vial_size_is_configurable():
    assert dose(1.0, 1, 72.3, vial=2.5).daily_dose_rounded_g == 72.5


def test_prednisone_is_a_range_in_mg():
    assert prednisone_range_mg(70) == (70.0, 140.0)


def test_working_is_shown():
    assert dose(0.4, 5, 3.2).working == "0.4 g/kg x 3.2 kg = 1.3 g a day x 5 days = 6.5 g"


ADULT_TALL_HEAVY = {
    "platelet_count": 40_000,
    "bleeding_risk": True,
    "weight_kg": 120,
    "height_cm": 178,
    "sex": "male",
}


def test_ideal_and_adjusted_weights_are_shown_when_height_and_sex_are_known():
    weights = plan_for(**ADULT_TALL_HEAVY).body_weights
    # Devine: 50 + 2.3 x (178 / 2.54 - 60) = 73.2; adjusted 73.2 + 0.4 x (120 - 73.2) = 91.9
    assert weights.ideal_kg == 73.2
    assert weights.adjusted_kg == 91.9
    assert weights.basis == DosingWeight.ACTUAL


def test_adjusted_weight_is_used_when_asked_for():
    plan = plan_for(**ADULT_TALL_HEAVY, dosing_weight="adjusted")
    ivig = plan.recommendation("IVIG").ivig_dose
    assert ivig.dosing_weight_kg == 91.9
    assert ivig.daily_dose_g == 91.9
    assert "DOSING_WEIGHT" in alert_codes(plan)


@pytest.mark.parametrize(
    ("changes", "reason"),
    [
        ({"age_group": "child", "age_years": 15}, "under 18"),
        ({"height_cm": 150}, "shorter than 152 cm"),
        ({"sex": "female", "pregnant": True}, "pregnant"),
        ({"weight_kg": 60}, "actual weight is below the adjusted weight"),
        ({"height_cm": None}, "height and sex are needed"),
    ],
)
def test_adjusted_weight_is_not_applied_where_it_should_not_be(changes, reason):
    fields = {**ADULT_TALL_HEAVY, **changes, "dosing_weight": "adjusted"}
    plan = plan_for(**{k: v for k, v in fields.items() if v is not None})
    ivig = plan.recommendation("IVIG").ivig_dose
    assert ivig.dosing_weight_kg == fields["weight_kg"]
    assert plan.body_weights.basis == DosingWeight.ACTUAL
    assert reason in plan.body_weights.note


def test_prednisone_uses_actual_weight_even_with_adjusted_ivig_weight():
    plan = plan_for(**ADULT_TALL_HEAVY, dosing_weight="adjusted")
    assert plan.recommendation("CORTICOSTEROID").daily_dose_mg == (120.0, 240.0)


def test_adjusted_weight_is_rounded_once_from_the_exact_ideal_weight():
    # IBW 65.94 kg (unrounded) -> ABW 65.94 + 0.4 x (100 - 65.94) = 79.56 -> 79.6, not 79.5.
    plan = plan_for(
        platelet_count=40_000,
        bleeding_risk=True,
        weight_kg=100,
        height_cm=170,
        sex="male",
        dosing_weight="adjusted",
    )
    dose = plan.recommendation("IVIG").ivig_dose
    assert (dose.dosing_weight_kg, dose.daily_dose_g) == (79.6, 79.6)


@pytest.mark.parametrize(
    ("weight", "days", "daily_mg", "total_mg"),
    [
        pytest.param(3.2, 5, 1280, 6400, id="3.2-kg-neonate"),
        pytest.param(2.75, 5, 1100, 5500, id="2.75-kg-neonate"),
        pytest.param(0.85, 5, 340, 1700, id="850-g-preterm"),
        pytest.param(3.333, 5, 1333, 6665, id="exact-to-1-mg"),
    ],
)
def test_a_neonates_dose_is_exact_in_mg_and_its_total_the_sum_of_exact_days(
    weight, days, daily_mg, total_mg
):
    result = build_ivig_dose(
        g_per_kg_per_day=0.4,
        days=days,
        dosing_weight_kg=weight,
        vial_size_g=5.0,
        vial_rounding_tolerance=0.10,
        in_mg=True,
    )
    assert (result.daily_dose_mg, result.total_dose_mg) == (daily_mg, total_mg)
    assert f"= {daily_mg} mg a day x {days} days = {total_mg} mg" in result.working


def test_a_neonates_plan_gives_the_ivig_dose_in_mg_beside_the_contracts_grams():
    plan = plan_for(
        age_group="neonate", weight_kg=3.2, condition="neonatal_alloimmune", platelet_count=20_000
    )
    ivig = plan.recommendation("IVIG").to_dict()
    assert (ivig["daily_dose_mg"], ivig["total_dose_mg"]) == (1280, 6400)
    assert ivig["daily_dose_g"] == 1.3  # the contract's field keeps its 0.1 g
    assert "1280 mg a day for 5 days (total 6400 mg)" in ivig["text"]


def test_an_adults_ivig_dose_has_no_mg_fields():
    ivig = plan_for(platelet_count=12_000, bleeding="life_threatening").recommendation("IVIG")
    assert "daily_dose_mg" not in ivig.to_dict()
