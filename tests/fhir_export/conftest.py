import pytest
from django.test import Client

from tests.factories import TeamFactory, clinician_in


@pytest.fixture
def outsider(db):
    return clinician_in(TeamFactory(name="Cardiology"), username="dr_other")


@pytest.fixture
def outsider_browser(outsider):
    client = Client()
    client.force_login(outsider)
    return client
