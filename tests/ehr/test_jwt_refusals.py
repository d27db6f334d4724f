"""Every call's JWT (CDS Hooks 2.0, Trusting CDS Clients; the contract): each refusal is a 401
in JSON and stores nothing; real keys, made here, sign the tokens."""

import base64
import hashlib
import hmac
import json
import time
from datetime import timedelta

import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric import ec
from django.conf import settings
from django.utils import timezone

from decisions.ehr.clients import cds_client_register, cds_client_revoke
from decisions.ehr.jwt_check import MAX_LIFETIME_SECONDS, used_jwt_ids_prune
from decisions.models import AuditEvent, EhrPrefill, UsedJwtId

from .fhir import ivig_order, order_call, platelets, prefetch_for, weight, years_ago
from .keys import ISSUER, SigningKey, claims, jwks

pytestmark = pytest.mark.django_db
SERVICE = "/cds-services/ivig-order-select"
# A call that, let through, would store a prefill (its dose card carries the link).
BODY = order_call(
    "order-select",
    [ivig_order(28)],
    prefetch_for(birth_date=years_ago(40), weight_obs=weight(70), platelet_obs=platelets(12)),
)


def _b64(data: dict | bytes) -> str:
    raw = data if isinstance(data, bytes) else json.dumps(data).encode()
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def unsigned(key, aud):
    return f"{_b64({'alg': 'none', 'typ': 'JWT', 'kid': key.kid})}.{_b64(claims(aud))}."


def hs256(key, aud):
    # Signed with the public key's own text as the HMAC secret: the classic algorithm confusion
    # (signed by hand, as PyJWT itself refuses to make such a token).
    secret = json.dumps(key.public_jwk).encode()
    signing_input = f"{_b64({'alg': 'HS256', 'typ': 'JWT', 'kid': key.kid})}.{_b64(claims(aud))}"
    signature = hmac.new(secret, signing_input.encode(), hashlib.sha256).digest()
    return f"{signing_input}.{_b64(signature)}"


def es256(key, aud):
    p256 = ec.generate_private_key(ec.SECP256R1())
    return jwt.encode(claims(aud), p256, algorithm="ES256", headers={"kid": key.kid, "typ": "JWT"})


def unknown_issuer(key, aud):
    return key.sign(claims(aud, issuer="https://stranger.example.org/"))


def wrong_audience(key, aud):
    return key.sign(claims(settings.SITE_URL + "/cds-services/ivig-order-sign"))


def other_site(key, aud):
    return key.sign(claims("https://elsewhere.example.org" + SERVICE))


def expired(key, aud):
    now = int(time.time())
    return key.sign({**claims(aud), "iat": now - 900, "exp": now - 600})


def issued_in_the_future(key, aud):
    now = int(time.time())
    return key.sign({**claims(aud), "iat": now + 600, "exp": now + 900})


def lives_too_long(key, aud):
    return key.sign(claims(aud, lifetime=MAX_LIFETIME_SECONDS + 3600))


def unknown_kid(key, aud):
    return SigningKey("ES384", kid=key.kid + "-rotated").sign(claims(aud))


def forged_with_another_key(key, aud):
    return SigningKey("ES384", kid=key.kid).sign(claims(aud))


def no_jti(key, aud):
    payload = claims(aud)
    del payload["jti"]
    return key.sign(payload)


def no_kid(key, aud):
    return jwt.encode(claims(aud), key.private, algorithm="ES384", headers={"typ": "JWT"})


def rsa_key_for_ec_token(key, aud):
    return SigningKey("RS384", kid=key.kid).sign(claims(aud))


REFUSALS = [
    ("alg none", unsigned),
    ("HS256", hs256),
    ("ES256, not on the list", es256),
    ("unknown issuer", unknown_issuer),
    ("aud of another service", wrong_audience),
    ("aud of another site", other_site),
    ("expired", expired),
    ("iat in the future", issued_in_the_future),
    ("exp too far ahead", lives_too_long),
    ("unknown kid", unknown_kid),
    ("signed by another key under the kid", forged_with_another_key),
    ("no jti", no_jti),
    ("no kid", no_kid),
    ("RS384 under an EC key's kid", rsa_key_for_ec_token),
]


