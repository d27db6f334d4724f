"""Reads: what a clinician may see. Access control lives here and nowhere else."""

from datetime import datetime
from typing import NamedTuple

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Exists, F, Min, OuterRef, Q, QuerySet, Subquery, Sum
from django.db.models.functions import Upper
from django.http import Http404

from decisions.models import (
    Assessment,
    Case,
    PlanSnapshot,
    RecommendationDecision,
    RenalResult,
    Team,
)
from decisions.prepared_queries import PreparedRead


def teams_of(user) -> QuerySet[Team]:
    return Team.objects.filter(members=user)


# The user's teams by name, built and compiled once per process (the case list asks on every page).
_teams_listed = PreparedRead(
    lambda user_id: Team.objects.filter(members__id=user_id).order_by("name"), user_id=int
)


def teams_listed_for(user) -> list[Team]:
    return _teams_listed.run(user_id=user.pk)


def cases_visible_to(user) -> QuerySet[Case]:
    """Cases of the user's teams; everyone else's do not exist for them."""
    return Case.objects.filter(team__in=teams_of(user).values("pk"))


def in_my_teams(user) -> Exists:
    """The case's team is one of the user's, checked row by row. For reads that walk an index
    in order and stop after a page: with `team__in` the database (SQLite always, having no
    statistics) reaches the rows by team and sorts every visible case before taking 25."""
    return Exists(Team.members.through.objects.filter(team_id=OuterRef("team_id"), user_id=user.pk))


def case_visible(user, **case_filters) -> Exists:
    """For rows of another table: their case is one the user may see (and matches
    `case_filters`), checked row by row, so a list of a few drafts or results never lists
    every visible case first."""
    return Exists(cases_visible_to(user).filter(pk=OuterRef("case_id"), **case_filters))


# One row if the user is in the named group; built and compiled once per process.
_in_group = PreparedRead(
    lambda user_id, group: (
        get_user_model()
        .groups.through.objects.filter(user_id=user_id, group__name=group)
        .values_list("pk", flat=True)[:1]
    ),
    user_id=int,
    group=str,
)


def stewardship_allowed(user) -> bool:
    """Members of the stewardship group (settings.STEWARDSHIP_GROUP) see the stewardship page
    and export across all teams, with no patient identifiers; to anyone else they are a 404.
    Asked once per request: the answer is kept on the request's user object."""
    if not (user.is_authenticated and user.is_active):
        return False
    group = settings.STEWARDSHIP_GROUP
    cached = getattr(user, "_stewardship_allowed", None)
    if cached is None or cached[0] != group:
        cached = (group, bool(_in_group.run(user_id=user.pk, group=group)))
        user._stewardship_allowed = cached
    return cached[1]


_case_for_user = PreparedRead(
    lambda user_id, pk: (
        cases_visible_to(get_user_model()(pk=user_id)).select_related("team").filter(pk=pk)[:1]
    ),
    user_id=int,
    pk=int,
)


def case_get_for_user(user, pk: int) -> Case:
    """The case if the user may see it, else 404 (never 403: a guessed URL reveals nothing)."""
    found = _case_for_user.run(user_id=user.pk, pk=pk)
    if not found:
        raise Http404("No such case")
    return found[0]


def assessment_get_for_user(user, case_pk: int, number: int) -> Assessment:
    case = case_get_for_user(user, case_pk)
    try:
        assessment = case.assessments.get(number=number)
    except Assessment.DoesNotExist:
        raise Http404("No such assessment") from None
    assessment.case = case  # already fetched, with its team
    return assessment


_completed_assessment = PreparedRead(
    lambda case_id, number: Assessment.objects.filter(
        case_id=case_id, number=number, status=Assessment.Status.COMPLETE
    ).select_related("plan", "created_by")[:1],
    case_id=int,
    number=int,
)


def plan_get_for_user(user, case_pk: int, number: int) -> tuple[Assessment, PlanSnapshot]:
    """A completed assessment and its stored plan, else 404 (a draft has no plan yet)."""
    case = case_get_for_user(user, case_pk)
    found = _completed_assessment.run(case_id=case.pk, number=number)
    if not found:
        raise Http404("No such plan")
    assessment = found[0]
    assessment.case = case  # already fetched, with its team
    snapshot = assessment.plan
    snapshot.assessment = assessment
    return assessment, snapshot


def with_identifier(cases: QuerySet[Case], identifier_upper: str) -> QuerySet[Case]:
    """The cases whose hospital number is `identifier_upper` (already upper-cased), whatever the
    case of its letters: UPPER(column) = value, which the case_identifier_upper index serves on
    every database. (Django's iexact is a LIKE on SQLite: it read all 10,000 cases, 2-3 ms.)"""
    return cases.alias(identifier_upper=Upper("patient_identifier")).filter(
        identifier_upper=identifier_upper
    )


