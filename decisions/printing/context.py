"""What a printed plan shows, built from the stored snapshot and the case (never recomputed).

Every clinical sentence comes from the snapshot as the engine produced it on the day, so a plan
printed a year later reads as it did then, even after the rules have changed. The case supplies
the patient's details, the assessment the answers as given, and the decisions what the clinicians
made of each line.
"""

from decisions.cases.plan_display import say_shared_reason_once
from decisions.cases.reference_wording import reference_citation
from decisions.cases.selectors import latest_decisions
from decisions.models import AuditEvent
from decisions.snapshot import RENAL_CHECK_CODE, ROLE_TITLES, ivig_course, recommendation_title

from .assessment import age_text, assessment_rows, plain_number, plural
from .schedule import InfusionSchedule

SEVERITY_ORDER = ("critical", "warning", "caution", "info")
# Named pages of print.css (.paper-a4, .paper-letter); without one a browser uses its own paper.
PAPER_SIZES = ("a4", "letter")


def build_print_context(
    assessment, snapshot, *, schedule: InfusionSchedule, paper: str | None = None
) -> dict:
    """Everything the print view and the PDF show, in the order the paper shows it."""
    plan = snapshot.plan
    case = assessment.case
    decisions = latest_decisions(snapshot)
    recommendations = [
        _recommendation(item, decisions.get(item["code"])) for item in plan["recommendations"]
    ]
    _quote_each_source_once(recommendations)
    groups = [
        {"role": role, "title": title, "items": [r for r in recommendations if r["role"] == role]}
        for role, title in ROLE_TITLES.items()
    ]
    for group in groups:
        group["why"] = say_shared_reason_once(group["items"])
    made_by = plan_maker(assessment)
    return {
        "case": case,
        "assessment": assessment,
        "snapshot": snapshot,
        "plan": plan,
        "emergency": bool(snapshot.emergency or plan.get("emergency")),
        "patient": {
            "name": case.patient_name,
            "identifier": case.patient_identifier,
            "date_of_birth": case.date_of_birth,
            "age": age_text(case.date_of_birth, snapshot.created_at.date(), assessment.answers),
        },
        "made_at": snapshot.created_at,
        "made_by": person(made_by),
        "assessment_rows": _in_pairs(assessment_rows(assessment.answers, plan)),
        "groups": [g for g in groups if g["items"]],
        "undecided": [r["title"] for r in recommendations if r["decision"] is None],
        "ivig": ivig_course(plan),
        "alerts": sorted(plan["alerts"], key=_severity_rank),
        "monitoring": monitoring_rows(plan, schedule),
        "schedule": schedule,
        "critical_alerts": [a for a in plan["alerts"] if a["severity"] == "critical"],
        "references": [_reference(ref) for ref in plan.get("references", [])],
        "paper": paper,
    }


def person(user) -> str:
    return (user.get_full_name() or user.get_username()) if user else "unknown"


def plan_maker(assessment):
    """Who produced the plan: the clinician who completed the assessment, per the audit trail."""
    event = (
        assessment.case.audit_events.filter(
            action=AuditEvent.Action.PLAN_CREATED, detail__number=assessment.number
        )
        .select_related("actor")
        .order_by("at", "id")
        .first()
    )
    return event.actor if event and event.actor else assessment.created_by


def monitoring_rows(plan: dict, schedule: InfusionSchedule) -> list[dict]:
    """Each monitoring line with its timing and, for the renal checks, its date once known.

    In time order, as a schedule is read on the ward: the lines without hours (before and
    during the infusion) first, then by hours after it; the snapshot's order breaks ties.
    """
    rows = []
    # Checks during a course (rules 2027.1) follow the baseline, day by day.
    for item in sorted(
        plan["monitoring"],
        key=lambda m: (m.get("hours_after_infusion") or 0, m.get("before_day") or 0),
    ):
        hours = item.get("hours_after_infusion")
        dated = item["code"] == RENAL_CHECK_CODE and hours is not None
        due = schedule.renal_check_due(hours) if dated else None
        rows.append({"item": item, "dated": dated, "due": due, "when": _when(item)})
    return rows


def _when(item: dict) -> str:
    """A line's timing as the ward reads it: "24 h", then days ("day 9") after the infusion."""
    if item.get("timing"):
        return item["timing"][:1].upper() + item["timing"][1:]
    hours = item.get("hours_after_infusion")
    if hours is None:
        return ""
    if hours >= 72 and hours % 24 == 0:
        return f"Day {hours // 24} after the infusion"
    return f"{hours} h after the infusion"


def _recommendation(item: dict, decision) -> dict:
    regimen = None
    if item.get("g_per_kg_per_day") is not None:
        regimen = (
            f"{plain_number(item['g_per_kg_per_day'])} g/kg/day × {plural(item['days'], 'day')}"
        )
    return {
        "item": item,
        "regimen": regimen,
        "code": item["code"],
        "role": item["role"],
        "title": recommendation_title(item["code"]),
        "decision": decision,
        "decided_by": person(decision.decided_by) if decision else None,
    }


def _in_pairs(rows: list[tuple[str, str]]) -> list[list[tuple[str, str]]]:
    """Two facts to a line to keep the block compact; the body weights, longest, on their own."""
    *short, last = rows
    return [short[i : i + 2] for i in range(0, len(short), 2)] + [[last]]


def _quote_each_source_once(recommendations: list[dict]) -> None:
    """Lines of one rule share its source sentences; paper quotes each once, then refers back."""
    quoted_by: dict[str, str] = {}
    for rec in recommendations:
        sentences = rec["item"].get("source", [])
        rec["source"] = [s for s in sentences if s not in quoted_by]
        rec["source_as_for"] = list(
            dict.fromkeys(quoted_by[s] for s in sentences if s in quoted_by)
        )
        for sentence in rec["source"]:
            quoted_by[sentence] = rec["title"]


def _reference(ref: dict) -> dict:
    """A numbered reference as a reader expects it (reference_wording)."""
    return {
        "number": ref["number"],
        "citation": reference_citation(ref),
        "supports": ref.get("supports", ""),
    }


def _severity_rank(alert: dict) -> int:
    severity = alert["severity"]
    return SEVERITY_ORDER.index(severity) if severity in SEVERITY_ORDER else len(SEVERITY_ORDER)
