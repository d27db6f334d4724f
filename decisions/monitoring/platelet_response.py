"""Platelet counts after IVIG against the response the source expects. Pure Python, no Django.

The time course comes from the plan (its PLATELET_COUNT monitoring items: 24 h, then day 4, or
48 h in neonates, or day 9 in sepsis; seed refs 3, 4, 7). The source describes a "rise within
24 hours" and "typical responses within 2-4 days" but never says what a response is, so this
uses the International Working Group's definition for ITP (Rodeghiero et al., Blood 2009;
113:2386): a count of at least 30,000/uL that is at least double the count before treatment.
"""

from dataclasses import dataclass
from enum import StrEnum

RESPONSE_MIN_PER_UL = 30_000
RESPONSE_FOLD = 2.0
RISE_EXPECTED_BY_HOURS = 24  # seed ref 3: "platelet increases within 24 hours in most patients"


class Verdict(StrEnum):
    WAITING = "waiting"  # not yet the time the source expects a response
    RISING = "rising"
    RESPONDED = "responded"
    NO_RISE = "no_rise"  # no rise by 24 h
    NO_RESPONSE = "no_response"  # no response by the time the source expects one


@dataclass(frozen=True, slots=True)
class Count:
    hours: float  # since the course started
    per_uL: int


@dataclass(frozen=True, slots=True)
class ResponseAssessment:
    verdict: Verdict
    threshold_per_uL: int
    response_by_hours: int
    text: str

    @property
    def flagged(self) -> bool:
        return self.verdict in (Verdict.NO_RISE, Verdict.NO_RESPONSE)


def response_threshold(baseline_per_uL: float) -> int:
    """The count that makes a response: >= 30,000/uL and at least double the baseline."""
    return int(max(RESPONSE_MIN_PER_UL, RESPONSE_FOLD * baseline_per_uL))


def assess_response(
    *, baseline_per_uL: float, counts: list[Count], response_by_hours: int, hours_now: float
) -> ResponseAssessment:
    """Whether the counts so far show the rise and the response the source expects, and when."""
    threshold = response_threshold(baseline_per_uL)
    counts = sorted(counts, key=lambda c: c.hours)

    def result(verdict, text):
        return ResponseAssessment(verdict, threshold, response_by_hours, text)

    if any(c.per_uL >= threshold for c in counts):
        return result(Verdict.RESPONDED, f"Responded: a count of at least {threshold:,}/uL.")
    if hours_now >= response_by_hours:
        return result(
            Verdict.NO_RESPONSE,
            f"No response by {response_by_hours} h, when the source expects one "
            f"(none of the counts reached {threshold:,}/uL).",
        )
    after_24h = [c for c in counts if c.hours >= RISE_EXPECTED_BY_HOURS]
    if after_24h and all(c.per_uL <= baseline_per_uL for c in after_24h):
        return result(
            Verdict.NO_RISE,
            "No rise after 24 h, when the source expects one in most patients.",
        )
    if any(c.per_uL > baseline_per_uL for c in counts):
        return result(Verdict.RISING, f"Rising; a response is expected by {response_by_hours} h.")
    return result(Verdict.WAITING, f"A response is expected by {response_by_hours} h.")
