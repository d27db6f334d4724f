"""The pages that span features: the dashboard, the case list, opening a case, the case page
(its assessments, results that need attention, its audit trail) and closing or reopening it."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from decisions.assessment.steps import STEPS
from decisions.cases import conflict_wording
from decisions.cases.forms import CaseForm, CaseSearchForm
from decisions.cases.pages import case_page
from decisions.cases.reactions import severe_reactions_of_patient
from decisions.cases.selectors import (
    case_get_for_user,
    case_opened_by_form,
    case_search,
    cases_with_identifier,
    teams_of,
)
from decisions.cases.services import case_create, case_record_view
from decisions.cases.versioning import ConcurrentEditError, posted_version
from decisions.models import Case
from decisions.monitoring.selectors import abnormal_results_of, overdue_checks_of
from decisions.overview.audit_wording import audit_detail_text
from decisions.overview.selectors import dashboard_for
from decisions.overview.services import case_status_change

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
    page = case_page(cases, request.GET.get("cursor"), size=CASES_PER_PAGE)
    query = request.GET.copy()
    query.pop("cursor", None)
    query.pop("page", None)  # links from before keyset pages
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
    form = CaseForm(
        request.POST if posted else None,
        teams=teams,
        initial={"team": teams.first()},
        cases_with_number=lambda number: cases_with_identifier(request.user, number),
    )
    if posted and form.is_valid():
        case = case_create(user=request.user, **form.case_fields())
        assessment = case.assessments.get()
        return redirect("assessment-step", pk=case.pk, number=assessment.number, step=STEPS[0].slug)
    if posted:
        # This form was sent before (a double click, a resend) and opened a case: show it,
        # rather than the form's complaint that its hospital number has a case now.
        token = request.POST.get("form_token", "")
        opened = case_opened_by_form(user=request.user, form_token=token)
        if opened is not None:
            return redirect("case-detail", pk=opened.pk)
    status = 400 if posted else 200
    return render(request, "decisions/case_new.html", {"form": form}, status=status)


@require_safe
def case_detail(request, pk: int):
    case = case_get_for_user(request.user, pk)
    case_record_view(case=case, user=request.user)
    assessments = case.assessments.select_related("plan", "created_by").order_by("-number")
    audit = [
        {"event": event, "detail": audit_detail_text(event)}
        for event in case.audit_events.select_related("actor")[:200]
    ]
    return render(
        request,
        "decisions/case_detail.html",
        {
            "case": case,
            "assessments": assessments,
            "audit": audit,
            "first_step": STEPS[0],
            "aki_results": abnormal_results_of(case),
            "overdue_checks": overdue_checks_of(case),
            "severe_reactions": severe_reactions_of_patient(request.user, case),
        },
    )


@require_POST
def case_status(request, pk: int):
    case = case_get_for_user(request.user, pk)
    status = request.POST.get("status")
    if status not in Case.Status.values:
        messages.error(request, "Unknown status.")
        return redirect("case-detail", pk=pk)
    try:
        case_status_change(
            case=case, user=request.user, status=status, expected_version=posted_version(request)
        )
    except ConcurrentEditError as refused:
        for change in refused.changes:
            messages.error(request, conflict_wording.status_conflict(change))
    return redirect("case-detail", pk=pk)
