"""scripts/cds_client_demo.py against the live server, over HTTP, as an EHR would call it."""

import importlib.util
from pathlib import Path

import pytest
from django.core.management import call_command

from decisions.models import AuditEvent

DEMO = Path(__file__).resolve().parents[2] / "scripts" / "cds_client_demo.py"


def load_demo():
    spec = importlib.util.spec_from_file_location("cds_client_demo", DEMO)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.django_db(transaction=True)
def test_an_ehr_registers_discovers_applies_the_suggestion_and_gets_no_dose_card(
    live_server, settings
):
    settings.SITE_URL = live_server.url  # the JWT's aud is the URL the EHR calls
    demo = load_demo()
    lines = []

    def register(issuer, jwks_path):
        call_command("register_cds_client", issuer, "--jwks-file", str(jwks_path))

    seen = demo.run(demo.DemoEhr(live_server.url, register=register, log=lines.append))

    assert seen["services"] >= {"ivig-order-select", "ivig-order-sign", "ivig-patient-view"}
    first = demo.dose_card(seen["first"])
    assert first is not None and first["indicator"] == "warning"
    quantity = seen["order"]["dosageInstruction"][0]["doseAndRate"][0]["doseQuantity"]
    assert quantity["value"] == 80.0 and quantity["unit"] == "g"  # 1 g/kg x 80 kg
    assert seen["order"]["dosageInstruction"][0]["timing"]["repeat"]["count"] == 1
    assert demo.dose_card(seen["again"]) is None
    assert demo.dose_card(seen["signed"]) is None
    feedback = AuditEvent.objects.get(action=AuditEvent.Action.CDS_FEEDBACK)
    assert feedback.detail["card"] == first["uuid"]
    assert feedback.detail["outcome"] == "accepted"
