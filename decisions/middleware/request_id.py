"""Give each request an id, log one line for it, and return the id in X-Request-ID.

A proxy or the EHR calling the API may send its own X-Request-ID, so one id follows a request
through every system; a malformed one is replaced rather than copied into the logs.
"""

import logging
import re
import time
import uuid

from django.utils.functional import empty

from decisions.api.health import HEALTH_PATH
from ivig_site.log_format import request_id_var

HEADER = "X-Request-ID"
# Short and plain: a UUID fits, a log injection (newlines, quotes, megabytes) does not.
SANE_REQUEST_ID = re.compile(r"[A-Za-z0-9._:-]{1,64}")
# A load balancer asks every few seconds; its lines would drown the others at INFO.
QUIET_PATHS = frozenset({HEALTH_PATH})

logger = logging.getLogger("decisions.request")


def request_id_for(incoming: str | None) -> str:
    """The caller's id if it looks sane, else a new one."""
    if incoming and SANE_REQUEST_ID.fullmatch(incoming):
        return incoming
    return uuid.uuid4().hex


class RequestIdMiddleware:
    """First in MIDDLEWARE, so that every log line of the request carries its id."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request_id = request_id_for(request.headers.get(HEADER))
        token = request_id_var.set(request_id)
        started = time.perf_counter()
        try:
            response = self.get_response(request)
            response[HEADER] = request_id
            _log_request(request, response.status_code, time.perf_counter() - started)
            return response
        finally:
            request_id_var.reset(token)


def _log_request(request, status: int, duration_s: float) -> None:
    quiet = request.path in QUIET_PATHS and status < 500
    # The path only: the query string of a case search holds patient names.
    logger.log(
        logging.DEBUG if quiet else logging.INFO,
        "%s %s %d",
        request.method,
        request.path,
        status,
        extra={
            "method": request.method,
            "path": request.path,
            "status": status,
            "duration_ms": round(duration_s * 1000, 1),
            "user_id": _user_id(request),
        },
    )


def _user_id(request) -> int | None:
    """The logged-in user's id, if the request has already looked them up (never a query of
    its own just to log it); None for anonymous requests."""
    user = getattr(request, "user", None)
    wrapped = getattr(user, "_wrapped", None)
    if user is None or wrapped is empty:
        return None
    return user.pk if user.is_authenticated else None
