"""What a load balancer polling /api/v1/health needs besides the status: a fresh answer every
time, and a cheap one."""

import pytest
from django.test import Client

URL = "/api/v1/health"


@pytest.fixture
def health(db, settings):
    settings.REDIS_URL = "redis://127.0.0.1:1/0"  # nothing listens on port 1
    return Client()


def test_it_is_never_cached(health):
    response = health.get(URL)

    assert "no-store" in response["Cache-Control"]
    assert "max-age=0" in response["Cache-Control"]


def test_a_failing_answer_is_never_cached_either(health):
    assert "no-store" in health.post(URL)["Cache-Control"]


def test_it_costs_one_query_and_no_session(health, django_assert_num_queries):
    with django_assert_num_queries(1):  # SELECT 1
        response = health.get(URL)

    assert response.status_code == 200
    assert response.cookies == {}


def test_it_returns_the_request_id(health):
    response = health.get(URL, headers={"X-Request-ID": "lb-probe-1"})

    assert response["X-Request-ID"] == "lb-probe-1"


def test_it_answers_a_target_check_that_sends_the_instance_address_as_host(health):
    # ALB/NLB target checks send the instance's own address, which ALLOWED_HOSTS does not list.
    response = health.get(URL, headers={"Host": "10.0.0.5:8000"})

    assert response.status_code == 200
    assert response.json()["database"] == "ok"


def test_other_pages_still_refuse_a_host_outside_allowed_hosts(db):
    assert Client().get("/login/", headers={"Host": "10.0.0.5:8000"}).status_code == 400


def test_it_answers_head_as_load_balancers_often_ask(health):
    assert health.head(URL).status_code == 200
