from unittest import mock

import pytest
import redis
from django.db import OperationalError

URL = "/api/v1/health"

pytestmark = pytest.mark.django_db


def test_it_reports_ok_without_authentication_when_database_and_broker_answer(client):
    with mock.patch.object(redis.Redis, "ping", return_value=True):
        response = client.get(URL)

    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "broker": "ok"}


def test_it_stays_ok_when_the_broker_is_down(client, settings):
    settings.REDIS_URL = "redis://127.0.0.1:1/0"  # nothing listens on port 1

    response = client.get(URL)

    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "broker": "unavailable"}


def test_it_treats_a_non_redis_broker_url_as_unavailable(client, settings):
    settings.REDIS_URL = "memory://"

    assert client.get(URL).json()["broker"] == "unavailable"


def test_it_returns_503_when_the_database_fails(client):
    with mock.patch("decisions.api.health.connection") as connection:
        connection.cursor.side_effect = OperationalError("connection refused")
        response = client.get(URL)

    assert response.status_code == 503
    assert response.json()["status"] == "error"
    assert response.json()["database"] == "unavailable"


def test_it_rejects_post(client):
    assert client.post(URL).status_code == 405
