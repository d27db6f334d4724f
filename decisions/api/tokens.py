"""API tokens: issue, revoke, and find the user behind a bearer token."""

import hashlib
import secrets
import time
from functools import cache

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.db import connection
from django.utils import timezone

from decisions.models import ApiToken

TOKEN_MARKER = "ivig_"  # noqa: S105 # nosec B105 # a public marker, not a secret
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
    revoked = tokens.update(revoked_at=timezone.now())
    forget_accepted_tokens(user_id=user.pk)
    return revoked


# Tokens accepted lately, by hash: {hash: (user id, monotonic time until which it is trusted)}.
# The database lookup costs more than a whole evaluation (benchmarks/api_latency.py), so each
# process trusts an accepted token for API_TOKEN_CACHE_SECONDS. Revoking a token or deactivating
# a user forgets at once in the process that does it; other processes follow within that time.
_accepted: dict[str, tuple[int, float]] = {}
_MAX_ACCEPTED = 10_000


def user_id_for_bearer_token(raw: str | None) -> int | None:
    """The id of the active user holding this unrevoked token, or None."""
    if not raw or len(raw) > MAX_TOKEN_LENGTH:
        return None
    digest = _token_hash(raw)
    now = time.monotonic()
    remembered = _accepted.get(digest)
    if remembered is not None and remembered[1] > now:
        return remembered[0]
    user_id = _user_id_for_token_hash(digest)
    trust_seconds = settings.API_TOKEN_CACHE_SECONDS
    if user_id is None or trust_seconds <= 0:
        _accepted.pop(digest, None)
        return user_id
    if len(_accepted) >= _MAX_ACCEPTED:
        _accepted.clear()
    _accepted[digest] = (user_id, now + trust_seconds)
    return user_id


def forget_accepted_tokens(*, user_id: int | None = None) -> None:
    """Stop trusting remembered tokens of this user (of everyone if None) in this process."""
    if user_id is None:
        _accepted.clear()
        return
    for digest, (holder, _until) in list(_accepted.items()):
        if holder == user_id:
            _accepted.pop(digest, None)


def _user_id_for_token_hash(digest: str) -> int | None:
    # Looked up by its hash, so the query costs the same whatever the token and no timing
    # difference reveals how much of a guess was right. Hand-written, because building it with
    # the ORM costs more than the evaluation itself.
    with connection.cursor() as cursor:
        cursor.execute(_token_user_sql(), [digest])
        row = cursor.fetchone()
    return row[0] if row else None


@cache
def _token_user_sql() -> str:
    # Identifiers come from the models' own metadata; the token hash is a bound parameter.
    token, user = ApiToken._meta, get_user_model()._meta
    user_column = token.get_field("user").column
    return " ".join(
        (
            f"SELECT t.{user_column} FROM {token.db_table} t",  # noqa: S608 # nosec B608 # see above
            f"JOIN {user.db_table} u ON u.{user.pk.column} = t.{user_column}",
            "WHERE t.token_hash = %s AND t.revoked_at IS NULL AND u.is_active",
        )
    )
