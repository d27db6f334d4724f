from django.http import JsonResponse
from django.urls import include, path


def bare_json(request):
    """The cheapest JSON answer Django can give through the same middleware: the baseline."""
    return JsonResponse({"status": "ok"})


urlpatterns = [
    path("bench/bare", bare_json),
    path("", include("ivig_site.urls")),
]
