"""Dispatching 10,000 due reminders to a local SMTP server: reminders per second, queries each.

Run: .venv/bin/python -m benchmarks.reminders   (needs Redis at REDIS_URL, default the local one)
Three figures from the same run, on the same SMTP sink (aiosmtpd on loopback):
- baseline: Django's send_mail of a like message, nothing else (the ceiling);
- in process: the dispatcher's claims and the leased send of each reminder, with the database
  queries counted per reminder;
- through Celery: one dispatch task on a real worker process (prefork) over Redis, until the
  last message arrives.
Runs on a temporary SQLite database unless DATABASE_URL is set (PostgreSQL: concurrency 2).
"""

import os
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

REMINDERS = int(os.environ.get("BENCH_REMINDERS", "10000"))
BASELINE = min(REMINDERS, 2000)
WORKDIR = Path(tempfile.mkdtemp(prefix="ivig-bench-"))
os.environ.setdefault("DATABASE_URL", f"sqlite:///{WORKDIR / 'bench.sqlite3'}?timeout=30")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ivig_site.settings")
# A log line per request or send would bury the figures; LOG_LEVEL=INFO shows them.
os.environ.setdefault("LOG_LEVEL", "WARNING")
os.environ["DATABASE_CONN_MAX_AGE"] = "60"

import django  # noqa: E402

django.setup()

from datetime import timedelta  # noqa: E402
from unittest import mock  # noqa: E402

from django.conf import settings  # noqa: E402
from django.core.mail import get_connection, send_mail  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.utils import timezone  # noqa: E402

from decisions.models import RenalCheck  # noqa: E402
from decisions.monitoring.infusions import _message_id  # noqa: E402
from decisions.monitoring.reminders import reminder_send, reminders_dispatch  # noqa: E402
from tests.factories import TeamFactory, clinician_in  # noqa: E402
from tests.reminders.helpers import plan_for, record  # noqa: E402
from tests.reminders.smtp_sink import SmtpSink  # noqa: E402

REDIS_URL = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0")


def make_due_reminders(count: int):
    """`count` due reminders on a bench case of their own; returns its plan."""
    team = TeamFactory(name=f"Bench {uuid.uuid4().hex[:6]}", email="team@example.org")
    user = clinician_in(team, username=f"bench_{uuid.uuid4().hex[:6]}")
    plan = plan_for(user, team)
    infusion = record(plan, user, ended_at=timezone.now() - timedelta(days=1))
    RenalCheck.objects.filter(plan=plan).delete()
    due = timezone.now() - timedelta(minutes=1)
    RenalCheck.objects.bulk_create(
        (
            RenalCheck(
                case=infusion.case,
                plan=plan,
                infusion=infusion,
                hours_after_infusion=24,
                due_at=due,
                responsible=user,
                message_id=_message_id(),
            )
            for _ in range(count)
        ),
        batch_size=1000,
    )
    return plan


def use_sink(sink: SmtpSink) -> None:
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", sink.port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False


def baseline(sink: SmtpSink) -> float:
    started = time.perf_counter()
    for i in range(BASELINE):
        send_mail(f"Check due {i}", "body", "a@example.org", ["b@example.org"])
    sink.wait_for(BASELINE, timeout=120)
    return BASELINE / (time.perf_counter() - started)


def in_process(sink: SmtpSink) -> tuple[float, float]:
    make_due_reminders(REMINDERS)
    claimed, queries = [], []

    def count(execute, sql, params, many, context):
        queries.append(1)
        return execute(sql, params, many, context)

    with (
        mock.patch("decisions.monitoring.queue.send_reminders_later", side_effect=claimed.extend),
        connection.execute_wrapper(count),
    ):
        started = time.perf_counter()
        reminders_dispatch()
        for reminder_id in claimed:
            reminder_send(reminder_id=reminder_id, mail_connection=get_connection())
        sink.wait_for(REMINDERS, timeout=300)
        elapsed = time.perf_counter() - started
    assert len(claimed) == REMINDERS, len(claimed)
    return REMINDERS / elapsed, len(queries) / REMINDERS


def through_celery(sink: SmtpSink) -> float:
    from ivig_site.celery import app, point_app_at

    plan = make_due_reminders(REMINDERS)
    queue = f"bench-{uuid.uuid4().hex[:8]}"
    concurrency = "2" if connection.vendor == "postgresql" else "1"
    env = {
        **os.environ,
        "REDIS_URL": REDIS_URL,
        "CELERY_QUEUE": queue,
        "EMAIL_URL": f"smtp://127.0.0.1:{sink.port}",
    }
    command = [sys.executable, "-m", "celery", "-A", "ivig_site", "worker", "-l", "warning"]
    command += ["--concurrency", concurrency, "--without-mingle", "--without-gossip"]
    log = WORKDIR / "worker.log"
    with open(log, "wb") as out:
        worker = subprocess.Popen(command, env=env, stdout=out, stderr=subprocess.STDOUT)
    try:
        point_app_at(REDIS_URL, queue)
        time.sleep(3)  # the worker connects; its start is not what is measured
        started = time.perf_counter()
        app.send_task("decisions.tasks.reminders_dispatch", queue=queue)
        sink.wait_for(REMINDERS, timeout=600)
        elapsed = time.perf_counter() - started
    finally:
        worker.terminate()
        worker.wait(timeout=30)
    sent = RenalCheck.objects.filter(plan=plan, status=RenalCheck.Status.SENT).count()
    assert sent == REMINDERS, f"{sent} sent"
    return REMINDERS / elapsed


def main() -> None:
    call_command("migrate", interactive=False, verbosity=0)
    if RenalCheck.objects.filter(status=RenalCheck.Status.SCHEDULED).exists():
        sys.exit("The database has scheduled reminders of its own; use an empty DATABASE_URL.")
    print(f"database: {connection.vendor}; {REMINDERS} due reminders; SMTP sink on loopback")
    with SmtpSink() as sink:
        use_sink(sink)
        base = baseline(sink)
        print(f"baseline  send_mail alone:          {base:8.0f} messages/s ({BASELINE} sent)")
    with SmtpSink() as sink:
        use_sink(sink)
        rate, per_reminder = in_process(sink)
        print(
            f"in process dispatch + leased send:  {rate:8.0f} reminders/s "
            f"({rate / base:.2f}x baseline), {per_reminder:.2f} queries per reminder"
        )
    with SmtpSink() as sink:
        rate = through_celery(sink)
        print(
            f"through Celery (Redis, 1 worker):   {rate:8.0f} reminders/s "
            f"({rate / base:.2f}x baseline); each sent once: "
            f"{len({m['Message-ID'] for m in sink.received()}) == len(sink.received())}"
        )


if __name__ == "__main__":
    main()
