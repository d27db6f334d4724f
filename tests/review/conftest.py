import pytest
from django.test import Client

from tests.factories import TeamFactory, clinician_in
from tests.reminders.conftest import broker, plan, smtp, team  # noqa: F401 (shared fixtures)


@pytest.fixture
def outsider_browser(db):
    client = Client()
    client.force_login(clinician_in(TeamFactory(name="Cardiology"), username="dr_other"))
    return client
