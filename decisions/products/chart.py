"""The nurse's infusion chart: when each rate starts and when observations are due.

Observations (temperature, pulse, blood pressure, respiratory rate, oxygen saturation) before
the infusion, 15 minutes after the start, at each rate change, at the end and 30-60 minutes
after it: Newfoundland and Labrador standardized adult IVIG infusion rate tables (NL-IVIG002
v1.0, 2017), which follow the labels' "monitor vital signs throughout the infusion".
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from decisions.engine.infusion_rates import InfusionSchedule

FIRST_CHECK_MIN = 15
AFTER_END_MIN = (30, 60)


@dataclass(frozen=True, slots=True)
class Observation:
    what: str
    at_min: float
    until_min: float | None = None  # a window (after the end)
    rate_mL_h: float | None = None


def observations(schedule: InfusionSchedule) -> list[Observation]:
    """The observation times of a schedule in order; one row where two fall together."""
    rows: dict[float, list[str]] = {0.0: ["Before the start (baseline)"]}
    rates: dict[float, float] = {0.0: schedule.steps[0].rate_mL_h}
    if FIRST_CHECK_MIN < schedule.duration_min:
        rows.setdefault(float(FIRST_CHECK_MIN), []).append("15 minutes after the start")
    for step in schedule.steps[1:]:
        at = round(step.starts_at_min, 2)
        rows.setdefault(at, []).append(f"Rate change to step {step.number}")
        rates[at] = step.rate_mL_h
    end = round(schedule.duration_min, 2)
    rows.setdefault(end, []).append("End of the infusion")
    found = [
        Observation(what="; ".join(labels), at_min=at, rate_mL_h=rates.get(at))
        for at, labels in sorted(rows.items())
    ]
    found.append(
        Observation(
            what="After the infusion",
            at_min=end + AFTER_END_MIN[0],
            until_min=end + AFTER_END_MIN[1],
        )
    )
    return found


def elapsed(minutes: float) -> str:
    """Minutes from the start as the ward writes it: +1 h 05 min."""
    whole = round(minutes)
    hours, rest = divmod(whole, 60)
    return f"+{hours} h {rest:02d} min" if hours else f"+{rest} min"


def clock(start: datetime | None, minutes: float) -> datetime | None:
    return start + timedelta(minutes=round(minutes)) if start else None
