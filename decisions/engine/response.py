"""The response to a course, by the International Working Group's definitions. Pure Python.

Rodeghiero F et al. Standardization of terminology, definitions and outcome criteria in immune
thrombocytopenic purpura of adults and children: report from an International Working Group.
Blood 2009;113:2386-93:
- complete response (CR): a platelet count of at least 100 x10^9/L and absence of bleeding;
- response (R): a count of at least 30 x10^9/L, at least a doubling of the baseline count, and
  absence of bleeding;
- no response (NR): a count under 30 x10^9/L, less than a doubling of the baseline, or bleeding.
Counts here are per uL (1 x10^9/L = 1,000/uL). The baseline is the count of the assessment that
made the plan; time to response runs from the start of the course's first infusion.
"""

from dataclasses import dataclass
from enum import StrEnum

COMPLETE_RESPONSE_MIN_PER_UL = 100_000  # IWG 2009: CR, >= 100 x10^9/L
RESPONSE_MIN_PER_UL = 30_000  # IWG 2009: R, >= 30 x10^9/L ...
RESPONSE_FOLD = 2  # ... and at least doubled from baseline


class ResponseCategory(StrEnum):
    COMPLETE = "complete"
    RESPONSE = "response"
    NONE = "none"


IWG = "International Working Group, Rodeghiero et al., Blood 2009;113:2386"
RESPONSE_RULES = (
    # (category, condition in words, citation): the table docs and tests lay beside the paper.
    (ResponseCategory.COMPLETE, "count >= 100 x10^9/L and no bleeding", IWG),
    (
        ResponseCategory.RESPONSE,
        "count >= 30 x10^9/L, at least double the baseline, and no bleeding",
        IWG,
    ),
    (
        ResponseCategory.NONE,
        "count < 30 x10^9/L, or less than double the baseline, or bleeding",
        IWG,
    ),
)


# Beside the response, at the review's decision and on the stewardship page.
NHS_ENGLAND = "NHS England, Clinical Commissioning Criteria for the use of immunoglobulin"
REVIEW_RULES = (
    *(
        (f"Response category `{category}`", condition, citation)
        for category, condition, citation in RESPONSE_RULES
    ),
    (
        "Repeat dose in ITP",
        "only if the platelet count is not haemostatically adequate at the review",
        NHS_ENGLAND,
    ),
    (
        "Outcome completeness",
        "outcomes recorded for at least 90% of episodes",
        "NHS England Immunoglobulin Database",
    ),
)


@dataclass(frozen=True, slots=True)
class TimedCount:
    days_after_start: float
    count_per_uL: int
    bleeding: bool = False  # known only at the review; earlier counts carry no bleeding data


def response_category(
    *, baseline_per_uL: int, count_per_uL: int, bleeding: bool
) -> ResponseCategory:
    """The IWG category of one count against the baseline before treatment; bleeding at the
    time of the count is no response whatever the count (IWG 2009: CR and R need absence of
    bleeding)."""
    if count_per_uL < 0 or baseline_per_uL < 0:
        raise ValueError("A platelet count is never negative.")
    if bleeding:
        return ResponseCategory.NONE
    if count_per_uL >= COMPLETE_RESPONSE_MIN_PER_UL:
        return ResponseCategory.COMPLETE
    if count_per_uL >= RESPONSE_MIN_PER_UL and count_per_uL >= RESPONSE_FOLD * baseline_per_uL:
        return ResponseCategory.RESPONSE
    return ResponseCategory.NONE


def days_to_response(*, baseline_per_uL: int, counts: list[TimedCount]) -> float | None:
    """Days from the start of the course to the first count that is a response (R or CR);
    None when no count entered so far is one.

    Only the review's own count carries bleeding data (TimedCount.bleeding); the counts entered
    earlier in the course record no bleeding, so they are read as counts without bleeding, and
    an earlier count may be a response although the patient bled that day.
    """
    for timed in sorted(counts, key=lambda c: c.days_after_start):
        category = response_category(
            baseline_per_uL=baseline_per_uL,
            count_per_uL=timed.count_per_uL,
            bleeding=timed.bleeding,
        )
        if category is not ResponseCategory.NONE and timed.days_after_start >= 0:
            return round(timed.days_after_start, 1)
    return None


REPEAT_DOSE_CRITERION = (
    "NHS England Immunoglobulin commissioning criteria: in ITP a repeat dose is commissioned "
    "only if the platelet count is not haemostatically adequate."
)


def repeat_dose_guidance(category: ResponseCategory | None) -> str:
    """NHS England's criterion beside the decision (ITP, repeat dose at day 7), with what the
    response recorded means for it; the criterion alone before a count is entered."""
    if category is None:
        return REPEAT_DOSE_CRITERION
    if category is ResponseCategory.NONE:
        return (
            f"{REPEAT_DOSE_CRITERION} No response by the IWG definitions: consider whether the "
            "count is adequate for this patient."
        )
    return (
        f"{REPEAT_DOSE_CRITERION} This count responded by the IWG definitions, so a repeat dose "
        "needs a reason the count is not adequate."
    )
