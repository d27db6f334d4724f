"""Limits: the API per token and per address, failed sign-ins per address across usernames;
over a limit the answer is 429 with Retry-After, before any work is done."""

import json
import os
import uuid
from unittest import mock

import pytest
from django.core.cache import caches
from django.test import Client

from decisions.api.tokens import api_token_issue
from decisions.middleware.rate_limits import Limit, limit_hit
from tests.factories import UserFactory
from tests.reminders.infra import redis_answers
from tests.reminders.smtp_sink import free_port

pytestmark = pytest.mark.django_db

URL = "/api/v1/evaluate"
REDIS_URL = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0")
REQUEST = {
    "weight_kg": 70,
    "age_group": "adult",
    "condition": "primary_itp",
    "platelet_count": 18_000,
    "bleeding": "none",
}


@pytest.fixture
def limits(settings):
    """Small limits: set(name=(count, seconds))."""

    def set_limits(**limits):
        settings.RATE_LIMITS = {**settings.RATE_LIMITS, **limits}

    return set_limits


def evaluate(token: str, address: str = "127.0.0.1"):
    client = Client(headers={"Authorization": f"Bearer {token}"}, REMOTE_ADDR=address)
    return client.post(URL, data=json.dumps(REQUEST), content_type="application/json")


def sign_in(username: str, password: str, address: str = "127.0.0.1"):
    client = Client(REMOTE_ADDR=address)
    return client.post("/login/", {"username": username, "password": password})


def test_wrong_tokens_from_one_address_are_answered_429_past_the_limit(limits):
    limits(api_per_address=(5, 60))

    answers = [evaluate(f"wrong-{n}").status_code for n in range(7)]

    assert answers == [401] * 5 + [429] * 2
    refused = evaluate("wrong-again")
    assert refused["Content-Type"] == "application/json"
    assert 1 <= int(refused["Retry-After"]) <= 60
    assert evaluate("wrong", address="10.0.0.9").status_code == 401  # another address


def test_one_token_is_limited_wherever_it_is_used_from(limits, user):
    limits(api_per_token=(3, 60))
    token, other = api_token_issue(user=user), api_token_issue(user=user)

    answers = [evaluate(token, address=f"10.0.0.{n}").status_code for n in range(4)]

    assert answers == [200, 200, 200, 429]
    assert evaluate(other).status_code == 200


def test_failed_sign_ins_over_many_usernames_from_one_address_are_answered_429(limits):
    limits(login_failures_per_address=(3, 600))
    UserFactory(username="dr_real")

    answers = [sign_in(f"user{n}", "guess").status_code for n in range(3)]
    refused = sign_in("dr_real", "correct horse battery staple")

    assert answers == [200, 200, 200]  # the form again, with its error
    assert refused.status_code == 429
    assert int(refused["Retry-After"]) > 0
    # The same clinician from another address is not held up by the guesser.
    assert sign_in("dr_real", "correct horse battery staple", address="10.0.0.9").status_code == 302


def test_successful_sign_ins_do_not_count(limits):
    limits(login_failures_per_address=(2, 600))
    UserFactory(username="dr_real")

    answers = [sign_in("dr_real", "correct horse battery staple").status_code for _ in range(4)]

    assert answers == [302] * 4


def test_without_the_shared_cache_the_api_still_answers(settings, user):
    settings.CACHES = {
        **settings.CACHES,
        settings.RATE_LIMIT_CACHE: {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": f"redis://127.0.0.1:{free_port()}/0",  # nothing listens there
            "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
        },
    }

    assert evaluate(api_token_issue(user=user)).status_code == 200


@pytest.mark.skipif(not redis_answers(REDIS_URL), reason=f"no Redis at {REDIS_URL}")
def test_every_process_shares_the_counts_in_redis(settings, limits):
    # As deployed: the counts live in Redis, so two gunicorn workers (two cache clients here)
    # add up to one limit.
    limits(api_per_address=(3, 60))
    settings.CACHES = {
        **settings.CACHES,
        settings.RATE_LIMIT_CACHE: {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": f"test-{uuid.uuid4().hex}",
        },
    }
    limit = Limit.from_settings("api_per_address")
    first_worker, second_worker = (
        caches.create_connection(settings.RATE_LIMIT_CACHE) for _ in "ab"
    )

    waits = []
    for worker in (first_worker, second_worker, first_worker, second_worker):
        with mock.patch("decisions.middleware.rate_limits.caches", {"rate_limits": worker}):
            waits.append(limit_hit(limit, "10.0.0.1"))

    assert waits[:3] == [None, None, None]
    assert waits[3] is not None
