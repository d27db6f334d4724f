"""The server-drawn charts: bars stack to their month's total on a round axis."""

from datetime import date

import pytest

from decisions.stewardship.charts import nice_ceiling, share_bars, stacked_bars


@pytest.mark.parametrize(
    ("value", "top"),
    [(0, 1), (0.7, 1), (1, 1), (1.1, 2), (3, 5), (70, 100), (140, 200), (501, 1000)],
)
def test_the_axis_top_is_1_2_or_5_times_a_power_of_ten(value, top):
    assert nice_ceiling(value) == top


def test_segments_stack_to_the_months_total():
    rows = [
        {"month": date(2026, 11, 1), "group": "primary_itp", "grams": 70},
        {"month": date(2026, 11, 1), "group": "sepsis", "grams": 30},
        {"month": date(2026, 12, 1), "group": "sepsis", "grams": 50},
    ]
    chart = stacked_bars(rows, names={"primary_itp": "ITP", "sepsis": "Sepsis"})
    november = [s for s in chart.segments if s.title.startswith("Nov 2026")]
    december = [s for s in chart.segments if s.title.startswith("Dec 2026")]
    plot = chart.bottom - chart.ticks[-1].y  # the axis top (100 g) in pixels
    assert sum(s.height for s in november) == pytest.approx(plot, abs=0.2)
    assert sum(s.height for s in december) == pytest.approx(plot / 2, abs=0.2)
    assert [name for _series, name in chart.legend] == ["ITP", "Sepsis"]
    assert {s.series for s in chart.segments if "Sepsis" in s.title} == {1}
    assert chart.ticks[-1].label == "100 g"


def test_no_rows_draw_no_chart():
    assert stacked_bars([], names={}).empty


def test_share_bars_say_the_share_and_the_target():
    chart = share_bars([("Recorded", 9)], total=10, target=0.9)
    [bar] = chart.bars
    assert bar.value_label == "90% (9 of 10)"
    assert chart.target_x == pytest.approx(chart.left + bar.width, abs=0.2)
