"""Pieces of the printed plan that need no database: ages, weights, references, monitoring."""

from datetime import date

import pytest

from decisions.engine.references import REFERENCES
from decisions.printing.assessment import age_text, weights_text
from decisions.printing.context import _quote_each_source_once, _reference, _when, monitoring_rows
from decisions.printing.schedule import InfusionSchedule

ON = date(2026, 12, 1)


@pytest.mark.parametrize(
    ("born", "answers", "expected"),
    [
        (date(1971, 12, 2), {}, "54 years"),
        (date(1971, 12, 1), {}, "55 years"),
        (date(2025, 6, 1), {}, "18 months"),
        (date(2026, 10, 31), {}, "1 month"),
        (date(2026, 11, 28), {}, "3 days"),
        (date(2026, 12, 1), {}, "0 days"),
        (date(2026, 12, 2), {}, "date of birth after the plan: check it"),
        (None, {"age_years": 54.0}, "54 years"),
        (None, {"age_group": "neonate"}, "Neonate"),
        (None, {}, "Not recorded"),
    ],
)
def test_the_age_is_the_age_on_the_day_of_the_plan(born, answers, expected):
    assert age_text(born, ON, answers) == expected


def test_weights_say_which_one_the_doses_use():
    weights = {
        "actual_kg": 120.0,
        "ideal_kg": 70.5,
        "adjusted_kg": 90.3,
        "dosing_weight": "adjusted",
        "dosing_weight_kg": 90.3,
        "note": None,
    }
    assert weights_text(weights) == (
        "actual 120 kg, ideal 70.5 kg, adjusted 90.3 kg; doses use the adjusted weight (90.3 kg)"
    )


@pytest.mark.parametrize(
    ("ref", "expected"),
    [
        pytest.param(
            REFERENCES["1"].to_dict(),
            "Neunert C, et al. The American Society of Hematology 2011 evidence-based practice "
            "guideline for immune thrombocytopenia. Blood. 2011;117(16):4190-4207. Probably this "
            "publication; the match is not certain.",
            id="authors-title-journal-year",
        ),
        pytest.param(
            REFERENCES["3"].to_dict(),
            "Publication not identified: the source describes it as a clinical review.",
            id="not-identified-said-once",
        ),
        pytest.param(REFERENCES["2"].to_dict(), "Publication not identified.", id="nothing-known"),
        pytest.param(
            {"publication": None, "confidence": "not identified (a clinical review)"},
            "Publication not identified: a clinical review.",
            id="snapshot-before-2026.12.2",
        ),
        pytest.param(
            {"publication": "Blood 2011;117:4190", "confidence": "probable"},
            "Blood 2011;117:4190. Probably this publication; the match is not certain.",
            id="old-snapshot-probable",
        ),
    ],
)
def test_a_reference_reads_as_a_citation(ref, expected):
    assert _reference({"number": "1", "supports": "x", **ref})["citation"] == expected


def test_a_source_sentence_is_quoted_once_then_referred_to():
    recs = [
        {"title": "IVIG", "item": {"source": ["A", "B"]}},
        {"title": "Corticosteroid", "item": {"source": ["A", "C"]}},
        {"title": "Platelet transfusion", "item": {"source": ["B", "C"]}},
    ]
    _quote_each_source_once(recs)
    assert [(r["source"], r["source_as_for"]) for r in recs] == [
        (["A", "B"], []),
        (["C"], ["IVIG"]),
        ([], ["IVIG", "Corticosteroid"]),
    ]


@pytest.mark.parametrize(
    ("item", "expected"),
    [
        ({"timing": "before the first infusion"}, "Before the first infusion"),
        ({"hours_after_infusion": 24}, "24 h after the infusion"),
        ({"hours_after_infusion": 48}, "48 h after the infusion"),
        ({"hours_after_infusion": 96}, "Day 4 after the infusion"),
        ({"hours_after_infusion": 216}, "Day 9 after the infusion"),
        ({}, ""),
    ],
)
def test_a_monitoring_line_says_when_as_the_ward_reads_it(item, expected):
    assert _when(item) == expected


def test_monitoring_prints_in_time_order():
    plan = {
        "monitoring": [
            {"code": "RENAL_FUNCTION", "hours_after_infusion": 48, "text": "renal 48 h"},
            {"code": "RENAL_FUNCTION", "hours_after_infusion": 24, "text": "renal 24 h"},
            {"code": "RENAL_FUNCTION_BASELINE", "timing": "before", "text": "baseline"},
            {"code": "URINE_OUTPUT", "timing": "during", "text": "urine"},
            {"code": "PLATELET_COUNT", "hours_after_infusion": 24, "text": "platelets 24 h"},
        ]
    }
    rows = monitoring_rows(plan, InfusionSchedule())
    assert [r["item"]["text"] for r in rows] == [
        "baseline",
        "urine",
        "renal 24 h",
        "platelets 24 h",
        "renal 48 h",
    ]
