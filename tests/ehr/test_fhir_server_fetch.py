"""Prefetch left out: the service fetches it from the EHR's FHIR server (a real one on loopback,
started here) with the access token the call gave; with no server to ask, 412."""

import logging

import pytest

from decisions.models import EhrPrefill, UsedJwtId

from .fhir import creatinine, ivig_order, order_call, patient, platelets, weight, years_ago
from .fhir_server import TOKEN, FhirServer

pytestmark = pytest.mark.django_db
SIGN = "/cds-services/ivig-order-sign"


def ehr_server(**changes):
    observations = [
        platelets(30, taken_days_ago=3),
        platelets(12, taken_days_ago=0),  # the newest: the one the plan reads
        weight(70),
        creatinine(),
    ]
    return FhirServer(patient(years_ago(40)), observations, **changes)


def test_it_fetches_what_was_not_prefetched_with_the_token_given(call):
    with ehr_server() as server:
        body = order_call(
            "order-sign", [ivig_order(84)], prefetch=None, fhir_server=server.base_url
        )

        response = call(SIGN, body)

    assert response.status_code == 200, response.content
    (card,) = response.json()["cards"]
    assert card["source"]["topic"]["code"] == "dose-check"
    assert (
        card["suggestions"][0]["actions"][0]["resource"]["dosageInstruction"][0]["doseAndRate"][0][
            "doseQuantity"
        ]["value"]
        == 70.0
    )
    paths = [path for path, _ in server.requests]
    assert paths[0] == "/fhir/Patient/1288992"
    assert any("777-3" in p and "_sort=-date" in p for p in paths)
    assert {authorization for _, authorization in server.requests} == {f"Bearer {TOKEN}"}


def test_it_fetches_only_the_keys_left_out(call):
    with ehr_server() as server:
        body = order_call(
            "order-sign",
            [ivig_order(70)],
            prefetch={"patient": patient(years_ago(40)), "weight": None},
            fhir_server=server.base_url,
        )

        response = call(SIGN, body)

    assert response.status_code == 200
    fetched = [path.split("?")[0] for path, _ in server.requests]
    assert fetched == ["/fhir/Observation", "/fhir/Observation"]  # platelets and creatinine
    # weight was prefetched as null ("no data"): the card says it is missing.
    (card,) = response.json()["cards"]
    assert card["source"]["topic"]["code"] == "missing-data"
    assert "weight" in card["summary"]


def test_a_server_refusing_the_token_is_412(call):
    with ehr_server(token="another-token") as server:
        body = order_call(
            "order-sign", [ivig_order(70)], prefetch=None, fhir_server=server.base_url
        )

        response = call(SIGN, body)

    assert response.status_code == 412


def test_no_prefetch_and_no_fhir_server_is_412_and_keeps_nothing_of_the_patient(call):
    body = order_call("order-sign", [ivig_order(70)], prefetch=None)

    response = call(SIGN, body)

    assert response.status_code == 412
    assert response["Content-Type"] == "application/json"
    assert EhrPrefill.objects.count() == 0
    assert UsedJwtId.objects.count() == 1  # the token was used, and stays used


def test_a_fhir_server_that_does_not_answer_is_412(call):
    body = order_call(
        "order-sign", [ivig_order(70)], prefetch=None, fhir_server="http://127.0.0.1:9/fhir"
    )

    assert call(SIGN, body).status_code == 412


def test_a_plain_http_fhir_server_elsewhere_is_refused_with_412(call):
    body = order_call(
        "order-sign", [ivig_order(70)], prefetch=None, fhir_server="http://ehr.example.org/fhir"
    )

    response = call(SIGN, body)

    assert response.status_code == 412
    assert "https" in response.json()["error"]


def test_no_log_line_names_the_ehrs_patient(call, caplog):
    with caplog.at_level(logging.DEBUG), ehr_server() as server:
        body = order_call(
            "order-sign", [ivig_order(84)], prefetch=None, fhir_server=server.base_url
        )
        assert call(SIGN, body).status_code == 200

    assert caplog.records  # the request's own line, at least
    for told in ("1288992", "Lovelace", "H123456"):
        assert told not in caplog.text
