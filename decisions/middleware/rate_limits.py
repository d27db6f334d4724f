"""Rate limits, counted in a cache every process shares (Redis in production: RATE_LIMIT_CACHE):

- the API, per token and per address: a stolen token, or a guesser trying many, is slowed;
- failed sign-ins per address, whatever the usernames: django-axes locks a (username, address)
  pair, which a guesser trying one password on many usernames never trips.

Over a limit the answer is 429 with Retry-After. Fixed windows: simple, and at most twice the
limit in a window's worth of time, which is enough to stop guessing at machine speed.
"""

import hashlib
import logging
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import caches
from django.http import HttpRequest, HttpResponse, JsonResponse

from decisions.client_address import client_address

logger = logging.getLogger(__name__)
BEARER = "Bearer "
API_VIEWS = {"api-evaluate", "api-plan-fhir"}
LOGIN_VIEWS = {"login", "admin:login"}


@dataclass(frozen=True)
class Limit:
    name: str
    count: int
    seconds: int

    @classmethod
    def from_settings(cls, name: str) -> "Limit":
        count, seconds = settings.RATE_LIMITS[name]
        return cls(name, count, seconds)


def _key(limit: Limit, who: str, now: float) -> str:
    return f"rate:{limit.name}:{who}:{int(now // limit.seconds)}"


def _retry_after(limit: Limit, now: float) -> int:
    return max(1, limit.seconds - int(now) % limit.seconds)


def limit_hit(limit: Limit, who: str) -> int | None:
    """Count one request of `who`; the seconds to wait if that is over the limit, else None."""
    now = time.time()
    key = _key(limit, who, now)
    try:
        cache = caches[settings.RATE_LIMIT_CACHE]
        cache.add(key, 0, timeout=limit.seconds + 1)
        count = cache.incr(key)
    except Exception as exc:  # noqa: BLE001 # the cache down must not take the site down
        logger.warning("Rate limit %s not counted: %s", limit.name, exc)
        return None
    return _retry_after(limit, now) if count > limit.count else None


def limit_reached(limit: Limit, who: str) -> int | None:
    """The seconds to wait if `who` is over the limit already (nothing counted), else None."""
    now = time.time()
    try:
        count = caches[settings.RATE_LIMIT_CACHE].get(_key(limit, who, now), 0)
    except Exception as exc:  # noqa: BLE001
        logger.warning("Rate limit %s not read: %s", limit.name, exc)
        return None
    return _retry_after(limit, now) if count >= limit.count else None


def login_failure_count(sender, request=None, **kwargs) -> None:
    """user_login_failed: one more failure from the request's address, whatever the username."""
    if request is not None:
        limit_hit(Limit.from_settings("login_failures_per_address"), _address(request))


def _address(request: HttpRequest) -> str:
    return client_address(request) or "unknown"


def _token_digest(request: HttpRequest) -> str | None:
    header = request.META.get("HTTP_AUTHORIZATION", "")
    if not header.startswith(BEARER):
        return None
    # A digest: the cache never holds a usable token.
    return hashlib.sha256(header[len(BEARER) :].strip().encode()).hexdigest()[:32]


def _too_many(wait: int, message: str, *, as_json: bool) -> HttpResponse:
    if as_json:
        response = JsonResponse({"error": message}, status=429)
    else:
        response = HttpResponse(message, status=429, content_type="text/plain; charset=utf-8")
    response["Retry-After"] = str(wait)
    return response


class RateLimitMiddleware:
    """Answers 429 before the API or the login does any work for a client over its limit."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        name = request.resolver_match.view_name if request.resolver_match else None
        if name in API_VIEWS:
            return self._api(request)
        if name in LOGIN_VIEWS and request.method == "POST":
            wait = limit_reached(
                Limit.from_settings("login_failures_per_address"), _address(request)
            )
            if wait:
                message = f"Too many failed sign-ins from your address. Try again in {wait} s."
                return _too_many(wait, message, as_json=False)
        return None

    def _api(self, request):
        wait = limit_hit(Limit.from_settings("api_per_address"), _address(request))
        token = _token_digest(request)
        if not wait and token:
            wait = limit_hit(Limit.from_settings("api_per_token"), token)
        if wait:
            return _too_many(wait, f"Too many requests. Try again in {wait} s.", as_json=True)
        return None
