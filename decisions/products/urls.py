"""The infusion planner and the nurse's chart (decisions/products/views.py)."""

from django.urls import path

from decisions.products import views as views_products

urlpatterns = [
    path(
        "cases/<int:pk>/assessments/<int:number>/plan/infusion/",
        views_products.infusion_plan,
        name="infusion-plan",
    ),
    path(
        "cases/<int:pk>/assessments/<int:number>/plan/infusion/chart/",
        views_products.infusion_chart,
        name="infusion-chart",
    ),
    path(
        "cases/<int:pk>/assessments/<int:number>/plan/infusion/chart/pdf/",
        views_products.infusion_chart_pdf,
        name="infusion-chart-pdf",
    ),
]
