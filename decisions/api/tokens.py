"""API tokens: issue, rotate, revoke, and find the user behind a bearer token and what it may do."""

import hashlib
import secrets
import time
from dataclasses import dataclass
from datetime import timedelta
from functools import cache

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.db import connection
from django.utils import timezone

from decisions.models import ApiToken

Scope = ApiToken.Scope
# Last use is written at most this often per token: a request is not a write.
LAST_USE_RESOLUTION = timedelta(minutes=1)

TOKEN_MARKER = "ivig_"  # noqa: S105 # nosec B105 # a public marker, not a secret
# The marker plus 8 random characters: the marker alone would tell no two tokens apart.
PREFIX_LENGTH = len(TOKEN_MARKER) + 8
# A real token is 48 characters; anything far longer is not worth hashing.
MAX_TOKEN_LENGTH = 200


def _token_hash(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


def api_token_issue(
    *,
    user: AbstractBaseUser,
    name: str = "",
    scopes: tuple[str, ...] = (Scope.EVALUATE,),
    days: int | None = None,
) -> str:
    """Create a token for `user`, good for `scopes` during `days` (API_TOKEN_DAYS by default),
    and return it; this is the only time it can be seen."""
    unknown = set(scopes) - set(Scope.values)
    if unknown or not scopes:
        raise ValueError(f"Scopes must be some of {', '.join(Scope.values)}.")
    days = settings.API_TOKEN_DAYS if days is None else days
    raw = TOKEN_MARKER + secrets.token_urlsafe(32)
    ApiToken.objects.create(
        user=user,
        name=name,
        token_hash=_token_hash(raw),
        prefix=raw[:PREFIX_LENGTH],
        scopes=" ".join(dict.fromkeys(scopes)),
        expires_at=timezone.now() + timedelta(days=days),
    )
    return raw


def api_token_rotate(*, user: AbstractBaseUser, prefix: str, overlap_hours: int = 24) -> str:
    """A new token in place of the user's live token with `prefix`: same name and scopes, a full
    lifetime; the old one keeps working `overlap_hours` more (at most until it would expire),
    time for the client to switch. Returns the new token; LookupError if there is no such one."""
    old = ApiToken.objects.filter(
        user=user, prefix=prefix[:PREFIX_LENGTH], revoked_at__isnull=True
    ).first()
    if old is None:
        raise LookupError(f"no live token with prefix {prefix!r}")
    raw = api_token_issue(user=user, name=old.name, scopes=tuple(old.scope_list))
    old.expires_at = min(old.expires_at, timezone.now() + timedelta(hours=overlap_hours))
    old.save(update_fields=["expires_at"])
    forget_accepted_tokens(user_id=user.pk)
    return raw


def api_token_revoke(*, user: AbstractBaseUser, prefix: str | None = None) -> int:
    """Revoke the user's live tokens with this prefix (all if None); return how many."""
    tokens = ApiToken.objects.filter(user=user, revoked_at__isnull=True)
    if prefix is not None:
        tokens = tokens.filter(prefix=prefix[:PREFIX_LENGTH])
    revoked = tokens.update(revoked_at=timezone.now())
    forget_accepted_tokens(user_id=user.pk)
    return revoked


@dataclass(frozen=True)
class TokenCheck:
    """What a bearer token is worth: its holder if it is live, and what it may do."""

    user_id: int | None = None
    scopes: tuple[str, ...] = ()
    expired: bool = False

    def allows(self, scope: str) -> bool:
        return self.user_id is not None and scope in self.scopes


NO_TOKEN = TokenCheck()


# Tokens accepted lately, by hash: {hash: (check, monotonic time until which it is trusted)}.
# The database lookup costs more than a whole evaluation (benchmarks/api_latency.py), so each
# process trusts an accepted token for API_TOKEN_CACHE_SECONDS. Revoking a token or deactivating
# a user forgets at once in the process that does it; other processes follow within that time.
_accepted: dict[str, tuple[TokenCheck, float]] = {}
_MAX_ACCEPTED = 10_000


def bearer_token_check(raw: str | None) -> TokenCheck:
    """Who holds this token (an active user, not revoked, not expired) and its scopes."""
    if not raw or len(raw) > MAX_TOKEN_LENGTH:
        return NO_TOKEN
    digest = _token_hash(raw)
    now = time.monotonic()
    remembered = _accepted.get(digest)
    if remembered is not None and remembered[1] > now:
        return remembered[0]
    check = _token_check_for_hash(digest)
    trust_seconds = settings.API_TOKEN_CACHE_SECONDS
    if check.user_id is None or trust_seconds <= 0:
        _accepted.pop(digest, None)
        return check
    if len(_accepted) >= _MAX_ACCEPTED:
        _accepted.clear()
    _accepted[digest] = (check, now + trust_seconds)
    return check


def user_id_for_bearer_token(raw: str | None) -> int | None:
    """The id of the active user holding this live token (whatever its scopes), or None."""
    return bearer_token_check(raw).user_id


def forget_accepted_tokens(*, user_id: int | None = None) -> None:
    """Stop trusting remembered tokens of this user (of everyone if None) in this process."""
    if user_id is None:
        _accepted.clear()
        return
    for digest, (check, _until) in list(_accepted.items()):
        if check.user_id == user_id:
            _accepted.pop(digest, None)


def _token_check_for_hash(digest: str) -> TokenCheck:
    # Looked up by its hash, so the query costs the same whatever the token and no timing
    # difference reveals how much of a guess was right. Hand-written, because building it with
    # the ORM costs more than the evaluation itself.
    now = timezone.now()
    in_db = connection.ops.adapt_datetimefield_value
    with connection.cursor() as cursor:
        cursor.execute(_token_user_sql(), [in_db(now), in_db(now - LAST_USE_RESOLUTION), digest])
        row = cursor.fetchone()
    if row is None:
        return NO_TOKEN
    token_id, user_id, scopes, expired, last_use_old = row
    if last_use_old:
        ApiToken.objects.filter(pk=token_id).update(last_used_at=now)
    if expired:
        return TokenCheck(expired=True)
    return TokenCheck(user_id=user_id, scopes=tuple(scopes.split()))


@cache
def _token_user_sql() -> str:
    # Identifiers come from the models' own metadata; the token hash is a bound parameter.
    token, user = ApiToken._meta, get_user_model()._meta
    user_column = token.get_field("user").column
    return " ".join(
        (
            f"SELECT t.id, t.{user_column}, t.scopes,",
            "t.expires_at <= %s, (t.last_used_at IS NULL OR t.last_used_at < %s)",
            f"FROM {token.db_table} t",  # noqa: S608 # nosec B608 # see above
            f"JOIN {user.db_table} u ON u.{user.pk.column} = t.{user_column}",
            "WHERE t.token_hash = %s AND t.revoked_at IS NULL AND u.is_active",
        )
    )
