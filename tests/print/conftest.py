import pytest
from django.core.cache import cache
from django.test import Client

from tests.factories import TeamFactory, case_for, clinician_in


@pytest.fixture(autouse=True)
def _no_kept_pdfs():
    # Each test renders its own PDFs; one kept by an earlier test would hide a rendering.
    cache.clear()


@pytest.fixture
def case(clinician, team):
    return case_for(clinician, team)


@pytest.fixture
def outsider_browser(db):
    outsider = clinician_in(TeamFactory(name="Cardiology"), username="dr_other")
    client = Client()
    client.force_login(outsider)
    return client
