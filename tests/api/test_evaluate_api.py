"""POST /api/v1/evaluate, as the contract (docs: shared contract "evaluate-api") fixes it."""

import json

import pytest
from django.middleware.csrf import _get_new_csrf_string
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from decisions.api.tokens import api_token_issue, api_token_revoke
from decisions.engine import RULESET_VERSION
from tests.engine.strategies import evaluation_requests

URL = "/api/v1/evaluate"
GI_BLEED = {
    "weight_kg": 70,
    "age_group": "adult",
    "condition": "primary_itp",
    "platelet_count": 18_000,
    "bleeding": "life_threatening",
    "bleeding_sites": ["gi"],
}


@pytest.fixture
def token(user):
    return api_token_issue(user=user)


@pytest.fixture
def api(token, request):
    # The property tests below send hundreds of requests with one token, past any rate limit
    # (tests/security/test_rate_limits.py tests those). `settings` here is Hypothesis's.
    django_settings = request.getfixturevalue("settings")
    django_settings.RATE_LIMITS = dict.fromkeys(django_settings.RATE_LIMITS, (10**9, 60))
    return Client(headers={"Authorization": f"Bearer {token}"})


def post(client, body, **kwargs):
    data = body if isinstance(body, str | bytes) else json.dumps(body)
    return client.post(URL, data=data, content_type="application/json", **kwargs)


def test_it_returns_the_plan_of_the_contract_example(api):
    response = post(api, GI_BLEED)

    assert response.status_code == 200
    plan = response.json()
    assert plan["ruleset_version"] == RULESET_VERSION
    assert plan["platelet_count_per_uL"] == 18_000
    assert plan["grade"] == 4
    by_code = {r["code"]: r for r in plan["recommendations"]}
    ivig = by_code["IVIG"]
    assert (ivig["role"], ivig["g_per_kg_per_day"], ivig["days"]) == ("give", 1.0, 1)
    assert (ivig["dosing_weight_kg"], ivig["daily_dose_g"], ivig["total_dose_g"]) == (70, 70, 70)
    assert ivig["citations"] == ["1", "3"]
    steroid = by_code["CORTICOSTEROID"]
    assert steroid["drug"] == "prednisone"
    assert steroid["mg_per_kg_per_day"] == [1, 2]
    assert steroid["daily_dose_mg"] == [70, 140]
    assert by_code["PLATELET_TRANSFUSION"]["role"] == "give"
    assert {"RENAL_MONITORING", "THROMBOSIS_RISK"} <= {a["code"] for a in plan["alerts"]}
    assert any(m["code"] == "RENAL_FUNCTION" for m in plan["monitoring"])
    assert plan["expected_response"]["citations"] == ["3"]


def test_it_accepts_counts_in_x10_9_per_L(api):
    body = {**GI_BLEED, "platelet_count": 18, "platelet_unit": "x10^9/L"}
    assert post(api, body).json()["platelet_count_per_uL"] == 18_000


def test_it_accepts_a_logged_in_session_with_csrf(user):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(user)
    secret = _get_new_csrf_string()
    browser.cookies["csrftoken"] = secret
    response = post(browser, GI_BLEED, headers={"X-CSRFToken": secret})
    assert response.status_code == 200


def test_it_rejects_a_session_request_without_csrf(user):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(user)
    assert post(browser, GI_BLEED).status_code == 403


def test_it_needs_a_token(db):
    response = post(Client(), GI_BLEED)
    assert response.status_code == 401
    assert "error" in response.json()
    assert response["WWW-Authenticate"].startswith("Bearer")


@pytest.mark.parametrize("header", ["Bearer nonsense", "Token abc", "Bearer "])
def test_it_rejects_a_bad_token(db, header):
    response = post(Client(headers={"Authorization": header}), GI_BLEED)
    assert response.status_code == 401
    assert response.json()["error"]


def test_it_rejects_a_revoked_token(user, token):
    api_token_revoke(user=user)
    client = Client(headers={"Authorization": f"Bearer {token}"})
    assert post(client, GI_BLEED).status_code == 401


def test_it_rejects_a_token_of_a_deactivated_user(user, token):
    user.is_active = False
    user.save()
    client = Client(headers={"Authorization": f"Bearer {token}"})
    assert post(client, GI_BLEED).status_code == 401


