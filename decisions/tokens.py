"""API tokens: issue, revoke, and find the user behind a bearer token."""

import hashlib
import secrets

from django.contrib.auth.models import AbstractBaseUser
from django.utils import timezone

from .models import ApiToken

TOKEN_MARKER = "ivig_"  # noqa: S105 (a public marker, not a secret)
# The marker plus 8 random characters: the marker alone would tell no two tokens apart.
PREFIX_LENGTH = len(TOKEN_MARKER) + 8
# A real token is 48 characters; anything far longer is not worth hashing.
MAX_TOKEN_LENGTH = 200


def _token_hash(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


def api_token_issue(*, user: AbstractBaseUser, name: str = "") -> str:
    """Create a token for `user` and return it; this is the only time it can be seen."""
    raw = TOKEN_MARKER + secrets.token_urlsafe(32)
    ApiToken.objects.create(
        user=user, name=name, token_hash=_token_hash(raw), prefix=raw[:PREFIX_LENGTH]
    )
    return raw


def api_token_revoke(*, user: AbstractBaseUser, prefix: str | None = None) -> int:
    """Revoke the user's live tokens with this prefix (all if None); return how many."""
    tokens = ApiToken.objects.filter(user=user, revoked_at__isnull=True)
    if prefix is not None:
        tokens = tokens.filter(prefix=prefix[:PREFIX_LENGTH])
    return tokens.update(revoked_at=timezone.now())


def user_for_bearer_token(raw: str | None) -> AbstractBaseUser | None:
    """The active user holding this unrevoked token, or None."""
    if not raw or len(raw) > MAX_TOKEN_LENGTH:
        return None
    # Looked up by its hash, so the query costs the same whatever the token and no timing
    # difference reveals how much of a guess was right.
    token = (
        ApiToken.objects.select_related("user")
        .filter(token_hash=_token_hash(raw), revoked_at__isnull=True, user__is_active=True)
        .first()
    )
    return token.user if token else None
