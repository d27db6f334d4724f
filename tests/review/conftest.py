import pytest
from django.test import Client

from tests.factories import TeamFactory, clinician_in
from tests.reminders.helpers import plan_for


@pytest.fixture
def team(db):
    return TeamFactory(name="Haematology", email="haem-team@example.org")


@pytest.fixture
def plan(clinician, team):
    return plan_for(clinician, team)


@pytest.fixture
def outsider_browser(db):
    client = Client()
    client.force_login(clinician_in(TeamFactory(name="Cardiology"), username="dr_other"))
    return client
