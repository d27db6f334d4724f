from django.contrib.auth.decorators import login_not_required
from django.http import JsonResponse
from django.urls import include, path


@login_not_required  # reachable under a login-required middleware, like the API
def bare_json(request):
    """The cheapest JSON answer Django can give through the same middleware: the baseline."""
    return JsonResponse({"status": "ok"})


urlpatterns = [
    path("bench/bare", bare_json),
    path("", include("ivig_site.urls")),
]
