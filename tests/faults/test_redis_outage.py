"""Drill: Redis stops while clinicians use the site and record infusions.

The web tier does not need the broker: pages answer, infusions save, the health check says the
broker is unavailable (and still 200, so the load balancer keeps the site). Once Redis is back, a
real worker with beat mails each reminder that fell due meanwhile, once.

A worker that holds a task when Redis goes away keeps running and carries on once Redis is back
(celery 5.7.0 exits instead, which is why pyproject.toml keeps celery below 5.7).
(tests/reminders/test_faults.py records one infusion in-process with Redis stopped; this drill
goes through gunicorn, under load, on a database of its own.)
"""

import json
import time
import uuid
from datetime import UTC, datetime, timedelta

import pytest

from benchmarks.server import fetch
from tests.reminders.helpers import infusion_form_fields
from tests.reminders.infra import WorkerProcess
from tests.reminders.smtp_sink import SmtpSink
from tests.reminders.test_faults import FAST

from .services import Clinician, Traffic, version

pytestmark = pytest.mark.faults

PATIENTS = ("Redis Drill One", "Redis Drill Two")


def test_it_keeps_pages_answering_while_redis_is_down_and_mails_reminders_after(
    postgres, site, redis_server, tmp_path
):
    queue = f"drill-{uuid.uuid4().hex[:10]}"
    served = site(redis_url=redis_server.url, CELERY_QUEUE=queue)
    clinician = Clinician(served.port, "dr_drill")
    clinician.log_in()
    cases = [clinician.open_case(name) for name in PATIENTS]
    for pk in cases:
        clinician.walk_assessment(pk)

    def read_pages(c: Clinician, number: int) -> None:
        pk = cases[number % len(cases)]
        for path in ("/", "/cases/", f"/cases/{pk}/", f"/cases/{pk}/assessments/1/plan/"):
            c.expect("GET", path, 200)
        c.expect("GET", f"/cases/{pk}/assessments/1/infusions/", 200)

    with SmtpSink() as smtp:
        worker = _start_worker(redis_server, queue, smtp, served, tmp_path / "worker.log")
        try:
            reader = Clinician(served.port, "dr_drill")
            reader.log_in()
            with Traffic(reader, read_pages) as traffic:
                traffic.wait_for_rounds(1, timeout=30)
                redis_server.stop()
                seen = len(reader.outcomes)
                health_down = fetch(served.port, "GET", "/api/v1/health")
                recorded = [_record_infusion_due_now(clinician, pk) for pk in cases]
                traffic.wait_for_rounds(2, timeout=30)
                assert smtp.stays_at(0, seconds=2)

                during = len(reader.outcomes) - seen
                redis_server.start()
                assert worker.process.poll() is None, "the worker exited while Redis was away"
                messages = smtp.wait_for(len(cases), timeout=60)
                assert smtp.stays_at(len(cases), seconds=3)
                health_up = fetch(served.port, "GET", "/api/v1/health")
        finally:
            worker.stop()

    assert [o.status for o in recorded] == [302] * len(cases)
    failed = [o for o in clinician.outcomes + reader.outcomes if not o.ok]
    assert failed == []
    assert (health_down[0], json.loads(health_down[2])["broker"]) == (200, "unavailable")
    assert (health_up[0], json.loads(health_up[2])["broker"]) == (200, "ok")

    with served.connect() as db:
        due = db.execute(
            "SELECT message_id, status FROM decisions_renalcheck WHERE due_at <= now()"
        ).fetchall()
        infusions = db.execute("SELECT count(*) FROM decisions_infusion").fetchone()[0]
    assert infusions == len(cases)
    assert sorted(status for _, status in due) == ["sent"] * len(cases)
    assert sorted(m["Message-ID"] for m in messages) == sorted(mid for mid, _ in due)
    print(f"{during} page requests with Redis down, all answered; {len(messages)} reminders sent")


def test_it_keeps_a_worker_running_when_redis_goes_away_during_a_send(
    postgres, site, redis_server, tmp_path
):
    queue = f"drill-{uuid.uuid4().hex[:10]}"
    served = site(redis_url=redis_server.url, CELERY_QUEUE=queue)
    clinician = Clinician(served.port, "dr_drill")
    clinician.log_in()
    pk = clinician.open_case(PATIENTS[0])
    clinician.walk_assessment(pk)
    with SmtpSink() as smtp:
        smtp.hold.set()  # the send task waits on the mail server, its message unacknowledged
        worker = _start_worker(redis_server, queue, smtp, served, tmp_path / "worker.log")
        try:
            assert _record_infusion_due_now(clinician, pk).status == 302
            assert smtp.held.wait(30), "the worker never reached the mail server"
            redis_server.stop()
            log = tmp_path / "worker.log"
            deadline = time.monotonic() + 15
            while "Connection to broker lost" not in log.read_text(errors="replace"):
                assert time.monotonic() < deadline, "the worker never noticed Redis was gone"
                time.sleep(0.1)
            time.sleep(1)  # it notices within milliseconds; a crash follows as fast
            text = log.read_text(errors="replace")
            assert "Unrecoverable error" not in text, text[-3000:]
            assert worker.process.poll() is None
        finally:
            smtp.hold.clear()
            worker.stop()


def _start_worker(redis_server, queue, smtp, served, log_path) -> WorkerProcess:
    """A real worker with beat on the drill's Redis, database and mail server."""
    worker = WorkerProcess(
        broker_url=redis_server.url,
        queue=queue,
        smtp_url=smtp.url,
        beat=True,
        DATABASE_URL=served.database_url,
        **FAST,
    )
    worker.start(log_path)
    return worker


def _record_infusion_due_now(clinician: Clinician, pk: int):
    """Record an infusion that ended just over a day ago: its 24-hour check is due at once."""
    course = f"/cases/{pk}/assessments/1/infusions/"
    page = clinician.expect("GET", course, 200)
    ended = datetime.now(UTC) - timedelta(hours=24, minutes=2)
    form = infusion_form_fields(ended=ended, version=version(page))
    return clinician.request("POST", course + "record/", form)
