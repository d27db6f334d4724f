"""Start the real site under gunicorn on loopback for a benchmark, and time requests to it.

`running_site()` migrates a temporary database and serves it in one step. A benchmark that
fills the database first uses the parts: `bench_env()`, `fresh_postgres_database()`,
`setup_django_here()` (the same settings and database in this process), then `serve()`.
"""

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
        # collectstatic goes here, not into the project (benchmarks/settings.py reads it).
        "BENCH_STATIC_ROOT": str(workdir / "static"),
        "PYTHONPATH": str(ROOT),
        # Every simulated clinician comes from 127.0.0.1 and the API client's connections share
        # one token: the limits would be what is measured.
        "RATE_LIMIT_API_PER_ADDRESS": "1000000/60",
        "RATE_LIMIT_API_PER_TOKEN": "1000000/60",
        "RATE_LIMIT_LOGIN_FAILURES_PER_ADDRESS": "1000000/60",
        "RATE_LIMIT_KEY_PREFIX": f"bench-{os.getpid()}",
    }


def manage(env: dict[str, str], *args: str) -> str:
    result = subprocess.run(
        [PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True, capture_output=True, text=True
    )
    return result.stdout


def fresh_postgres_database(database_url: str) -> bool:
    """Drop and create the PostgreSQL database of `database_url`; False if it is not PostgreSQL.

    Refuses any database whose name does not contain "bench": this wipes it.
    """
    import environ
    import psycopg
    from psycopg import sql

    config = environ.Env.db_url_config(database_url)
    if "postgres" not in config["ENGINE"]:
        return False
    name = config["NAME"]
    if "bench" not in name:
        raise SystemExit(f"refusing to wipe database {name!r}: its name must contain 'bench'")
    with psycopg.connect(
        dbname="postgres",
        host=config.get("HOST") or None,
        port=config.get("PORT") or None,
        user=config.get("USER") or None,
        password=config.get("PASSWORD") or None,
        autocommit=True,
    ) as admin:
        quoted = sql.Identifier(name)
        admin.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(quoted))
        admin.execute(sql.SQL("CREATE DATABASE {}").format(quoted))
    return True


def setup_django_here(env: dict[str, str]) -> None:
    """Configure Django in this process exactly as the server will be (same database)."""
    os.environ.update(env)
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    import django

    django.setup()


@contextmanager
def serve(env: dict[str, str], workers: int = 1, *, cores: str | None = None, stderr=None):
    """Yield the port of the site served by gunicorn on `env`'s (ready) database; stop it after.

    `cores` pins gunicorn and its workers with taskset (e.g. "0"); `stderr` takes its log.
    """
    port = free_port()
    pinned = ["taskset", "-c", cores] if cores else []
    server = subprocess.Popen(
        [
            *pinned,
            PYTHON,
            "-m",
            "gunicorn",
            "--config",
            str(ROOT / "gunicorn.conf.py"),
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
        stderr=stderr,
    )
    try:
        wait_until_up(port)
        yield port
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:  # a request still running past the graceful timeout
            server.kill()
            server.wait()


def migrated_with_token(env: dict[str, str]) -> str:
    """Migrate the database of `env`, add the user `bench` and return a new API token of theirs."""
    manage(env, "migrate", "--noinput")
    manage(
        env,
        "shell",
        "-c",
        "from django.contrib.auth.models import User; User.objects.get_or_create(username='bench')",
    )
    return manage(env, "issue_api_token", "bench").strip().splitlines()[-1]


@contextmanager
def running_site(workers: int = 1):
    """Yield (port, api_token) of a migrated site served by gunicorn; stop it afterwards."""
    with tempfile.TemporaryDirectory() as tmp:
        env = bench_env(Path(tmp))
        Path(env["BENCH_STATIC_ROOT"]).mkdir()  # no pages, no collectstatic: just no warning
        token = migrated_with_token(env)
        with serve(env, workers) as port:
            yield port, token


def wait_until_up(port: int, timeout_s: float = 30) -> None:
    """Until the site answers at all (a login-required middleware may answer with a redirect)."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        try:
            request(port, "GET", "/bench/bare")
            return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError("the site did not start")


def _connect(port: int) -> http.client.HTTPConnection:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    connection.connect()
    # http.client writes headers and body separately; without TCP_NODELAY, Nagle's algorithm
    # holds the body back for an ACK and the benchmark would time TCP, not the site.
    connection.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    return connection


def request(
    port: int,
    method: str,
    path: str,
    body: bytes | None = None,
    headers: dict[str, str] | None = None,
) -> tuple[int, float]:
    """One request on a fresh connection (gunicorn's sync workers close each one); seconds."""
    start = time.perf_counter()
    connection = _connect(port)
    connection.request(method, path, body=body, headers=headers or {})
    response = connection.getresponse()
    response.read()
    connection.close()
    return response.status, time.perf_counter() - start


def fetch(
    port: int,
    method: str,
    path: str,
    body: bytes | None = None,
    headers: dict[str, str] | None = None,
) -> tuple[int, list[tuple[str, str]], bytes]:
    """One request, untimed: (status, headers, body), for logging in and checking pages."""
    connection = _connect(port)
    connection.request(method, path, body=body, headers=headers or {})
    response = connection.getresponse()
    content = response.read()
    connection.close()
    return response.status, response.getheaders(), content


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]
