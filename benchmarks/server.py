"""Start the real site under gunicorn on loopback for a benchmark, and time requests to it."""

import http.client
import os
import socket
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def bench_env(workdir: Path) -> dict[str, str]:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "benchmarks.settings",
        "DATABASE_URL": os.environ.get("DATABASE_URL", f"sqlite:///{workdir / 'bench.sqlite3'}"),
        "DJANGO_DEBUG": "false",
        "DJANGO_SECRET_KEY": "benchmark-only-secret-key-not-used-anywhere-else-0123456789",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "PYTHONPATH": str(ROOT),
    }


def manage(env: dict[str, str], *args: str) -> str:
    result = subprocess.run(
        [PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True, capture_output=True, text=True
    )
    return result.stdout


@contextmanager
def running_site(workers: int = 1):
    """Yield (port, api_token) of a migrated site served by gunicorn; stop it afterwards."""
    with tempfile.TemporaryDirectory() as tmp:
        env = bench_env(Path(tmp))
        manage(env, "migrate", "--noinput")
        manage(
            env,
            "shell",
            "-c",
            "from django.contrib.auth.models import User; "
            "User.objects.get_or_create(username='bench')",
        )
        token = manage(env, "issue_api_token", "bench").strip().splitlines()[-1]
        port = free_port()
        server = subprocess.Popen(
            [
                PYTHON,
                "-m",
                "gunicorn",
                "ivig_site.wsgi",
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                str(workers),
                "--log-level",
                "warning",
            ],
            cwd=ROOT,
            env=env,
        )
        try:
            wait_until_up(port)
            yield port, token
        finally:
            server.terminate()
            server.wait(timeout=10)


def wait_until_up(port: int, timeout_s: float = 30) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        try:
            status, _ = request(port, "GET", "/bench/bare")
            if status == 200:
                return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError("the site did not start")


def request(
    port: int,
    method: str,
    path: str,
    body: bytes | None = None,
    headers: dict[str, str] | None = None,
) -> tuple[int, float]:
    """One request on a fresh connection (gunicorn's sync workers close each one); seconds."""
    start = time.perf_counter()
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    connection.connect()
    # http.client writes headers and body separately; without TCP_NODELAY, Nagle's algorithm
    # holds the body back for an ACK and the benchmark would time TCP, not the site.
    connection.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    connection.request(method, path, body=body, headers=headers or {})
    response = connection.getresponse()
    response.read()
    connection.close()
    return response.status, time.perf_counter() - start


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]
