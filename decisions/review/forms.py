"""The day-7 review form: the count, the bleeding, adverse events and the decision. The response
is not a field: the engine computes it from the counts (decisions/engine/response.py)."""

from django import forms
from django.utils import timezone

from decisions.assessment.fields import LABELS
from decisions.assessment.form_wording import count_looks_like_x10_9_per_L, count_not_possible
from decisions.assessment.request import MAX_PLATELETS_PER_UL, MIN_PLAUSIBLE_PER_UL
from decisions.cases.widgets import LocalDateTimeInput, name_the_time_zone
from decisions.engine.grading import platelet_count_per_uL
from decisions.engine.vocabulary import PlateletUnit
from decisions.models import CourseReview


def count_problem(count: float, unit: str) -> str | None:
    """Why a count is refused, in the words of the assessment's platelet step: a count per uL
    under 1,000 is almost surely one in x10^9/L; one over 3,000,000 per uL is not possible
    (the limits of decisions/assessment/request.py)."""
    answers = {"platelet_count": count, "platelet_unit": unit}
    if unit == PlateletUnit.PER_UL and count < MIN_PLAUSIBLE_PER_UL:
        return count_looks_like_x10_9_per_L("platelet_count", answers)
    if platelet_count_per_uL(count, PlateletUnit(unit)) > MAX_PLATELETS_PER_UL:
        return count_not_possible("platelet_count", answers)
    return None


class CourseReviewForm(forms.Form):
    measured_at = forms.DateTimeField(label="Count measured", widget=LocalDateTimeInput())
    platelet_count = forms.FloatField(
        label="Platelet count",
        min_value=0,
        help_text="In the unit chosen below: 30 ×10⁹/L is 30,000 per µL.",
        error_messages={
            "min_value": "A platelet count cannot be negative.",
            "invalid": "Enter the count as a number.",
        },
    )
    platelet_unit = forms.ChoiceField(
        label="Unit",
        choices=list(LABELS["platelet_unit"].items()),
        widget=forms.RadioSelect,
        initial=PlateletUnit.PER_UL,
    )
    bleeding = forms.ChoiceField(
        label="Bleeding", choices=CourseReview.Bleeding.choices, widget=forms.RadioSelect
    )
    adverse_events = forms.TypedChoiceField(
        label="Adverse events since the course started",
        choices=[("no", "None"), ("yes", "Yes")],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
    )
    adverse_events_note = forms.CharField(
        label="Which adverse events", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    decision = forms.ChoiceField(
        label="Decision", choices=CourseReview.Decision.choices, widget=forms.RadioSelect
    )
    other_treatment = forms.CharField(label="Other treatment", required=False, max_length=200)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        name_the_time_zone(self)
        if not self.is_bound:
            self.initial.setdefault(
                "measured_at", timezone.localtime().replace(second=0, microsecond=0)
            )

    def clean(self):
        data = super().clean()
        self._count_per_uL(data)
        if data.get("adverse_events") and not (data.get("adverse_events_note") or "").strip():
            self.add_error("adverse_events_note", "Say which adverse events.")
        if (
            data.get("decision") == CourseReview.Decision.OTHER_TREATMENT
            and not (data.get("other_treatment") or "").strip()
        ):
            self.add_error("other_treatment", "Name the other treatment.")
        measured = data.get("measured_at")
        if measured and measured > timezone.now() + timezone.timedelta(minutes=5):
            self.add_error("measured_at", "Enter a count once it is measured.")
        return data

    def _count_per_uL(self, data: dict) -> None:
        """The count and its unit become `count_per_uL` (the engine's conversion), or the count
        is refused beside the field."""
        count, unit = data.pop("platelet_count", None), data.pop("platelet_unit", None)
        if count is None or unit is None:
            return
        problem = count_problem(count, unit)
        if problem:
            self.add_error("platelet_count", problem)
            return
        data["count_per_uL"] = round(platelet_count_per_uL(count, PlateletUnit(unit)))
