import pytest
from django.conf import settings
from django.core.cache import cache

from decisions.ehr.clients import cds_client_register

from .keys import ISSUER, SigningKey, claims, jwks


@pytest.fixture(autouse=True)
def _no_client_remembered():
    # Each process keeps what it read of a registration for seconds; a test starts afresh.
    cache.clear()


@pytest.fixture(scope="session")
def ehr_key():
    return SigningKey("ES384")


@pytest.fixture
def registered(db, ehr_key):
    """The EHR of the tests, trusted with its ES384 key."""
    return cds_client_register(issuer=ISSUER, jwks=jwks(ehr_key))


@pytest.fixture
def call(client, ehr_key, registered):
    """call(path, body=None): the request an EHR makes, with a fresh signed JWT (GET without a
    body)."""

    def make(path: str, body: dict | None = None, *, key=None):
        token = (key or ehr_key).sign(claims(settings.SITE_URL + path))
        headers = {"Authorization": f"Bearer {token}"}
        if body is None:
            return client.get(path, headers=headers)
        return client.post(path, data=body, content_type="application/json", headers=headers)

    return make
