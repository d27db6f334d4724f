from django.urls import include, path

from . import views_api, views_assess, views_cases, views_emergency, views_health, views_plan

urlpatterns = [
    path("api/v1/health", views_health.health, name="api-health"),
    path("api/v1/evaluate", views_api.evaluate_view, name="api-evaluate"),
    path("", views_cases.dashboard, name="dashboard"),
    path("cases/", views_cases.case_list, name="case-list"),
    path("cases/new/", views_cases.case_new, name="case-new"),
    path("cases/<int:pk>/", views_cases.case_detail, name="case-detail"),
    path("cases/<int:pk>/status/", views_cases.case_status, name="case-status"),
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
    path("", include("decisions.urls_print")),
    path("", include("decisions.urls_infusions")),
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
