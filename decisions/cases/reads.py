"""Reads of patient data in the audit trail (HIPAA 164.312(b): record and examine activity in
systems that hold health information).

Every request that shows a case's data adds exactly one row through the hash-chained
`audit_record`, never one per case: a list (case list, search, dashboard, admin) writes one
LISTED row naming the references it showed. Views call `audit_read` or `audit_list_read`, or
wear `@audited_read(page)`; the case page reads the rows back as "Who has seen this patient".
"""

from functools import wraps

from django.db.models import Count

from decisions.cases.audit import audit_record
from decisions.cases.presenters import local_time_text
from decisions.models import AuditEvent, Case
from decisions.prepared_queries import PreparedRead

Action = AuditEvent.Action
# Someone saw this patient's data: a page of the case, or its plan printed or downloaded.
SEEN_ACTIONS = (Action.VIEWED, Action.PRINTED, Action.DOWNLOADED)
# Reads of one case or of a list, kept out of the case page's trail of changes.
READ_ACTIONS = (*SEEN_ACTIONS, Action.LISTED)
SAFE_METHODS = ("GET", "HEAD")
SEEN_LIMIT = 25  # rows of "Who has seen this patient"; the audit trail keeps them all

# What a reader saw, by the `page` each read records.
PAGE_WORDS = {
    "case": "The case page",
    "plan": "The plan",
    "assessment": "The assessment",
    "infusion course": "The infusion course",
    "infusion": "An infusion (correction form)",
    "renal check": "A renal check",
    "infusion planner": "The infusion rates (planner)",
    "day-7 review": "The day-7 review",
    "ehr link": "An EHR card's patient, before a case was opened",
    "admin": "The admin's record",
}


def audit_read(
    *, user, page: str, case: Case | None = None, case_id: int | None = None, **detail
) -> AuditEvent:
    """One case's data shown to `user` on `page` (a key of PAGE_WORDS)."""
    return audit_record(
        case=case,
        case_id=case_id,
        actor=user,
        action=Action.VIEWED,
        page=page,
        wait_for_disk=False,
        **detail,
    )


def audit_list_read(*, user, page: str, references, **detail) -> AuditEvent:
    """A list showed these cases: one row with their references, in order, each once.

    The detail never holds a search's text (it may be a patient's name), only its filters."""
    shown = list(dict.fromkeys(references))
    return audit_record(
        case=None,
        actor=user,
        action=Action.LISTED,
        page=page,
        cases=shown,
        wait_for_disk=False,
        **detail,
    )


def audited_read(page: str):
    """For a view of one case (`pk` in its URL, and `number` for an assessment's pages): a GET
    it answers with 2xx adds one read row. A 404 (another team's case) or a redirect adds none;
    POSTs leave the audit rows of what they change."""

    def decorator(view):
        @wraps(view)
        def audited(request, *args, **kwargs):
            response = view(request, *args, **kwargs)
            if request.method in SAFE_METHODS and 200 <= response.status_code < 300:
                detail = {"number": kwargs["number"]} if "number" in kwargs else {}
                # The view found the case through the team's selectors: its id is enough.
                audit_read(user=request.user, page=page, case_id=kwargs["pk"], **detail)
            return response

        return audited

    return decorator


# Built and compiled once per process (decisions/prepared_queries.py); the case page runs both.
_seen_totals = PreparedRead(
    lambda case_id: (
        AuditEvent.objects.filter(case_id=case_id, action__in=SEEN_ACTIONS)
        .values("case_id")
        .annotate(views=Count("id"), people=Count("actor", distinct=True))
        .order_by()
    ),
    case_id=int,
)
# The columns the rows show, not model instances: 25 events and their readers built as
# objects cost 140 Python calls a row, most of the case page's own work (benchmarks.pages).
_seen_latest = PreparedRead(
    lambda case_id: (
        AuditEvent.objects.filter(case_id=case_id, action__in=SEEN_ACTIONS)
        .order_by("-at", "-id")
        .values(
            "at",
            "action",
            "detail",
            "actor_id",
            "actor__username",
            "actor__first_name",
            "actor__last_name",
            "actor__is_staff",
        )[:SEEN_LIMIT]
    ),
    case_id=int,
)


def case_seen_by(case: Case, *, limit: int = SEEN_LIMIT) -> dict:
    """Who has seen this patient: the latest reads (who, when, what) and the totals. Two
    queries, however many reads there are."""
    found = _seen_totals.run(case_id=case.pk)
    totals = {"views": found[0]["views"], "people": found[0]["people"]} if found else {}
    totals = totals or {"views": 0, "people": 0}
    # Each row's words built here, once: the template prints strings (issue 9).
    latest = [
        {
            "who": seen_who(read),
            "when": local_time_text(read["at"]),
            "what": seen_what(read["action"], read["detail"]),
        }
        for read in _seen_latest.run(case_id=case.pk)[:limit]
    ]
    return {"latest": latest, **totals, "limited": totals["views"] > len(latest)}


def seen_who(read: dict) -> str:
    """The reader's name as the page shows it (an administrator marked), or "system"; `read`
    holds the actor's columns as _seen_latest reads them."""
    if read["actor_id"] is None:
        return "system"
    full_name = f"{read['actor__first_name']} {read['actor__last_name']}".strip()
    name = full_name or read["actor__username"]
    return f"{name} (administrator)" if read["actor__is_staff"] else name


def seen_what(action: str, detail: dict | None) -> str:
    """What a read showed, in words."""
    detail = detail or {}
    if action != Action.VIEWED:  # printed or downloaded: the plan or a nurse's chart
        number = detail.get("number", "?")
        if detail.get("chart"):
            how = "printed" if action == Action.PRINTED else "downloaded"
            return f"The {detail['chart']} infusion chart of assessment {number} ({how})"
        return f"{Action(action).label} (assessment {number})"
    what = PAGE_WORDS.get(detail.get("page", "case"), "A page of the case")
    if detail.get("model"):
        what += f": {detail['model']}"
    if detail.get("number"):
        what += f" (assessment {detail['number']})"
    return what
