"""What a test of the real Celery worker needs: the machine's Redis (skipped without one), a queue
of its own, a real SMTP server, and a wait for a row's status. Shared by tests/reminders/ and
tests/review/ (import the fixtures by name and set `pytestmark = WORKER_MARKS`)."""

import os
import uuid
from datetime import timedelta

import pytest
import redis
from django.utils import timezone

from .infra import celery_on, redis_answers
from .smtp_sink import SmtpSink

REDIS_URL = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0")

WORKER_MARKS = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(not redis_answers(REDIS_URL), reason=f"no Redis at {REDIS_URL}"),
]


@pytest.fixture
def broker():
    queue = f"reminders-test-{uuid.uuid4().hex[:10]}"
    with celery_on(REDIS_URL, queue):
        yield queue
    redis.Redis.from_url(REDIS_URL).delete(queue)


@pytest.fixture
def smtp(settings):
    with SmtpSink() as sink:
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", sink.port
        settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
        settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
        yield sink


def wait_for_status(row, status, timeout=10.0):
    deadline = timezone.now() + timedelta(seconds=timeout)
    while timezone.now() < deadline:
        row.refresh_from_db()
        if row.status == status:
            return row
    raise AssertionError(f"{row} is {row.status}, not {status}")
