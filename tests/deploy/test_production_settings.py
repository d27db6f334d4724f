"""Production settings: `DJANGO_DEBUG=false` and the variables README.md lists give a site that
`manage.py check --deploy` finds nothing to complain about; a missing secret stops it."""

import os
import secrets
import subprocess
import sys

import pytest
from django.conf import settings
from django.test import Client

PROJECT = settings.BASE_DIR


def production_env(**overrides) -> dict[str, str]:
    # The browser tests allow sync ORM calls inside Playwright's event loop for this process;
    # a deployment never sets that, and check --deploy rightly refuses it.
    inherited = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env = {
        **inherited,
        "DJANGO_SETTINGS_MODULE": "ivig_site.settings",
        "DJANGO_DEBUG": "false",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "ivig.hospital.example",
    }
    for name, value in overrides.items():
        if value is None:
            env.pop(name, None)
        else:
            env[name] = value
    return env


def check_deploy(env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=PROJECT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_check_deploy_finds_no_issue_with_production_settings():
    result = check_deploy(production_env())

    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


def test_the_site_refuses_to_start_without_a_secret_key():
    result = check_deploy(production_env(DJANGO_SECRET_KEY=None))

    assert result.returncode != 0
    assert "Set DJANGO_SECRET_KEY" in result.stderr


def test_check_deploy_fails_without_allowed_hosts():
    result = check_deploy(production_env(DJANGO_ALLOWED_HOSTS=None))

    assert result.returncode != 0
    assert "security.W020" in result.stderr


def test_check_deploy_fails_with_hsts_turned_off():
    result = check_deploy(production_env(SECURE_HSTS_SECONDS="0"))

    assert result.returncode != 0
    assert "security.W004" in result.stderr


@pytest.fixture
def https_site(settings, db):
    """The production HTTPS settings (the test suite itself runs with DEBUG settings)."""
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    settings.SECURE_HSTS_PRELOAD = True
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    settings.REDIS_URL = "redis://127.0.0.1:1/0"  # no broker: the health check still answers
    return Client()  # a new client builds its middleware with these settings


def test_plain_http_is_redirected_to_https(https_site):
    response = https_site.get("/login/?next=/cases/")

    assert response.status_code == 301
    assert response["Location"] == "https://testserver/login/?next=/cases/"


def test_the_health_check_answers_a_load_balancer_over_plain_http(https_site):
    assert https_site.get("/api/v1/health").status_code == 200


def test_behind_the_tls_proxy_pages_are_served_with_hsts(https_site):
    response = https_site.get("/login/", headers={"X-Forwarded-Proto": "https"})

    assert response.status_code == 200
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"


def test_the_proxy_header_is_not_trusted_unless_switched_on(https_site, settings):
    settings.SECURE_PROXY_SSL_HEADER = None  # the default: SECURE_PROXY_SSL_HEADER unset
    client = Client()

    response = client.get("/login/", headers={"X-Forwarded-Proto": "https"})

    assert response.status_code == 301


@pytest.mark.parametrize("hours", ["", "0", "24,-1"])
def test_it_refuses_to_start_without_a_renal_check_after_the_infusion(hours):
    result = check_deploy(production_env(IVIG_RENAL_CHECK_HOURS=hours))

    assert result.returncode != 0
    assert "IVIG_RENAL_CHECK_HOURS" in result.stderr
