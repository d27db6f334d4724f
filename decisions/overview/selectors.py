"""The dashboard's reads: what needs attention across cases and their monitoring."""

from decisions.cases.reactions import recent_severe_reactions_for
from decisions.cases.selectors import (
    case_visible,
    cases_visible_to,
    stewardship_allowed,
    with_list_marks,
)
from decisions.models import Assessment, Case
from decisions.monitoring.selectors import abnormal_results_for, overdue_checks_for
from decisions.review.selectors import reviews_pending_for


def dashboard_for(user, *, limit: int = 10) -> dict:
    """What needs attention: open emergencies, unfinished assessments, overdue renal checks and
    results with acute kidney injury, day-7 reviews due and overdue."""
    open_cases = cases_visible_to(user).filter(status=Case.Status.OPEN).select_related("team")
    unfinished = (
        Assessment.objects.filter(
            case_visible(user, status=Case.Status.OPEN), status=Assessment.Status.DRAFT
        )
        .select_related("case", "case__team", "created_by")
        .order_by("-created_at")
    )
    return {
        # `emergency=True` compiles to the bare column, which SQLite cannot match against the
        # (status, emergency, -updated_at) index; IN (true) can, so it reads just the few.
        "emergencies": list(
            open_cases.filter(emergency__in=[True]).order_by("-updated_at")[:limit]
        ),
        "unfinished": list(unfinished[:limit]),
        "recent": list(with_list_marks(open_cases).order_by("-updated_at")[:limit]),
        "overdue_checks": overdue_checks_for(user, limit=limit),
        "abnormal_results": abnormal_results_for(user, limit=limit),
        "severe_reactions": recent_severe_reactions_for(user, limit=limit),
        **reviews_pending_for(user, limit=limit),
        "stewardship": stewardship_allowed(user),
    }
