"""The plan on paper: print view and PDF (decisions/printing/views.py)."""

from django.urls import path

from decisions.printing import views as views_print

urlpatterns = [
    path(
        "cases/<int:pk>/assessments/<int:number>/plan/print/",
        views_print.plan_print,
        name="plan-print",
    ),
    path(
        "cases/<int:pk>/assessments/<int:number>/plan/pdf/",
        views_print.plan_pdf_download,
        name="plan-pdf",
    ),
]
