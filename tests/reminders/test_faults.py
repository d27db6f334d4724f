"""Faults with real processes: a worker killed during a send, Redis stopped while an infusion is
recorded, two dispatchers racing over 1,000 due reminders. Nothing is lost, nothing sent twice.

Worker processes open the test database, so these run on PostgreSQL (as CI does).
"""

import threading
import time
import uuid
from datetime import timedelta
from unittest import mock

import pytest
import redis
from django.db import connection, connections
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from decisions.models import CourseReview, Infusion, RenalCheck
from decisions.monitoring.infusions import _message_id
from decisions.monitoring.reminders import reminder_send, reminders_dispatch

from .helpers import infusion_form_fields, record
from .infra import RedisServer, WorkerProcess, celery_on, redis_answers, redis_server_binary
from .smtp_sink import SmtpSink
from .worker_fixtures import REDIS_URL

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="a worker in another process cannot open the in-memory SQLite test database; "
        "run with DATABASE_URL=postgres://... (as CI does)",
    ),
]

# Short enough for a test, in the worker's own settings (read from its environment).
FAST = {
    "REMINDER_LEASE_SECONDS": 3,
    "REMINDER_REQUEUE_AFTER_SECONDS": 3,
    "REMINDER_DISPATCH_EVERY_SECONDS": 1,
    "REMINDER_RETRY_BACKOFF_SECONDS": 0.2,
    "REMINDER_LATE_AFTER_SECONDS": 60,
}


@pytest.fixture
def queue():
    return f"reminders-test-{uuid.uuid4().hex[:10]}"


@pytest.fixture
def smtp():
    with SmtpSink() as sink:
        yield sink


@pytest.fixture
def workers(tmp_path):
    started = []

    def start(**kwargs):
        worker = WorkerProcess(**{**FAST, **kwargs})
        worker.start(tmp_path / f"worker-{len(started)}.log")
        started.append(worker)
        return worker

    yield start
    for worker in started:
        worker.stop()


@pytest.mark.skipif(not redis_answers(REDIS_URL), reason=f"no Redis at {REDIS_URL}")
def test_a_worker_killed_during_a_send_loses_nothing(queue, smtp, workers, plan, clinician):
    smtp.hold.set()  # the server takes the message and does not answer yet
    with celery_on(REDIS_URL, queue):
        first = workers(broker_url=REDIS_URL, queue=queue, smtp_url=smtp.url)
        record(plan, clinician, ended_at=timezone.now() - timedelta(hours=24, minutes=1))
        assert smtp.held.wait(20), "the worker never reached the SMTP server"

        first.kill()
        smtp.hold.clear()
        check = RenalCheck.objects.get(hours_after_infusion=24)
        assert check.status == RenalCheck.Status.SENDING
        assert smtp.received() == []

        workers(broker_url=REDIS_URL, queue=queue, smtp_url=smtp.url, beat=True)
        [message] = smtp.wait_for(1, timeout=30)
        assert smtp.stays_at(1, seconds=2.5)

    check.refresh_from_db()
    assert check.status == RenalCheck.Status.SENT
    assert check.attempts == 2
    assert message["Message-ID"] == check.message_id
    redis.Redis.from_url(REDIS_URL).delete(queue)


@pytest.mark.skipif(not redis_answers(REDIS_URL), reason=f"no Redis at {REDIS_URL}")
def test_a_crash_after_the_server_took_the_message_resends_it_recognisably(
    queue, smtp, workers, plan, clinician
):
    # The one window no system closes: the server has the message, the database does not know.
    smtp.hold_stage = "data"
    smtp.hold.set()
    with celery_on(REDIS_URL, queue):
        first = workers(broker_url=REDIS_URL, queue=queue, smtp_url=smtp.url)
        record(plan, clinician, ended_at=timezone.now() - timedelta(hours=24, minutes=1))
        assert smtp.held.wait(20), "the worker never reached the SMTP server"
        first.kill()
        smtp.hold.clear()

        workers(broker_url=REDIS_URL, queue=queue, smtp_url=smtp.url, beat=True)
        original, copy = smtp.wait_for(2, timeout=30)
        assert smtp.stays_at(2, seconds=2.5)

    check = RenalCheck.objects.get(hours_after_infusion=24)
    assert original["Message-ID"] == copy["Message-ID"] == check.message_id
    assert check.status == RenalCheck.Status.SENT
    redis.Redis.from_url(REDIS_URL).delete(queue)


