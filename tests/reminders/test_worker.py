"""A real Celery worker on the machine's Redis sends reminders to a real SMTP server.

The worker runs in a thread of the test process (so these run on SQLite too); each test uses a
queue of its own, so parallel runs sharing the Redis never take each other's tasks.
"""

from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from decisions.models import CourseReview, RenalCheck
from decisions.monitoring.tasks import reminder_send, reminders_dispatch

from .helpers import record
from .infra import worker_thread
from .smtp_sink import PERMANENT_REFUSAL
from .worker_fixtures import WORKER_MARKS, wait_for_status

pytestmark = WORKER_MARKS


@pytest.fixture
def fast_retries(settings):
    settings.REMINDER_RETRY_BACKOFF_SECONDS = 0.1
    settings.REMINDER_RETRY_BACKOFF_MAX = 0.5


def test_an_infusion_recorded_late_gets_its_due_reminder_by_email(broker, smtp, plan, clinician):
    with worker_thread():
        # Recorded a day after it ended: the 24 h check is due, so the dispatcher is asked now.
        record(plan, clinician, ended_at=timezone.now() - timedelta(hours=24, minutes=5))
        [message] = smtp.wait_for(1)
        check = wait_for_status(RenalCheck.objects.get(hours_after_infusion=24), "sent")
        assert smtp.stays_at(1, seconds=0.5)

    assert message["Message-ID"] == check.message_id
    assert message["Subject"] == f"Renal function check due for case {check.case.reference}"
    assert smtp.recipients() == [["dr.who@example.org", "haem-team@example.org"]]
    assert message.is_multipart()
    assert {part.get_content_type() for part in message.walk()} >= {"text/plain", "text/html"}
    assert RenalCheck.objects.filter(status="scheduled").count() == 2


def test_smtp_refusing_then_recovering_delivers_once(broker, smtp, fast_retries, plan, clinician):
    smtp.refuse_next(2)
    with worker_thread():
        record(plan, clinician, ended_at=timezone.now() - timedelta(hours=24, minutes=5))
        smtp.wait_for(1)
        check = wait_for_status(RenalCheck.objects.get(hours_after_infusion=24), "sent")
        assert smtp.stays_at(1, seconds=0.5)

    assert smtp.attempts == 3
    assert check.attempts == 3
    assert check.last_error == ""


def test_duplicate_ticks_and_tasks_still_send_once(broker, smtp, plan, clinician):
    # All three checks are due, and the course's day-7 review: four reminders, each sent once.
    record(plan, clinician, ended_at=timezone.now() - timedelta(days=8))
    ids = list(RenalCheck.objects.values_list("pk", flat=True))
    review = CourseReview.objects.get()
    for _ in range(3):
        reminders_dispatch.delay()
    for reminder_id in ids * 2:
        reminder_send.delay(reminder_id)
    for _ in range(2):
        reminder_send.delay(review.pk, kind="review")

    with worker_thread():
        smtp.wait_for(4)
        assert smtp.stays_at(4, seconds=1.0)

    assert len({m["Message-ID"] for m in smtp.received()}) == 4
    assert set(RenalCheck.objects.values_list("status", flat=True)) == {"sent"}
    review.refresh_from_db()
    assert review.status == "sent"


def test_a_malformed_address_is_left_out_and_the_team_still_gets_it(broker, smtp, plan, clinician):
    # Stored before addresses were checked: Django refuses to write it into a header.
    clinician.email = "h@example.org\r\nBcc: x@example.org"
    clinician.save()
    with worker_thread():
        record(plan, clinician, ended_at=timezone.now() - timedelta(hours=24, minutes=5))
        smtp.wait_for(1)
        check = wait_for_status(RenalCheck.objects.get(hours_after_infusion=24), "sent")

    assert smtp.recipients() == [["haem-team@example.org"]]
    assert "h@example.org" in check.last_error


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="its retries write the check from the worker thread while the test reads it, which "
    "SQLite's shared in-memory database refuses (table locked); run on PostgreSQL in CI",
)
def test_a_permanent_refusal_is_undeliverable_after_its_retries(
    broker, smtp, fast_retries, settings, plan, clinician
):
    settings.REMINDER_MAX_RETRIES = 2
    smtp.refuse_next(100, reply=PERMANENT_REFUSAL)
    with worker_thread():
        record(plan, clinician, ended_at=timezone.now() - timedelta(hours=24, minutes=5))
        check = wait_for_status(
            RenalCheck.objects.get(hours_after_infusion=24), "undeliverable", timeout=20
        )
        assert smtp.stays_at(0, seconds=0.5)

    assert smtp.attempts == 3  # the first send and its two retries
    assert "554" in check.last_error
