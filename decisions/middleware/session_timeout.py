"""End a session after SESSION_IDLE_MINUTES without a request or SESSION_MAX_HOURS after login.

A ward workstation left logged in is anyone's access to patient records. The times live in the
session itself; static/js/session-timeout.js warns the clinician before the idle limit.
"""

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest
from django_htmx.http import HttpResponseClientRedirect

LOGGED_IN_AT = "session_logged_in_at"
LAST_ACTIVITY_AT = "session_last_activity_at"
# Activity is saved at most this often: otherwise every htmx request of a burst writes the
# session, and concurrent writes contend (SQLite's in-memory test database refuses them). The
# session can so end up to this much before the browser's timer says, never after it.
ACTIVITY_SAVE_INTERVAL_S = 10


def session_clock_start(sender, request, user, **kwargs):
    """On login (signal user_logged_in): both clocks start now."""
    if request is not None and hasattr(request, "session"):
        now = time.time()
        request.session[LOGGED_IN_AT] = now
        request.session[LAST_ACTIVITY_AT] = now


def session_end_reason(session, now: float) -> str | None:
    """Why the session is over at `now`, in words for the clinician; None while it is not."""
    idle_limit_s = settings.SESSION_IDLE_MINUTES * 60
    if now - session.get(LAST_ACTIVITY_AT, now) >= idle_limit_s:
        return (
            f"Your session ended after {settings.SESSION_IDLE_MINUTES} minutes without "
            "activity. Please log in again."
        )
    if now - session.get(LOGGED_IN_AT, now) >= settings.SESSION_MAX_HOURS * 3600:
        return (
            f"Your session ended {settings.SESSION_MAX_HOURS} hours after you logged in. "
            "Please log in again."
        )
    return None


def _login_redirect(request: HttpRequest):
    """To the login page, coming back here after; htmx gets HX-Redirect so that the login page
    replaces the whole page instead of being swapped into a fragment of it."""
    if request.htmx:
        response = redirect_to_login(request.htmx.current_url_abs_path or "/")
        return HttpResponseClientRedirect(response.url)
    # After login the browser comes back with GET, which only makes sense for a GET.
    return redirect_to_login(request.get_full_path() if request.method == "GET" else "/")


class SessionTimeoutMiddleware:
    """Log out an expired session, say why, and send the browser to the login page.

    Every request of a logged-in user, htmx ones included, counts as activity. Views marked
    @login_not_required (login, health, API) still run, for the now anonymous visitor.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        login_required = getattr(view_func, "login_required", True)
        if not request.user.is_authenticated:
            # E.g. logged out in another tab: LoginRequiredMiddleware's plain redirect would
            # put the login page inside the fragment htmx asked for.
            if request.htmx and login_required:
                return _login_redirect(request)
            return None
        now = time.time()
        reason = session_end_reason(request.session, now)
        if reason is None:
            if now - request.session.get(LAST_ACTIVITY_AT, 0) >= ACTIVITY_SAVE_INTERVAL_S:
                request.session[LAST_ACTIVITY_AT] = now
            request.session.setdefault(LOGGED_IN_AT, now)  # a session from before this code
            return None
        logout(request)
        messages.info(request, reason)
        return _login_redirect(request) if login_required else None