def cases_with_identifier(user, identifier: str) -> list[Case]:
    """The user's teams' cases with this hospital number (other teams' are never named)."""
    return list(
        with_identifier(cases_visible_to(user), identifier.strip().upper())
        .select_related("team")
        .order_by("-updated_at", "-pk")[:10]
    )


def case_search(user, *, query: str = "", team_id: int | None = None, status: str = ""):
    """Cases for the list page, newest activity first, filtered as the clinician asked."""
    cases = Case.objects.filter(in_my_teams(user)).select_related("team")
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
    return with_list_marks(cases).order_by("-updated_at", "-pk")


class CaseListRow(NamedTuple):
    """A case as a list row shows it (the case table): its columns and marks, read with
    `list_row_values` and not as model objects, whose building (each case and its team) was a
    fifth of the case list's work."""

    pk: int
    reference: str
    patient_name: str
    patient_identifier: str
    team_name: str
    status: str
    emergency: bool
    updated_at: datetime
    has_draft: bool
    aki_stage: int | None


def list_row_values(cases: QuerySet[Case]) -> QuerySet:
    """Cases marked by `with_list_marks`, as the values of a CaseListRow (see `list_rows`)."""
    fields = [name for name in CaseListRow._fields if name != "team_name"]
    return cases.values(*fields, team_name=F("team__name"))


def list_rows(values: list[dict]) -> list[CaseListRow]:
    return [CaseListRow(**row) for row in values]


def with_list_marks(cases: QuerySet[Case]) -> QuerySet[Case]:
    """Cases with what a list row marks, in the same query: an unfinished assessment
    (`has_draft`) and the worst acute kidney injury stage of its results (`aki_stage`, or None)."""
    drafts = Assessment.objects.filter(case=OuterRef("pk"), status=Assessment.Status.DRAFT)
    worst_aki = (
        RenalResult.objects.filter(case=OuterRef("pk"), aki_stage__gt=0)
        .order_by("-aki_stage")
        .values("aki_stage")[:1]
    )
    return cases.annotate(has_draft=Exists(drafts), aki_stage=Subquery(worst_aki))


_decisions_of = PreparedRead(
    lambda plan_id: (
        RecommendationDecision.objects.filter(plan_id=plan_id)
        .select_related("decided_by")
        .order_by("-decided_at", "-id")
    ),
    plan_id=int,
)


def latest_decisions(plan) -> dict[str, object]:
    """The newest decision per recommendation code of a plan snapshot."""
    current = {}
    for decision in _decisions_of.run(plan_id=plan.pk):
        current.setdefault(decision.code, decision)
    return current


# Only what the plan page says of them (number, partial or not): each plan's and answers' JSON
# read and decoded for every other assessment was most of this query's time.
_other_plans = PreparedRead(
    lambda case_id, assessment_id: (
        Assessment.objects.filter(case_id=case_id, status=Assessment.Status.COMPLETE)
        .exclude(pk=assessment_id)
        .select_related("plan")
        .only("case_id", "number", "plan__assumptions")
        .order_by("number")
    ),
    case_id=int,
    assessment_id=int,
)


def plans_beside(assessment) -> dict:
    """The case's plans made just before and just after this assessment's (one query): a
    partial emergency plan and the full plan that completed it name each other."""
    earlier = later = None
    for other in _other_plans.run(case_id=assessment.case_id, assessment_id=assessment.pk):
        if other.number < assessment.number:
            earlier = other
        elif later is None:
            later = other
    return {"earlier": earlier, "later": later}


def _earlier_course_query(case_id: int, number: int):
    given = Q(infusions__status="given")
    return (
        PlanSnapshot.objects.filter(assessment__case_id=case_id, assessment__number__lt=number)
        .annotate(
            dose_g=Sum("infusions__dose_g", filter=given),
            first_infusion_at=Min("infusions__started_at", filter=given),
        )
        .filter(dose_g__isnull=False)
        .select_related("review")
        .order_by("-assessment__number")
        .values(
            "assessment__number",
            "dose_g",
            "first_infusion_at",
            "review__response",
            "review__decision",
        )[:1]
    )


# Built and compiled once per process (decisions/prepared_queries.py); the plan page runs it.
_earlier_course = PreparedRead(_earlier_course_query, case_id=int, number=int)


def earlier_course(assessment) -> dict | None:
    """The case's last IVIG course before this assessment (one query): its assessment number,
    grams given, first infusion and the response its review recorded, for the plan to note."""
    found = _earlier_course.run(case_id=assessment.case_id, number=assessment.number)
    course = found[0] if found else None
    if course is None:
        return None
    return {
        "number": course["assessment__number"],
        "dose_g": course["dose_g"],
        "first_infusion_at": course["first_infusion_at"],
        "response": course["review__response"] or "",
        "decision": course["review__decision"] or "",
    }


def case_opened_by_form(*, user, form_token: str) -> Case | None:
    """The case `user` opened with the "New case" form carrying `form_token`, if any."""
    if not form_token:
        return None
    return Case.objects.filter(created_by=user, form_token=form_token).first()
