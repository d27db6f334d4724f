"""Reads: what a clinician may see. Access control lives here and nowhere else."""

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from decisions.models import Assessment, Case, PlanSnapshot, Team


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


def plan_get_for_user(user, case_pk: int, number: int) -> tuple[Assessment, PlanSnapshot]:
    """A completed assessment and its stored plan, else 404 (a draft has no plan yet)."""
    assessment = assessment_get_for_user(user, case_pk, number)
    if assessment.status != Assessment.Status.COMPLETE:
        raise Http404("This assessment has no plan yet")
    snapshot = assessment.plan
    snapshot.assessment = assessment
    return assessment, snapshot


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


def latest_decisions(plan) -> dict[str, object]:
    """The newest decision per recommendation code of a plan snapshot."""
    current = {}
    for decision in plan.decisions.select_related("decided_by").order_by("-decided_at", "-id"):
        current.setdefault(decision.code, decision)
    return current
