"""KDIGO 2012 AKI criteria, row by row: definition (2.1.1), staging (2.1.2), units and windows."""

from datetime import UTC, datetime, timedelta

import pytest

from decisions.engine.kdigo import (
    AkiResult,
    Creatinine,
    CreatinineUnit,
    UrineOutput,
    aki_stage,
    creatinine_mg_dL,
    urine_output_mL_kg_h,
)

T0 = datetime(2026, 1, 1, 8, 0, tzinfo=UTC)


def at(hours: float, mg_dL: float) -> Creatinine:
    return Creatinine(at=T0 + timedelta(hours=hours), mg_dL=mg_dL)


@pytest.mark.parametrize(
    ("value", "unit", "mg_dL"),
    [
        (1.0, "mg/dL", 1.0),
        (88.4, "umol/L", 1.0),
        (353.6, "umol/L", 4.0),
        (176.8, CreatinineUnit.UMOL_L, 2.0),
        (0.7, CreatinineUnit.MG_DL, 0.7),
    ],
)
def test_it_converts_creatinine_to_mg_dL(value, unit, mg_dL):
    assert creatinine_mg_dL(value, unit) == pytest.approx(mg_dL)


@pytest.mark.parametrize("bad", [0, -1])
def test_it_rejects_a_creatinine_of_zero_or_less(bad):
    with pytest.raises(ValueError):
        creatinine_mg_dL(bad, "mg/dL")


def test_it_rejects_an_unknown_unit():
    with pytest.raises(ValueError):
        creatinine_mg_dL(1.0, "mmol/L")


# (baseline mg/dL at 0 h, [(hours, mg/dL) of earlier results], current (hours, mg/dL), stage)
CREATININE_TABLE = [
    # Definition: a rise of >= 0.3 mg/dL within 48 h.
    ("rise 0.3 in 24 h", 1.0, [], (24, 1.3), 1),
    ("rise 0.29 in 24 h", 1.0, [], (24, 1.29), 0),
    ("rise 0.3 in exactly 48 h", 1.0, [], (48, 1.3), 1),
    ("rise 0.3 in 49 h", 1.0, [], (49, 1.3), 0),
    ("rise 0.3 from a result 24 h before", 1.0, [(50, 0.9)], (74, 1.2), 1),
    ("rise 0.3 within 48 h, float trap 0.9 to 1.2", 0.9, [], (24, 1.2), 1),
    # Definition: >= 1.5 times the baseline within 7 days; stages by ratio.
    ("1.5 times in 72 h", 1.0, [], (72, 1.5), 1),
    ("1.49 times in 72 h", 1.0, [], (72, 1.49), 0),
    ("1.9 times", 1.0, [], (72, 1.9), 1),
    ("2.0 times: stage 2", 1.0, [], (72, 2.0), 2),
    ("2.9 times: stage 2", 1.0, [], (72, 2.9), 2),
    ("3.0 times: stage 3", 1.0, [], (72, 3.0), 3),
    ("doubling at 24 h: stage 2", 1.0, [], (24, 2.0), 2),
    # The known pre-infusion baseline counts however old; other results only within 7 days.
    ("1.5 times the baseline at day 8", 1.0, [], (8 * 24, 1.5), 1),
    ("1.5 times a result 6 days before", 1.2, [(48, 0.8)], (48 + 144, 1.2), 1),
    ("1.5 times a result 8 days before: outside", 1.2, [(48, 0.8)], (48 + 192, 1.2), 0),
    ("lowest value in the window is the reference", 1.0, [(24, 1.2), (48, 0.8)], (72, 1.6), 2),
    # Stage 3 by an absolute value: >= 4.0 mg/dL with AKI.
    ("4.0 with a 0.3 rise: stage 3", 3.7, [], (24, 4.0), 3),
    ("4.0 without AKI: stays 0 (chronic)", 3.9, [], (72, 4.0), 0),
    # No baseline and no earlier value: nothing to compare with.
    ("no reference", None, [], (24, 3.0), 0),
    # A fall is no injury.
    ("a fall", 1.5, [], (24, 1.0), 0),
]


@pytest.mark.parametrize(
    ("baseline", "earlier", "current", "stage"),
    [row[1:] for row in CREATININE_TABLE],
    ids=[row[0] for row in CREATININE_TABLE],
)
def test_creatinine_criteria(baseline, earlier, current, stage):
    result = aki_stage(
        current=at(*current),
        baseline=at(0, baseline) if baseline is not None else None,
        earlier=[at(*e) for e in earlier],
    )

    assert result.stage == stage
    assert result.aki == (stage > 0)
    assert bool(result.reasons) == (stage > 0)


def test_a_rise_of_26_5_umol_L_in_48_h_is_aki():
    baseline = creatinine_mg_dL(80, "umol/L")
    current = creatinine_mg_dL(106.5, "umol/L")

    assert aki_stage(current=at(24, current), baseline=at(0, baseline)).stage == 1


def test_a_rise_of_26_umol_L_is_not():
    baseline = creatinine_mg_dL(80, "umol/L")
    current = creatinine_mg_dL(106, "umol/L")

    assert aki_stage(current=at(24, current), baseline=at(0, baseline)).stage == 0


def test_umol_L_and_mg_dL_stage_alike():
    in_umol = aki_stage(
        current=at(72, creatinine_mg_dL(176.8, "umol/L")),
        baseline=at(0, creatinine_mg_dL(88.4, "umol/L")),
    )
    in_mg = aki_stage(current=at(72, 2.0), baseline=at(0, 1.0))

    assert in_umol.stage == in_mg.stage == 2


def test_a_baseline_measured_after_the_result_is_ignored():
    assert aki_stage(current=at(0, 2.0), baseline=at(5, 1.0)).stage == 0


# (mL/kg/h, hours, stage)
URINE_TABLE = [
    (0.6, 24, 0),
    (0.49, 5, 0),
    (0.49, 6, 1),
    (0.49, 11, 1),
    (0.49, 12, 2),
    (0.29, 12, 2),
    (0.29, 24, 3),
    (0.0, 12, 3),
    (0.0, 6, 1),
]


@pytest.mark.parametrize(("per_kg_h", "hours", "stage"), URINE_TABLE)
def test_urine_output_criteria(per_kg_h, hours, stage):
    result = aki_stage(current=None, baseline=None, urine=UrineOutput(per_kg_h, hours))

    assert result.stage == stage


def test_the_worse_of_creatinine_and_urine_output_counts():
    result = aki_stage(
        current=at(24, 1.3), baseline=at(0, 1.0), urine=UrineOutput(mL_kg_h=0.2, hours=24)
    )

    assert result.stage == 3
    assert len(result.reasons) == 2


def test_urine_output_per_kg_per_hour():
    assert urine_output_mL_kg_h(volume_mL=420, hours=12, weight_kg=70) == pytest.approx(0.5)


def test_a_result_says_what_met_the_criteria():
    result = aki_stage(current=at(48, 2.1), baseline=at(0, 1.0))

    assert isinstance(result, AkiResult)
    assert result.ratio == pytest.approx(2.1)
    assert result.rise_48h_mg_dL == pytest.approx(1.1)
    assert any("2.10 times" in reason for reason in result.reasons)
