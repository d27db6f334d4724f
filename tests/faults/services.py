"""Services the fault drills start themselves: a PostgreSQL cluster in a temporary folder, the
site under gunicorn on it (and on a Redis of the drill's own), and clinicians who log in and
click through it over real HTTP with the session and CSRF cookies a browser would keep.
"""

import contextlib
import os
import re
import shutil
import subprocess
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode

import psycopg
from psycopg import sql

from benchmarks.pages import cookies_of
from benchmarks.server import bench_env, fetch, free_port, manage
from tests.web.wizard import GI_BLEED

PG_BIN = Path("/usr/lib/postgresql/15/bin")
PASSWORD = "drill-password-not-a-real-one-42"
CLINICIANS = {"dr_drill": "Ward A", "dr_other": "Ward B"}


def postgres_available() -> bool:
    return (PG_BIN / "initdb").exists()


class PostgresCluster:
    """`initdb` and `pg_ctl` on a spare port, data and unix socket in a temporary folder.

    initdb refuses to run as root, so as root the cluster belongs to the `postgres` OS user.
    """

    def __init__(self):
        self.port = free_port()
        self.dir = Path(tempfile.mkdtemp(prefix="ivig-drill-pg-"))
        self.data = self.dir / "data"
        self.log = self.dir / "postgres.log"
        if os.geteuid() == 0:
            shutil.chown(self.dir, "postgres", "postgres")

    def _run(self, *command: str) -> None:
        as_owner = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        subprocess.run([*as_owner, *command], check=True, capture_output=True)  # noqa: S603

    def init(self) -> None:
        initdb = str(PG_BIN / "initdb")
        self._run(initdb, "-D", str(self.data), "-U", "postgres", "-A", "trust", "--no-sync")
        self.start()

    def start(self) -> None:
        # fsync off: the drills restart the server, not the machine; a clean or fast shutdown
        # writes everything out whatever this says.
        options = f"-p {self.port} -k {self.dir} -c listen_addresses=127.0.0.1 -c fsync=off"
        pg_ctl = str(PG_BIN / "pg_ctl")
        self._run(pg_ctl, "-D", str(self.data), "-l", str(self.log), "-o", options, "-w", "start")

    def stop(self, mode: str = "fast") -> None:
        """`fast` rolls back open transactions and closes every connection, as a restart does."""
        self._run(str(PG_BIN / "pg_ctl"), "-D", str(self.data), "-m", mode, "-w", "stop")

    def running(self) -> bool:
        return (self.data / "postmaster.pid").exists()

    def url(self, database: str) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/{database}"

    def connect(self, database: str = "postgres") -> psycopg.Connection:
        return psycopg.connect(self.url(database), autocommit=True)

    def create_database(self, name: str, template: str | None = None) -> None:
        statement = sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name))
        if template:
            statement += sql.SQL(" TEMPLATE {}").format(sql.Identifier(template))
        with self.connect() as admin:
            admin.execute(statement)

    def destroy(self) -> None:
        if self.running():
            with contextlib.suppress(subprocess.CalledProcessError):
                self.stop("immediate")
        shutil.rmtree(self.dir, ignore_errors=True)


SEED_CLINICIANS = """
from django.contrib.auth.models import User
from decisions.models import Team
for username, team in {clinicians!r}.items():
    user = User.objects.create_user(username, email=username + "@example.org", password={pw!r})
    Team.objects.get_or_create(name=team)[0].members.add(user)
"""


def prepare_template(cluster: PostgresCluster, workdir: Path, name: str) -> dict[str, str]:
    """A migrated database with the drill clinicians, to copy per drill; the site's base env."""
    cluster.create_database(name)
    env = site_env(workdir, database_url=cluster.url(name), redis_url="redis://127.0.0.1:1/0")
    Path(env["BENCH_STATIC_ROOT"]).mkdir(exist_ok=True)
    manage(env, "migrate", "--noinput")
    # DEBUG is off, so pages name their assets by the manifest collectstatic writes.
    manage(env, "collectstatic", "--noinput")
    manage(env, "shell", "-c", SEED_CLINICIANS.format(clinicians=CLINICIANS, pw=PASSWORD))
    return env


def site_env(workdir: Path, *, database_url: str, redis_url: str) -> dict[str, str]:
    """The site as deployed (DEBUG off), with the bare view of benchmarks/urls.py to wait on
    (tests/faults/settings.py)."""
    return {
        **bench_env(workdir),
        "DJANGO_SETTINGS_MODULE": "tests.faults.settings",
        "DATABASE_URL": database_url,
        "REDIS_URL": redis_url,
        # Plain HTTP on loopback: no proxy in front to terminate TLS.
        "SESSION_COOKIE_SECURE": "false",
        "SECURE_SSL_REDIRECT": "false",
    }


