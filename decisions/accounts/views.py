"""Accounts: the lockout page after too many failed logins, and the session keepalive.

The login and logout pages themselves are Django's own views (ivig_site/urls.py).
"""

from axes.helpers import get_client_username, get_cool_off
from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_POST


def lockout(request: HttpRequest, original_response=None, credentials=None) -> HttpResponse:
    """django-axes' answer to a locked-out login (AXES_LOCKOUT_CALLABLE): 429 and when to retry."""
    cool_off = get_cool_off(request)
    # The failure that led here has just been recorded, so the wait runs from now.
    retry_at = (getattr(request, "axes_attempt_time", None) or timezone.now()) + cool_off
    response = render(
        request,
        "registration/locked_out.html",
        {
            "username": get_client_username(request, credentials) or "",
            "failure_limit": settings.AXES_FAILURE_LIMIT,
            "cool_off_minutes": round(cool_off.total_seconds() / 60),
            "retry_at": retry_at,
        },
        status=429,
    )
    response["Retry-After"] = str(round(cool_off.total_seconds()))
    return response


@require_POST
def session_keepalive(request: HttpRequest) -> HttpResponse:
    """For "Stay signed in": the request itself is the activity (SessionTimeoutMiddleware)."""
    return HttpResponse(status=204)
