from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from decisions.api.tokens import (
    PREFIX_LENGTH,
    Scope,
    api_token_issue,
    api_token_revoke,
    api_token_rotate,
)
from decisions.models import ApiToken


class Command(BaseCommand):
    help = (
        "Issue an API token for an existing user and print it on the last line of output; "
        "or rotate, revoke or list the user's tokens."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--name", default="", help="What the token is for, e.g. the EHR.")
        parser.add_argument(
            "--scope",
            action="append",
            choices=Scope.values,
            help="What the token may do; repeat for several (default: evaluate).",
        )
        parser.add_argument(
            "--days",
            type=int,
            default=None,
            help=f"How long it works (default API_TOKEN_DAYS, {settings.API_TOKEN_DAYS}).",
        )
        action = parser.add_mutually_exclusive_group()
        action.add_argument(
            "--rotate",
            metavar="PREFIX",
            help="Issue a new token in place of this one (same name and scopes); the old one "
            "works --overlap-hours more.",
        )
        action.add_argument("--revoke", metavar="PREFIX", help="Revoke the token with this prefix.")
        action.add_argument(
            "--revoke-all", action="store_true", help="Revoke all the user's tokens."
        )
        action.add_argument(
            "--list", action="store_true", help="List the user's tokens and their last use."
        )
        parser.add_argument("--overlap-hours", type=int, default=24)

    def handle(self, *args, username, name, scope, days, rotate, revoke, revoke_all, **options):
        user = _get_user(username)
        if options["list"]:
            self._list(user)
        elif revoke_all:
            count = api_token_revoke(user=user)
            self.stdout.write(f"Revoked {count} token(s) of {username}.")
        elif revoke:
            if not api_token_revoke(user=user, prefix=revoke):
                raise CommandError(f"{username} has no live token with prefix {revoke!r}.")
            self.stdout.write(f"Revoked the token {revoke} of {username}.")
        elif rotate:
            try:
                raw = api_token_rotate(
                    user=user, prefix=rotate, overlap_hours=options["overlap_hours"]
                )
            except LookupError:
                raise CommandError(
                    f"{username} has no live token with prefix {rotate!r}."
                ) from None
            self._print_token(
                raw,
                f"New API token for {username} in place of {rotate} (which works "
                f"{options['overlap_hours']} h more)",
            )
        else:
            raw = api_token_issue(
                user=user, name=name, scopes=tuple(scope or [Scope.EVALUATE]), days=days
            )
            self._print_token(raw, f"API token for {username}")

    def _print_token(self, raw: str, what: str) -> None:
        self.stdout.write(
            f"{what} (prefix {raw[:PREFIX_LENGTH]}). It is shown only now; "
            "send it as 'Authorization: Bearer <token>':"
        )
        # The contract: the token alone on the last line, so scripts can `| tail -n 1`.
        self.stdout.write(raw)

    def _list(self, user) -> None:
        now = timezone.now()
        for token in ApiToken.objects.filter(user=user).order_by("created_at"):
            state = (
                "revoked"
                if token.revoked_at
                else "expired"
                if token.expires_at <= now
                else f"expires {token.expires_at:%Y-%m-%d %H:%M}"
            )
            last_use = f"{token.last_used_at:%Y-%m-%d %H:%M}" if token.last_used_at else "never"
            self.stdout.write(
                f"{token.prefix}  {token.scopes:<20}  {state:<24}  last used {last_use}  "
                f"{token.name}"
            )


def _get_user(username):
    User = get_user_model()
    try:
        user = User._default_manager.get_by_natural_key(username)
    except User.DoesNotExist:
        raise CommandError(f"No user named {username!r}. Create one first.") from None
    if not user.is_active:
        raise CommandError(f"User {username!r} is inactive; a token for it would not work.")
    return user
