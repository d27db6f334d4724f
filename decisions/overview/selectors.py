"""The dashboard's reads: what needs attention across cases and their monitoring."""

from datetime import datetime

from django.contrib.auth import get_user_model
from django.utils import timezone

from decisions.cases.presenters import local_time_text
from decisions.cases.reactions import recent_severe_reactions_for
from decisions.cases.reads import READ_ACTIONS
from decisions.cases.selectors import (
    case_visible,
    cases_visible_to,
    list_row_values,
    list_rows,
    stewardship_allowed,
    with_list_marks,
)
from decisions.models import Assessment, AuditEvent, Case
from decisions.monitoring.selectors import abnormal_results_for, overdue_checks_for
from decisions.overview.audit_wording import audit_detail_text
from decisions.prepared_queries import PreparedRead
from decisions.review.selectors import reviews_pending_for

LIMIT = 10  # rows per list
AUDIT_ROWS = 200  # the newest, on the case page


def _user(pk: int):
    """The user the reads below ask for, known by id (a probe value while they compile)."""
    return get_user_model()(pk=pk)


def _open_cases(user_id: int):
    user = _user(user_id)
    return cases_visible_to(user).filter(status=Case.Status.OPEN).select_related("team")


# The lists below read only the columns their rows show, as values() rows: building each
# row's model instances (case, team, user...) cost more than their query (the unfinished
# assessments: 1.06 ms as instances, 0.26 ms as values, over 10,000 cases).

# `emergency=True` compiles to the bare column, which SQLite cannot match against the
# (status, emergency, -updated_at) index; IN (true) can, so it reads just the few.
_emergencies = PreparedRead(
    lambda user_id: (
        _open_cases(user_id)
        .filter(emergency__in=[True])
        .order_by("-updated_at")
        .values("pk", "patient_name", "reference", "team__name", "updated_at")[:LIMIT]
    ),
    user_id=int,
)
_unfinished = PreparedRead(
    lambda user_id: (
        Assessment.objects.filter(
            case_visible(_user(user_id), status=Case.Status.OPEN), status=Assessment.Status.DRAFT
        )
        .order_by("-created_at")
        .values(
            "case_id",
            "number",
            "created_at",
            "case__patient_name",
            "case__reference",
            "created_by__username",
        )[:LIMIT]
    ),
    user_id=int,
)
_recent = PreparedRead(
    # The ten found by the (team, status, updated_at) index alone, then their rows and marks:
    # asked together, SQLite fetched every open case of the teams, and their marks, to sort
    # them (1.3 of the dashboard's 2.6 ms of SQL over 10,000 cases).
    lambda user_id: list_row_values(
        with_list_marks(
            Case.objects.filter(
                pk__in=_open_cases(user_id).order_by("-updated_at").values("pk")[:LIMIT]
            )
        ).order_by("-updated_at")
    ),
    user_id=int,
)
_overdue_checks = PreparedRead(
    lambda user_id, now: overdue_checks_for(_user(user_id), now=now, limit=LIMIT),
    user_id=int,
    now=datetime,
)
_abnormal_results = PreparedRead(
    lambda user_id: abnormal_results_for(_user(user_id), limit=LIMIT), user_id=int
)


def dashboard_for(user) -> dict:
    """What needs attention: open emergencies, unfinished assessments, overdue renal checks,
    results with acute kidney injury, severe infusion reactions, day-7 reviews due and overdue.
    Each list's query is built once per process."""
    now = timezone.now()
    return {
        "emergencies": _emergencies.run(user_id=user.pk),
        "unfinished": _unfinished.run(user_id=user.pk),
        "recent": list_rows(_recent.run(user_id=user.pk)),
        "overdue_checks": _overdue_checks.run(user_id=user.pk, now=now),
        "abnormal_results": _abnormal_results.run(user_id=user.pk),
        "severe_reactions": recent_severe_reactions_for(user, limit=LIMIT),
        **reviews_pending_for(user, now=now, limit=LIMIT),
        "stewardship": stewardship_allowed(user),
    }


def dashboard_references(dashboard: dict) -> list[str]:
    """The references of every case the dashboard shows, for its read in the audit trail."""
    return [
        *(case["reference"] for case in dashboard["emergencies"]),
        *(assessment["case__reference"] for assessment in dashboard["unfinished"]),
        *(case.reference for case in dashboard["recent"]),
        *(check.case.reference for check in dashboard["overdue_checks"]),
        *(result.case.reference for result in dashboard["abnormal_results"]),
        *(infusion["case__reference"] for infusion in dashboard["severe_reactions"]),
        *(review["case__reference"] for review in dashboard["reviews_overdue"]),
        *(review["case__reference"] for review in dashboard["reviews_due"]),
    ]


_assessments_of = PreparedRead(
    # The list names each assessment and its plan's rules; parsing their answers and plans
    # (JSON) was a tenth of the case page's work.
    lambda case_id: (
        Assessment.objects.filter(case_id=case_id)
        .select_related("plan", "created_by")
        .defer("answers", "confirmed", "plan__plan")
        .order_by("-number")
    ),
    case_id=int,
)
_audit_of = PreparedRead(
    # The trail of changes; the reads are in "Who has seen this patient".
    lambda case_id: (
        AuditEvent.objects.filter(case_id=case_id)
        .exclude(action__in=READ_ACTIONS)
        # The columns the rows show, not event and user objects (a third of the view's work).
        .values("at", "action", "detail", "actor_id", "actor__username")[:AUDIT_ROWS]
    ),
    case_id=int,
)


def case_page_for(case) -> dict:
    """The case page's assessments (newest first) and its audit trail's rows in words: when
    (local time, with the zone), who, what, and the detail."""
    action_names = dict(AuditEvent.Action.choices)
    audit = [
        {
            "when": local_time_text(event["at"], seconds=True),
            "who": event["actor__username"] if event["actor_id"] else "system",
            "what": action_names.get(event["action"], event["action"]),
            "detail": audit_detail_text(event["action"], event["detail"]),
        }
        for event in _audit_of.run(case_id=case.pk)
    ]
    return {"assessments": _assessments_of.run(case_id=case.pk), "audit": audit}
