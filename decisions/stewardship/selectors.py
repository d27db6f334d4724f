"""The stewardship figures, across all teams, aggregated in the database (a constant number of
queries whatever the number of courses), with no patient identifiers.

A course is a plan with at least one infusion given: its day-7 review row exists (created with
the first infusion; cancelled when none is left), so courses are counted on CourseReview.
"""

from datetime import datetime

from django.db.models import Avg, Count, Exists, F, OuterRef, Q, Sum
from django.db.models.fields.json import KeyTextTransform
from django.db.models.functions import TruncMonth
from django.utils import timezone

from decisions.models import CourseReview, Infusion, RenalResult
from decisions.models.infusions import ReactionSeverity
from decisions.models.reminders import Reminder
from decisions.review.selectors import overdue_after

# NHS England Immunoglobulin Database: outcomes recorded for at least 90% of episodes.
OUTCOME_COMPLETENESS_TARGET = 0.9
# Time-to-response bands for the chart, in days since the course's first infusion.
RESPONSE_DAY_BANDS = ((0, 1, "within 1 day"), (1, 3, "1-3 days"), (3, 7, "3-7 days"))
ReviewStatus = Reminder.Status


def courses():
    """Every course (reviews of plans with an infusion given), whatever its review's state."""
    return CourseReview.objects.exclude(status=ReviewStatus.CANCELLED)


def given_infusions():
    return Infusion.objects.filter(status=Infusion.Status.GIVEN)


def answer_of(key: str, prefix: str = "") -> KeyTextTransform:
    """One of the assessment's answers (the API's names), e.g. the condition "primary_itp"."""
    return KeyTextTransform(key, f"{prefix}plan__assessment__answers")


def grams_by_month(*, by: str) -> list[dict]:
    """Grams given per month, by indication or by team: one query."""
    group = answer_of("condition") if by == "indication" else F("case__team__name")
    return list(
        given_infusions()
        .annotate(month=TruncMonth("started_at"), group=group)
        .values("month", "group")
        .annotate(grams=Sum("dose_g"), infusions=Count("pk"))
        .order_by("month", "group")
    )


def with_aki():
    """Whether the course had acute kidney injury (any renal result of it at KDIGO stage 1+)."""
    return Exists(
        RenalResult.objects.filter(renal_check__plan_id=OuterRef("plan_id"), aki_stage__gt=0)
    )


def course_figures(*, now: datetime) -> dict:
    """Courses, reviews due and overdue, outcomes, responses, time to response, AKI: one query."""
    cutoff = now - overdue_after()
    open_ = Q(status__in=Reminder.OPEN, reviewed_at__isnull=True)
    recorded = Q(reviewed_at__isnull=False)
    days = "days_to_response"
    bands = {
        f"band_{i}": Count("pk", filter=Q(**{f"{days}__gte": lo, f"{days}__lt": hi}))
        for i, (lo, hi, _label) in enumerate(RESPONSE_DAY_BANDS)
    }
    return (
        courses()
        .annotate(aki=with_aki())
        .aggregate(
            courses=Count("pk"),
            # Outcome completeness is over the courses whose review has fallen due or is recorded
            # (one recorded early counts; a course of yesterday is not missing its outcome yet).
            expected=Count("pk", filter=Q(due_at__lte=now) | recorded),
            due=Count("pk", filter=open_ & Q(due_at__lte=now, due_at__gt=cutoff)),
            overdue=Count("pk", filter=open_ & Q(due_at__lte=cutoff)),
            recorded=Count("pk", filter=recorded),
            complete_responses=Count("pk", filter=Q(response=CourseReview.Response.COMPLETE)),
            responses=Count("pk", filter=Q(response=CourseReview.Response.RESPONSE)),
            no_responses=Count("pk", filter=Q(response=CourseReview.Response.NONE)),
            timed=Count(days),
            mean_days_to_response=Avg(days),
            band_later=Count("pk", filter=Q(**{f"{days}__gte": RESPONSE_DAY_BANDS[-1][1]})),
            aki_courses=Count("pk", filter=Q(aki=True)),
            repeat_doses=Count("pk", filter=Q(decision=CourseReview.Decision.REPEAT_DOSE)),
            **bands,
        )
    )


def reaction_figures() -> dict:
    """Infusions given and their reactions by severity (Infusion.reaction_severity): one query."""
    severity = "reaction_severity"
    return given_infusions().aggregate(
        infusions=Count("pk"),
        not_recorded=Count("pk", filter=Q(**{severity: ""})),
        none=Count("pk", filter=Q(**{severity: ReactionSeverity.NONE})),
        mild=Count("pk", filter=Q(**{severity: ReactionSeverity.MILD})),
        moderate=Count("pk", filter=Q(**{severity: ReactionSeverity.MODERATE})),
        severe=Count("pk", filter=Q(**{severity: ReactionSeverity.SEVERE})),
    )


def stewardship_figures(*, now: datetime | None = None) -> dict:
    """Everything the stewardship page shows: four queries, whatever the number of courses."""
    now = now or timezone.now()
    return {
        "now": now,
        "by_indication": grams_by_month(by="indication"),
        "by_team": grams_by_month(by="team"),
        "courses": course_figures(now=now),
        "reactions": reaction_figures(),
    }
