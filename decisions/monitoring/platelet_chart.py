"""The platelet response chart, drawn server-side as SVG numbers (no script under the CSP).

Pure Python: hours since the course started on x, platelets per uL on y, with the count before
treatment, the response threshold and the times the source expects a rise and a response.
"""

from dataclasses import dataclass

from decisions.monitoring.platelet_response import (
    RISE_EXPECTED_BY_HOURS,
    Count,
    ResponseAssessment,
    assess_response,
)

WIDTH, HEIGHT = 640, 260
LEFT, RIGHT, TOP, BOTTOM = 64, 16, 16, 36


@dataclass(frozen=True, slots=True)
class Point:
    x: float
    y: float
    hours: float
    per_uL: int


@dataclass(frozen=True, slots=True)
class Line:
    x1: float
    y1: float
    x2: float
    y2: float
    label: str


def _nice_max(value: float) -> int:
    for step in (10_000, 25_000, 50_000, 100_000, 250_000, 500_000, 1_000_000):
        if value <= step * 4:
            return int(-(-value // step) * step)
    return int(value)


def chart_build(
    *, baseline_per_uL: float, counts: list[Count], response_by_hours: int, hours_now: float
) -> dict:
    """Everything the template draws, in SVG user units, and the response verdict."""
    assessment: ResponseAssessment = assess_response(
        baseline_per_uL=baseline_per_uL,
        counts=counts,
        response_by_hours=response_by_hours,
        hours_now=hours_now,
    )
    max_hours = max([response_by_hours * 1.25, *(c.hours for c in counts), 48])
    max_count = _nice_max(
        max([assessment.threshold_per_uL * 1.2, baseline_per_uL, *(c.per_uL for c in counts)])
    )
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

    def x(hours: float) -> float:
        return round(LEFT + plot_w * max(hours, 0) / max_hours, 1)

    def y(per_uL: float) -> float:
        return round(TOP + plot_h * (1 - per_uL / max_count), 1)

    points = [Point(x(c.hours), y(c.per_uL), c.hours, c.per_uL) for c in counts]
    day_step = 24 if max_hours <= 24 * 10 else 48
    return {
        "width": WIDTH,
        "height": HEIGHT,
        "plot": {"left": LEFT, "right": WIDTH - RIGHT, "top": TOP, "bottom": HEIGHT - BOTTOM},
        "points": points,
        "polyline": " ".join(
            f"{p.x},{p.y}" for p in [Point(x(0), y(baseline_per_uL), 0, 0), *points]
        ),
        "baseline": Line(
            x(0), y(baseline_per_uL), x(max_hours), y(baseline_per_uL), "before treatment"
        ),
        "threshold": Line(
            x(0),
            y(assessment.threshold_per_uL),
            x(max_hours),
            y(assessment.threshold_per_uL),
            f"response {assessment.threshold_per_uL:,}/µL",
        ),
        "rise_by": Line(
            x(RISE_EXPECTED_BY_HOURS), TOP, x(RISE_EXPECTED_BY_HOURS), HEIGHT - BOTTOM, "rise 24 h"
        ),
        "response_by": Line(
            x(response_by_hours),
            TOP,
            x(response_by_hours),
            HEIGHT - BOTTOM,
            f"response by {response_by_hours} h",
        ),
        "x_ticks": [
            {"x": x(h), "label": f"day {h // 24}"} for h in range(0, int(max_hours) + 1, day_step)
        ],
        "y_ticks": [
            {"y": y(v), "label": f"{v // 1000}k"} for v in range(0, max_count + 1, max_count // 4)
        ],
        "assessment": assessment,
    }
