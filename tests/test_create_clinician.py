"""`manage.py create_clinician USERNAME --team NAME [--email E] [--password-stdin]`."""

import io
from unittest import mock

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.test import Client

from decisions.models import Team
from tests.factories import TeamFactory, UserFactory

PASSWORD = "a long and unusual passphrase"
HEADER_INJECTION = "h@example.org\r\nBcc: x@example.org"


def create_clinician(*args, stdin=f"{PASSWORD}\n"):
    """Run the command with the password on standard input; return what it printed."""
    out = io.StringIO()
    with mock.patch("sys.stdin", io.StringIO(stdin)):
        call_command("create_clinician", *args, "--password-stdin", stdout=out)
    return out.getvalue()


def user(username="dr_who"):
    return get_user_model().objects.get(username=username)


def test_it_creates_a_clinician_without_admin_access_in_a_new_team(db):
    output = create_clinician("dr_who", "--team", "Ward 7")

    assert "Created clinician 'dr_who' in team 'Ward 7' (a new team)." in output
    assert user().is_active
    assert not user().is_staff
    assert not user().is_superuser
    assert list(Team.objects.get(name="Ward 7").members.all()) == [user()]


def test_it_adds_the_clinician_to_an_existing_team(db):
    ward = TeamFactory(name="Ward 7", members=[UserFactory()])

    output = create_clinician("dr_who", "--team", "Ward 7")

    assert "(a new team)" not in output
    assert Team.objects.filter(name="Ward 7").count() == 1
    assert user() in ward.members.all()
    assert ward.members.count() == 2


def test_the_new_clinician_can_log_in_through_the_login_page(db):
    create_clinician("dr_who", "--team", "Ward 7")

    response = Client().post("/login/", {"username": "dr_who", "password": PASSWORD})

    assert response.status_code == 302
    assert response.url == "/"


def test_it_stores_the_email(db):
    create_clinician("dr_who", "--team", "Ward 7", "--email", "who@EXAMPLE.ORG")

    assert user().email == "who@example.org"


def test_it_asks_for_the_password_twice_without_echo(db):
    with mock.patch(
        "decisions.management.commands.create_clinician.getpass", return_value=PASSWORD
    ) as getpass:
        call_command("create_clinician", "dr_who", "--team", "Ward 7", stdout=io.StringIO())

    assert getpass.call_count == 2
    assert user().check_password(PASSWORD)


def test_it_refuses_passwords_that_differ(db):
    with (
        mock.patch(
            "decisions.management.commands.create_clinician.getpass",
            side_effect=[PASSWORD, PASSWORD + "!"],
        ),
        pytest.raises(CommandError, match="The passwords differ"),
    ):
        call_command("create_clinician", "dr_who", "--team", "Ward 7")

    assert not get_user_model().objects.exists()


def test_it_takes_only_the_first_line_of_standard_input(db):
    create_clinician("dr_who", "--team", "Ward 7", stdin=f"{PASSWORD}\nsomething else\n")

    assert user().check_password(PASSWORD)


def test_it_refuses_an_empty_standard_input(db):
    with pytest.raises(CommandError, match="No password"):
        create_clinician("dr_who", "--team", "Ward 7", stdin="")


def test_it_refuses_a_password_the_validators_refuse_and_creates_nothing(db):
    with pytest.raises(CommandError, match="Password refused: .*too common"):
        create_clinician("dr_who", "--team", "Ward 7", stdin="password\n")

    assert not get_user_model().objects.exists()
    assert not Team.objects.exists()


def test_it_refuses_an_existing_username_and_leaves_its_password_alone(db):
    UserFactory(username="dr_who")

    with pytest.raises(CommandError, match="User 'dr_who' already exists"):
        create_clinician("dr_who", "--team", "Ward 7")

    assert user().check_password("correct horse battery staple")


def test_the_team_is_required(db):
    with pytest.raises(CommandError, match="--team"):
        create_clinician("dr_who")


def test_it_refuses_an_address_that_would_add_a_header_and_creates_nothing(db):
    with pytest.raises(CommandError, match="Email address refused: Enter a valid email address."):
        create_clinician(
            "dr_who", "--team", "Ward 7", "--email", "h@example.org\r\nBcc: x@example.org"
        )

    assert not get_user_model().objects.exists()
    assert not Team.objects.exists()


def test_it_refuses_a_team_name_with_a_line_break(db):
    with pytest.raises(CommandError, match="Team name refused: .*one line"):
        create_clinician("dr_who", "--team", "Ward 7\nX-Header: y")

    assert not Team.objects.exists()
