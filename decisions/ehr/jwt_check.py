"""The JWT every CDS Hooks call carries (CDS Hooks 2.0, Trusting CDS Clients; the contract).

Header: `alg` ES384 or RS384 only (`none` and every HMAC refused), `kid`, `typ: JWT`. Payload:
`iss` a registered client, `aud` the URL called (SITE_URL and the request's path), `exp`, `iat`
within CLOCK_SKEW_SECONDS, `jti` never seen before. The `jti` is written to the database only
once everything else holds, so a refused token stores nothing.
"""

from dataclasses import dataclass
from datetime import UTC, datetime

import jwt
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from decisions.ehr.clients import JwksUnavailable, client_key
from decisions.models import UsedJwtId

# CDS Hooks 2.0: "both ES384 and RS384 are RECOMMENDED"; symmetric algorithms SHALL NOT be used.
ALGORITHMS = ("ES384", "RS384")
CLOCK_SKEW_SECONDS = 60
# A token lives minutes (one call): a longer `exp` would keep its jti, and its replay window, long.
MAX_LIFETIME_SECONDS = 600
BEARER = "Bearer "


class JwtRefused(Exception):
    """The call's JWT is refused; the message says why (it names no key material)."""


@dataclass(frozen=True)
class VerifiedCall:
    issuer: str
    jti: str


def _header(token: str) -> dict:
    try:
        header = jwt.get_unverified_header(token)
    except jwt.PyJWTError:
        raise JwtRefused("The bearer token is not a JWT.") from None
    if header.get("alg") not in ALGORITHMS:
        raise JwtRefused(f"JWT alg must be one of {', '.join(ALGORITHMS)}.")
    if str(header.get("typ", "")).upper() != "JWT":
        raise JwtRefused("JWT typ must be JWT.")
    if not isinstance(header.get("kid"), str) or not header["kid"]:
        raise JwtRefused("JWT kid is missing.")
    return header


def _issuer(token: str) -> str:
    try:
        claims = jwt.decode(token, options={"verify_signature": False})
    except jwt.PyJWTError:
        raise JwtRefused("The JWT payload is not readable.") from None
    issuer = claims.get("iss")
    if not isinstance(issuer, str) or not issuer:
        raise JwtRefused("JWT iss is missing.")
    return issuer


def _public_key(issuer: str, header: dict):
    try:
        jwk = client_key(issuer, header["kid"])
    except JwksUnavailable:
        raise JwtRefused("The client's keys could not be fetched.") from None
    if jwk is None:
        raise JwtRefused("Unknown issuer or key id.")
    if jwk.get("alg") not in (None, header["alg"]):
        raise JwtRefused("The key does not sign with the JWT's alg.")
    try:
        return jwt.PyJWK(jwk, algorithm=header["alg"]).key
    except jwt.PyJWTError:
        raise JwtRefused("The registered key does not fit the JWT's alg.") from None


def _claims(token: str, key, header: dict, issuer: str, audience: str) -> dict:
    try:
        claims = jwt.decode(
            token,
            key,
            algorithms=[header["alg"]],
            audience=audience,
            issuer=issuer,
            leeway=CLOCK_SKEW_SECONDS,
            options={"require": ["iss", "aud", "exp", "iat", "jti"]},
        )
    except jwt.ExpiredSignatureError:
        raise JwtRefused("The JWT has expired.") from None
    except jwt.InvalidAudienceError:
        raise JwtRefused("JWT aud is not the URL called.") from None
    except jwt.ImmatureSignatureError:
        raise JwtRefused("JWT iat is in the future.") from None
    except (jwt.PyJWTError, ValueError):
        # ValueError: a signature of the wrong shape for the key (an RSA key on an EC token).
        raise JwtRefused("The JWT signature or claims are invalid.") from None
    now = timezone.now().timestamp()
    if claims["exp"] > now + MAX_LIFETIME_SECONDS + CLOCK_SKEW_SECONDS:
        raise JwtRefused(f"JWT exp is more than {MAX_LIFETIME_SECONDS} s ahead.")
    if not isinstance(claims["jti"], str) or not claims["jti"] or len(claims["jti"]) > 255:
        raise JwtRefused("JWT jti must be a string of 1-255 characters.")
    return claims


def _remember_jti(claims: dict, issuer: str) -> None:
    expires = datetime.fromtimestamp(claims["exp"] + CLOCK_SKEW_SECONDS, tz=UTC)
    used = UsedJwtId(jti=claims["jti"], issuer=issuer, expires_at=expires)
    try:
        if connection.in_atomic_block:  # a savepoint keeps the outer transaction usable
            with transaction.atomic():
                used.save(force_insert=True)
        else:  # autocommit: one INSERT, its own transaction, one round trip
            used.save(force_insert=True)
    except IntegrityError:
        raise JwtRefused("This JWT (its jti) was used before.") from None


def verify_call(authorization: str, audience: str) -> VerifiedCall:
    """Check the `Authorization` header of a call to `audience`; JwtRefused if it fails."""
    if not authorization.startswith(BEARER):
        raise JwtRefused("Send 'Authorization: Bearer <JWT>'.")
    token = authorization[len(BEARER) :].strip()
    header = _header(token)
    issuer = _issuer(token)
    key = _public_key(issuer, header)
    claims = _claims(token, key, header, issuer, audience)
    _remember_jti(claims, issuer)
    return VerifiedCall(issuer=issuer, jti=claims["jti"])


def used_jwt_ids_prune() -> int:
    """Forget the jti of tokens that have expired (a replay of them is refused as expired)."""
    deleted, _ = UsedJwtId.objects.filter(expires_at__lt=timezone.now()).delete()
    return deleted
