"""Discovery, feedback into the audit trail, and registering an EHR (file or URL, revoked)."""

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from decisions.cases.audit import audit_verify
from decisions.ehr.clients import JWKS_REFETCH_SECONDS
from decisions.models import AuditEvent, CdsClient

from .keys import ISSUER, SigningKey, claims, jwks

pytestmark = pytest.mark.django_db
LOINC = "http://loinc.org"


def test_discovery_lists_the_three_services_of_the_contract(call):
    response = call("/cds-services")

    assert response.status_code == 200
    services = {s["id"]: s for s in response.json()["services"]}
    assert {sid: s["hook"] for sid, s in services.items()} == {
        "ivig-order-select": "order-select",
        "ivig-order-sign": "order-sign",
        "ivig-patient-view": "patient-view",
    }
    for service in services.values():
        prefetch = service["prefetch"]
        assert service["description"]
        assert prefetch["patient"] == "Patient/{{context.patientId}}"
        for key, codes in (
            ("platelets", ("777-3", "26515-7")),
            ("weight", ("29463-7",)),
            ("creatinine", ("2160-0", "14682-9")),
        ):
            assert prefetch[key].startswith("Observation?patient={{context.patientId}}&code=")
            for code in codes:
                assert f"{LOINC}|{code}" in prefetch[key]
            assert "_sort=-date&_count=1" in prefetch[key]


def test_discovery_needs_the_jwt_too(client, registered):
    assert client.get("/cds-services").status_code == 401


FEEDBACK = [
    (
        {
            "card": "4e0a3a1e-3283-4575-ab82-028d55fe2719",
            "outcome": "accepted",
            "acceptedSuggestions": [{"id": "e56e1945-20b3-4393-8503-a1a20fd73152"}],
            "outcomeTimestamp": "2021-12-11T10:05:31Z",
        },
        {"accepted_suggestions": ["e56e1945-20b3-4393-8503-a1a20fd73152"]},
    ),
    (
        {
            "card": "f6b95768-b1c8-40dc-8385-bf3504b82ffb",
            "outcome": "overridden",
            "outcomeTimestamp": "2020-12-11T00:00:00Z",
        },
        {},
    ),
    (
        {
            "card": "9368d37b-283f-44a0-93ea-547cebab93ed",
            "outcome": "overridden",
            "overrideReason": {
                "reason": {
                    "code": "indication-not-primary-itp",
                    "system": "http://127.0.0.1:8000/cds-services/override-reasons",
                    "display": "The indication is not primary ITP",
                },
                "userComment": "HIV-associated ITP, on antivirals.",
            },
            "outcomeTimestamp": "2020-12-11T00:00:00Z",
        },
        {
            "override_reason": {
                "code": "indication-not-primary-itp",
                "system": "http://127.0.0.1:8000/cds-services/override-reasons",
                "display": "The indication is not primary ITP",
            },
            "override_comment": "HIV-associated ITP, on antivirals.",
        },
    ),
]


@pytest.mark.parametrize(("item", "recorded"), FEEDBACK, ids=["accepted", "overridden", "reason"])
def test_feedback_is_recorded_in_the_audit_trail_with_the_cards_id(call, item, recorded):
    response = call("/cds-services/ivig-order-sign/feedback", {"feedback": [item]})

    assert response.status_code == 200
    event = AuditEvent.objects.get(action=AuditEvent.Action.CDS_FEEDBACK)
    assert event.case is None and event.actor is None
    assert event.detail["card"] == item["card"]
    assert event.detail["outcome"] == item["outcome"]
    assert event.detail["service"] == "ivig-order-sign"
    assert event.detail["client"] == ISSUER
    for key, value in recorded.items():
        assert event.detail[key] == value
    count, breaks = audit_verify()
    assert count == 1 and not breaks  # chained as every other event


@pytest.mark.parametrize(
    "body",
    [
        {},
        {"feedback": []},
        {"feedback": [{"card": "x", "outcome": "ignored"}]},
        {"feedback": [{"card": "x", "outcome": "accepted", "outcomeTimestamp": "t"}]},
    ],
)
def test_feedback_that_is_not_cds_hooks_feedback_is_400_and_recorded_nowhere(call, body):
    response = call("/cds-services/ivig-order-sign/feedback", body)

    assert response.status_code == 400
    assert not AuditEvent.objects.exists()


def test_register_cds_client_from_a_file_and_revoke(tmp_path, client):
    key = SigningKey("RS384")
    path = tmp_path / "jwks.json"
    path.write_text(json.dumps(jwks(key)))

    call_command("register_cds_client", ISSUER, "--jwks-file", str(path))
    token = key.sign(claims(settings.SITE_URL + "/cds-services"))
    assert (
        client.get("/cds-services", headers={"Authorization": f"Bearer {token}"}).status_code == 200
    )

    call_command("register_cds_client", ISSUER, "--revoke")
    assert not CdsClient.objects.exists()
    with pytest.raises(CommandError):
        call_command("register_cds_client", ISSUER, "--revoke")


def test_register_refuses_a_jwks_with_a_private_key(tmp_path):
    key = SigningKey("ES384")
    private = {**key.public_jwk, "d": "c2VjcmV0"}
    path = tmp_path / "jwks.json"
    path.write_text(json.dumps({"keys": [private]}))

    with pytest.raises(CommandError, match="private"):
        call_command("register_cds_client", ISSUER, "--jwks-file", str(path))
    assert not CdsClient.objects.exists()


class JwksServer:
    """The EHR's JWK Set URL on loopback; counts how often it is fetched."""

    def __init__(self, document: dict):
        self.document, self.fetches = document, 0
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802
                server.fetches += 1
                data = json.dumps(server.document).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args):
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/jwks.json"

    def stop(self):
        self.httpd.shutdown()
        self.httpd.server_close()


def test_a_jwks_url_is_fetched_cached_and_fetched_again_for_a_new_key(
    client, settings, monkeypatch
):
    settings.CACHES = {
        **settings.CACHES,
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "jwks-test",
        },
    }
    first, rotated = SigningKey("ES384"), SigningKey("ES384")
    server = JwksServer(jwks(first))
    try:
        call_command("register_cds_client", ISSUER, "--jwks-url", server.url)

        def get(key):
            token = key.sign(claims(settings.SITE_URL + "/cds-services"))
            return client.get("/cds-services", headers={"Authorization": f"Bearer {token}"})

        assert get(first).status_code == 200
        assert get(first).status_code == 200
        fetched = server.fetches  # the registration's and the first call's
        assert fetched == 2  # the registration's and the first call's: the second was cached
        server.document = jwks(first, rotated)
        assert get(rotated).status_code == 401  # unknown kid: fetched again at most every 30 s
        assert server.fetches == fetched
        later = time.time() + JWKS_REFETCH_SECONDS + 1
        monkeypatch.setattr("decisions.ehr.clients.time.time", lambda: later)
        assert get(rotated).status_code == 200  # the rotated key, fetched
        assert server.fetches == fetched + 1
    finally:
        server.stop()
