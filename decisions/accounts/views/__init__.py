"""Accounts: the login page, the lockout page after too many failed logins, the keepalive.

The logout page is Django's own view (ivig_site/urls.py); the second factor and single sign-on
have modules of their own here.
"""

from axes.helpers import get_client_username, get_cool_off
from django.conf import settings
from django.contrib.auth import views as auth_views
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_POST


class _LoginView(auth_views.LoginView):
    # A logged-in user sent here (e.g. by a stale tab) goes on to where they were.
    redirect_authenticated_user = True
    http_method_names = ["get", "post", "options"]

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            **kwargs,
            sso_enabled=settings.SSO_ENABLED,
            local_passwords_for_clinicians=settings.LOCAL_PASSWORDS_FOR_CLINICIANS,
        )


login = _LoginView.as_view()


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
