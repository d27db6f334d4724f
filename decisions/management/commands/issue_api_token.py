from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from decisions.api.tokens import PREFIX_LENGTH, api_token_issue, api_token_revoke


class Command(BaseCommand):
    help = (
        "Issue an API token for an existing user and print it on the last line of output, "
        "or revoke the user's tokens."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--name", default="", help="What the token is for, e.g. the EHR.")
        revoke = parser.add_mutually_exclusive_group()
        revoke.add_argument("--revoke", metavar="PREFIX", help="Revoke the token with this prefix.")
        revoke.add_argument(
            "--revoke-all", action="store_true", help="Revoke all the user's tokens."
        )

    def handle(self, *args, username, name, revoke, revoke_all, **options):
        user = _get_user(username)
        if revoke_all:
            count = api_token_revoke(user=user)
            self.stdout.write(f"Revoked {count} token(s) of {username}.")
        elif revoke:
            if not api_token_revoke(user=user, prefix=revoke):
                raise CommandError(f"{username} has no live token with prefix {revoke!r}.")
            self.stdout.write(f"Revoked the token {revoke} of {username}.")
        else:
            raw = api_token_issue(user=user, name=name)
            self.stdout.write(
                f"API token for {username} (prefix {raw[:PREFIX_LENGTH]}). It is shown only now; "
                "send it as 'Authorization: Bearer <token>':"
            )
            # The contract: the token alone on the last line, so scripts can `| tail -n 1`.
            self.stdout.write(raw)


def _get_user(username):
    User = get_user_model()
    try:
        user = User._default_manager.get_by_natural_key(username)
    except User.DoesNotExist:
        raise CommandError(f"No user named {username!r}. Create one first.") from None
    if not user.is_active:
        raise CommandError(f"User {username!r} is inactive; a token for it would not work.")
    return user
