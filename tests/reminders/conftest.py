import pytest
from django.test import Client

from tests.factories import TeamFactory, clinician_in

from .helpers import plan_for


@pytest.fixture
def team(db):
    return TeamFactory(name="Haematology", email="haem-team@example.org")


@pytest.fixture
def clinician(team):
    return clinician_in(team, username="dr_who", email="dr.who@example.org")


@pytest.fixture
def browser(clinician):
    client = Client()
    client.force_login(clinician)
    return client


@pytest.fixture
def plan(clinician, team):
    return plan_for(clinician, team)
