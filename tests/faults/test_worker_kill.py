"""Drill: a gunicorn worker is SIGKILLed under steady load (an OOM kill, a segfault).

A sync worker serves one request at a time, so at most the one request it was serving fails;
the others wait in the listen queue for the surviving worker, and the master starts a new one.
"""

import os
import signal
import time
from contextlib import ExitStack

import pytest

from .services import Clinician, Traffic, gunicorn_workers

pytestmark = pytest.mark.faults

CLIENTS = 3  # more clients than workers, so requests queue behind the one killed
WORKERS = 2
IN_FLIGHT_PER_SYNC_WORKER = 1


def test_it_fails_no_request_but_the_one_in_flight_when_a_worker_is_killed(site):
    served = site(workers=WORKERS)
    owner = Clinician(served.port, "dr_drill")
    owner.log_in()
    case = owner.open_case("Worker Drill Patient")
    owner.walk_assessment(case)

    def read_pages(c: Clinician, number: int) -> None:
        for path in ("/", "/cases/", f"/cases/{case}/", f"/cases/{case}/assessments/1/plan/"):
            c.expect("GET", path, 200)

    clients = [Clinician(served.port, "dr_drill") for _ in range(CLIENTS)]
    for clinician in clients:
        clinician.log_in()
    with ExitStack() as stack:
        traffics = [
            stack.enter_context(Traffic(clinician, read_pages, pause_after_failure=0))
            for clinician in clients
        ]
        for traffic in traffics:
            traffic.wait_for_rounds(2, timeout=30)
        before = gunicorn_workers(served.master_pid)
        assert len(before) == WORKERS
        victim = min(before)
        killed_at = time.monotonic()
        os.kill(victim, signal.SIGKILL)
        after = _workers_once_replaced(served.master_pid, victim, timeout=30)
        for traffic in traffics:
            traffic.wait_for_rounds(3, timeout=30)

    assert victim not in after and len(after) == WORKERS
    outcomes = [o for clinician in clients for o in clinician.outcomes]
    in_flight = [o for o in outcomes if o.started <= killed_at <= o.ended]
    failed = [o for o in outcomes if not o.ok]
    assert all(o in in_flight for o in failed), failed
    assert len(failed) <= IN_FLIGHT_PER_SYNC_WORKER, failed
    print(f"{len(outcomes)} requests, {len(in_flight)} in flight at the kill, {len(failed)} failed")


def _workers_once_replaced(master_pid: int, victim: int, timeout: float) -> set[int]:
    deadline = time.monotonic() + timeout
    while True:
        workers = gunicorn_workers(master_pid)
        if (victim not in workers and len(workers) == WORKERS) or time.monotonic() > deadline:
            return workers
        time.sleep(0.05)