@pytest.mark.parametrize("method", ["get", "put", "patch", "delete"])
def test_it_allows_only_post(api, method):
    response = getattr(api, method)(URL)
    assert response.status_code == 405
    assert response["Allow"] == "POST"


@pytest.mark.parametrize("body", ["not json", "{", b"\xff\xfe\x00", "", "[" * 50_000])
def test_a_body_that_is_not_json_is_400(api, body):
    response = post(api, body)
    assert response.status_code == 400
    assert "body" in response.json()["errors"]


def test_a_field_given_twice_is_400_naming_it(api):
    body = json.dumps(GI_BLEED)[:-1] + ', "bleeding": "none"}'

    response = post(api, body)

    assert response.status_code == 400
    assert response.json() == {
        "errors": {"bleeding": ["Given more than once: send each field once."]}
    }


@pytest.mark.parametrize(
    "content_type",
    ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", ""],
)
def test_a_body_that_is_not_sent_as_json_is_415(api, content_type):
    response = api.post(URL, data=json.dumps(GI_BLEED), content_type=content_type)

    assert response.status_code == 415
    assert response["Content-Type"] == "application/json"
    assert response.json()["errors"]["Content-Type"]


def test_json_with_a_charset_is_json(api):
    response = api.post(
        URL, data=json.dumps(GI_BLEED), content_type="application/json; charset=utf-8"
    )

    assert response.status_code == 200


@pytest.mark.parametrize("body", [[], "null", 5, '"text"'])
def test_a_body_that_is_not_an_object_is_400(api, body):
    response = post(api, body if isinstance(body, str) else json.dumps(body))
    assert response.status_code == 400
    assert response.json()["errors"]["body"]


def test_an_oversized_body_is_refused(api):
    body = {**GI_BLEED, "padding": "x" * 100_000}
    assert post(api, body).status_code == 413


def test_every_missing_required_field_is_named_at_once(api):
    errors = post(api, {}).json()["errors"]
    assert set(errors) == {"weight_kg", "age_group", "condition", "platelet_count", "bleeding"}


def test_every_bad_field_is_named_at_once(api):
    body = {
        **GI_BLEED,
        "weight_kg": "seventy",
        "bleeding": "a lot",
        "bleeding_sites": ["gi", "brain"],
        "urgent_surgery": "yes",
        "colour": "red",
    }
    errors = post(api, body).json()["errors"]
    assert set(errors) == {"weight_kg", "bleeding", "bleeding_sites", "urgent_surgery", "colour"}
    assert errors["colour"] == ["Unknown field."]


@pytest.mark.parametrize(
    ("changes", "field", "words"),
    [
        ({"platelet_count": -5}, "platelet_count", "negative"),
        ({"platelet_count": 18}, "platelet_count", "x10^9/L"),
        ({"platelet_count": 900}, "platelet_count", "x10^9/L"),
        (
            {"platelet_count": 18_000, "platelet_unit": "x10^9/L"},
            "platelet_count",
            "not a possible",
        ),
        ({"platelet_unit": "per_mL"}, "platelet_unit", "per_uL"),
        ({"weight_kg": 700}, "weight_kg", "not a plausible weight"),
        ({"weight_kg": 0}, "weight_kg", "not a plausible weight"),
        ({"age_group": "neonate"}, "weight_kg", "not a plausible weight"),
        ({"age_group": "teen"}, "age_group", "adult"),
        ({"condition": "neonatal_alloimmune"}, "condition", "neonate"),
        ({"condition": "neonatal_maternal_itp"}, "age_group", "neonate"),
        ({"condition": "itp"}, "condition", "primary_itp"),
        ({"steroid_contraindications": ["allergy"]}, "steroid_contraindications", "allergy"),
        ({"renal_risk_factors": ["smoking"]}, "renal_risk_factors", "smoking"),
        ({"thrombosis_risk_factors": "estrogens"}, "thrombosis_risk_factors", "list"),
        ({"pregnant": True, "sex": "male"}, "pregnant", "male"),
        ({"steroid_contraindications": ["pregnancy"], "sex": "male"}, "pregnant", "male"),
        ({"age_years": -1}, "age_years", "between"),
        ({"height_cm": 5}, "height_cm", "between"),
        ({"pa_igg_molecules_per_platelet": -1}, "pa_igg_molecules_per_platelet", "between"),
        ({"dosing_weight": "ideal"}, "dosing_weight", "adjusted"),
        ({"sex": "other"}, "sex", "female"),
        ({"weight_kg": True}, "weight_kg", "number"),
        ({"bleeding": None}, "bleeding", "required"),
    ],
)
def test_invalid_values_are_named_with_a_clear_message(api, changes, field, words):
    response = post(api, {**GI_BLEED, **changes})
    assert response.status_code == 400
    messages = response.json()["errors"][field]
    assert any(words in message for message in messages), messages


