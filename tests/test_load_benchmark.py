"""The load test (benchmarks/load) runs end to end: real gunicorn, real logins, every page.

A few seconds at a low rate with five clinicians; the figures themselves are the benchmark's
business, here only that every page was asked and none failed.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

from benchmarks.load.report import PAGES

ROOT = Path(__file__).resolve().parent.parent


def test_it_walks_every_page_without_an_error(tmp_path):
    report = tmp_path / "report.json"
    # A temporary SQLite database always: the benchmark drops and creates a PostgreSQL one.
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    finished = subprocess.run(  # noqa: S603
        [
            sys.executable,
            "-m",
            "benchmarks.load",
            *("--seconds", "6", "--warmup", "1", "--rate", "30"),
            *("--clinicians", "5", "--cases-per-team", "1", "--json", str(report)),
            *("--workers", "2"),  # not sized from the cores: a big CI machine would boot dozens
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert finished.returncode == 0, finished.stdout + finished.stderr
    summary = json.loads(report.read_text())

    assert summary["logins"] == {**summary["logins"], "count": 5, "errors": 0}
    asked = {page: row["count"] for page, row in summary["pages"].items()}
    assert all(asked.get(page) for page in PAGES), asked
    failed = {page: row["error_kinds"] for page, row in summary["pages"].items() if row["errors"]}
    assert failed == {}
    assert summary["errors"] == 0
    assert summary["server_log"]["errors"] == 0
    assert summary["server_log"]["naming_a_patient"] == 0
    assert "goal" in finished.stdout and "bare view" in finished.stdout
