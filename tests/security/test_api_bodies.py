"""The API answers bodies that are too large, too long, too big or too deep with JSON, never 500.

tests/api/test_evaluate_api.py covers a padded object over the limit and unterminated nesting.
"""

import json

import pytest
from django.conf import settings
from django.test import Client

from decisions.api.tokens import api_token_issue

pytestmark = pytest.mark.django_db

URL = "/api/v1/evaluate"
REQUEST = {
    "weight_kg": 70,
    "age_group": "adult",
    "condition": "primary_itp",
    "platelet_count": 18_000,
    "bleeding": "none",
}


@pytest.fixture
def api(user):
    return Client(headers={"Authorization": f"Bearer {api_token_issue(user=user)}"})


def post(api, body: str):
    return api.post(URL, data=body, content_type="application/json")


def test_a_body_over_the_limit_gets_413_in_json(api):
    response = post(api, json.dumps([0] * settings.DATA_UPLOAD_MAX_MEMORY_SIZE))

    assert response.status_code == 413
    assert response["Content-Type"] == "application/json"
    assert response.json()["error"]


UNDER_THE_LIMIT = settings.DATA_UPLOAD_MAX_MEMORY_SIZE // 2
ABUSIVE_BODIES = {
    "a long list": json.dumps({**REQUEST, "bleeding_sites": ["gi"] * (UNDER_THE_LIMIT // 6)}),
    "a long list of strange sites": json.dumps(
        {**REQUEST, "bleeding_sites": [str(n) for n in range(UNDER_THE_LIMIT // 8)]}
    ),
    "a number of 5,000 digits": json.dumps(REQUEST).replace("70", "7" * 5_000, 1),
    "a number beyond a float": json.dumps(REQUEST).replace("70", "1e400", 1),
    "a string of 30,000 characters": json.dumps({**REQUEST, "sex": "x" * 30_000}),
    "valid nesting 10,000 deep": json.dumps(REQUEST).replace("70", "[" * 10_000 + "]" * 10_000, 1),
    "a deep object": json.dumps(REQUEST).replace("70", '{"a":' * 5_000 + "1" + "}" * 5_000, 1),
}


@pytest.mark.parametrize("body", ABUSIVE_BODIES.values(), ids=ABUSIVE_BODIES.keys())
def test_an_abusive_body_under_the_limit_gets_400_in_json(api, body):
    assert len(body) < settings.DATA_UPLOAD_MAX_MEMORY_SIZE

    response = post(api, body)

    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert response.json()["errors"]
    assert len(response.content) < 1_000  # the answer does not echo the body back


def test_a_form_body_over_the_limit_is_refused_with_400_not_500(browser):
    response = browser.post(
        "/cases/new/", {"patient_name": "x" * settings.DATA_UPLOAD_MAX_MEMORY_SIZE}
    )

    assert response.status_code == 400
