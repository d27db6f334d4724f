"""The day-7 review of an IVIG course: a reminder until the clinician records the outcome.

One row per course (a plan with at least one infusion given). The response is the engine's
(decisions/engine/response.py), computed from the counts entered, never typed.
"""

from django.conf import settings
from django.db import models

from .cases import Assessment, Case, PlanSnapshot
from .reminders import Reminder


class CourseReview(Reminder):
    """Due IVIG_REVIEW_DAYS after the course's first infusion; DONE once its outcome is recorded."""

    class Bleeding(models.TextChoices):
        STOPPED = "stopped", "Bleeding has stopped"
        CONTINUING = "continuing", "Bleeding continues"
        NONE = "none", "No bleeding at the start of the course"

    class Response(models.TextChoices):
        # International Working Group (Rodeghiero et al., Blood 2009;113:2386).
        COMPLETE = "complete", "Complete response"
        RESPONSE = "response", "Response"
        NONE = "none", "No response"

    class Decision(models.TextChoices):
        NO_FURTHER = "no_further", "No further IVIG"
        OTHER_TREATMENT = "other_treatment", "Another treatment"
        REPEAT_DOSE = "repeat_dose", "A repeat dose of IVIG"

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="course_reviews")
    plan = models.OneToOneField(PlanSnapshot, on_delete=models.PROTECT, related_name="review")
    first_infusion_at = models.DateTimeField()
    # The outcome, empty until recorded.
    reviewed_at = models.DateTimeField(null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    measured_at = models.DateTimeField(null=True, blank=True)
    baseline_count_per_uL = models.PositiveIntegerField(null=True, blank=True)
    count_per_uL = models.PositiveIntegerField(null=True, blank=True)
    bleeding = models.CharField(max_length=12, choices=Bleeding, blank=True)
    adverse_events = models.BooleanField(null=True, blank=True)
    adverse_events_note = models.TextField(blank=True)
    response = models.CharField(max_length=10, choices=Response, blank=True)
    days_to_response = models.FloatField(null=True, blank=True)
    decision = models.CharField(max_length=16, choices=Decision, blank=True)
    other_treatment = models.CharField(max_length=200, blank=True)
    # A repeat dose opens the next assessment, prefilled from this course's.
    next_assessment = models.ForeignKey(
        Assessment, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )

    def __str__(self):
        return f"{self.case.reference} day-7 review"

    @property
    def recorded(self) -> bool:
        return self.reviewed_at is not None
