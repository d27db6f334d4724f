"""What the stewardship page shows: the figures (selectors.py) as rates, tables and charts."""

from collections import defaultdict

from decisions.assessment.fields import LABELS
from decisions.stewardship.charts import share_bars, stacked_bars
from decisions.stewardship.selectors import (
    OUTCOME_COMPLETENESS_TARGET,
    RESPONSE_DAY_BANDS,
    stewardship_figures,
)

INDICATIONS = LABELS["condition"]


def _share(part: int, whole: int) -> float | None:
    return part / whole if whole else None


def _month_table(rows: list[dict], names: dict[str, str]) -> dict:
    """Grams per month (rows) and group (columns), with totals."""
    groups = sorted({r["group"] or "" for r in rows})
    cells: dict = defaultdict(dict)
    for r in rows:
        cells[r["month"]][r["group"] or ""] = r["grams"]
    return {
        "columns": [names.get(g, g) or "Not recorded" for g in groups],
        "rows": [
            {
                "month": month,
                "grams": [cells[month].get(g) for g in groups],
                "total": sum(v for v in cells[month].values() if v is not None),
            }
            for month in sorted(cells)
        ],
    }


def stewardship_context() -> dict:
    figures = stewardship_figures()
    c, r = figures["courses"], figures["reactions"]
    responded = c["complete_responses"] + c["responses"] + c["no_responses"]
    reactions = r["mild"] + r["moderate"] + r["severe"]
    completeness = _share(c["recorded"], c["expected"])
    return {
        **figures,
        "target": OUTCOME_COMPLETENESS_TARGET,
        "completeness": completeness,
        "completeness_met": completeness is not None
        and completeness >= OUTCOME_COMPLETENESS_TARGET,
        "aki_rate": _share(c["aki_courses"], c["courses"]),
        "reaction_rate": _share(reactions, r["infusions"]),
        "severe_rate": _share(r["severe"], r["infusions"]),
        "response_rate": _share(c["complete_responses"] + c["responses"], responded),
        "responded": responded,
        "indication_table": _month_table(figures["by_indication"], INDICATIONS),
        "team_table": _month_table(figures["by_team"], {}),
        "indication_chart": stacked_bars(figures["by_indication"], names=INDICATIONS),
        "team_chart": stacked_bars(figures["by_team"], names={}),
        "completeness_chart": share_bars(
            [("Outcome recorded", c["recorded"])],
            total=c["expected"],
            target=OUTCOME_COMPLETENESS_TARGET,
        ),
        "response_chart": share_bars(
            [
                ("Complete response", c["complete_responses"]),
                ("Response", c["responses"]),
                ("No response", c["no_responses"]),
            ],
            total=responded,
        ),
        "time_chart": share_bars(
            [(label, c[f"band_{i}"]) for i, (_lo, _hi, label) in enumerate(RESPONSE_DAY_BANDS)]
            + [(f"{RESPONSE_DAY_BANDS[-1][1]} days or more", c["band_later"])],
            total=c["timed"],
        ),
        "reaction_chart": share_bars(
            [("Mild", r["mild"]), ("Moderate", r["moderate"]), ("Severe", r["severe"])],
            total=r["infusions"],
        ),
    }
