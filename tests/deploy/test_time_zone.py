"""The site's time zone: TIME_ZONE from the environment, else the server's own; stored in UTC."""

import os
import subprocess
import sys

from django.conf import settings

from ivig_site.time_zone import server_time_zone


def settings_time_zone(**env) -> subprocess.CompletedProcess:
    environment = {
        **{k: v for k, v in os.environ.items() if k not in ("TIME_ZONE", "TZ")},
        "DJANGO_SETTINGS_MODULE": "ivig_site.settings",
        **env,
    }
    return subprocess.run(  # noqa: S603
        [sys.executable, "-c", "from django.conf import settings; print(settings.TIME_ZONE)"],
        cwd=settings.BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )


def test_the_time_zone_comes_from_the_environment():
    run = settings_time_zone(TIME_ZONE="Europe/Paris")
    assert run.stdout.strip() == "Europe/Paris", run.stderr


def test_an_unknown_time_zone_stops_the_site():
    run = settings_time_zone(TIME_ZONE="Mars/Olympus_Mons")
    assert run.returncode != 0
    assert "is not a known time zone name" in run.stderr


def test_without_one_the_servers_own_zone_is_used():
    assert settings_time_zone(TZ="America/Chicago").stdout.strip() == "America/Chicago"


def test_the_servers_zone_is_read_from_etc_localtime(tmp_path, monkeypatch):
    monkeypatch.delenv("TZ", raising=False)
    (tmp_path / "localtime").symlink_to("/usr/share/zoneinfo/Europe/London")
    assert server_time_zone(tmp_path) == "Europe/London"


def test_the_servers_zone_is_read_from_etc_timezone(tmp_path, monkeypatch):
    monkeypatch.delenv("TZ", raising=False)
    (tmp_path / "timezone").write_text("Asia/Kolkata\n")
    assert server_time_zone(tmp_path) == "Asia/Kolkata"


def test_a_server_that_names_no_zone_is_taken_as_utc(tmp_path, monkeypatch):
    monkeypatch.delenv("TZ", raising=False)
    assert server_time_zone(tmp_path) == "UTC"
