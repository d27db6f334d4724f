import pytest

from tests.factories import TeamFactory

from .helpers import plan_for
from .worker_fixtures import broker, smtp  # noqa: F401 (for the worker tests here and in tests/review)


@pytest.fixture
def team(db):
    return TeamFactory(name="Haematology", email="haem-team@example.org")


@pytest.fixture
def plan(clinician, team):
    return plan_for(clinician, team)
