"""What a list row shows, built once in Python: the template prints strings.

Per case-table row, `{% url %}` and `|date` were about half of the ~520 Python calls the
template spent (benchmarks/README.md, issue 9). Here a page reverses each URL once and
formats each row's link from it, and formats times with strftime in the site's zone.
"""

from datetime import datetime
from functools import cache

from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils import timezone
from django.utils.timesince import timesince

_PK_MARK = 987_654_321  # a number no URL holds otherwise, replaced by each row's


def url_maker(name: str, placeholders: int = 1):
    """A function giving `reverse(name, args=...)` for any args, at the cost of one reverse per
    process (and script prefix): the URL is reversed once with marks, each call formats the
    args into it. (A reverse is ~100 Python calls; the plan page made seven per request.)"""
    return _url_template(name, placeholders, get_script_prefix(), get_urlconf()).format


@cache
def _url_template(name: str, placeholders: int, script_prefix: str, urlconf) -> str:
    marks = [_PK_MARK + i for i in range(placeholders)]
    template = reverse(name, args=marks, urlconf=urlconf).replace("{", "{{").replace("}", "}}")
    for index, mark in enumerate(marks):
        template = template.replace(str(mark), "{%d}" % index)  # noqa: UP031
    return template


def local_time_text(moment: datetime, seconds: bool = False) -> str:
    """`moment` in the site's zone with the zone's name, as the `date:"Y-m-d H:i T"` filter
    writes it (with `:s` when `seconds`)."""
    local = timezone.localtime(moment)
    return local.strftime("%Y-%m-%d %H:%M:%S " if seconds else "%Y-%m-%d %H:%M ") + (
        local.tzname() or ""
    )


def case_rows(cases) -> list[dict]:
    """The case table's rows: each case's link, what the row shows, and its marks
    (emergency, an unfinished assessment, the worst AKI stage of its results)."""
    case_url = url_maker("case-detail")
    status_names = None
    rows = []
    for case in cases:
        if status_names is None:
            status_names = dict(type(case).Status.choices)
        rows.append(
            {
                "url": case_url(case.pk),
                "patient_name": case.patient_name,
                "patient_identifier": case.patient_identifier,
                "reference": case.reference,
                "team": case.team.name,
                "status": status_names.get(case.status, case.status),
                "last_activity": local_time_text(case.updated_at),
                "emergency": case.emergency,
                "has_draft": getattr(case, "has_draft", False),
                "aki_stage": getattr(case, "aki_stage", None),
            }
        )
    return rows


def emergency_rows(cases) -> list[dict]:
    """The dashboard's open emergencies: link, patient, case, team, how long ago."""
    case_url = url_maker("case-detail")
    return [
        {
            "url": case_url(case.pk),
            "patient_name": case.patient_name,
            "reference": case.reference,
            "team": case.team.name,
            "ago": timesince(case.updated_at),
        }
        for case in cases
    ]


def unfinished_rows(assessments) -> list[dict]:
    """The dashboard's unfinished assessments: link to the review, patient, case, who, when."""
    review_url = url_maker("assessment-review", 2)
    return [
        {
            "url": review_url(assessment.case_id, assessment.number),
            "patient_name": assessment.case.patient_name,
            "reference": assessment.case.reference,
            "number": assessment.number,
            "created_by": str(assessment.created_by),
            "ago": timesince(assessment.created_at),
        }
        for assessment in assessments
    ]


def severe_reaction_rows(infusions) -> list[dict]:
    """The dashboard's severe infusion reactions: link to the case, patient, case, what, team,
    how long ago."""
    case_url = url_maker("case-detail")
    return [
        {
            "url": case_url(infusion.case_id),
            "patient_name": infusion.case.patient_name,
            "reference": infusion.case.reference,
            "what": f"{infusion.get_reaction_type_display().lower()} with {infusion.product}",
            "team": str(infusion.case.team),
            "ago": timesince(infusion.started_at),
        }
        for infusion in infusions
    ]


def review_rows(reviews) -> list[dict]:
    """The dashboard's day-7 reviews due or overdue: link, patient, case, assessment, team,
    how long since due, whether its reminder could not be delivered."""
    review_url = url_maker("course-review", 2)
    rows = []
    for review in reviews:
        number = review.plan.assessment.number
        rows.append(
            {
                "url": review_url(review.case_id, number),
                "patient_name": review.case.patient_name,
                "reference": review.case.reference,
                "number": number,
                "team": str(review.case.team),
                "ago": timesince(review.due_at),
                "undeliverable": review.status == "undeliverable",
            }
        )
    return rows
