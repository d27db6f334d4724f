"""The dashboard, and closing or reopening a case (which reaches its monitoring too)."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST, require_safe

from decisions.cases.selectors import case_get_for_user
from decisions.cases.versioning import ConcurrentEditError, posted_version
from decisions.models import Case
from decisions.overview.selectors import dashboard_for
from decisions.overview.services import case_status_change


@require_safe
def dashboard(request):
    return render(request, "decisions/dashboard.html", dashboard_for(request.user))


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
    except ConcurrentEditError:
        messages.error(request, "The case changed since you opened it; check it and try again.")
    return redirect("case-detail", pk=pk)
