"""POST /api/v1/evaluate: the fields of rules 2027.1 (procedure, screening), validated and used."""

import json

import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings

from decisions.api.tokens import api_token_issue
from tests.engine.strategies import safety_requests

URL = "/api/v1/evaluate"
ADULT = {
    "weight_kg": 70,
    "age_group": "adult",
    "condition": "primary_itp",
    "platelet_count": 40_000,
    "bleeding": "none",
    "bleeding_risk": True,
}
NEW_FIELDS_BAD = {
    "procedure": "appendicectomy",
    "prior_immunoglobulin_anaphylaxis": "yes",
    "iga_deficiency_with_antibodies": 1,
    "blood_group": "Rh+",
    "heart_failure": "no",
}


@pytest.fixture
def api(user):
    return Client(headers={"Authorization": f"Bearer {api_token_issue(user=user)}"})


def post(client, body):
    return client.post(URL, data=json.dumps(body), content_type="application/json")


def test_every_bad_new_field_is_named_in_one_400(api):
    response = post(api, {**ADULT, **NEW_FIELDS_BAD})

    assert response.status_code == 400
    assert set(response.json()["errors"]) == set(NEW_FIELDS_BAD)


@pytest.mark.parametrize(
    ("field", "value", "words"),
    [
        pytest.param("procedure", "appendicectomy", "central_venous_catheter", id="procedure-enum"),
        pytest.param("procedure", 3, "Must be one of", id="procedure-type"),
        pytest.param("blood_group", "o", "AB", id="blood-group-enum"),
        pytest.param("blood_group", ["A"], "Must be one of", id="blood-group-type"),
        pytest.param("prior_immunoglobulin_anaphylaxis", "true", "true or false", id="anaphylaxis"),
        pytest.param("iga_deficiency_with_antibodies", 0, "true or false", id="iga"),
        pytest.param("heart_failure", "yes", "true or false", id="heart-failure"),
    ],
)
def test_a_bad_new_field_is_named_with_its_allowed_values(api, field, value, words):
    response = post(api, {**ADULT, field: value})

    assert response.status_code == 400
    assert list(response.json()["errors"]) == [field]
    assert words in " ".join(response.json()["errors"][field])


def test_a_procedure_brings_its_target_and_the_met_target_gives_nothing(api):
    body = {**ADULT, "platelet_count": 149_999, "bleeding_risk": False, "urgent_surgery": True}
    plan = post(api, {**body, "procedure": "major_surgery"}).json()

    assert plan["platelet_target_per_uL"] == 50_000
    assert not any(r["role"] == "give" for r in plan["recommendations"])
    met = next(a for a in plan["alerts"] if a["code"] == "PROCEDURE_TARGET_MET")
    assert met["severity"] == "info"


def test_the_screening_answers_shape_the_plan(api):
    plan = post(
        api,
        {
            **ADULT,
            "prior_immunoglobulin_anaphylaxis": True,
            "blood_group": "A",
            "heart_failure": True,
        },
    ).json()

    ivig = next(r for r in plan["recommendations"] if r["code"] == "IVIG")
    assert ivig["role"] == "avoid"
    severities = {a["code"]: a["severity"] for a in plan["alerts"]}
    assert severities["IVIG_HYPERSENSITIVITY"] == "critical"
    # IVIG is avoided, so its haemolysis and volume alerts do not apply.
    assert "HAEMOLYSIS_RISK" not in severities and "VOLUME_OVERLOAD_RISK" not in severities


def test_iga_antibodies_alone_keep_ivig_with_a_caution(api):
    plan = post(api, {**ADULT, "iga_deficiency_with_antibodies": True, "blood_group": "B"}).json()

    ivig = next(r for r in plan["recommendations"] if r["code"] == "IVIG")
    assert ivig["role"] == "give"
    severities = {a["code"]: a["severity"] for a in plan["alerts"]}
    assert severities["IVIG_HYPERSENSITIVITY"] == "caution"
    assert "HAEMOLYSIS_RISK" in severities
    assert any(m["code"] == "HAEMOGLOBIN" for m in plan["monitoring"])


def test_a_multi_day_course_lists_renal_checks_before_each_later_day(api):
    body = {
        "weight_kg": 3.2,
        "age_group": "neonate",
        "condition": "neonatal_alloimmune",
        "platelet_count": 30_000,
        "bleeding": "none",
    }
    plan = post(api, body).json()

    before = [m["before_day"] for m in plan["monitoring"] if "before_day" in m]
    assert before == [2, 3, 4, 5]
    assert plan["ruleset_version"].startswith("2027.1+")


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(body=safety_requests())
def test_every_valid_request_with_the_new_fields_gets_a_plan(api, body):
    response = post(api, body)

    assert response.status_code == 200, response.content[:500]
    roles = {r["code"]: r["role"] for r in response.json()["recommendations"]}
    if body.get("prior_immunoglobulin_anaphylaxis"):
        assert roles.get("IVIG") not in ("give", "option")
