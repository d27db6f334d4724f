import sys
from getpass import getpass

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from decisions.accounts.clinicians import ClinicianExistsError, clinician_create


class Command(BaseCommand):
    help = (
        "Create a clinician (a user without admin access) in a team, creating the team if "
        "needed. Asks for the password unless --password-stdin is given."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--team", required=True, help='The team\'s name, e.g. "Ward 7".')
        parser.add_argument("--email", default="")
        parser.add_argument(
            "--password-stdin",
            action="store_true",
            help="Read the password from the first line of standard input (for scripts); "
            "it never appears in the command line or the shell history.",
        )

    def handle(self, *args, username, team, email, password_stdin, **options):
        password = _password_from_stdin() if password_stdin else _password_prompted()
        try:
            _user, team_created = clinician_create(
                username=username, team_name=team, password=password, email=email
            )
        except ClinicianExistsError as error:
            raise CommandError(str(error)) from None
        except ValidationError as error:
            raise CommandError(_refusals(error)) from None
        self.stdout.write(
            self.style.SUCCESS(
                f"Created clinician '{username}' in team '{team}'"
                + (" (a new team)." if team_created else ".")
            )
        )


REFUSED = {
    "email": "Email address refused",
    "team": "Team name refused",
    "password": "Password refused",  # nosec B105 # a heading for the error, not a password
}


def _refusals(error: ValidationError) -> str:
    return " ".join(
        f"{REFUSED.get(field, field)}: " + " ".join(messages)
        for field, messages in error.message_dict.items()
    )


def _password_from_stdin() -> str:
    password = sys.stdin.readline().rstrip("\r\n")
    if not password:
        raise CommandError("No password on standard input.")
    return password


def _password_prompted() -> str:
    password = getpass("Password: ")
    if password != getpass("Password (again): "):
        raise CommandError("The passwords differ.")
    if not password:
        raise CommandError("The password is empty.")
    return password
