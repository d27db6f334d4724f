"""Reads of day-7 reviews: the review of a course a clinician may see, and those due."""

from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Sum
from django.http import Http404
from django.utils import timezone

from decisions.cases.selectors import cases_visible_to, plan_get_for_user
from decisions.engine.response import TimedCount
from decisions.models import Assessment, CourseReview, Infusion, PlanSnapshot, PlateletCount
from decisions.models.reminders import Reminder
from decisions.prepared_queries import PreparedRead

PENDING_LIMIT = 10  # rows of each list on the dashboard


def review_get_for_user(user, case_pk: int, number: int) -> CourseReview:
    """The review of the course of assessment `number`, if the user may see the case; else 404
    (also before the course's first infusion: there is no review yet)."""
    assessment, snapshot = plan_get_for_user(user, case_pk, number)
    try:
        review = CourseReview.objects.select_related("reviewed_by", "next_assessment").get(
            plan=snapshot
        )
    except CourseReview.DoesNotExist:
        raise Http404("This course has no review yet") from None
    review.plan, review.case = snapshot, assessment.case
    return review


def overdue_after() -> timedelta:
    return timedelta(days=settings.IVIG_REVIEW_OVERDUE_AFTER_DAYS)


def _pending(user_id: int):
    return (
        CourseReview.objects.filter(
            case__in=cases_visible_to(get_user_model()(pk=user_id)).values("pk"),
            status__in=Reminder.OPEN,
        )
        .order_by("due_at", "id")
        # The dashboard's rows: only the columns they show (decisions/overview/selectors.py).
        .values(
            "case_id",
            "case__patient_name",
            "case__reference",
            "case__team__name",
            "plan__assessment__number",
            "due_at",
            "status",
        )
    )


# Built and compiled once per process (decisions/prepared_queries.py): the dashboard runs both.
_overdue = PreparedRead(
    lambda user_id, cutoff: _pending(user_id).filter(due_at__lte=cutoff)[:PENDING_LIMIT],
    user_id=int,
    cutoff=datetime,
)
_due = PreparedRead(
    lambda user_id, now, cutoff: _pending(user_id).filter(due_at__lte=now, due_at__gt=cutoff)[
        :PENDING_LIMIT
    ],
    user_id=int,
    now=datetime,
    cutoff=datetime,
)


def reviews_pending_for(user, *, now: datetime | None = None, limit: int = PENDING_LIMIT) -> dict:
    """Reviews due (since their day) and overdue (IVIG_REVIEW_OVERDUE_AFTER_DAYS later) without
    an outcome, across the user's teams, oldest first: values() rows of the case (id, patient,
    reference, team's name), the assessment's number, when due and the reminder's status."""
    now = now or timezone.now()
    cutoff = now - overdue_after()
    return {
        "reviews_overdue": _overdue.run(user_id=user.pk, cutoff=cutoff)[:limit],
        "reviews_due": _due.run(user_id=user.pk, now=now, cutoff=cutoff)[:limit],
    }


def review_of(snapshot: PlanSnapshot) -> CourseReview | None:
    return CourseReview.objects.filter(plan=snapshot).first()


def course_counts(review: CourseReview) -> list[TimedCount]:
    """The platelet counts entered after the course started, in days since its first infusion."""
    start = review.first_infusion_at
    return [
        TimedCount((c.measured_at - start).total_seconds() / 86400, c.count_per_uL)
        for c in PlateletCount.objects.filter(plan_id=review.plan_id).order_by("measured_at")
    ]


def course_dose_g(snapshot: PlanSnapshot):
    """Grams given in the course (infusions given, cancelled ones left out)."""
    given = Infusion.objects.filter(plan=snapshot, status=Infusion.Status.GIVEN)
    return given.aggregate(g=Sum("dose_g"))["g"]


def draft_assessment(case) -> Assessment | None:
    """The case's assessment in draft, if any: a repeat dose continues it rather than start one."""
    return case.assessments.filter(status=Assessment.Status.DRAFT).first()
