"""Infusions given under a plan, the renal checks they schedule, and the results that follow.

The database is the schedule: a renal check is a row with its due time and a delivery state;
Redis only carries the send of the moment (decisions/monitoring/reminders.py).
"""

from django.conf import settings
from django.db import models

from decisions.engine.kdigo import CreatinineUnit

from .cases import Case, PlanSnapshot
from .products import Product
from .reminders import Reminder

CREATININE_UNITS = [(u.value, u.value.replace("umol", "µmol")) for u in CreatinineUnit]


class ReactionType(models.TextChoices):
    NONE = "none", "No reaction"
    HEADACHE = "headache", "Headache"
    FEVER_CHILLS = "fever_chills", "Fever or chills"
    RASH = "rash", "Rash or urticaria"
    HYPOTENSION = "hypotension", "Hypotension"
    DYSPNOEA = "dyspnoea", "Dyspnoea"
    ANAPHYLAXIS = "anaphylaxis", "Anaphylaxis"
    OTHER = "other", "Other"


class ReactionSeverity(models.TextChoices):
    # CTCAE v5.0 (NCI, 2017), general grade definitions: grade 1 mild, grade 2 moderate, grade 3
    # severe or medically significant, 4 life-threatening, 5 death. "Severe" here is grade 3 or
    # more: the reaction shows on the case, the dashboard and the patient's later plans.
    NONE = "none", "None"
    MILD = "mild", "Mild (CTCAE grade 1)"
    MODERATE = "moderate", "Moderate (CTCAE grade 2)"
    SEVERE = "severe", "Severe (CTCAE grade 3 or more)"


class ReactionAction(models.TextChoices):
    NONE = "none", "None"
    SLOWED = "slowed", "Infusion slowed"
    PAUSED = "paused", "Infusion paused"
    STOPPED = "stopped", "Infusion stopped"


class Infusion(models.Model):
    """One day's infusion of a course; a correction edits it, a cancellation keeps it."""

    class Status(models.TextChoices):
        GIVEN = "given", "Given"
        CANCELLED = "cancelled", "Cancelled"

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="infusions")
    plan = models.ForeignKey(PlanSnapshot, on_delete=models.PROTECT, related_name="infusions")
    day = models.PositiveSmallIntegerField(help_text="Day of the course, from 1.")
    started_at = models.DateTimeField()
    ended_at = models.DateTimeField()
    # The name shown; product_ref is the catalogue row it came from (empty for older records).
    product = models.CharField(max_length=100)
    product_ref = models.ForeignKey(
        Product, on_delete=models.PROTECT, related_name="infusions", null=True, blank=True
    )
    lot_number = models.CharField(max_length=40, blank=True)
    max_rate_mg_kg_min = models.DecimalField(
        max_digits=5, decimal_places=2, null=True, blank=True, help_text="The highest rate reached."
    )
    reaction_type = models.CharField(max_length=16, choices=ReactionType, blank=True)
    reaction_severity = models.CharField(max_length=10, choices=ReactionSeverity, blank=True)
    reaction_action = models.CharField(max_length=10, choices=ReactionAction, blank=True)
    dose_g = models.DecimalField(max_digits=6, decimal_places=2)
    # Measured before this infusion, as the laboratory reported it; empty when an earlier day's
    # baseline of the course stands.
    baseline_creatinine = models.DecimalField(max_digits=7, decimal_places=2, null=True, blank=True)
    baseline_creatinine_unit = models.CharField(max_length=8, choices=CREATININE_UNITS, blank=True)
    status = models.CharField(max_length=10, choices=Status, default=Status.GIVEN)
    cancel_reason = models.CharField(max_length=200, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["plan", "day", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "day"],
                condition=models.Q(status="given"),
                name="one_given_infusion_per_course_day",
            ),
            models.CheckConstraint(
                condition=models.Q(ended_at__gte=models.F("started_at")),
                name="infusion_ends_after_it_starts",
            ),
        ]
        indexes = [
            # The severe reactions of a case, read by the case page, dashboard and later plans.
            models.Index(
                fields=["case"],
                condition=models.Q(reaction_severity="severe"),
                name="infusion_severe_reaction",
            ),
        ]

    def __str__(self):
        return f"{self.case.reference} day {self.day}"

    @property
    def severe_reaction(self) -> bool:
        return self.reaction_severity == ReactionSeverity.SEVERE


class RenalCheck(Reminder):
    """Serum creatinine and BUN (and urine output) due some hours after a course's last infusion.

    Delivery as every reminder (decisions/models/reminders.py); the clinician's result makes it
    DONE.
    """

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="renal_checks")
    plan = models.ForeignKey(PlanSnapshot, on_delete=models.PROTECT, related_name="renal_checks")
    # The course's last infusion when the check was scheduled; a later day supersedes it.
    infusion = models.ForeignKey(Infusion, on_delete=models.PROTECT, related_name="renal_checks")
    hours_after_infusion = models.PositiveIntegerField()
    # Rules 2027.1: a check during a multi-day course comes before this day's infusion; empty
    # for the checks after the course.
    before_day = models.PositiveSmallIntegerField(null=True, blank=True)
    urine_output = models.BooleanField(default=False, help_text="Renal risk factors present.")

    def __str__(self):
        if self.before_day:
            return f"{self.case.reference} renal check before day {self.before_day}"
        return f"{self.case.reference} renal check at {self.hours_after_infusion} h"

    @property
    def what(self) -> str:
        return "Serum creatinine and BUN" + (" and urine output" if self.urine_output else "")

    @property
    def when(self) -> str:
        """When the check falls, as the ward says it."""
        if self.before_day:
            return f"before the day {self.before_day} infusion"
        return f"{self.hours_after_infusion} h after day {self.infusion.day}"


class RenalResult(models.Model):
    """A follow-up creatinine (and urine output), staged by KDIGO against the baseline."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="renal_results")
    renal_check = models.OneToOneField(
        RenalCheck, on_delete=models.PROTECT, related_name="result", null=True, blank=True
    )
    measured_at = models.DateTimeField()
    creatinine = models.DecimalField(max_digits=7, decimal_places=2)
    creatinine_unit = models.CharField(max_length=8, choices=CREATININE_UNITS)
    creatinine_mg_dL = models.FloatField()
    bun_mg_dL = models.DecimalField(max_digits=6, decimal_places=1, null=True, blank=True)
    urine_output_mL = models.PositiveIntegerField(null=True, blank=True)
    urine_output_hours = models.DecimalField(max_digits=4, decimal_places=1, null=True, blank=True)
    urine_output_mL_kg_h = models.FloatField(null=True, blank=True)
    aki_stage = models.PositiveSmallIntegerField(default=0)
    aki_reasons = models.JSONField(default=list, blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    entered_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["measured_at", "id"]
        indexes = [models.Index(fields=["case", "measured_at"]), models.Index(fields=["aki_stage"])]

    def __str__(self):
        return f"{self.case.reference} creatinine {self.creatinine} {self.creatinine_unit}"


class PlateletCount(models.Model):
    """A platelet count after a course started, for the response chart."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="platelet_counts")
    plan = models.ForeignKey(PlanSnapshot, on_delete=models.PROTECT, related_name="+")
    measured_at = models.DateTimeField()
    count_per_uL = models.PositiveIntegerField()
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    entered_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["measured_at", "id"]
        indexes = [models.Index(fields=["plan", "measured_at"])]

    def __str__(self):
        return f"{self.case.reference} platelets {self.count_per_uL}/uL"
