from io import StringIO
from unittest import mock

from django.contrib.auth import authenticate
from django.core.management import call_command


def call_command_but_runserver(name, *args, **options):
    if name != "runserver":
        call_command(name, *args, **options)


def run_demo(*args):
    """Run `rundemo` with the dev server stubbed out; return its output and the server call."""
    out = StringIO()
    with mock.patch(
        "decisions.management.commands.rundemo.call_command",
        side_effect=call_command_but_runserver,
    ) as calls:
        call_command("rundemo", *args, stdout=out)
    return out.getvalue(), calls.call_args_list[-1]


def printed_password(output):
    return next(line.split()[-1] for line in output.splitlines() if "Password:" in line)


def test_it_prints_a_demo_login_that_works(db):
    output, _ = run_demo()

    assert "Log in at: http://127.0.0.1:8000/admin/login/" in output
    assert "Username:  demo" in output
    assert authenticate(username="demo", password=printed_password(output)) is not None


def test_it_gives_the_demo_user_a_new_password_each_run(db):
    first, _ = run_demo()
    second, _ = run_demo()

    assert printed_password(first) != printed_password(second)
    assert authenticate(username="demo", password=printed_password(first)) is None
    assert authenticate(username="demo", password=printed_password(second)) is not None


def test_it_starts_the_dev_server_once_on_the_given_address(db):
    output, server = run_demo("--addrport", "0.0.0.0:8123")

    assert server == mock.call("runserver", "0.0.0.0:8123", use_reloader=False)
    assert "http://127.0.0.1:8123/" in output
