"""What a list row shows, built once in Python: the template prints strings.

Per case-table row, `{% url %}` and `|date` were about half of the ~520 Python calls the
template spent (benchmarks/README.md, issue 9). Here a page reverses each URL once and
formats each row's link from it, and formats times with strftime in the site's zone.
"""

from datetime import datetime

from django.urls import reverse
from django.utils import timezone
from django.utils.timesince import TIME_STRINGS_KEYS, timesince

from decisions.models.infusions import ReactionType

_PK_MARK = 987_654_321  # a number no URL holds otherwise, replaced by each row's


def url_maker(name: str, placeholders: int = 1):
    """A function giving `reverse(name, args=...)` for any args, at the cost of one reverse:
    the URL is reversed once with marks, each call formats the args into it."""
    marks = [_PK_MARK + i for i in range(placeholders)]
    template = reverse(name, args=marks).replace("{", "{{").replace("}", "}}")
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
