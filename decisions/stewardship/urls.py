"""URLs of the stewardship page and export (included from decisions/urls.py)."""

from django.urls import path

from decisions.stewardship import views as views_stewardship

urlpatterns = [
    path("stewardship/", views_stewardship.stewardship, name="stewardship"),
    path(
        "stewardship/export.csv",
        views_stewardship.stewardship_download,
        {"file_format": "csv"},
        name="stewardship-export-csv",
    ),
    path(
        "stewardship/export.xlsx",
        views_stewardship.stewardship_download,
        {"file_format": "xlsx"},
        name="stewardship-export-xlsx",
    ),
]
