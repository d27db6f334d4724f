"""The FHIR export of a plan (decisions/fhir_export/views.py)."""

from django.urls import path

from decisions.fhir_export import views as views_fhir

urlpatterns = [
    path(
        "api/v1/plans/<str:reference>/<int:number>.fhir.json",
        views_fhir.plan_fhir,
        name="api-plan-fhir",
    ),
]
