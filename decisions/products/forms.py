"""The infusion planner's form: the product (active ones only), the prescriber's maximum rate for
this patient, and the planned start."""

from decimal import Decimal

from django import forms

from decisions.cases.widgets import LocalDateTimeInput, name_the_time_zone
from decisions.models import Product


class InfusionPlanForm(forms.Form):
    product = forms.ModelChoiceField(
        label="Product",
        queryset=Product.objects.filter(active=True),
        empty_label="Choose a product the pharmacy stocks",
    )
    cap_mg_kg_min = forms.DecimalField(
        label="Maximum rate for this patient (mg/kg/min)",
        required=False,
        min_value=Decimal("0.1"),  # a float 0.1 would refuse "0.1" itself
        max_value=20,
        max_digits=4,
        decimal_places=2,
        help_text="Required for a patient at risk when the label gives no lower maximum; "
        "lowers any product's maximum.",
    )
    start = forms.DateTimeField(label="Planned start", required=False, widget=LocalDateTimeInput())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        name_the_time_zone(self)
