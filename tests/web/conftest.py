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