def stored():
    return (UsedJwtId.objects.count(), EhrPrefill.objects.count(), AuditEvent.objects.count())


@pytest.mark.parametrize(("why", "make_token"), REFUSALS, ids=[r[0] for r in REFUSALS])
def test_it_refuses_the_token_with_401_and_stores_nothing(
    client, ehr_key, registered, why, make_token
):
    before = stored()
    token = make_token(ehr_key, settings.SITE_URL + SERVICE)

    response = client.post(
        SERVICE,
        data=BODY,
        content_type="application/json",
        headers={"Authorization": f"Bearer {token}"},
    )

    assert response.status_code == 401, why
    assert response["Content-Type"] == "application/json"
    assert response.json()["error"]
    assert stored() == before


@pytest.mark.parametrize("header", ["", "Basic abc", "Bearer ", "Bearer not.a.jwt"])
def test_it_refuses_a_call_without_a_usable_bearer_jwt(client, registered, header):
    before = stored()
    headers = {"Authorization": header} if header else {}

    response = client.post(SERVICE, data=BODY, content_type="application/json", headers=headers)

    assert response.status_code == 401
    assert stored() == before


def test_it_refuses_a_replayed_jti_and_stores_nothing_more(client, ehr_key, registered):
    token = ehr_key.sign(claims(settings.SITE_URL + SERVICE))
    headers = {"Authorization": f"Bearer {token}"}
    first = client.post(SERVICE, data=BODY, content_type="application/json", headers=headers)
    before = stored()

    again = client.post(SERVICE, data=BODY, content_type="application/json", headers=headers)

    assert first.status_code == 200
    assert again.status_code == 401
    assert "used before" in again.json()["error"]
    assert stored() == before


def test_the_jti_is_kept_in_the_database_until_the_token_expires(client, ehr_key, registered):
    payload = claims(settings.SITE_URL + "/cds-services")

    client.get("/cds-services", headers={"Authorization": f"Bearer {ehr_key.sign(payload)}"})

    kept = UsedJwtId.objects.get(jti=payload["jti"])
    assert kept.issuer == ISSUER
    assert kept.expires_at.timestamp() >= payload["exp"]


def test_expired_jwt_ids_are_pruned(registered):
    UsedJwtId.objects.create(jti="old", issuer=ISSUER, expires_at=timezone.now() - timedelta(1))
    UsedJwtId.objects.create(jti="live", issuer=ISSUER, expires_at=timezone.now() + timedelta(1))

    assert used_jwt_ids_prune() == 1
    assert list(UsedJwtId.objects.values_list("jti", flat=True)) == ["live"]


@pytest.mark.parametrize("alg", ["ES384", "RS384"])
def test_it_takes_es384_and_rs384(client, alg):
    key = SigningKey(alg)
    cds_client_register(issuer=ISSUER, jwks=jwks(key))
    token = key.sign(claims(settings.SITE_URL + "/cds-services"))

    response = client.get("/cds-services", headers={"Authorization": f"Bearer {token}"})

    assert response.status_code == 200


def test_a_revoked_client_is_refused(client, ehr_key, registered):
    cds_client_revoke(issuer=ISSUER)
    token = ehr_key.sign(claims(settings.SITE_URL + "/cds-services"))

    response = client.get("/cds-services", headers={"Authorization": f"Bearer {token}"})

    assert response.status_code == 401


def test_a_clock_skew_of_seconds_is_tolerated(client, ehr_key, registered):
    now = int(time.time())
    payload = {**claims(settings.SITE_URL + "/cds-services"), "iat": now + 20, "exp": now + 320}

    response = client.get(
        "/cds-services", headers={"Authorization": f"Bearer {ehr_key.sign(payload)}"}
    )

    assert response.status_code == 200
