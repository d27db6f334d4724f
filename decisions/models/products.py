"""The pharmacy's catalogue of immune globulin products, each value cited to its label.

Rates are in mg/kg/min, the unit US prescribing information uses; a label that gives mL/kg/h is
converted at its concentration (10% = 100 mg/mL: 1 mL/kg/h = 100/60 mg/kg/min). A value the
label does not give, or that could not be confirmed, stays empty and the citation note says so.
"""

from django.core.exceptions import ValidationError
from django.db import models


def validate_vial_sizes_g(value) -> None:
    """A list of positive vial contents in grams, e.g. [1, 2.5, 5, 10, 20]; empty when unknown."""
    if not isinstance(value, list):
        raise ValidationError("List the vial sizes in grams, e.g. [2.5, 5, 10, 20].")
    for size in value:
        if isinstance(size, bool) or not isinstance(size, int | float) or size <= 0:
            raise ValidationError(f"{size!r} is not a vial size in grams.")


def validate_rates_mg_kg_min(value) -> None:
    """A rising list of positive rates in mg/kg/min (empty allowed)."""
    if not isinstance(value, list):
        raise ValidationError("List the rates in mg/kg/min, e.g. [2, 4, 8].")
    for rate in value:
        if isinstance(rate, bool) or not isinstance(rate, int | float) or rate <= 0:
            raise ValidationError(f"{rate!r} is not a rate in mg/kg/min.")
    if any(b <= a for a, b in zip(value, value[1:], strict=False)):
        raise ValidationError("Each step's rate is higher than the one before.")


class Product(models.Model):
    """One immune globulin product as its prescribing information describes it."""

    class Concentration(models.IntegerChoices):
        FIVE = 5, "5%"
        TEN = 10, "10%"

    class Stabiliser(models.TextChoices):
        SUCROSE = "sucrose", "Sucrose"
        MALTOSE = "maltose", "Maltose"
        SORBITOL = "sorbitol", "Sorbitol"
        GLYCINE = "glycine", "Glycine"
        PROLINE = "proline", "L-proline"
        GLUCOSE = "glucose", "Glucose"
        OTHER = "other", "Other (see note)"
        NONE = "none", "None"

    name = models.CharField(max_length=100, unique=True)
    maker = models.CharField(max_length=100)
    concentration_percent = models.PositiveSmallIntegerField(choices=Concentration)
    vial_sizes_g = models.JSONField(
        default=list,
        blank=True,
        validators=[validate_vial_sizes_g],
        help_text="e.g. [1, 2.5, 5, 10, 20]",
    )
    iga_content = models.CharField(
        max_length=60, blank=True, help_text="As the label gives it, e.g. '≤ 25 µg/mL'."
    )
    iga_max_ug_mL = models.FloatField(
        null=True, blank=True, help_text="The label's upper bound of IgA, in µg/mL."
    )
    stabiliser = models.CharField(max_length=24, choices=Stabiliser)
    sodium_content = models.CharField(
        max_length=80, blank=True, help_text="As the label gives it, e.g. 'trace amounts'."
    )
    start_rate_mg_kg_min = models.FloatField(null=True, blank=True)
    start_minutes = models.PositiveSmallIntegerField(
        default=30, help_text="Minutes at the starting rate before the first increase."
    )
    rate_steps_mg_kg_min = models.JSONField(
        default=list,
        blank=True,
        validators=[validate_rates_mg_kg_min],
        help_text="The label's later rates, rising; empty: each step doubles.",
    )
    step_minutes = models.PositiveSmallIntegerField(
        default=30, help_text="Minutes between rate increases."
    )
    max_rate_mg_kg_min = models.FloatField(null=True, blank=True)
    at_risk_max_rate_mg_kg_min = models.FloatField(
        null=True,
        blank=True,
        help_text="The label's maximum at risk of renal failure or thrombosis.",
    )
    active = models.BooleanField(
        default=False, help_text="Stocked by this hospital: offered when planning an infusion."
    )
    citation = models.TextField(help_text="Prescribing information: title, version or date.")
    citation_note = models.TextField(
        blank=True, help_text="Values left out because they could not be confirmed, and why."
    )

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(concentration_percent__in=[5, 10]),
                name="product_concentration_5_or_10",
            ),
        ]

    def __str__(self):
        return self.name

    def clean(self):
        """The rates the schedule needs must make sense: 0 < start <= maximum, the at-risk
        maximum above 0 and not above the maximum, step times of at least 1 minute (a start of 0
        would never rise; a maximum of 0 would never give the dose)."""
        super().clean()
        errors = {}
        start, top, at_risk = (
            self.start_rate_mg_kg_min,
            self.max_rate_mg_kg_min,
            self.at_risk_max_rate_mg_kg_min,
        )
        for field, rate in (
            ("start_rate_mg_kg_min", start),
            ("max_rate_mg_kg_min", top),
            ("at_risk_max_rate_mg_kg_min", at_risk),
        ):
            if rate is not None and not rate > 0:
                errors[field] = "Must be above 0 mg/kg/min."
        if start and top and start > 0 and start > top:
            errors.setdefault("start_rate_mg_kg_min", "Must not be above the maximum rate.")
        if at_risk and top and at_risk > 0 and at_risk > top:
            errors.setdefault("at_risk_max_rate_mg_kg_min", "Must not be above the maximum rate.")
        for field in ("start_minutes", "step_minutes"):
            if getattr(self, field) is not None and getattr(self, field) < 1:
                errors[field] = "At least 1 minute."
        if errors:
            raise ValidationError(errors)
