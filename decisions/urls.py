from django.urls import include, path

from decisions.api import health as views_health
from decisions.api import views as views_api
from decisions.assessment.views import emergency as views_emergency
from decisions.assessment.views import steps as views_assess
from decisions.cases import views as views_plan
from decisions.overview import views as views_overview

urlpatterns = [
    path("api/v1/health", views_health.health, name="api-health"),
    path("api/v1/evaluate", views_api.evaluate_view, name="api-evaluate"),
    path("", views_overview.dashboard, name="dashboard"),
    path("cases/", views_overview.case_list, name="case-list"),
    path("cases/new/", views_overview.case_new, name="case-new"),
    path("cases/<int:pk>/", views_overview.case_detail, name="case-detail"),
    path("cases/<int:pk>/status/", views_overview.case_status, name="case-status"),
    path("cases/<int:pk>/assess/", views_assess.assessment_new, name="assessment-new"),
    path(
        "cases/<int:pk>/assessments/<int:number>/preview/",
        views_assess.assessment_preview,
        name="assessment-preview",
    ),
    path(
        "cases/<int:pk>/assessments/<int:number>/review/",
        views_assess.assessment_review,
        name="assessment-review",
    ),
    path(
        "cases/<int:pk>/assessments/<int:number>/plan/",
        views_plan.plan_detail,
        name="plan-detail",
    ),
    path(
        "cases/<int:pk>/assessments/<int:number>/plan/complete/",
        views_emergency.plan_complete,
        name="plan-complete",
    ),
    path("", include("decisions.printing.urls")),
    path("", include("decisions.monitoring.urls")),
    path("", include("decisions.products.urls")),
    path("", include("decisions.review.urls")),
    path("", include("decisions.stewardship.urls")),
    # Last: any other word is a step name.
    path(
        "cases/<int:pk>/assessments/<int:number>/<slug:step>/",
        views_assess.assessment_step,
        name="assessment-step",
    ),
    path(
        "cases/<int:pk>/assessments/<int:number>/plan/decisions/<slug:code>/",
        views_plan.decision_record,
        name="recommendation-decide",
    ),
]
