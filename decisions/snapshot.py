"""The one reader of a stored plan (the engine's output, kept as JSON in a PlanSnapshot).

Pages, print, the infusion course and the reminders ask here what a plan says, so "the IVIG
course" or "when the renal checks fall" is decided once. Nothing here recomputes a plan.
"""

IVIG_CODE = "IVIG"
IVIG_ROLES = ("give", "option")  # never a regimen the plan advises against
RENAL_CHECK_CODE = "RENAL_FUNCTION"
RENAL_BASELINE_CODE = "RENAL_FUNCTION_BASELINE"
URINE_OUTPUT_CODE = "URINE_OUTPUT"
PLATELET_COUNT_CODE = "PLATELET_COUNT"

CODE_TITLES = {
    "IVIG": "Intravenous immunoglobulin (IVIG)",
    "CORTICOSTEROID": "Corticosteroid",
    "PLATELET_TRANSFUSION": "Platelet transfusion",
    "ANTIVIRAL_THERAPY_FIRST": "Antiviral therapy first",
    "ANTI_D": "Anti-D immunoglobulin",
    "IVIG_5_DAY_LOW_DOSE": "IVIG 0.4 g/kg/day for 5 days",
    "OBSERVATION": "Observation without ITP treatment",
    "DEXAMETHASONE": "Dexamethasone 40 mg a day for 4 days",
}
ROLE_TITLES = {
    "give": "Give now",
    "option": "Options for the clinician",
    "avoid": "Avoid",
}


def recommendation_title(code: str) -> str:
    return CODE_TITLES.get(code, code)


def recommendations_with_role(plan: dict, *roles: str) -> list[dict]:
    """The plan's recommendations in one of `roles` (give, option, avoid), in the plan's order."""
    return [r for r in plan.get("recommendations", []) if r.get("role") in roles]


def monitoring_items(plan: dict, *codes: str) -> list[dict]:
    """The plan's monitoring lines with one of `codes`, in the plan's order."""
    return [m for m in plan.get("monitoring", []) if m["code"] in codes]


def plan_alerts(plan: dict) -> list[dict]:
    return list(plan.get("alerts", []))


def expected_response(plan: dict) -> dict | None:
    return plan.get("expected_response")


def ivig_course(plan: dict) -> dict | None:
    """The IVIG regimen the plan gives or offers (days, daily dose), else None."""
    return next(
        (
            r
            for r in plan.get("recommendations", [])
            if r["code"] == IVIG_CODE and r.get("role") in IVIG_ROLES and r.get("days")
        ),
        None,
    )


def exact_daily_dose_g(regimen: dict) -> float:
    """The regimen's day's dose in g, exact: a neonate's plan keeps it in whole mg
    (daily_dose_mg, e.g. 750 mg) while daily_dose_g is rounded to 0.1 g (0.8 g)."""
    mg = regimen.get("daily_dose_mg")
    if isinstance(mg, int | float) and not isinstance(mg, bool):
        return mg / 1000
    return float(regimen["daily_dose_g"])


def _monitoring_hours(plan: dict, code: str) -> tuple[int, ...]:
    return tuple(
        sorted(
            m["hours_after_infusion"]
            for m in plan.get("monitoring", [])
            if m["code"] == code and m.get("hours_after_infusion") is not None
        )
    )


def renal_check_hours(plan: dict) -> tuple[int, ...]:
    """Hours after the course's last infusion at which the plan asks for renal checks."""
    return _monitoring_hours(plan, RENAL_CHECK_CODE)


def in_course_check_days(plan: dict) -> tuple[int, ...]:
    """The days of a multi-day course whose infusion a renal check comes before (rules 2027.1).
    A plan made under earlier rules has none, and keeps it so."""
    return tuple(
        sorted(
            m["before_day"]
            for m in plan.get("monitoring", [])
            if m["code"] == RENAL_CHECK_CODE and m.get("before_day") is not None
        )
    )


def platelet_check_hours(plan: dict) -> tuple[int, ...]:
    return _monitoring_hours(plan, PLATELET_COUNT_CODE)


def urine_output_watched(plan: dict) -> bool:
    """Whether urine output goes with the renal checks (renal risk factors)."""
    return any(m["code"] == URINE_OUTPUT_CODE for m in plan.get("monitoring", []))
