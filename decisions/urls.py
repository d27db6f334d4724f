from django.urls import path

from .views_api import evaluate_view
from .views_health import health

urlpatterns = [
    path("api/v1/health", health, name="api-health"),
    path("api/v1/evaluate", evaluate_view, name="api-evaluate"),
]
