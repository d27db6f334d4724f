"""The CDS clients this service trusts, and their signing keys (JWK Sets).

A JWK Set registered from a file is stored; one registered by URL is fetched with a timeout and
kept in the cache for JWKS_CACHE_SECONDS, fetched again at once (at most every
JWKS_REFETCH_SECONDS) when a token names a key it lacks, as clients rotate keys.
"""

import json
import time

import httpx
from django.core.cache import cache
from django.db import transaction

from decisions.models import CdsClient

JWKS_FETCH_TIMEOUT_SECONDS = 5
JWKS_CACHE_SECONDS = 300
JWKS_REFETCH_SECONDS = 30
# How long one process trusts what it read of a client's registration (one query less per call);
# a revocation holds everywhere within this time, at once in the process that made it.
CLIENT_CACHE_SECONDS = 10


class JwksUnavailable(Exception):
    """The client's JWK Set could not be read (bad file, URL down, not a JWK Set)."""


def _checked_jwks(data) -> dict:
    if not isinstance(data, dict) or not isinstance(data.get("keys"), list):
        raise JwksUnavailable("not a JWK Set: a JSON object with a 'keys' list is expected")
    for key in data["keys"]:
        if not isinstance(key, dict) or not key.get("kid"):
            raise JwksUnavailable("every key of the JWK Set needs a 'kid'")
        if any(private in key for private in ("d", "p", "q", "k")):
            # Only public keys are registered; a private (or symmetric) key here is a leak.
            raise JwksUnavailable(f"key {key['kid']!r} holds private or symmetric material")
    return data


def jwks_fetch(url: str) -> dict:
    """The JWK Set at `url`, checked; JwksUnavailable if it cannot be had."""
    try:
        response = httpx.get(url, timeout=JWKS_FETCH_TIMEOUT_SECONDS, follow_redirects=False)
        response.raise_for_status()
        return _checked_jwks(response.json())
    except (httpx.HTTPError, ValueError) as error:
        raise JwksUnavailable(f"{url}: {error}") from None


def jwks_read_file(text: str) -> dict:
    try:
        return _checked_jwks(json.loads(text))
    except ValueError as error:
        raise JwksUnavailable(f"not JSON: {error}") from None


@transaction.atomic
def cds_client_register(*, issuer: str, jwks: dict | None = None, jwks_url: str = "") -> CdsClient:
    """Trust `issuer` with this JWK Set (or the one at `jwks_url`); a second call replaces it."""
    if (jwks is None) == (not jwks_url):
        raise ValueError("give either a JWK Set or its URL")
    if jwks is not None:
        _checked_jwks(jwks)
    else:
        jwks_fetch(jwks_url)  # refuse a URL that does not serve a JWK Set now
    client, _ = CdsClient.objects.update_or_create(
        issuer=issuer, defaults={"jwks": jwks or {}, "jwks_url": jwks_url}
    )
    cache.delete_many([_cache_key(issuer), "cds-client:" + issuer])
    return client


def cds_client_revoke(*, issuer: str) -> bool:
    """Stop trusting `issuer`; whether it was registered."""
    deleted, _ = CdsClient.objects.filter(issuer=issuer).delete()
    cache.delete_many([_cache_key(issuer), "cds-client:" + issuer])
    return bool(deleted)


def _cache_key(issuer: str) -> str:
    return "cds-jwks:" + issuer


def _registration(issuer: str) -> tuple[dict, str] | None:
    """(stored JWK Set, JWK Set URL) of a registered client, or None; cached briefly."""
    key = "cds-client:" + issuer
    cached = cache.get(key)
    if cached is None:
        client = CdsClient.objects.filter(issuer=issuer).only("jwks", "jwks_url").first()
        cached = (client.jwks, client.jwks_url) if client else ()
        cache.set(key, cached, CLIENT_CACHE_SECONDS)
    return cached or None


def client_key(issuer: str, kid: str) -> dict | None:
    """The public JWK `kid` of the registered client `issuer`, or None (unknown client or key).

    Raises JwksUnavailable when the client's JWK Set URL cannot be read."""
    registration = _registration(issuer)
    if registration is None:
        return None
    jwks, jwks_url = registration
    if not jwks_url:
        return _key_in(jwks, kid)
    cached = cache.get(_cache_key(issuer))
    if cached is not None:
        key = _key_in(cached["jwks"], kid)
        if key is not None or time.time() - cached["at"] < JWKS_REFETCH_SECONDS:
            return key
    jwks = jwks_fetch(jwks_url)
    cache.set(_cache_key(issuer), {"jwks": jwks, "at": time.time()}, JWKS_CACHE_SECONDS)
    return _key_in(jwks, kid)


def _key_in(jwks: dict, kid: str) -> dict | None:
    return next((key for key in jwks.get("keys", []) if key.get("kid") == kid), None)
