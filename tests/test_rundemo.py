from contextlib import nullcontext
from io import StringIO
from unittest import mock
from urllib.parse import urlsplit

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from decisions.models import Team


def call_command_but_runserver(name, *args, **options):
    if name != "runserver":
        call_command(name, *args, **options)


def run_demo(*args):
    """Run `rundemo` with the dev server and the background services stubbed out (their real
    run is tests/reminders/test_run_command.py); return its output and the server call."""
    out = StringIO()
    with (
        mock.patch(
            "decisions.management.commands.rundemo.call_command",
            side_effect=call_command_but_runserver,
        ) as calls,
        mock.patch(
            "decisions.management.commands.rundemo.background_services",
            return_value=nullcontext("unix:///tmp/redis.sock"),
        ),
    ):
        call_command("rundemo", *args, stdout=out)
    return out.getvalue(), calls.call_args_list[-1]


def printed(label, output):
    return next(line.split()[-1] for line in output.splitlines() if f"{label}:" in line)


def logs_in(password, login_path="/login/"):
    """Whether the demo user gets in through the login page with `password`."""
    response = Client().post(login_path, {"username": "demo", "password": password})
    return response.status_code == 302 and response.url == reverse("dashboard")


def demo_user():
    return get_user_model().objects.get(username="demo")


def test_it_prints_a_demo_login_that_works(db):
    output, _ = run_demo()

    assert "Log in at: http://127.0.0.1:8000/login/" in output
    assert "Username:  demo" in output
    login_path = urlsplit(printed("Log in at", output)).path
    assert logs_in(printed("Password", output), login_path)


def test_it_gives_the_demo_user_a_new_password_each_run(db):
    first, _ = run_demo()
    second, _ = run_demo()

    assert printed("Password", first) != printed("Password", second)
    assert not logs_in(printed("Password", first))
    assert logs_in(printed("Password", second))


def test_the_demo_user_is_a_clinician_of_the_demo_ward_without_admin_access(db):
    run_demo()

    assert not demo_user().is_staff
    assert not demo_user().is_superuser
    assert list(Team.objects.filter(members=demo_user()).values_list("name", flat=True)) == [
        "Demo ward"
    ]


def test_it_takes_admin_access_from_a_demo_user_made_by_an_earlier_version(db):
    get_user_model().objects.create(username="demo", is_staff=True, is_superuser=True)

    run_demo()

    assert not demo_user().is_staff
    assert not demo_user().is_superuser


def test_it_starts_the_dev_server_once_on_the_given_address(db):
    output, server = run_demo("--addrport", "0.0.0.0:8123")

    assert server == mock.call("runserver", "0.0.0.0:8123", use_reloader=False)
    assert "http://127.0.0.1:8123/" in output
