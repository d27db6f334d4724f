"""Template context every page needs."""

from functools import cache

from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse

# The pages every page links to (the menu, the session's keep-alive and login).
_SITE_URLS = (
    "dashboard",
    "case-list",
    "case-new",
    "two-factor-enrol",
    "logout",
    "login",
    "session-keepalive",
)


def session_timeout(request):
    """For <body data-session-idle-seconds>, read by static/js/session-timeout.js."""
    return {"session_idle_seconds": settings.SESSION_IDLE_MINUTES * 60}


@cache
def _site_urls(script_prefix: str, urlconf) -> dict[str, str]:
    return {name.replace("-", "_"): reverse(name, urlconf=urlconf) for name in _SITE_URLS}


def site_urls(request):
    """`site_urls.case_new` etc.: reversed once per process (and script prefix), not on every
    page; a page's own links stay {% url %}."""
    return {"site_urls": _site_urls(get_script_prefix(), get_urlconf())}
