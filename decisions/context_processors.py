"""Template context every page needs."""

from django.conf import settings


def session_timeout(request):
    """For <body data-session-idle-seconds>, read by static/js/session-timeout.js."""
    return {"session_idle_seconds": settings.SESSION_IDLE_MINUTES * 60}
