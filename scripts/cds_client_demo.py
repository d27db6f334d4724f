#!/usr/bin/env python3
"""A CDS client driven as an EHR drives it: it makes its signing key, registers itself with the
service (`manage.py register_cds_client`), discovers the services, calls ivig-order-select and
ivig-order-sign with the CDS Hooks 2.0 specification's order examples adapted to an IVIG order,
applies the dose card's suggestion, calls again (no dose card the second time) and sends its
feedback.

    .venv/bin/python scripts/cds_client_demo.py --base-url http://127.0.0.1:8000

The site's SITE_URL must be the base URL given (the JWT's `aud` is SITE_URL and the path).
Uses httpx and PyJWT only: nothing of the site is imported.
"""

import argparse
import copy
import json
import subprocess  # nosec B404 # runs this project's own manage.py, with fixed arguments
import sys
import tempfile
import time
import uuid
from datetime import UTC, datetime
from pathlib import Path

import httpx
import jwt
from cryptography.hazmat.primitives.asymmetric import ec
from jwt.algorithms import ECAlgorithm

PROJECT = Path(__file__).resolve().parents[1]
ISSUER = "https://fhir-ehr.example.com/"
PATIENT_ID = "1288992"


def spec_patient() -> dict:
    """The specification's example patient (patient-view request), with a name and number."""
    return {
        "resourceType": "Patient",
        "gender": "male",
        "birthDate": "1958-12-23",
        "id": PATIENT_ID,
        "active": True,
        "name": [{"use": "official", "family": "Example", "given": ["Pat"]}],
        "identifier": [{"type": {"coding": [{"code": "MR"}]}, "value": "EX-1288992"}],
    }


def observation(code: str, value: float, unit: str, days_ago: float = 0) -> dict:
    taken = datetime.fromtimestamp(time.time() - days_ago * 86400, tz=UTC)
    return {
        "resourceType": "Observation",
        "status": "final",
        "code": {"coding": [{"system": "http://loinc.org", "code": code}]},
        "subject": {"reference": f"Patient/{PATIENT_ID}"},
        "effectiveDateTime": taken.isoformat(timespec="seconds"),
        "valueQuantity": {
            "value": value,
            "unit": unit,
            "system": "http://unitsofmeasure.org",
            "code": unit,
        },
    }


def searchset(*resources) -> dict:
    return {
        "resourceType": "Bundle",
        "type": "searchset",
        "entry": [{"resource": r} for r in resources],
    }


def ivig_medication_request() -> dict:
    """The specification's R4 order-select MedicationRequest (smart-MedicationRequest-103),
    adapted: IVIG (ATC J06BA02) as the outdated 0.4 g/kg/day x 5 days for an 80 kg adult."""
    return {
        "resourceType": "MedicationRequest",
        "id": "smart-MedicationRequest-103",
        "status": "draft",
        "intent": "order",
        "priority": "routine",
        "medicationCodeableConcept": {
            "coding": [
                {
                    "system": "http://www.whocc.no/atc",
                    "code": "J06BA02",
                    "display": "immunoglobulins, normal human, for intravascular adm.",
                }
            ],
            "text": "Immune globulin intravenous (human) 10% solution",
        },
        "subject": {"reference": f"Patient/{PATIENT_ID}"},
        "dosageInstruction": [
            {
                "text": "32 g IV daily x 5 days",
                "timing": {
                    "repeat": {
                        "boundsPeriod": {"start": datetime.now(UTC).date().isoformat()},
                        "count": 5,
                        "frequency": 1,
                        "period": 1,
                        "periodUnit": "d",
                    }
                },
                "doseAndRate": [
                    {
                        "doseQuantity": {
                            "value": 32,
                            "unit": "g",
                            "system": "http://unitsofmeasure.org",
                            "code": "g",
                        }
                    }
                ],
            }
        ],
    }


def hook_request(hook: str, order: dict) -> dict:
    """The specification's order-select / order-sign request, with this service's prefetch."""
    context = {
        "userId": "PractitionerRole/123",
        "patientId": PATIENT_ID,
        "encounterId": "89284",
        "draftOrders": {
            "resourceType": "Bundle",
            "entry": [
                {
                    "resource": {
                        "resourceType": "NutritionOrder",
                        "id": "pureeddiet-simple",
                        "status": "draft",
                        "patient": {"reference": f"Patient/{PATIENT_ID}"},
                        "dateTime": "2014-09-17",
                    }
                },
                {"resource": order},
            ],
        },
    }
    if hook == "order-select":
        context["selections"] = [f"MedicationRequest/{order['id']}"]
    return {
        "hookInstance": str(uuid.uuid4()),
        "hook": hook,
        "context": context,
        "prefetch": {
            "patient": spec_patient(),
            "platelets": searchset(observation("777-3", 18, "10*3/uL", days_ago=0.1)),
            "weight": searchset(observation("29463-7", 80, "kg", days_ago=1)),
            "creatinine": searchset(observation("2160-0", 0.9, "mg/dL", days_ago=1)),
        },
    }


