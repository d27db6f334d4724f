"""Never a 500: every element of a hook call replaced in turn by a value of the wrong kind gives
cards, or a 400 (not a hook call) or 412 (no usable data), never an exception."""

import copy

import pytest
from django.utils import timezone

from decisions.ehr.fhir_read import FhirUnavailable
from decisions.ehr.hooks import InvalidHook, hook_answer

from .fhir import creatinine, ivig_order, order_call, platelets, prefetch_for, weight, years_ago

pytestmark = pytest.mark.django_db
ODD_VALUES = ["text", 7, -1.5, True, [], [1], {}, None]
BODY = order_call(
    "order-sign",
    [ivig_order(84, days=5, priority="stat")],
    prefetch_for(
        birth_date=years_ago(40),
        weight_obs=weight(70),
        platelet_obs=platelets(12),
        creatinine_obs=creatinine(),
    ),
)


def paths(value, prefix=()):
    """Every path into the JSON value (dict keys and list indexes)."""
    children = (
        value.items()
        if isinstance(value, dict)
        else enumerate(value)
        if isinstance(value, list)
        else ()
    )
    for key, child in children:
        yield (*prefix, key)
        yield from paths(child, (*prefix, key))


def replaced(body, path, odd):
    changed = copy.deepcopy(body)
    target = changed
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = odd
    return changed


PATIENT_VIEW = {
    "hook": "patient-view",
    "hookInstance": "d1577c69-dfbe-44ad-ba6d-3e05e953b2ea",
    "context": {"userId": "Practitioner/example", "patientId": "1288992"},
    "prefetch": {k: v for k, v in BODY["prefetch"].items() if k != "creatinine"},
}


@pytest.mark.parametrize(
    ("service_id", "body"), [("ivig-order-sign", BODY), ("ivig-patient-view", PATIENT_VIEW)]
)
def test_no_odd_value_anywhere_makes_an_exception(service_id, body):
    failures = []
    for path in paths(body):
        for odd in ODD_VALUES:
            try:
                answer = hook_answer(
                    service_id, replaced(body, path, odd), issuer="x", now=timezone.now()
                )
                assert isinstance(answer["cards"], list)
            except (InvalidHook, FhirUnavailable):
                pass
            except Exception as error:  # noqa: BLE001 # collected, then shown all at once
                failures.append(f"{'/'.join(map(str, path))} = {odd!r}: {error!r}")
    assert not failures, f"{len(failures)} odd values fail:\n" + "\n".join(failures[:40])
