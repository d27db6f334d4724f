"""The pages that span features: the dashboard, the case list, opening a case, the case page
(its assessments, results that need attention, its audit trail) and closing or reopening it."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from decisions.assessment.first_step import (
    FIRST_STEP,
    first_step_form,
    first_step_save,
    typed_in_error,
)
from decisions.assessment.steps import STEPS, next_step
from decisions.cases import conflict_wording
from decisions.cases.case_list import case_list_page
from decisions.cases.forms import NO_TEAM_MESSAGE, CaseSearchForm, case_form_for
from decisions.cases.presenters import (
    assessment_rows,
    audit_rows,
    case_table_rows,
    emergency_items,
    emergency_rows,
    review_rows,
    seen_rows,
    severe_reaction_rows,
    unfinished_items,
    unfinished_rows,
    url_maker,
)
from decisions.cases.reactions import severe_reactions_of_patient
from decisions.cases.reads import audit_list_read, audit_read, case_seen_by
from decisions.cases.selectors import (
    case_get_for_user,
    case_opened_by_form,
)
from decisions.cases.services import case_create
from decisions.cases.versioning import ConcurrentEditError, posted_version
from decisions.models import Case
from decisions.monitoring.selectors import abnormal_results_of, overdue_checks_of
from decisions.overview.selectors import case_page_for, dashboard_for, dashboard_references
from decisions.overview.services import case_status_change

CASES_PER_PAGE = 25


@require_safe
def dashboard(request):
    lists = dashboard_for(request.user)
    rows = {
        "emergency_rows": emergency_rows(lists["emergencies"]),
        "unfinished_rows": unfinished_rows(lists["unfinished"]),
        "recent_rows": case_table_rows(lists["recent"]),
        "severe_reaction_rows": severe_reaction_rows(lists["severe_reactions"]),
        "reviews_overdue_rows": review_rows(lists["reviews_overdue"]),
        "reviews_due_rows": review_rows(lists["reviews_due"]),
    }
    items = {
        "emergency_items": emergency_items(rows["emergency_rows"]),
        "unfinished_items": unfinished_items(rows["unfinished_rows"]),
    }
    audit_list_read(user=request.user, page="dashboard", references=dashboard_references(lists))
    return render(request, "decisions/dashboard.html", {**lists, **rows, **items})


@require_safe
def case_list(request):
    form = CaseSearchForm(request.GET or None, user=request.user)
    filters = form.cleaned_data if form.is_valid() else {}
    page = case_list_page(
        request.user,
        query=(filters.get("q") or "").strip(),
        team_id=filters["team"].pk if filters.get("team") else None,
        status=filters.get("status") or "",
        token=request.GET.get("cursor"),
        size=CASES_PER_PAGE,
    )
    audit_list_read(
        user=request.user,
        page="case list",
        references=[case.reference for case in page.cases],
        # That a search was made, never its text (it may be a patient's name).
        searched=bool(filters.get("q")),
        status=filters.get("status") or "",
    )
    query = request.GET.copy()
    query.pop("cursor", None)
    query.pop("page", None)  # links from before keyset pages
    return render(
        request,
        "decisions/case_list.html",
        {
            "form": form,
            "page": page,
            "rows": case_table_rows(page.cases),
            "query": query.urlencode(),
        },
    )


@require_http_methods(["GET", "POST"])
def case_new(request):
    posted = request.method == "POST"
    form = case_form_for(request.user, request.POST if posted else None)
    if form is None:
        messages.error(request, NO_TEAM_MESSAGE)
        return redirect("dashboard")
    patient = first_step_form(request.POST if posted else None)
    if posted and form.is_valid() and not typed_in_error(patient):
        case = case_create(user=request.user, **form.case_fields())
        assessment = case.assessments.get()
        complete = first_step_save(assessment=assessment, user=request.user, form=patient)
        step = next_step(FIRST_STEP.slug) if complete else FIRST_STEP
        return redirect("assessment-step", pk=case.pk, number=assessment.number, step=step.slug)
    if posted:
        # This form was sent before (a double click, a resend) and opened a case: show it,
        # rather than the form's complaint that its hospital number has a case now.
        token = request.POST.get("form_token", "")
        opened = case_opened_by_form(user=request.user, form_token=token)
        if opened is not None:
            return redirect("case-detail", pk=opened.pk)
    status = 400 if posted else 200
    return render(
        request, "decisions/case_new.html", {"form": form, "patient": patient}, status=status
    )


@require_safe
def case_detail(request, pk: int):
    case = case_get_for_user(request.user, pk)
    audit_read(user=request.user, page="case", case=case)
    seen, page = case_seen_by(case), case_page_for(case)
    return render(
        request,
        "decisions/case_detail.html",
        {
            "case": case,
            "seen": seen,
            "seen_rows": seen_rows(seen["latest"]),
            "assessment_rows": assessment_rows(case.pk, page["assessments"], STEPS[0].slug),
            "links": {
                "reassess": url_maker("assessment-new")(case.pk),
                "status": url_maker("case-status")(case.pk),
            },
            "audit_rows": audit_rows(page["audit"]),
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
