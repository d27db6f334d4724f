"""Reads for infusions, renal checks and follow-up results; access goes through selectors.py."""

from datetime import datetime

from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone

from decisions.cases.selectors import case_get_for_user, case_visible, cases_visible_to
from decisions.models import Infusion, PlanSnapshot, PlateletCount, RenalCheck, RenalResult
from decisions.monitoring.platelet_chart import chart_build
from decisions.monitoring.platelet_response import Count
from decisions.prepared_queries import PreparedRead
from decisions.snapshot import ivig_course, platelet_check_hours


def given_infusions(snapshot: PlanSnapshot) -> QuerySet[Infusion]:
    return Infusion.objects.filter(plan=snapshot, status=Infusion.Status.GIVEN).order_by("day")


def course_baseline(snapshot: PlanSnapshot, *, before: datetime | None = None) -> Infusion | None:
    """The infusion of the course that carries the latest baseline creatinine (before a time)."""
    infusions = given_infusions(snapshot).filter(baseline_creatinine__isnull=False)
    if before is not None:
        infusions = infusions.filter(started_at__lte=before)
    return infusions.order_by("-started_at", "-day").first()


def course_state(snapshot: PlanSnapshot) -> dict:
    """What the course page needs: the regimen, the days so far, the next day, the baseline."""
    regimen = ivig_course(snapshot.plan)
    infusions = list(
        Infusion.objects.filter(plan=snapshot).select_related("recorded_by").order_by("day", "id")
    )
    given = [i for i in infusions if i.status == Infusion.Status.GIVEN]
    days = regimen["days"] if regimen else 0
    next_day = len(given) + 1
    return {
        "regimen": regimen,
        "infusions": infusions,
        "given": given,
        "next_day": next_day if next_day <= days else None,
        "needs_baseline": not any(i.baseline_creatinine is not None for i in given),
    }


def course_record(snapshot: PlanSnapshot) -> dict:
    """The infusions recorded under a plan and the renal checks they scheduled, for print.

    Returns {"course_days": int (the regimen's days, 0 without IVIG),
             "infusions": [{"day": int, "started_at": datetime, "ended_at": datetime,
                            "dose_g": Decimal}, ...]  (given ones, by day; cancelled left out),
             "checks": [{"kind": "renal_function", "what": str, "hours_after_infusion": int,
                         "urine_output": bool, "due_at": datetime, "status": str,
                         "status_display": str}, ...]  (by due time; cancelled left out)}.
    Datetimes are aware (UTC); show them with the template's `date` filter.
    """
    regimen = ivig_course(snapshot.plan)
    checks = RenalCheck.objects.filter(plan=snapshot, before_day__isnull=True).exclude(
        status=RenalCheck.Status.CANCELLED
    )
    return {
        "course_days": regimen["days"] if regimen else 0,
        "infusions": [
            {"day": i.day, "started_at": i.started_at, "ended_at": i.ended_at, "dose_g": i.dose_g}
            for i in given_infusions(snapshot)
        ],
        "checks": [
            {
                "kind": "renal_function",
                "what": c.what,
                "hours_after_infusion": c.hours_after_infusion,
                "urine_output": c.urine_output,
                "due_at": c.due_at,
                "status": c.status,
                "status_display": c.get_status_display(),
            }
            for c in checks.order_by("due_at", "id")
        ],
    }


def infusion_get_for_user(user, case_pk: int, number: int, infusion_pk: int) -> Infusion:
    case = case_get_for_user(user, case_pk)
    try:
        infusion = Infusion.objects.select_related("plan__assessment").get(
            pk=infusion_pk, case=case, plan__assessment__number=number
        )
    except Infusion.DoesNotExist:
        raise Http404("No such infusion") from None
    infusion.case = case
    return infusion


def renal_check_get_for_user(user, case_pk: int, check_pk: int) -> RenalCheck:
    """The check of a case the user may see, else 404 (the link in a reminder email)."""
    case = case_get_for_user(user, case_pk)
    try:
        check = RenalCheck.objects.select_related(
            "infusion", "plan__assessment", "responsible", "result"
        ).get(pk=check_pk, case=case)
    except RenalCheck.DoesNotExist:
        raise Http404("No such check") from None
    check.case = case
    return check


def renal_checks_of(snapshot: PlanSnapshot) -> QuerySet[RenalCheck]:
    return (
        RenalCheck.objects.filter(plan=snapshot)
        .select_related("result", "infusion")
        .order_by("due_at", "id")
    )


def overdue_checks_for(
    user, *, now: datetime | None = None, limit: int = 20
) -> QuerySet[RenalCheck]:
    """Checks past due without a result, across the user's teams, oldest first."""
    now = now or timezone.now()
    return (
        RenalCheck.objects.filter(
            case__in=cases_visible_to(user).values("pk"),
            status__in=RenalCheck.OPEN,
            due_at__lte=now,
        )
        .select_related("case", "case__team")
        .order_by("due_at", "id")[:limit]
    )


def abnormal_results_for(user, *, limit: int = 20) -> QuerySet[RenalResult]:
    """Results with acute kidney injury on open cases of the user's teams, newest first."""
    return (
        RenalResult.objects.filter(case_visible(user, status="open"), aki_stage__gt=0)
        .select_related("case", "case__team")
        .order_by("-measured_at", "-id")[:limit]
    )


_abnormal_results_of = PreparedRead(
    lambda case_id: (
        RenalResult.objects.filter(case_id=case_id, aki_stage__gt=0)
        .select_related("renal_check__plan__assessment")
        .order_by("-measured_at", "-id")
    ),
    case_id=int,
)


def abnormal_results_of(case) -> list[RenalResult]:
    """The case's results with acute kidney injury, newest first, each with its check."""
    return _abnormal_results_of.run(case_id=case.pk)


_overdue_checks_of = PreparedRead(
    lambda case_id, now: (
        RenalCheck.objects.filter(case_id=case_id, status__in=RenalCheck.OPEN, due_at__lte=now)
        .select_related("plan__assessment")
        .order_by("due_at", "id")
    ),
    case_id=int,
    now=datetime,
)


def overdue_checks_of(case, *, now: datetime | None = None) -> list[RenalCheck]:
    """The case's renal checks past due without a result, oldest first."""
    return _overdue_checks_of.run(case_id=case.pk, now=now or timezone.now())


def platelet_chart_for(snapshot: PlanSnapshot, *, now: datetime | None = None) -> dict | None:
    """The platelet counts after the course started, against the response the plan expects;
    None before the first infusion."""
    first = given_infusions(snapshot).order_by("started_at").first()
    hours = platelet_check_hours(snapshot.plan)
    if first is None or not hours:
        return None
    now = now or timezone.now()

    def since_start(moment: datetime) -> float:
        return (moment - first.started_at).total_seconds() / 3600

    counts = [
        Count(hours=since_start(c.measured_at), per_uL=c.count_per_uL)
        for c in PlateletCount.objects.filter(plan=snapshot).order_by("measured_at", "id")
    ]
    return chart_build(
        baseline_per_uL=snapshot.plan["platelet_count_per_uL"],
        counts=counts,
        response_by_hours=hours[-1],
        hours_now=since_start(now),
    )
