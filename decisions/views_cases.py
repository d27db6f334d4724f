"""Cases: the dashboard, the list, opening a case and its page (with its audit trail)."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from . import conflict_wording
from .assessment_steps import STEPS
from .forms_cases import CaseForm, CaseSearchForm
from .models import Case
from .selectors import case_get_for_user, case_search, dashboard_for, teams_of
from .services import ConcurrentEditError, case_create, case_record_view, case_set_status

CASES_PER_PAGE = 25


@require_safe
def dashboard(request):
    return render(request, "decisions/dashboard.html", dashboard_for(request.user))


@require_safe
def case_list(request):
    teams = teams_of(request.user)
    form = CaseSearchForm(request.GET or None, teams=teams)
    filters = form.cleaned_data if form.is_valid() else {}
    cases = case_search(
        request.user,
        query=(filters.get("q") or "").strip(),
        team_id=filters["team"].pk if filters.get("team") else None,
        status=filters.get("status") or "",
    )
    page = Paginator(cases, CASES_PER_PAGE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "decisions/case_list.html",
        {"form": form, "page": page, "query": query.urlencode()},
    )


@require_http_methods(["GET", "POST"])
def case_new(request):
    teams = teams_of(request.user)
    if not teams.exists():
        messages.error(request, "You belong to no team yet; ask an administrator to add you.")
        return redirect("dashboard")
    posted = request.method == "POST"
    form = CaseForm(request.POST if posted else None, teams=teams, initial={"team": teams.first()})
    if posted and form.is_valid():
        case = case_create(user=request.user, **form.cleaned_data)
        assessment = case.assessments.get()
        return redirect("assessment-step", pk=case.pk, number=assessment.number, step=STEPS[0].slug)
    status = 400 if posted else 200
    return render(request, "decisions/case_new.html", {"form": form}, status=status)


@require_safe
def case_detail(request, pk: int):
    case = case_get_for_user(request.user, pk)
    case_record_view(case=case, user=request.user)
    assessments = case.assessments.select_related("plan", "created_by").order_by("-number")
    audit = case.audit_events.select_related("actor")[:200]
    return render(
        request,
        "decisions/case_detail.html",
        {"case": case, "assessments": assessments, "audit": audit, "first_step": STEPS[0]},
    )


@require_POST
def case_status(request, pk: int):
    case = case_get_for_user(request.user, pk)
    status = request.POST.get("status")
    if status not in Case.Status.values:
        messages.error(request, "Unknown status.")
        return redirect("case-detail", pk=pk)
    try:
        version = int(request.POST.get("version", ""))
    except ValueError:
        version = None
    try:
        case_set_status(case=case, user=request.user, status=status, expected_version=version)
    except ConcurrentEditError as refused:
        for change in refused.changes:
            messages.error(request, conflict_wording.status_conflict(change))
    return redirect("case-detail", pk=pk)
