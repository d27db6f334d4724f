import pytest
from django.test import Client

from tests.factories import TeamFactory, case_for, clinician_in


@pytest.fixture
def case(clinician, team):
    return case_for(clinician, team)


@pytest.fixture
def outsider_browser(db):
    outsider = clinician_in(TeamFactory(name="Cardiology"), username="dr_other")
    client = Client()
    client.force_login(outsider)
    return client


@pytest.fixture
def colleague(team):
    """A second clinician of the same team, looking at the same cases."""
    return clinician_in(team, username="dr_lee", first_name="Sam", last_name="Lee")


@pytest.fixture
def colleague_browser(colleague):
    client = Client()
    client.force_login(colleague)
    return client
