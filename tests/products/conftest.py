import pytest

from decisions.models import Product
from tests.reminders.helpers import plan_for


@pytest.fixture
def stocked(db):
    """The pharmacy stocks Octagam 10%, Privigen and Octagam 5%; the rest stays switched off."""
    Product.objects.filter(name__in=["Octagam 10%", "Privigen", "Octagam 5%"]).update(active=True)
    return {p.name: p for p in Product.objects.filter(active=True)}


@pytest.fixture
def plan(clinician, team):
    return plan_for(clinician, team)
