"""Forms for infusions, renal results and platelet counts."""

from django import forms
from django.db.models import Q
from django.utils import timezone

from decisions.cases.widgets import LocalDateTimeInput, name_the_time_zone
from decisions.models import Product
from decisions.models.infusions import (
    CREATININE_UNITS,
    ReactionAction,
    ReactionSeverity,
    ReactionType,
)


def _now_minute():
    return timezone.localtime().replace(second=0, microsecond=0)


def _with_blank(choices) -> list[tuple[str, str]]:
    return [("", "Not recorded"), *choices]


class InfusionForm(forms.Form):
    field_order = [
        "started_at", "ended_at", "product_ref", "product", "lot_number", "dose_g",
        "baseline_creatinine", "baseline_creatinine_unit", "max_rate_mg_kg_min",
        "reaction_type", "reaction_severity", "reaction_action",
    ]  # fmt: skip
    started_at = forms.DateTimeField(label="Started", widget=LocalDateTimeInput())
    ended_at = forms.DateTimeField(label="Ended", widget=LocalDateTimeInput())
    product_ref = forms.ModelChoiceField(
        label="Product (pharmacy catalogue)",
        queryset=Product.objects.filter(active=True),
        required=False,
        empty_label="Choose the product given",
    )
    product = forms.CharField(
        label="Or a product not in the catalogue",
        max_length=100,
        required=False,
        help_text="Only when the product given is not in the list above.",
    )
    lot_number = forms.CharField(
        label="Lot number", max_length=40, required=False, help_text="From the vial's label."
    )
    max_rate_mg_kg_min = forms.DecimalField(
        label="Highest rate reached (mg/kg/min)",
        required=False,
        min_value=0.01,
        max_value=20,
        max_digits=5,
        decimal_places=2,
    )
    reaction_type = forms.ChoiceField(
        label="Reaction", choices=_with_blank(ReactionType.choices), required=False
    )
    reaction_severity = forms.ChoiceField(
        label="Reaction severity",
        choices=_with_blank(ReactionSeverity.choices),
        required=False,
        help_text="CTCAE v5.0 grades; severe (grade 3 or more) warns on this patient's plans.",
    )
    reaction_action = forms.ChoiceField(
        label="Infusion slowed or stopped",
        choices=_with_blank(ReactionAction.choices),
        required=False,
    )
    dose_g = forms.DecimalField(
        label="Dose given (g)", min_value=0.01, max_digits=6, decimal_places=2
    )
    baseline_creatinine = forms.DecimalField(
        label="Baseline creatinine (before this infusion)",
        required=False,
        min_value=0.01,
        max_digits=7,
        decimal_places=2,
    )
    baseline_creatinine_unit = forms.ChoiceField(
        label="Unit", choices=CREATININE_UNITS, initial="mg/dL"
    )

    def __init__(self, *args, needs_baseline: bool = False, kept_product_id=None, **kwargs):
        super().__init__(*args, **kwargs)
        name_the_time_zone(self)
        if kept_product_id is not None:
            # A correction keeps the product recorded, even if the pharmacy has since
            # switched it off; new infusions are offered active products only.
            self.fields["product_ref"].queryset = Product.objects.filter(
                Q(active=True) | Q(pk=kept_product_id)
            )
        self.needs_baseline = needs_baseline
        if needs_baseline:
            self.fields["baseline_creatinine"].required = True
            self.fields["baseline_creatinine"].help_text = (
                "The course has no baseline yet: serum creatinine measured before the first "
                "infusion (KDIGO compares each follow-up result with it)."
            )
        else:
            self.fields["baseline_creatinine"].help_text = "Only if measured again before it."

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("started_at"), cleaned.get("ended_at")
        if start and end and end < start:
            self.add_error("ended_at", "The infusion ends after it starts.")
        chosen = cleaned.get("product_ref")
        if chosen is not None:
            cleaned["product"] = chosen.name
        elif not cleaned.get("product"):
            self.add_error("product_ref", "Choose the product given, or name it below.")
        self._check_reaction(cleaned)
        return cleaned

    def _check_reaction(self, cleaned) -> None:
        """A reaction has a severity; no reaction has neither a severity nor an action."""
        kind = cleaned.get("reaction_type")
        severity = cleaned.get("reaction_severity")
        action = cleaned.get("reaction_action")
        reacted = kind and kind != ReactionType.NONE
        if reacted and severity in ("", ReactionSeverity.NONE):
            self.add_error("reaction_severity", "Give the reaction's severity.")
        if not reacted and severity not in ("", ReactionSeverity.NONE):
            self.add_error("reaction_type", "Say what the reaction was.")
        if not reacted and action not in ("", ReactionAction.NONE):
            self.add_error("reaction_type", "Say what reaction slowed or stopped the infusion.")


class InfusionCancelForm(forms.Form):
    reason = forms.CharField(label="Why cancel it", max_length=200)


class RenalResultForm(forms.Form):
    measured_at = forms.DateTimeField(
        label="Measured", widget=LocalDateTimeInput(), initial=_now_minute
    )
    creatinine = forms.DecimalField(
        label="Serum creatinine", min_value=0.01, max_digits=7, decimal_places=2
    )
    creatinine_unit = forms.ChoiceField(label="Unit", choices=CREATININE_UNITS, initial="mg/dL")
    bun_mg_dL = forms.DecimalField(
        label="BUN (mg/dL)", required=False, min_value=0, max_digits=6, decimal_places=1
    )
    urine_output_mL = forms.IntegerField(label="Urine output (mL)", required=False, min_value=0)
    urine_output_hours = forms.DecimalField(
        label="over (hours)", required=False, min_value=1, max_value=48, decimal_places=1
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        name_the_time_zone(self)

    def clean(self):
        cleaned = super().clean()
        volume, hours = cleaned.get("urine_output_mL"), cleaned.get("urine_output_hours")
        if (volume is None) != (hours is None):
            self.add_error("urine_output_hours", "Give the urine volume and the hours it covers.")
        return cleaned


class PlateletCountForm(forms.Form):
    measured_at = forms.DateTimeField(
        label="Measured", widget=LocalDateTimeInput(), initial=_now_minute
    )
    count_per_uL = forms.IntegerField(label="Platelets per µL", min_value=0, max_value=5_000_000)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        name_the_time_zone(self)
