"""What a list row shows, built once in Python: the template prints strings.

Per case-table row, `{% url %}` and `|date` were about half of the ~520 Python calls the
template spent (benchmarks/README.md, issue 9). Here a page reverses each URL once and
formats each row's link from it, and formats times with strftime in the site's zone.
"""

from collections.abc import Callable
from datetime import datetime
from functools import cache
from html import escape

from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils import timezone
from django.utils.safestring import SafeData, SafeString, mark_safe
from django.utils.timesince import TIME_STRINGS_KEYS, timesince

from decisions.cases.selectors import CaseListRow
from decisions.models import Assessment, Case
from decisions.models.infusions import ReactionType

_PK_MARK = 987_654_321  # a number no URL holds otherwise, replaced by each row's


def url_maker(name: str, placeholders: int = 1) -> Callable[..., str]:
    """A function giving `reverse(name, args=...)` for any args, at the cost of one reverse per
    process: the URL is reversed once with marks, each call formats the args into it."""
    return _url_format(name, placeholders, get_script_prefix(), get_urlconf())


@cache  # per script prefix and URLconf too, as reverse() depends on them
def _url_format(name: str, placeholders: int, script_prefix: str, urlconf) -> Callable[..., str]:
    marks = [_PK_MARK + i for i in range(placeholders)]
    template = reverse(name, args=marks, urlconf=urlconf).replace("{", "{{").replace("}", "}}")
    for index, mark in enumerate(marks):
        template = template.replace(str(mark), "{%d}" % index)  # noqa: UP031
    return template.format


class _EnglishPlural:
    """A unit's words as timesince's `time_strings` want them (`words % {"num": n}`), in
    English, as the site speaks (settings.LANGUAGE_CODE): its own lazy translations were half
    of its ~110 Python calls per call, 2,200 of the dashboard's 20,000 (cProfile)."""

    def __init__(self, unit: str):
        self.one, self.more = f"%(num)d {unit}", f"%(num)d {unit}s"

    def __mod__(self, values: dict) -> str:
        return (self.one if values["num"] == 1 else self.more) % values


_ENGLISH_UNITS = {unit: _EnglishPlural(unit) for unit in TIME_STRINGS_KEYS}


def ago_text(moment: datetime) -> str:
    """How long ago `moment` was, in the words of the `timesince` filter."""
    return timesince(moment, time_strings=_ENGLISH_UNITS)


def local_time_text(moment: datetime, seconds: bool = False) -> str:
    """`moment` in the site's zone with the zone's name, as the `date:"Y-m-d H:i T"` filter
    writes it (with `:s` when `seconds`)."""
    local = timezone.localtime(moment)
    return local.strftime("%Y-%m-%d %H:%M:%S " if seconds else "%Y-%m-%d %H:%M ") + (
        local.tzname() or ""
    )


def html_format(markup: str, **values) -> SafeString:
    """`markup` ("<td>{name}</td>") filled in with `values`, each escaped unless already HTML
    (SafeString), as the template's {{ }} would: the standard library's html.escape, which is
    Django's escape without its checks for lazy strings (ten calls a value)."""
    return mark_safe(_filled(markup, values))  # noqa: S308 # nosec B308 B703 # escaped in _filled


def html_rows(row_markup: str, rows) -> SafeString:
    """A table's rows as HTML: `row_markup` filled in with each row's values (as html_format).

    Tables of many rows are built here rather than in a template: 25 case-list rows of a dozen
    template nodes each were a third of that page's time over the bare view (benchmarks.pages)."""
    html = "".join(_filled(row_markup, row) for row in rows)
    return mark_safe(html)  # noqa: S308 # nosec B308 B703 # escaped in _filled


def _filled(markup: str, values: dict) -> str:
    return markup.format_map(
        {
            name: value if isinstance(value, SafeData) else escape(str(value))
            for name, value in values.items()
        }
    )


# One row of templates/decisions/includes/case_table.html.
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


def case_table_rows(cases: list[CaseListRow]) -> SafeString:
    """The case table's rows as HTML (empty when there is no case): each case's link, what the
    row shows, and its marks (emergency, an unfinished assessment, the worst AKI stage of its
    results)."""
    case_url = url_maker("case-detail")
    status_names = dict(Case.Status.choices)
    return html_rows(
        _CASE_ROW,
        (
            {
                "url": case_url(case.pk),
                "patient_name": case.patient_name,
                "marks": _case_marks(case),
                "patient_identifier": case.patient_identifier,
                "reference": case.reference,
                "team": case.team_name,
                "status": status_names.get(case.status, case.status),
                "last_activity": local_time_text(case.updated_at),
            }
            for case in cases
        ),
    )


def _case_marks(case: CaseListRow) -> SafeString:
    marks = _EMERGENCY_BADGE if case.emergency else ""
    if case.has_draft:
        marks += _UNFINISHED_BADGE
    if case.aki_stage:
        marks += _AKI_BADGE.format(int(case.aki_stage))
    return mark_safe(marks)  # noqa: S308 # nosec B308 B703 # constant markup, an integer


