"""The stewardship data set, one row per course, for a national database or an audit.

Pseudonymous: the case reference (random, names no patient; only the site links it back to the
patient), never the name, hospital number or birth date. Free text is left out (an adverse
event note may name someone); the export says only whether there was one. One query, streamed
in chunks, whatever the number of courses.
"""

from datetime import datetime

import tablib
from django.db.models import Case, Count, IntegerField, Max, OuterRef, Q, Subquery, Sum, Value, When
from django.utils import timezone

from decisions.models import RenalResult
from decisions.models.infusions import ReactionSeverity
from decisions.stewardship.selectors import answer_of, courses, overdue_after

HEADERS = (
    "course",
    "case_reference",
    "assessment_number",
    "team",
    "indication",
    "age_group",
    "first_infusion_date",
    "infusion_days",
    "dose_g",
    "review_due_date",
    "review_status",
    "reviewed_date",
    "baseline_platelets_per_uL",
    "review_platelets_per_uL",
    "response_iwg",
    "days_to_response",
    "bleeding",
    "adverse_events",
    "decision",
    "max_aki_stage",
    "worst_reaction",
)
SEVERITY_RANK = {
    ReactionSeverity.NONE: 0,
    ReactionSeverity.MILD: 1,
    ReactionSeverity.MODERATE: 2,
    ReactionSeverity.SEVERE: 3,
}
SEVERITY_NAME = {rank: str(severity) for severity, rank in SEVERITY_RANK.items()}
FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def _rows_query():
    given = Q(plan__infusions__status="given")
    worst = Case(
        *[
            When(plan__infusions__reaction_severity=s, then=Value(r))
            for s, r in SEVERITY_RANK.items()
        ],
        default=Value(None),
        output_field=IntegerField(),
    )
    max_aki = (
        RenalResult.objects.filter(renal_check__plan_id=OuterRef("plan_id"))
        .values("renal_check__plan_id")
        .annotate(stage=Max("aki_stage"))
        .values("stage")
    )
    return (
        courses()
        .values(
            "pk",
            "case__reference",
            "plan__assessment__number",
            "case__team__name",
            "due_at",
            "status",
            "reviewed_at",
            "first_infusion_at",
            "baseline_count_per_uL",
            "count_per_uL",
            "response",
            "days_to_response",
            "bleeding",
            "adverse_events",
            "decision",
        )  # fmt: skip
        .annotate(
            indication=answer_of("condition"),
            age_group=answer_of("age_group"),
            dose_g=Sum("plan__infusions__dose_g", filter=given),
            infusion_days=Count("plan__infusions", filter=given),
            worst_reaction=Max(worst, filter=given),
            max_aki_stage=Subquery(max_aki, output_field=IntegerField()),
        )
        .order_by("first_infusion_at", "pk")
    )


def _review_status(row: dict, now: datetime) -> str:
    if row["reviewed_at"] is not None:
        return "recorded"
    if row["due_at"] > now:
        return "not yet due"
    return "overdue" if row["due_at"] <= now - overdue_after() else "due"


# A spreadsheet runs a cell that starts with one of these as a formula (CSV injection, OWASP).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _text(value: str) -> str:
    """Text a spreadsheet shows as text: a leading formula character is quoted away."""
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def _date(moment, zone) -> str:
    """The day in the site's zone (`zone` looked up once: per cell it was a third of the time)."""
    return moment.astimezone(zone).date().isoformat() if moment else ""


def export_row(row: dict, now: datetime, zone=None) -> tuple:
    zone = zone or timezone.get_current_timezone()
    reference, number = row["case__reference"], row["plan__assessment__number"]
    adverse = row["adverse_events"]
    return (
        f"{reference}-{number}",
        reference,
        number,
        _text(row["case__team__name"]),
        row["indication"] or "",
        row["age_group"] or "",
        _date(row["first_infusion_at"], zone),
        row["infusion_days"],
        float(row["dose_g"] or 0),
        _date(row["due_at"], zone),
        _review_status(row, now),
        _date(row["reviewed_at"], zone),
        row["baseline_count_per_uL"] if row["baseline_count_per_uL"] is not None else "",
        row["count_per_uL"] if row["count_per_uL"] is not None else "",
        row["response"] or "",
        row["days_to_response"] if row["days_to_response"] is not None else "",
        row["bleeding"] or "",
        "" if adverse is None else ("yes" if adverse else "no"),
        row["decision"] or "",
        row["max_aki_stage"] if row["max_aki_stage"] is not None else "",
        SEVERITY_NAME.get(row["worst_reaction"], "") if row["worst_reaction"] is not None else "",
    )


def export_dataset(*, now: datetime | None = None) -> tablib.Dataset:
    """The data set as a tablib Dataset (CSV and XLSX from the same rows)."""
    now = now or timezone.now()
    dataset = tablib.Dataset(headers=list(HEADERS), title="IVIG courses")
    zone = timezone.get_current_timezone()
    for row in _rows_query().iterator(chunk_size=2000):
        dataset.append(export_row(row, now, zone))
    return dataset
