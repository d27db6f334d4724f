"""The address a request came from, as the login lockout counts it."""

from django.conf import settings
from django.http import HttpRequest


def client_address(request: HttpRequest) -> str | None:
    """The browser's address, not that of our own reverse proxies.

    Each of the REVERSE_PROXY_COUNT proxies appends the address it was reached from to
    X-Forwarded-For, so the browser is that many entries from the right; anything further left
    was written by the client and could be forged to dodge a lockout.
    """
    proxies = settings.REVERSE_PROXY_COUNT
    if proxies:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        forwarded = [address.strip() for address in forwarded if address.strip()]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR")
