"""URLs of infusions, renal checks and follow-up results (included from decisions/urls.py)."""

from django.urls import path

from decisions.monitoring import views as views_infusions

COURSE = "cases/<int:pk>/assessments/<int:number>/infusions/"

urlpatterns = [
    path(COURSE, views_infusions.course, name="infusion-course"),
    path(COURSE + "record/", views_infusions.infusion_new, name="infusion-record"),
    path(
        COURSE + "<int:infusion_pk>/correct/",
        views_infusions.infusion_edit,
        name="infusion-correct",
    ),
    path(
        COURSE + "<int:infusion_pk>/cancel/",
        views_infusions.infusion_remove,
        name="infusion-cancel",
    ),
    path(COURSE + "platelets/", views_infusions.platelet_new, name="platelet-record"),
    # The link in a reminder email: behind the login, 404 for other teams.
    path("cases/<int:pk>/checks/<int:check_pk>/", views_infusions.renal_check, name="renal-check"),
]
