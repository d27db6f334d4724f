"""URL of the day-7 review (included from decisions/urls.py before the step catch-all)."""

from django.urls import path

from decisions.review import views as views_review

urlpatterns = [
    # The link in the review reminder email: behind the login, 404 for other teams.
    path(
        "cases/<int:pk>/assessments/<int:number>/course-review/",
        views_review.course_review,
        name="course-review",
    ),
]
