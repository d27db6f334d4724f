"""The day-7 review form: the count, the bleeding, adverse events and the decision. The response
is not a field: the engine computes it from the counts (decisions/engine/response.py)."""

from django import forms
from django.utils import timezone

from decisions.models import CourseReview


class _LocalDateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%dT%H:%M", **kwargs)


class CourseReviewForm(forms.Form):
    measured_at = forms.DateTimeField(label="Count measured", widget=_LocalDateTimeInput())
    count_per_uL = forms.IntegerField(
        label="Platelet count (per uL)",
        min_value=0,
        max_value=2_000_000,
        help_text="Per uL: 30 x10^9/L is 30,000 per uL.",
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
        zone = timezone.get_current_timezone_name()
        self.fields["measured_at"].help_text = f"Local time ({zone})."
        if not self.is_bound:
            self.initial.setdefault(
                "measured_at", timezone.localtime().replace(second=0, microsecond=0)
            )

    def clean(self):
        data = super().clean()
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
