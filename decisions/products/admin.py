"""The catalogue in the admin: the pharmacy keeps it (adds, corrects, switches products on)."""

from django.contrib import admin

from decisions.models import Product


@admin.register(Product)
class ProductAdmin(admin.ModelAdmin):
    list_display = [
        "name",
        "maker",
        "concentration_percent",
        "stabiliser",
        "start_rate_mg_kg_min",
        "max_rate_mg_kg_min",
        "at_risk_max_rate_mg_kg_min",
        "active",
    ]
    list_filter = ["active", "concentration_percent", "stabiliser"]
    search_fields = ["name", "maker"]
    fieldsets = [
        (None, {"fields": ["name", "maker", "concentration_percent", "vial_sizes_g", "active"]}),
        (
            "Composition",
            {"fields": ["iga_content", "iga_max_ug_mL", "stabiliser", "sodium_content"]},
        ),
        (
            "Labelled rates (mg/kg/min)",
            {
                "fields": [
                    "start_rate_mg_kg_min",
                    "start_minutes",
                    "rate_steps_mg_kg_min",
                    "step_minutes",
                    "max_rate_mg_kg_min",
                    "at_risk_max_rate_mg_kg_min",
                ]
            },
        ),
        ("Source", {"fields": ["citation", "citation_note"]}),
    ]

    # (No list_editable: Django renders its checkboxes without labels, which axe refuses.)

    # A product infusions name stays: make it inactive instead.
    def has_delete_permission(self, request, obj=None):
        return obj is None or not obj.infusions.exists()
