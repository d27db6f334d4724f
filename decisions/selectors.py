"""Reads: what a clinician may see. Access control lives here and nowhere else."""

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from .models import Assessment, Case, Team


def teams_of(user) -> QuerySet[Team]:
    return Team.objects.filter(members=user)


def cases_visible_to(user) -> QuerySet[Case]:
    """Cases of the user's teams; everyone else's do not exist for them."""
    return Case.objects.filter(team__in=teams_of(user).values("pk"))


def case_get_for_user(user, pk: int) -> Case:
    """The case if the user may see it, else 404 (never 403: a guessed URL reveals nothing)."""
    return get_object_or_404(cases_visible_to(user).select_related("team"), pk=pk)


def assessment_get_for_user(user, case_pk: int, number: int) -> Assessment:
    case = case_get_for_user(user, case_pk)
    try:
        assessment = case.assessments.get(number=number)
    except Assessment.DoesNotExist:
        raise Http404("No such assessment") from None
    assessment.case = case  # already fetched, with its team
    return assessment


def case_search(user, *, query: str = "", team_id: int | None = None, status: str = ""):
    """Cases for the list page, newest activity first, filtered as the clinician asked."""
    cases = cases_visible_to(user).select_related("team")
    if query:
        cases = cases.filter(
            Q(patient_name__icontains=query)
            | Q(patient_identifier__iexact=query)
            | Q(reference__iexact=query)
        )
    if team_id:
        cases = cases.filter(team_id=team_id)
    if status:
        cases = cases.filter(status=status)
    drafts = Assessment.objects.filter(case=OuterRef("pk"), status=Assessment.Status.DRAFT)
    return cases.annotate(has_draft=Exists(drafts)).order_by("-updated_at", "-pk")


def dashboard_for(user, *, limit: int = 10) -> dict:
    """What needs attention: open emergencies, unfinished assessments, overdue renal checks and
    results with acute kidney injury."""
    open_cases = cases_visible_to(user).filter(status=Case.Status.OPEN).select_related("team")
    unfinished = (
        Assessment.objects.filter(case__in=open_cases.values("pk"), status=Assessment.Status.DRAFT)
        .select_related("case", "case__team", "created_by")
        .order_by("-created_at")
    )
    from .selectors_infusions import abnormal_results_for, overdue_checks_for

    return {
        "emergencies": list(open_cases.filter(emergency=True).order_by("-updated_at")[:limit]),
        "unfinished": list(unfinished[:limit]),
        "recent": list(open_cases.order_by("-updated_at")[:limit]),
        "overdue_checks": overdue_checks_for(user, limit=limit),
        "abnormal_results": abnormal_results_for(user, limit=limit),
    }


def latest_decisions(plan) -> dict[str, object]:
    """The newest decision per recommendation code of a plan snapshot."""
    current = {}
    for decision in plan.decisions.select_related("decided_by").order_by("-decided_at", "-id"):
        current.setdefault(decision.code, decision)
    return current


def plans_beside(assessment) -> dict:
    """The case's plans made just before and just after this assessment's (one query): a
    partial emergency plan and the full plan that completed it name each other."""
    others = assessment.case.assessments.filter(status=Assessment.Status.COMPLETE).exclude(
        pk=assessment.pk
    )
    earlier = later = None
    for other in others.select_related("plan").order_by("number"):
        if other.number < assessment.number:
            earlier = other
        elif later is None:
            later = other
    return {"earlier": earlier, "later": later}
