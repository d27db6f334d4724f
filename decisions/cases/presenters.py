"""What a list row shows, built once in Python: the template prints strings.

Per case-table row, `{% url %}` and `|date` were about half of the ~520 Python calls the
template spent (benchmarks/README.md, issue 9). Here a page reverses each URL once and
formats each row's link from it, and formats times with strftime in the site's zone.
"""

from datetime import datetime
from html import escape

from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django.utils.timesince import timesince

from decisions.models import Case

_PK_MARK = 987_654_321  # a number no URL holds otherwise, replaced by each row's


def url_maker(name: str, placeholders: int = 1):
    """A function giving `reverse(name, args=...)` for any args, at the cost of one reverse:
    the URL is reversed once with marks, each call formats the args into it."""
    marks = [_PK_MARK + i for i in range(placeholders)]
    template = reverse(name, args=marks).replace("{", "{{").replace("}", "}}")
    for index, mark in enumerate(marks):
        template = template.replace(str(mark), "{%d}" % index)  # noqa: UP031
    return template.format


def local_time_text(moment: datetime, seconds: bool = False) -> str:
    """`moment` in the site's zone with the zone's name, as the `date:"Y-m-d H:i T"` filter
    writes it (with `:s` when `seconds`)."""
    local = timezone.localtime(moment)
    return local.strftime("%Y-%m-%d %H:%M:%S " if seconds else "%Y-%m-%d %H:%M ") + (
        local.tzname() or ""
    )


# One row of templates/decisions/includes/case_table.html. Written here, not as a template: 25
# rows of a dozen template nodes each were a third of the case list's time over the bare view
# (benchmarks.pages). Values are escaped with the standard library's html.escape, as Django's
# escape does, without format_html's checks for lazy strings (ten calls a value).
_CASE_ROW = (
    '<tr>\n    <td><a href="{url}">{patient_name}</a>{marks}</td>\n'
    "    <td>{patient_identifier}</td>\n    <td>{reference}</td>\n    <td>{team}</td>\n"
    "    <td>{status}</td>\n    <td>{last_activity}</td>\n  </tr>\n"
)
_EMERGENCY_BADGE = '\n      <span class="badge text-bg-danger ms-1">Emergency</span>'
_UNFINISHED_BADGE = '\n      <span class="badge text-bg-warning ms-1">Unfinished</span>'
_AKI_BADGE = (
    '\n      <span class="badge text-bg-danger ms-1" data-testid="aki-badge">AKI stage {}</span>'
)


def case_table_rows(cases) -> SafeString:
    """The case table's rows as HTML (empty when there is no case): each case's link, what the
    row shows, and its marks (emergency, an unfinished assessment, the worst AKI stage of its
    results). Every value is escaped."""
    case_url = url_maker("case-detail")
    status_names = dict(Case.Status.choices)
    rows = []
    for case in cases:
        marks = _EMERGENCY_BADGE if case.emergency else ""
        if getattr(case, "has_draft", False):
            marks += _UNFINISHED_BADGE
        aki_stage = getattr(case, "aki_stage", None)
        if aki_stage:
            marks += _AKI_BADGE.format(int(aki_stage))
        rows.append(
            _CASE_ROW.format(
                url=escape(case_url(case.pk)),
                patient_name=escape(case.patient_name),
                marks=marks,
                patient_identifier=escape(case.patient_identifier),
                reference=escape(case.reference),
                team=escape(case.team.name),
                status=escape(status_names.get(case.status, case.status)),
                last_activity=escape(local_time_text(case.updated_at)),
            )
        )
    return mark_safe("".join(rows))  # noqa: S308 # nosec B308 B703 # every value escaped above


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