class DemoEhr:
    def __init__(self, base_url: str, *, issuer: str = ISSUER, register=None, log=print):
        self.base_url = base_url.rstrip("/")
        self.issuer = issuer
        self.key = ec.generate_private_key(ec.SECP384R1())
        self.kid = f"demo-{uuid.uuid4().hex[:8]}"
        self.register_with = register or self._register_with_manage_py
        self.log = log
        self.http = httpx.Client(base_url=self.base_url, timeout=30)

    def jwks(self) -> dict:
        public = json.loads(ECAlgorithm.to_jwk(self.key.public_key()))
        return {"keys": [{**public, "kid": self.kid, "use": "sig", "alg": "ES384"}]}

    def _register_with_manage_py(self, issuer: str, jwks_path: Path) -> None:
        subprocess.run(  # noqa: S603 # nosec B603 # fixed arguments, no shell
            [
                sys.executable,
                "manage.py",
                "register_cds_client",
                issuer,
                "--jwks-file",
                str(jwks_path),
            ],
            cwd=PROJECT,
            check=True,
        )

    def register(self) -> None:
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "jwks.json"
            path.write_text(json.dumps(self.jwks()))
            self.register_with(self.issuer, path)
        self.log(f"registered {self.issuer} (key {self.kid})")

    def _headers(self, path: str) -> dict:
        now = int(time.time())
        claims = {
            "iss": self.issuer,
            "aud": self.base_url + path,
            "exp": now + 300,
            "iat": now,
            "jti": str(uuid.uuid4()),
        }
        token = jwt.encode(
            claims, self.key, algorithm="ES384", headers={"kid": self.kid, "typ": "JWT"}
        )
        return {"Authorization": f"Bearer {token}"}

    def discover(self) -> dict:
        response = self.http.get("/cds-services", headers=self._headers("/cds-services"))
        response.raise_for_status()
        return response.json()

    def call(self, service_id: str, body: dict) -> list[dict]:
        path = f"/cds-services/{service_id}"
        response = self.http.post(path, json=body, headers=self._headers(path))
        response.raise_for_status()
        return response.json()["cards"]

    def feedback(self, service_id: str, items: list[dict]) -> None:
        path = f"/cds-services/{service_id}/feedback"
        response = self.http.post(path, json={"feedback": items}, headers=self._headers(path))
        response.raise_for_status()

    def show(self, label: str, cards: list[dict]) -> None:
        self.log(f"{label}: {len(cards)} card(s)")
        for card in cards:
            self.log(f"  [{card['indicator']}] {card['summary']}")


def dose_card(cards: list[dict]) -> dict | None:
    return next(
        (c for c in cards if c["source"].get("topic", {}).get("code") == "dose-check"), None
    )


def apply(order: dict, suggestion: dict) -> dict:
    """What the EHR does when the clinician accepts: each update action replaces its resource."""
    updated = copy.deepcopy(order)
    for action in suggestion["actions"]:
        if action["type"] == "update" and action["resource"]["id"] == order["id"]:
            updated = copy.deepcopy(action["resource"])
    return updated


def run(ehr: DemoEhr) -> dict:
    """The whole walk; returns what it saw, for a test to check."""
    ehr.register()
    services = {s["id"] for s in ehr.discover()["services"]}
    ehr.log(f"discovered: {', '.join(sorted(services))}")
    order = ivig_medication_request()
    first = ehr.call("ivig-order-select", hook_request("order-select", order))
    ehr.show("order-select", first)
    card = dose_card(first)
    if card is None:
        raise SystemExit("expected a dose card for 0.4 g/kg x 5 days")
    suggestion = card["suggestions"][0]
    order = apply(order, suggestion)
    ehr.feedback(
        "ivig-order-select",
        [
            {
                "card": card["uuid"],
                "outcome": "accepted",
                "acceptedSuggestions": [{"id": suggestion["uuid"]}],
                "outcomeTimestamp": datetime.now(UTC).isoformat(timespec="seconds"),
            }
        ],
    )
    ehr.log(f"applied: {suggestion['label']}")
    again = ehr.call("ivig-order-select", hook_request("order-select", order))
    ehr.show("order-select again", again)
    signed = ehr.call("ivig-order-sign", hook_request("order-sign", order))
    ehr.show("order-sign", signed)
    return {"services": services, "first": first, "again": again, "signed": signed, "order": order}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base-url", default="http://127.0.0.1:8000")
    parser.add_argument("--issuer", default=ISSUER)
    arguments = parser.parse_args()
    seen = run(DemoEhr(arguments.base_url, issuer=arguments.issuer))
    if dose_card(seen["again"]) or dose_card(seen["signed"]):
        raise SystemExit("a dose card came back after the suggestion was applied")
    print("no dose card after the suggestion: done")


if __name__ == "__main__":
    main()
