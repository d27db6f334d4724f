"""The web process as production runs it: `gunicorn -c gunicorn.conf.py` with DEBUG off, static
files collected with hashed names and served by whitenoise, JSON log lines on stderr."""

import json
import subprocess
import sys
import time

import pytest
from django.conf import settings

from benchmarks.server import fetch, free_port, manage
from tests.deploy.test_production_settings import production_env

PROJECT = settings.BASE_DIR
SECRET_QUERY = "next=/cases/%3Fq%3DZebediah"
HTTPS = {"X-Forwarded-Proto": "https"}  # as the TLS-terminating proxy says


class Gunicorn:
    def __init__(self, env, log_path):
        self.port = int(env["PORT"])
        # Loopback only: the config's 0.0.0.0 would open the port to the network for the test.
        self.address = f"127.0.0.1:{self.port}"
        self.log_path = log_path
        with open(log_path, "wb") as log:
            self.process = subprocess.Popen(  # noqa: S603
                [
                    sys.executable,
                    "-m",
                    "gunicorn",
                    "-c",
                    "gunicorn.conf.py",
                    "--bind",
                    self.address,
                ],
                cwd=PROJECT,
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
            )

    def wait_until_up(self, timeout_s=60):
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError("gunicorn exited:\n" + self.log_path.read_text())
            try:
                fetch(self.port, "GET", "/api/v1/health")
                return
            except OSError:
                time.sleep(0.1)
        raise RuntimeError("gunicorn did not start:\n" + self.log_path.read_text())

    def get(self, path, headers=None):
        status, headers, body = fetch(self.port, "GET", path, headers=headers)
        return status, {name.lower(): value for name, value in headers}, body

    def log_lines(self):
        return [json.loads(line) for line in self.log_path.read_text().splitlines() if line]

    def stop(self):
        self.process.terminate()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("gunicorn")
    env = production_env(
        DATABASE_URL=f"sqlite:///{tmp / 'db.sqlite3'}",
        DJANGO_ALLOWED_HOSTS="127.0.0.1",
        STATIC_ROOT=str(tmp / "static"),
        REDIS_URL="redis://127.0.0.1:1/0",  # no broker: the site answers all the same
        SECURE_PROXY_SSL_HEADER="true",
        PORT=str(free_port()),
        WEB_CONCURRENCY="2",
        LOG_FORMAT=None,  # production's default: JSON
        LOG_LEVEL=None,
    )
    manage(env, "collectstatic", "--noinput")
    server = Gunicorn(env, tmp / "gunicorn.log")
    try:
        server.wait_until_up()
        server.static_root = tmp / "static"
        yield server
    finally:
        server.stop()


def test_it_answers_the_health_check_over_plain_http(site):
    status, headers, body = site.get("/api/v1/health")

    assert status == 200
    assert json.loads(body)["database"] == "ok"
    assert "no-store" in headers["cache-control"]


def test_it_redirects_pages_asked_for_over_plain_http_to_https(site):
    status, headers, _ = site.get("/login/")

    assert status == 301
    assert headers["location"] == f"https://127.0.0.1:{site.port}/login/"


def test_it_serves_static_files_under_hashed_names_cached_forever(site):
    manifest = json.loads((site.static_root / "staticfiles.json").read_text())["paths"]
    hashed = manifest["js/session-timeout.js"]
    assert hashed != "js/session-timeout.js"

    status, headers, body = site.get(f"/static/{hashed}", headers=HTTPS)

    assert status == 200
    assert "immutable" in headers["cache-control"]
    assert body == (site.static_root / hashed).read_bytes()


def test_its_pages_link_the_hashed_names(site):
    manifest = json.loads((site.static_root / "staticfiles.json").read_text())["paths"]

    status, _, body = site.get("/login/", headers=HTTPS)

    assert status == 200
    assert f'/static/{manifest["css/app.css"]}"' in body.decode()


def test_it_runs_the_workers_web_concurrency_asks_for(site):
    booted = [line for line in site.log_lines() if line["message"].startswith("Booting worker")]

    assert len(booted) == 2


def test_it_logs_json_lines_with_the_request_id_and_never_the_query_string(site):
    status, headers, _ = site.get(
        f"/login/?{SECRET_QUERY}", headers={**HTTPS, "X-Request-ID": "deploy-test-1"}
    )
    assert status == 200
    assert headers["x-request-id"] == "deploy-test-1"

    deadline = time.monotonic() + 10
    while not (lines := [x for x in site.log_lines() if x.get("request_id") == "deploy-test-1"]):
        assert time.monotonic() < deadline, "no log line for the request"
        time.sleep(0.1)

    [line] = lines
    assert (line["logger"], line["method"], line["path"], line["status"]) == (
        "decisions.request",
        "GET",
        "/login/",
        200,
    )
    assert "Zebediah" not in site.log_path.read_text()  # log_lines() parsed every line as JSON
