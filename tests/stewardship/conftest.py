import pytest
from django.contrib.auth.models import Group
from django.test import Client

from tests.factories import TeamFactory, clinician_in


@pytest.fixture
def steward(db):
    """A pharmacist in the stewardship group, in no clinical team."""
    user = clinician_in(TeamFactory(name="Pharmacy"), username="pharmacist")
    user.groups.add(Group.objects.get_or_create(name="Stewardship")[0])
    return user


@pytest.fixture
def steward_browser(steward):
    client = Client()
    client.force_login(steward)
    return client
