from django.urls import path

from decisions.ehr import views

urlpatterns = [
    # CDS Hooks 2.0: {baseUrl}/cds-services, /{id} and /{id}/feedback, no trailing slash.
    path("cds-services", views.cds_discovery, name="cds-discovery"),
    path("cds-services/<str:service_id>", views.cds_service, name="cds-service"),
    path("cds-services/<str:service_id>/feedback", views.cds_feedback, name="cds-feedback"),
    path("ehr/start/<str:prefill_reference>/", views.ehr_prefill, name="ehr-prefill"),
]