def gunicorn_workers(master_pid: int) -> set[int]:
    """The pids of the gunicorn master's worker processes."""
    children = set()
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        with contextlib.suppress(OSError):
            stat = (entry / "stat").read_text()
            # The command name may hold spaces and parentheses; the ppid follows the last ")".
            if int(stat.rsplit(")", 1)[1].split()[1]) == master_pid:
                children.add(int(entry.name))
    return children


def gunicorn_master(port: int) -> int:
    """The pid of the gunicorn master this process started to serve `port`."""
    for pid in gunicorn_workers(os.getpid()):
        with contextlib.suppress(OSError):
            command = (Path("/proc") / str(pid) / "cmdline").read_bytes().split(b"\0")
            if b"gunicorn" in command and f"127.0.0.1:{port}".encode() in command:
                return pid
    raise RuntimeError(f"no gunicorn of this process serves port {port}")


# Clinicians over HTTP -------------------------------------------------------------------------


@dataclass
class Outcome:
    """One request as the client saw it: an answer, or the exception instead of one."""

    label: str
    method: str
    started: float
    ended: float
    status: int | None = None
    body: bytes = b""
    location: str = ""
    error: str = ""

    @property
    def ok(self) -> bool:
        return self.status is not None and self.status < 400


class Failed(Exception):
    """A request did not get the answer the walk expected; the walk starts over."""


class Clinician:
    """A browser's worth of cookies on the site; every request is recorded in `outcomes`."""

    def __init__(self, port: int, username: str):
        self.port = port
        self.username = username
        self.cookies: dict[str, str] = {}
        self.outcomes: list[Outcome] = []
        self.lock = threading.Lock()

    def request(self, method: str, path: str, data: dict | None = None, label: str = "") -> Outcome:
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        body = None
        if method == "POST":
            form = {**(data or {}), "csrfmiddlewaretoken": self.cookies.get("csrftoken", "")}
            body = urlencode(form, doseq=True).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Referer"] = f"http://127.0.0.1:{self.port}{path}"
        outcome = Outcome(label or path, method, started=time.monotonic(), ended=0.0)
        try:
            status, response_headers, content = fetch(self.port, method, path, body, headers)
        except OSError as exc:  # refused, reset, timed out: no answer at all
            outcome.error = f"{type(exc).__name__}: {exc}"
        else:
            outcome.status, outcome.body = status, content
            outcome.location = dict(response_headers).get("Location", "")
            self.cookies.update(cookies_of(response_headers))
        outcome.ended = time.monotonic()
        with self.lock:
            self.outcomes.append(outcome)
        return outcome

    def expect(self, method, path, status, data=None, label="") -> Outcome:
        outcome = self.request(method, path, data, label)
        if outcome.status != status:
            raise Failed(f"{method} {path}: {outcome.status or outcome.error}")
        return outcome

    def log_in(self) -> None:
        self.expect("GET", "/login/", 200)
        self.expect("POST", "/login/", 302, {"username": self.username, "password": PASSWORD})

    def open_case(self, patient_name: str) -> int:
        """POST the new-case form; the case's pk, from the first step it redirects to."""
        page = self.expect("GET", "/cases/new/", 200, label="new case")
        team = re.search(rb'name="team"[^>]*>\s*<option value="(\d+)"', page.body)
        form = {"patient_name": patient_name, "patient_identifier": "MRN-" + patient_name[-4:]}
        posted = self.expect("POST", "/cases/new/", 302, {**form, "team": team.group(1).decode()})
        return int(re.search(r"/cases/(\d+)/", posted.location).group(1))

    def walk_assessment(self, case_pk: int) -> None:
        """Every step of tests/web/wizard.py, the review, then the plan page."""
        base = f"/cases/{case_pk}/assessments/1"
        for step, answers in GI_BLEED.items():
            page = self.expect("GET", f"{base}/{step}/", 200, label="step page")
            posted = {**answers, "version": version(page)}
            self.expect("POST", f"{base}/{step}/", 302, posted, label="step")
        review = self.expect("GET", f"{base}/review/", 200, label="review page")
        self.expect("POST", f"{base}/review/", 302, {"version": version(review)}, "review")
        self.expect("GET", f"{base}/plan/", 200, label="plan page")


def version(page: Outcome) -> str:
    return re.search(rb'name="version"[^>]*value="(\d+)"', page.body).group(1).decode()


class Traffic:
    """A thread repeating `work(clinician, round)` until stopped; `Failed` starts a new round."""

    def __init__(self, clinician: Clinician, work, pause_after_failure: float = 0.2):
        self.clinician = clinician
        self.work = work
        self.pause = pause_after_failure
        self.rounds_done = 0
        self.stopping = threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        number = 0
        while not self.stopping.is_set():
            number += 1
            try:
                self.work(self.clinician, number)
            except Failed:
                self.stopping.wait(self.pause)
            else:
                self.rounds_done += 1

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.stopping.set()
        self.thread.join(timeout=60)

    def wait_for_rounds(self, count: int, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        target = self.rounds_done + count
        while self.rounds_done < target:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise AssertionError(f"{self.rounds_done} rounds done, not {target}")
            time.sleep(0.05)
