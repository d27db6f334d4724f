"""URLs of the stewardship page and export (included from decisions/urls.py)."""

from django.urls import path

from decisions.stewardship import views as views_stewardship

urlpatterns = [
    path("stewardship/", views_stewardship.stewardship, name="stewardship"),
    path(
        "stewardship/export.<slug:file_format>",
        views_stewardship.stewardship_download,
        name="stewardship-export",
    ),
]
