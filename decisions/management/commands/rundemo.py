import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.shortcuts import resolve_url

from decisions.clinicians import team_member_add

DEMO_USERNAME = "demo"
DEMO_TEAM = "Demo ward"


class Command(BaseCommand):
    help = "Migrate, create a demo clinician login with a fresh password, and run the dev server."

    def add_arguments(self, parser):
        parser.add_argument("--addrport", default="127.0.0.1:8000", help="Default: %(default)s.")

    def handle(self, *args, addrport, **options):
        call_command("migrate", interactive=False, verbosity=0)
        password = _demo_user_reset_password()
        host, _, port = addrport.rpartition(":")
        host = host if host not in ("", "0.0.0.0", "[::]") else "127.0.0.1"  # noqa: S104
        self.stdout.write(
            self.style.SUCCESS("\nIVIG decision support demo\n")
            + f"  Log in at: http://{host}:{port}{resolve_url(settings.LOGIN_URL)}\n"
            + f"  Username:  {DEMO_USERNAME}\n"
            + f"  Password:  {password}\n"
        )
        # No autoreloader: it would run this command again in a child process and print a
        # second password, leaving the first one wrong.
        call_command("runserver", addrport, use_reloader=False)


def _demo_user_reset_password() -> str:
    """Create the demo clinician, or give it a new random password; return the password."""
    password = secrets.token_urlsafe(12)
    user, _ = get_user_model()._default_manager.get_or_create(username=DEMO_USERNAME)
    user.set_password(password)
    user.is_active = True
    # An ordinary clinician, as the demo should show: no admin (earlier demos made it staff).
    user.is_staff = False
    user.is_superuser = False
    user.save()
    team_member_add(user=user, team_name=DEMO_TEAM)
    return password
