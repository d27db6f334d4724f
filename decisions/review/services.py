"""Writes of the day-7 review: its outcome, and the repeat dose's new assessment.

The response is computed here by the engine (decisions/engine/response.py) from the counts
entered, never typed; a repeat dose opens the next assessment, prefilled from the last one.
"""

from datetime import datetime

from django.db import transaction
from django.utils import timezone

from decisions.assessment.services import assessment_save_answers, assessment_start
from decisions.cases.audit import audit_record
from decisions.cases.versioning import case_version_bump
from decisions.engine.response import TimedCount, days_to_response, response_category
from decisions.models import Assessment, AuditEvent, CourseReview
from decisions.models.reminders import Reminder
from decisions.review.selectors import course_counts

Decision = CourseReview.Decision


class ReviewError(ValueError):
    """The review cannot be recorded; nothing was saved."""


def baseline_count(review: CourseReview) -> int:
    """The count of the assessment that made the plan (the engine kept it in the snapshot)."""
    return int(review.plan.plan["platelet_count_per_uL"])


@transaction.atomic
def review_record(
    *,
    review: CourseReview,
    user,
    measured_at: datetime,
    count_per_uL: int,
    bleeding: str,
    adverse_events: bool,
    adverse_events_note: str = "",
    decision: str,
    other_treatment: str = "",
    expected_version: int | None = None,
) -> CourseReview:
    """Record the outcome of a course; a repeat dose opens the next assessment."""
    if review.recorded:
        raise ReviewError("This review is recorded already.")
    if measured_at < review.first_infusion_at:
        raise ReviewError("The count is one measured after the course started.")
    if decision == Decision.OTHER_TREATMENT and not other_treatment.strip():
        raise ReviewError("Name the other treatment.")
    case_version_bump(review.case, expected_version)
    baseline = baseline_count(review)
    days = (measured_at - review.first_infusion_at).total_seconds() / 86400
    bleeds = bleeding == CourseReview.Bleeding.CONTINUING
    counts = [*course_counts(review), TimedCount(days, count_per_uL, bleeding=bleeds)]
    review.measured_at, review.count_per_uL = measured_at, count_per_uL
    review.baseline_count_per_uL = baseline
    review.response = response_category(
        baseline_per_uL=baseline, count_per_uL=count_per_uL, bleeding=bleeds
    )
    review.days_to_response = days_to_response(baseline_per_uL=baseline, counts=counts)
    review.bleeding, review.decision = bleeding, decision
    review.adverse_events, review.adverse_events_note = adverse_events, adverse_events_note.strip()
    review.other_treatment = other_treatment.strip()[:200]
    review.reviewed_by, review.reviewed_at = user, timezone.now()
    review.status, review.lease_until = Reminder.Status.DONE, None
    if decision == Decision.REPEAT_DOSE:
        review.next_assessment = _repeat_dose_assessment(review, user=user)
    review.save()
    audit_record(
        case=review.case,
        actor=user,
        action=AuditEvent.Action.REVIEW_RECORDED,
        number=review.plan.assessment.number,
        count_per_uL=count_per_uL,
        response=review.response,
        days_to_response=review.days_to_response,
        bleeding=bleeding,
        adverse_events=adverse_events,
        decision=decision,
    )
    return review


# Answers of the last assessment that describe that day, not today: the clinician answers them
# again for the repeat dose (decisions/assessment/steps.py names them).
DAY_ZERO_ANSWERS = ("bleeding", "bleeding_sites", "bleeding_risk", "rapid_increase_needed")


def _repeat_dose_assessment(review: CourseReview, *, user) -> Assessment:
    """The next assessment, prefilled from the last one, with the review's count as today's and
    the day-0 bleeding and urgency answers dropped, to be answered again for today. An assessment
    already in draft is the one used (the page says so: decisions/review/views.py)."""
    assessment = assessment_start(case=review.case, user=user)
    return assessment_save_answers(
        assessment=assessment,
        user=user,
        answers={"platelet_count": review.count_per_uL, "platelet_unit": "per_uL"},
        dropped=DAY_ZERO_ANSWERS,
    )