def test_an_age_outside_its_age_group_is_taken_and_the_exact_age_decides(api):
    # An EHR may call a 17-year-old an adult; the plan still keeps to the rule for under 18s.
    body = {**GI_BLEED, "weight_kg": 100, "age_years": 17, "height_cm": 170, "sex": "male"}
    response = post(api, {**body, "dosing_weight": "adjusted"})
    assert response.status_code == 200
    [ivig] = [r for r in response.json()["recommendations"] if r["code"] == "IVIG"]
    assert ivig["dosing_weight_kg"] == 100


def test_a_count_in_x10_9_per_L_is_converted_exactly(api):
    body = {**GI_BLEED, "platelet_count": 16.1, "platelet_unit": "x10^9/L"}
    assert post(api, body).json()["platelet_count_per_uL"] == 16_100


def test_a_neonate_cannot_have_pregnancy_as_a_contraindication(api):
    body = {
        **GI_BLEED,
        "age_group": "neonate",
        "weight_kg": 3,
        "steroid_contraindications": ["pregnancy"],
    }
    response = post(api, body)
    assert response.status_code == 400
    assert "pregnant" in response.json()["errors"]


def test_whole_numbers_are_whole_in_json(api):
    plan = post(api, GI_BLEED).json()
    assert isinstance(plan["platelet_count_per_uL"], int)
    steroid = next(r for r in plan["recommendations"] if r["code"] == "CORTICOSTEROID")
    assert all(isinstance(mg, int) for mg in steroid["daily_dose_mg"])


def test_non_finite_numbers_are_rejected(api):
    response = post(
        api,
        '{"weight_kg": NaN, "age_group": "adult", "condition": "primary_itp", '
        '"platelet_count": Infinity, "bleeding": "none"}',
    )
    assert response.status_code == 400
    assert set(response.json()["errors"]) == {"weight_kg", "platelet_count"}


def test_nothing_about_the_patient_is_stored(api, django_assert_max_num_queries):
    # The token lookup, and its last use noted (at most once a minute): no other write.
    with django_assert_max_num_queries(2) as queries:
        assert post(api, GI_BLEED).status_code == 200

    writes = [q["sql"] for q in queries.captured_queries if not q["sql"].startswith("SELECT")]
    assert all(w.startswith('UPDATE "decisions_apitoken" SET "last_used_at"') for w in writes)


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=12), children, max_size=4)
    ),
    max_leaves=12,
)
FIELD_NAMES = st.sampled_from(
    [
        "weight_kg",
        "age_group",
        "condition",
        "platelet_count",
        "platelet_unit",
        "bleeding",
        "bleeding_sites",
        "steroid_contraindications",
        "pregnant",
        "age_years",
        "height_cm",
        "sex",
    ]
)


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.one_of(
        JSON_VALUES,
        st.dictionaries(FIELD_NAMES, JSON_VALUES),
        evaluation_requests().flatmap(
            lambda r: st.dictionaries(FIELD_NAMES, JSON_VALUES).map(lambda junk: {**r, **junk})
        ),
    )
)
def test_arbitrary_json_never_gets_a_500(api, body):
    response = post(api, json.dumps(body))
    assert response.status_code in (200, 400)
    if response.status_code == 400:
        assert response.json()["errors"]


@settings(
    max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(evaluation_requests())
def test_every_valid_request_gets_a_plan(api, body):
    response = post(api, body)
    assert response.status_code == 200, response.json()
