"""GET /api/v1/health: for load balancers and monitors; no authentication.

Cheap on purpose: one `SELECT 1` and one PING, no session, no CSRF token, no cookie; never
cached (a cached "ok" would hide an outage). Answered over plain HTTP too
(SECURE_REDIRECT_EXEMPT), and logged only at DEBUG unless it fails.
"""

import redis
from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.db import DatabaseError, connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe
from redis.backoff import NoBackoff
from redis.retry import Retry

# Answered by decisions.middleware.health_check, whatever the Host header (the URL pattern of the
# same path names it for reverse() and the URL walks of the tests).
HEALTH_PATH = "/api/v1/health"
# A monitor polls this often; a dead broker must not make it hang.
BROKER_TIMEOUT_S = 0.5


@login_not_required
@never_cache
@require_safe
def health(request):
    database_ok = _database_answers()
    body = {
        "status": "ok" if database_ok else "error",
        "database": "ok" if database_ok else "unavailable",
        # Reported, never fatal: plans are made without the broker; only background tasks need it.
        "broker": "ok" if _broker_answers() else "unavailable",
    }
    return JsonResponse(body, status=200 if database_ok else 503)


def _database_answers() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return False
    return True


def _broker_answers() -> bool:
    try:
        with redis.Redis.from_url(
            settings.REDIS_URL,
            socket_timeout=BROKER_TIMEOUT_S,
            socket_connect_timeout=BROKER_TIMEOUT_S,
            retry=Retry(NoBackoff(), 0),
        ) as client:
            return bool(client.ping())
    except (redis.RedisError, OSError, ValueError):
        # ValueError: REDIS_URL is not a redis:// URL, which is as good as no broker.
        return False
