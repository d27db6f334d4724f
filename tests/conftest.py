import uuid

import pytest
from django.test import Client

from decisions.api.tokens import forget_accepted_tokens
from tests.factories import TeamFactory, UserFactory, clinician_in


def pytest_configure(config):
    # WhiteNoise warns that STATIC_ROOT is missing; tests never run `collectstatic`.
    config.addinivalue_line("filterwarnings", "ignore:No directory at:UserWarning")


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    # The default hasher is slow on purpose; tests only need passwords to round-trip.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _rate_limits_of_its_own(settings):
    # Counted in this process, afresh for each test: the suite's own logins and API calls from
    # 127.0.0.1 would otherwise add up across tests (and across helpers sharing the Redis).
    settings.CACHES = {
        **settings.CACHES,
        settings.RATE_LIMIT_CACHE: {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": f"rate-limits-{uuid.uuid4()}",
        },
    }


@pytest.fixture(autouse=True)
def _forget_accepted_api_tokens():
    # Tokens are remembered per process; a test starts with none remembered.
    forget_accepted_tokens()


@pytest.fixture
def user(db):
    return UserFactory()


@pytest.fixture
def team(db):
    return TeamFactory(name="Haematology")


@pytest.fixture
def clinician(team):
    # Named, so printed plans show who made them; with an address, so reminders reach them.
    return clinician_in(
        team, username="dr_who", first_name="Julia", last_name="Hart", email="dr.who@example.org"
    )


@pytest.fixture
def browser(clinician):
    """A test client logged in as the clinician."""
    client = Client()
    client.force_login(clinician)
    return client


@pytest.fixture(autouse=True)
def _times_in_utc(settings):
    # The site shows times in its zone (TIME_ZONE, else the server's); tests that pin a time
    # pin it in UTC, whatever the machine running them is set to.
    settings.TIME_ZONE = "UTC"
