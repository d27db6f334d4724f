"""The infusion schedule per catalogue product: mg/kg/min -> mL/h at 5% and 10%, the at-risk
cap, volume, duration and vials; then properties that hold for any product, weight and dose."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from decisions.engine.infusion_rates import (
    PrescriberCapNotLower,
    ProductNotSchedulable,
    ProductRates,
    RateCapNeeded,
    RateTooLowForPump,
    build_schedule,
    infusion_cap,
    mL_per_hour,
    rate_ladder,
    vials_to_issue,
)
from decisions.models import Product
from decisions.products.catalogue import PRODUCTS
from decisions.products.schedule import product_rates

CATALOGUE = {entry["name"]: entry for entry in PRODUCTS}
NEEDS_CAP = "prescriber sets the cap"
NOT_SCHEDULABLE = "no labelled rates"


def rates(name: str) -> ProductRates:
    return product_rates(Product(**CATALOGUE[name]))


# 70 kg, 70 g (1 g/kg, the ITP day). 10%: mL/h = mg/kg/min x 42; 5%: x 84.
# (product, first mL/h, last mL/h, rates in mg/kg/min, at-risk cap mL/h or what happens)
ROWS = [
    pytest.param("Privigen", 21.0, 168.0, (0.5, 1, 2, 4), NEEDS_CAP, id="privigen-10pc"),
    pytest.param("Gamunex-C", 42.0, 336.0, (1, 2, 4, 8), NEEDS_CAP, id="gamunex-c-10pc"),
    pytest.param("Octagam 10%", 42.0, 504.0, (1, 2, 4, 8, 12), 138.6, id="octagam-10pc"),
    pytest.param("Octagam 5%", 42.0, 279.7, (0.5, 1, 2, 3.33), NEEDS_CAP, id="octagam-5pc"),
    pytest.param("Flebogamma 10% DIF", 42.0, 336.0, (1, 2, 4, 8), NEEDS_CAP, id="flebogamma-10"),
    pytest.param("Flebogamma 5% DIF", None, None, (), NOT_SCHEDULABLE, id="flebogamma-5pc"),
    pytest.param("Gammagard Liquid", 33.6, 336.0, (0.8, 1.6, 3.2, 6.4, 8), NEEDS_CAP, id="gg-liq"),
    pytest.param("Gammagard S/D", None, None, (), NOT_SCHEDULABLE, id="gammagard-sd-5pc"),
    pytest.param("Panzyga", 42.0, 336.0, (1, 2, 4, 8), 138.6, id="panzyga-10pc"),
    pytest.param("Gammaplex 5%", 42.0, 336.0, (0.5, 1, 2, 4), NEEDS_CAP, id="gammaplex-5pc"),
    pytest.param("Gammaplex 10%", 21.0, 336.0, (0.5, 1, 2, 4, 6, 8), NEEDS_CAP, id="gammaplex-10"),
    pytest.param(
        "Bivigam", 21.0, 252.0, (0.5, 1.3, 2.1, 2.9, 3.7, 4.5, 5.3, 6), NEEDS_CAP, id="bivigam"
    ),
    pytest.param("Asceniv", 21.0, 336.0, (0.5, 1, 2, 4, 8), NEEDS_CAP, id="asceniv-10pc"),
    pytest.param("Kiovig", None, None, (), NOT_SCHEDULABLE, id="kiovig-10pc"),
    pytest.param("Intratect 50 g/L", None, None, (), NOT_SCHEDULABLE, id="intratect-5pc"),
    pytest.param("Intratect 100 g/L", None, None, (), NOT_SCHEDULABLE, id="intratect-10pc"),
]


def test_every_catalogue_product_has_a_row():
    assert {row.values[0] for row in ROWS} == set(CATALOGUE)


@pytest.mark.parametrize(("name", "first_mL_h", "last_mL_h", "ladder", "at_risk"), ROWS)
def test_schedule_per_catalogue_product(name, first_mL_h, last_mL_h, ladder, at_risk):
    product = rates(name)
    if at_risk == NOT_SCHEDULABLE:
        with pytest.raises(ProductNotSchedulable):
            build_schedule(product, weight_kg=70, dose_g=70, at_risk=False)
        return
    schedule = build_schedule(product, weight_kg=70, dose_g=70, at_risk=False)
    assert [step.rate_mg_kg_min for step in schedule.steps] == pytest.approx(ladder)
    assert schedule.steps[0].rate_mL_h == first_mL_h
    assert schedule.steps[-1].rate_mL_h == last_mL_h
    assert schedule.total_volume_mL == pytest.approx(70_000 / (10 * product.concentration_percent))
    if at_risk == NEEDS_CAP:
        with pytest.raises(RateCapNeeded):
            build_schedule(product, weight_kg=70, dose_g=70, at_risk=True)
        capped = build_schedule(
            product, weight_kg=70, dose_g=70, at_risk=True, prescriber_cap_mg_kg_min=2
        )
        assert capped.cap_mg_kg_min == 2
        assert capped.cap_reason == "the prescriber's maximum for this patient"
    else:
        capped = build_schedule(product, weight_kg=70, dose_g=70, at_risk=True)
        assert capped.steps[-1].rate_mL_h == at_risk
        assert "at risk" in capped.cap_reason


def test_octagam_10_at_70_kg_gives_70_g_in_2_h_46_min_from_three_vials():
    schedule = build_schedule(rates("Octagam 10%"), weight_kg=70, dose_g=70, at_risk=False)
    # 1, 2, 4, 8 mg/kg/min for 30 min each give 31.5 g; 38.5 g at 12 mg/kg/min take 45.8 min.
    assert [s.starts_at_min for s in schedule.steps] == [0, 30, 60, 90, 120]
    assert schedule.steps[-1].minutes == pytest.approx(38_500 / 840)
    assert schedule.duration_min == pytest.approx(165.83, abs=0.01)
    assert schedule.total_volume_mL == pytest.approx(700)
    assert [(v.size_g, v.count) for v in schedule.vials] == [(30, 2), (10, 1)]


def test_octagam_10_at_risk_stops_at_3_3_mg_kg_min():
    schedule = build_schedule(rates("Octagam 10%"), weight_kg=70, dose_g=70, at_risk=True)
    assert [s.rate_mg_kg_min for s in schedule.steps] == [1, 2, 3.3]
    assert schedule.cap_mg_kg_min == 3.3


def test_a_small_dose_ends_in_the_first_step():
    schedule = build_schedule(rates("Privigen"), weight_kg=10, dose_g=0.1, at_risk=False)
    assert len(schedule.steps) == 1
    assert schedule.duration_min == pytest.approx(100 / 5)  # 100 mg at 5 mg/min


def test_a_prescriber_cap_below_the_start_lowers_the_start():
    ladder = rate_ladder(rates("Gamunex-C"), 0.5)
    assert ladder == (0.5,)


def test_displayed_mL_h_rounds_down_never_over_the_rate():
    assert mL_per_hour(3.33, 70, 5) == pytest.approx(279.72)
    schedule = build_schedule(rates("Octagam 5%"), weight_kg=70, dose_g=35, at_risk=False)
    assert schedule.steps[-1].rate_mL_h == 279.7


VIALS = [
    pytest.param(70, (5, 10, 20), [(20, 3), (10, 1)], id="exact-fewest-vials"),
    pytest.param(72, (5, 10, 20), [(20, 3), (10, 1), (5, 1)], id="least-grams-before-fewest"),
    pytest.param(1.3, (0.5, 2.5, 5), [(0.5, 3)], id="half-gram-vials"),
    pytest.param(70, (2.5, 5, 10, 20, 40), [(40, 1), (20, 1), (10, 1)], id="privigen-sizes"),
    pytest.param(7, (), [], id="no-sizes-no-count"),
]


@pytest.mark.parametrize(("dose_g", "sizes", "expected"), VIALS)
def test_vials_to_issue(dose_g, sizes, expected):
    assert [(v.size_g, v.count) for v in vials_to_issue(dose_g, sizes)] == expected


# Any product a label could describe, any adult or child weight, any day's dose.
products = st.builds(
    ProductRates,
    name=st.just("Any"),
    concentration_percent=st.sampled_from([5, 10]),
    start_rate_mg_kg_min=st.sampled_from([0.5, 0.8, 1.0]),
    start_minutes=st.sampled_from([10, 15, 30]),
    rate_steps_mg_kg_min=st.sampled_from([(), (2.0, 4.0, 8.0), (1.3, 2.1, 2.9, 6.0)]),
    step_minutes=st.sampled_from([15, 20, 30]),
    max_rate_mg_kg_min=st.sampled_from([3.33, 4.0, 6.0, 8.0, 12.0]),
    at_risk_max_rate_mg_kg_min=st.sampled_from([None, 2.0, 3.3]),
    vial_sizes_g=st.sampled_from([(5.0, 10.0, 20.0), (2.5, 5.0, 10.0, 20.0, 40.0), (1.0,)]),
)
weights = st.floats(min_value=2, max_value=250)
doses = st.floats(min_value=0.5, max_value=150)
caps = st.one_of(st.none(), st.floats(min_value=0.2, max_value=12))


def _schedule(product, weight_kg, dose_g, at_risk, cap):
    try:
        return build_schedule(
            product,
            weight_kg=weight_kg,
            dose_g=dose_g,
            at_risk=at_risk,
            prescriber_cap_mg_kg_min=cap,
        )
    except RateCapNeeded:
        assert at_risk and product.at_risk_max_rate_mg_kg_min is None and cap is None
        return None
    except PrescriberCapNotLower:
        limit = product.max_rate_mg_kg_min
        if at_risk and product.at_risk_max_rate_mg_kg_min is not None:
            limit = min(limit, product.at_risk_max_rate_mg_kg_min)
        assert cap is not None and cap >= limit
        return None


@given(products, weights, doses, st.booleans(), caps)
def test_volume_is_dose_over_concentration(product, weight_kg, dose_g, at_risk, cap):
    schedule = _schedule(product, weight_kg, dose_g, at_risk, cap)
    if schedule:
        expected = dose_g * 1000 / (product.concentration_percent * 10)
        assert schedule.total_volume_mL == pytest.approx(expected)
        assert sum(s.volume_mL for s in schedule.steps) == pytest.approx(expected)
        assert sum(s.dose_g for s in schedule.steps) == pytest.approx(dose_g)


@given(products, weights, doses, st.booleans(), caps)
def test_rates_never_exceed_the_cap_and_rise(product, weight_kg, dose_g, at_risk, cap):
    schedule = _schedule(product, weight_kg, dose_g, at_risk, cap)
    if schedule:
        limit = product.max_rate_mg_kg_min
        if at_risk and product.at_risk_max_rate_mg_kg_min is not None:
            limit = min(limit, product.at_risk_max_rate_mg_kg_min)
        if cap is not None:
            limit = min(limit, cap)
        assert schedule.cap_mg_kg_min == pytest.approx(limit)
        rates_ = [s.rate_mg_kg_min for s in schedule.steps]
        assert all(rate <= limit + 1e-9 for rate in rates_)
        assert all(b > a for a, b in zip(rates_, rates_[1:], strict=False))
        for step in schedule.steps:
            exact = mL_per_hour(step.rate_mg_kg_min, weight_kg, product.concentration_percent)
            assert exact - 0.1 < step.rate_mL_h <= exact + 1e-9


@given(products, weights, doses, st.booleans(), caps)
def test_steps_follow_each_other_and_vials_cover_the_dose(product, weight_kg, dose_g, at_risk, cap):
    schedule = _schedule(product, weight_kg, dose_g, at_risk, cap)
    if schedule:
        for before, after in zip(schedule.steps, schedule.steps[1:], strict=False):
            assert after.starts_at_min == pytest.approx(before.starts_at_min + before.minutes)
        assert schedule.duration_min == pytest.approx(sum(s.minutes for s in schedule.steps))
        assert schedule.issued_g >= dose_g - 1e-9
        smallest = min(product.vial_sizes_g)
        assert schedule.issued_g - dose_g < max(product.vial_sizes_g) + smallest


# Any rate a catalogue row could hold, positive or not (a mistyped 0 or a negative).
any_rate = st.one_of(st.floats(min_value=-5, max_value=0), st.floats(min_value=0.001, max_value=20))


@given(
    any_rate,
    any_rate,
    st.one_of(st.none(), any_rate),
    st.sampled_from([(), (2.0, 4.0)]),
    st.floats(min_value=0.5, max_value=250),
    st.floats(min_value=0.1, max_value=150),
)
def test_the_schedule_ends_for_positive_rates_and_is_refused_otherwise(
    start, maximum, at_risk_max, steps, weight_kg, dose_g
):
    product = ProductRates(
        name="Any",
        concentration_percent=10,
        start_rate_mg_kg_min=start,
        rate_steps_mg_kg_min=steps,
        max_rate_mg_kg_min=maximum,
        at_risk_max_rate_mg_kg_min=at_risk_max,
    )
    positive = start > 0 and maximum > 0 and (at_risk_max is None or at_risk_max > 0)
    try:
        schedule = build_schedule(product, weight_kg=weight_kg, dose_g=dose_g, at_risk=True)
    except ProductNotSchedulable:
        assert not positive
        return
    except (RateCapNeeded, RateTooLowForPump):
        assert positive
        return
    assert positive
    assert schedule.steps and sum(s.dose_g for s in schedule.steps) == pytest.approx(dose_g)


# A zero start with no listed steps used to double 0 for ever; a zero maximum divided by zero.
REFUSED_ROWS = [
    pytest.param({"start_rate_mg_kg_min": 0, "max_rate_mg_kg_min": 4}, id="start-0-no-steps"),
    pytest.param({"start_rate_mg_kg_min": 0.5, "max_rate_mg_kg_min": 0}, id="max-0"),
    pytest.param({"start_rate_mg_kg_min": -1, "max_rate_mg_kg_min": 4}, id="negative-start"),
    pytest.param(
        {"start_rate_mg_kg_min": 0.5, "max_rate_mg_kg_min": 4, "at_risk_max_rate_mg_kg_min": 0},
        id="at-risk-max-0",
    ),
    pytest.param(
        {"start_rate_mg_kg_min": 0.5, "max_rate_mg_kg_min": 4, "start_minutes": 0}, id="start-0-min"
    ),
]


@pytest.mark.parametrize("fields", REFUSED_ROWS)
def test_non_positive_rates_are_not_schedulable(fields):
    product = ProductRates(name="Bad", concentration_percent=10, **fields)
    with pytest.raises(ProductNotSchedulable, match="above 0"):
        build_schedule(product, weight_kg=70, dose_g=70, at_risk=True)


# (product, at risk, prescriber's cap, refused?) The label's maximum (or at-risk maximum) is
# already the cap: a prescriber's cap at or above it would be silently ignored.
PRESCRIBER_CAPS = [
    pytest.param("Gamunex-C", False, 8, True, id="equal-to-label-max"),
    pytest.param("Gamunex-C", False, 10, True, id="above-label-max"),
    pytest.param("Gamunex-C", False, 4, False, id="below-label-max"),
    pytest.param("Octagam 10%", True, 3.3, True, id="equal-to-at-risk-max"),
    pytest.param("Octagam 10%", True, 3, False, id="below-at-risk-max"),
    pytest.param("Gamunex-C", True, 8, True, id="at-risk-no-label-cap-equal-max"),
    pytest.param("Gamunex-C", True, 2, False, id="at-risk-no-label-cap-lower"),
]


@pytest.mark.parametrize(("name", "at_risk", "cap", "refused"), PRESCRIBER_CAPS)
def test_a_prescriber_cap_must_be_below_the_cap_that_applies(name, at_risk, cap, refused):
    if refused:
        with pytest.raises(PrescriberCapNotLower, match="not below"):
            infusion_cap(rates(name), at_risk=at_risk, prescriber_cap_mg_kg_min=cap)
    else:
        assert infusion_cap(rates(name), at_risk=at_risk, prescriber_cap_mg_kg_min=cap)[0] == cap


CAP_REASONS = [
    pytest.param(
        "Octagam 10%", ("heart failure (volume overload)",), None, "heart failure", id="label-hf"
    ),
    pytest.param("Octagam 10%", ("renal risk: age over 65",), None, "age over 65", id="label-age"),
    pytest.param("Gamunex-C", ("heart failure (volume overload)",), 2, "heart failure", id="rx-hf"),
]


@pytest.mark.parametrize(("name", "reasons", "cap", "words"), CAP_REASONS)
def test_the_cap_reason_names_the_patients_reasons(name, reasons, cap, words):
    _, reason = infusion_cap(
        rates(name), at_risk=True, prescriber_cap_mg_kg_min=cap, risk_reasons=reasons
    )
    assert words in reason
    assert "renal dysfunction or thrombosis" not in reason


def test_a_rate_rounding_to_zero_mL_h_is_refused():
    # 0.5 mg/kg/min x 0.3 kg x 60 / 100 mg/mL = 0.09 mL/h: rounds down to 0.0.
    with pytest.raises(RateTooLowForPump, match="0.0 mL/h"):
        build_schedule(rates("Privigen"), weight_kg=0.3, dose_g=0.3, at_risk=False)
