"""Corticosteroid course and ceiling shown beside the source's prednisone 1-2 mg/kg/day.

The source gives a dose range only; rules 2027.1 add the course length (ASH 2019) and a usual
adult daily maximum (a cited protocol), and dexamethasone as the other corticosteroid ASH 2019
offers adults. The figures live here so the wording, the documents and the tests share them.
"""

from dataclasses import dataclass

from .standards import ASH_2019, STEROID_PROTOCOL

# ASH 2019, adults: "recommends against a prolonged course (>6 weeks including treatment and
# taper) of prednisone" in favour of a short course (<=6 weeks).
PREDNISONE_COURSE_MAX_WEEKS = 6
# A usual adult ceiling (Aird W, The Blood Project 2021, after ASH 2019): "up to a maximum of
# 80 mg daily". ASH 2019's own text gives no adult ceiling that this review could confirm.
PREDNISONE_USUAL_ADULT_MAX_MG_PER_DAY = 80
# ASH 2019, adults: "dexamethasone (40 mg/day for 4 days)".
DEXAMETHASONE_MG_PER_DAY = 40
DEXAMETHASONE_DAYS = 4
DEXAMETHASONE = "dexamethasone"


@dataclass(frozen=True, slots=True)
class DoseRule:
    """A dose line's basis, for docs/rules.md (wording.py builds the lines)."""

    id: str
    summary: str
    citations: tuple[str, ...]
    standards: tuple[str, ...]
    source: tuple[str, ...] = ()
    standard: str | None = None
    interpretation: str | None = None


DOSE_RULES = (
    DoseRule(
        "STEROID-COURSE-AND-MAXIMUM",
        "Prednisone in an adult: a course of no more than 6 weeks including the taper, and the "
        "usual adult maximum of 80 mg a day, shown beside the 1-2 mg/kg/day range",
        (),
        (ASH_2019, STEROID_PROTOCOL),
        standard="ASH 2019 (short course, <=6 weeks including treatment and taper); the 80 mg "
        "ceiling from a protocol summary",
        interpretation="The 1-2 mg/kg/day range of the source stays the dose; the ceiling is "
        "shown, not applied. The 80 mg figure could not be confirmed in the ASH 2019 text "
        "itself; it is a usual-practice ceiling from a protocol summary.",
    ),
)
