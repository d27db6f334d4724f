"""A clinician with a walked case (plan, an infusion, its renal checks) and a path for every URL."""

from types import SimpleNamespace

import pytest
from django.apps import apps

from decisions.models import RenalCheck
from tests.factories import UserFactory
from tests.reminders.helpers import plan_for, record
from tests.url_walk import example_path


@pytest.fixture
def walked(clinician, team):
    """A case with a plan giving IVIG, its first infusion recorded and its renal checks due."""
    plan = plan_for(clinician, team)
    infusion = record(plan, clinician)
    case = plan.assessment.case
    case.refresh_from_db()
    check = RenalCheck.objects.filter(plan=plan).earliest("due_at")
    return SimpleNamespace(case=case, plan=plan, infusion=infusion, check=check)


@pytest.fixture
def path_of(walked, clinician):
    """path_of(route): a path for the route whose parameters name the walked case's objects."""
    values = {
        "pk": walked.case.pk,
        "reference": walked.case.reference,
        "number": walked.plan.assessment.number,
        "step": "patient",
        "code": "IVIG",
        "infusion_pk": walked.infusion.pk,
        "check_pk": walked.check.pk,
        "service_id": "ivig-order-sign",
        "prefill_reference": "no-such-reference",
        # The admin's parameters.
        "object_id": walked.case.pk,
        "id": clinician.pk,
        "content_type_id": 1,
        "app_label": "decisions",
        "url": "nowhere/",
    }
    return lambda route: example_path(route, values)


@pytest.fixture
def superuser(db):
    return UserFactory(username="root", is_staff=True, is_superuser=True)


def database_state():
    """Every row of the app's and of auth's tables, to show that a refused request wrote nothing."""
    models = [
        *apps.get_app_config("decisions").get_models(),
        *apps.get_app_config("auth").get_models(),
    ]
    return {model._meta.label: list(model.objects.order_by("pk").values()) for model in models}