def assessment_rows(case_id: int, assessments, first_step_slug: str) -> list[dict]:
    """The case page's assessments, newest first: number, status, who, when; a completed
    one's plan (link, rules, marks) and infusions link, a draft's link to continue. Links made
    here from URLs reversed once per process: five `{% url %}` tags were a fifth of the page's
    template calls."""
    plan_url, course_url = url_maker("plan-detail", 2), url_maker("infusion-course", 2)
    step_url = url_maker("assessment-step", 3)
    rows = []
    for assessment in assessments:
        number, complete = assessment.number, assessment.status == Assessment.Status.COMPLETE
        plan = assessment.plan if complete else None
        rows.append(
            {
                "number": number,
                "status": assessment.get_status_display(),
                "created_by": str(assessment.created_by),
                "started": local_time_text(assessment.created_at),
                "plan": plan,
                "plan_url": plan_url(case_id, number) if complete else "",
                "course_url": course_url(case_id, number) if complete else "",
                "continue_url": "" if complete else step_url(case_id, number, first_step_slug),
            }
        )
    return rows


# The case page's "Who has seen this patient" and audit trail (decisions/case_detail.html).
_SEEN_ROW = "<tr><td>{who}</td><td>{when}</td><td>{what}</td></tr>\n"
_AUDIT_ROW = "<tr><td>{when}</td><td>{who}</td><td>{what}</td>\n  <td>{detail}</td></tr>\n"


def seen_rows(seen: list[dict]) -> SafeString:
    """Rows of cases/reads.case_seen_by's latest reads: who, when, what they viewed."""
    shown = ({"who": row["who"], "when": row["when"], "what": row["what"]} for row in seen)
    return html_rows(_SEEN_ROW, shown)


def audit_rows(audit: list[dict]) -> SafeString:
    """Rows of overview/selectors.case_page_for's audit trail: when, who, what, the detail."""
    return html_rows(_AUDIT_ROW, audit)


# The dashboard's lists of emergencies and unfinished assessments (decisions/dashboard.html).
_EMERGENCY_ITEM = (
    '      <li class="list-group-item list-group-item-danger d-flex justify-content-between">\n'
    '        <a href="{url}">{patient_name} · {reference}</a>\n'
    '        <span class="small">{team} · {ago} ago</span>\n      </li>\n'
)
_UNFINISHED_ITEM = (
    '      <li class="list-group-item d-flex justify-content-between">\n'
    '        <a href="{url}">{patient_name} · {reference} · assessment {number}</a>\n'
    '        <span class="small">{created_by} · {ago} ago</span>\n      </li>\n'
)


def emergency_items(rows: list[dict]) -> SafeString:
    """emergency_rows as the dashboard's list items."""
    return html_rows(_EMERGENCY_ITEM, rows)


def unfinished_items(rows: list[dict]) -> SafeString:
    """unfinished_rows as the dashboard's list items."""
    return html_rows(_UNFINISHED_ITEM, rows)


def emergency_rows(cases) -> list[dict]:
    """The dashboard's open emergencies (values() rows): link, patient, case, team, how long ago."""
    case_url = url_maker("case-detail")
    return [
        {
            "url": case_url(case["pk"]),
            "patient_name": case["patient_name"],
            "reference": case["reference"],
            "team": case["team__name"],
            "ago": ago_text(case["updated_at"]),
        }
        for case in cases
    ]


def unfinished_rows(assessments) -> list[dict]:
    """The dashboard's unfinished assessments (values() rows): link to the review, patient, case,
    who, when."""
    review_url = url_maker("assessment-review", 2)
    return [
        {
            "url": review_url(assessment["case_id"], assessment["number"]),
            "patient_name": assessment["case__patient_name"],
            "reference": assessment["case__reference"],
            "number": assessment["number"],
            "created_by": assessment["created_by__username"],
            "ago": ago_text(assessment["created_at"]),
        }
        for assessment in assessments
    ]


def severe_reaction_rows(infusions) -> list[dict]:
    """The dashboard's severe infusion reactions (values() rows): link to the case, patient, case,
    what, team, how long ago."""
    case_url = url_maker("case-detail")
    reaction_names = dict(ReactionType.choices)
    rows = []
    for infusion in infusions:
        reaction = reaction_names.get(infusion["reaction_type"], infusion["reaction_type"])
        rows.append(
            {
                "url": case_url(infusion["case_id"]),
                "patient_name": infusion["case__patient_name"],
                "reference": infusion["case__reference"],
                "what": f"{reaction.lower()} with {infusion['product']}",
                "team": infusion["case__team__name"],
                "ago": ago_text(infusion["started_at"]),
            }
        )
    return rows


def review_rows(reviews) -> list[dict]:
    """The dashboard's day-7 reviews due or overdue (values() rows): link, patient, case,
    assessment, team, how long since due, whether its reminder could not be delivered."""
    review_url = url_maker("course-review", 2)
    return [
        {
            "url": review_url(review["case_id"], review["plan__assessment__number"]),
            "patient_name": review["case__patient_name"],
            "reference": review["case__reference"],
            "number": review["plan__assessment__number"],
            "team": review["case__team__name"],
            "ago": ago_text(review["due_at"]),
            "undeliverable": review["status"] == "undeliverable",
        }
        for review in reviews
    ]