@pytest.mark.skipif(redis_server_binary() is None, reason="no redis-server to start")
def test_redis_stopped_while_an_infusion_is_recorded(
    tmp_path, queue, smtp, workers, plan, clinician
):
    broker = RedisServer(tmp_path)
    broker.start()
    try:
        with celery_on(broker.url, queue):
            workers(broker_url=broker.url, queue=queue, smtp_url=smtp.url, beat=True)
            broker.stop()

            started = time.monotonic()
            response = _record_in_browser(plan, clinician)

            assert response.status_code == 302, response.content.decode()[:2000]
            assert time.monotonic() - started < 5, "the page waited too long for the broker"
            assert Infusion.objects.count() == 1
            assert RenalCheck.objects.filter(status="scheduled").count() == 3
            assert smtp.stays_at(0, seconds=2)

            broker.start()
            [message] = smtp.wait_for(1, timeout=60)
            assert smtp.stays_at(1, seconds=2)
    finally:
        broker.stop()

    check = RenalCheck.objects.get(hours_after_infusion=24)
    assert check.status == RenalCheck.Status.SENT
    assert check.late
    assert message["Subject"].startswith("LATE: ")


def _record_in_browser(plan, clinician):
    client = Client()
    client.force_login(clinician)
    case = plan.assessment.case
    case.refresh_from_db()
    ended = timezone.now() - timedelta(hours=24, minutes=2)
    url = reverse("infusion-record", kwargs={"pk": case.pk, "number": 1})
    return client.post(url, infusion_form_fields(ended=ended, version=case.version))


REMINDERS = 1000


def test_two_dispatchers_racing_over_1000_due_reminders_send_each_once(settings, plan, clinician):
    infusion = record(plan, clinician, ended_at=timezone.now() - timedelta(days=8))
    RenalCheck.objects.all().delete()
    CourseReview.objects.all().delete()  # the course's day-7 review is due too: not this drill's
    due = timezone.now() - timedelta(minutes=1)
    RenalCheck.objects.bulk_create(
        RenalCheck(
            case=infusion.case,
            plan=plan,
            infusion=infusion,
            hours_after_infusion=24,
            due_at=due,
            responsible=clinician,
            message_id=_message_id(),
        )
        for _ in range(REMINDERS)
    )
    settings.REMINDER_DISPATCH_BATCH = 100
    claimed = {"a": [], "b": []}
    outcomes = {"a": [], "b": []}
    barrier = threading.Barrier(2)

    def dispatcher(name):
        try:
            barrier.wait()
            reminders_dispatch()
            # Each sends what it claimed, and tries the other's too (a duplicate delivery).
            barrier.wait()
            for reminder_id in claimed[name] + claimed["b" if name == "a" else "a"]:
                outcomes[name].append(reminder_send(reminder_id=reminder_id))
        finally:
            connections.close_all()

    def remember(ids, kind=""):
        claimed[threading.current_thread().name].extend(ids)

    with (
        SmtpSink() as smtp,
        mock.patch("decisions.monitoring.queue.send_reminders_later", side_effect=remember),
    ):
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", smtp.port
        threads = [threading.Thread(target=dispatcher, args=(n,), name=n) for n in claimed]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=120)
        received = smtp.received()

    assert claimed["a"] and claimed["b"], "both dispatchers took part"
    assert not set(claimed["a"]) & set(claimed["b"])
    assert len(claimed["a"]) + len(claimed["b"]) == REMINDERS
    sent = [o for o in outcomes["a"] + outcomes["b"] if o != "not mine"]
    assert len(sent) == REMINDERS
    assert len(received) == REMINDERS
    assert len({m["Message-ID"] for m in received}) == REMINDERS
    assert RenalCheck.objects.filter(status="sent").count() == REMINDERS
