"""Who may export a plan as FHIR: an API token with the `fhir` scope or a logged-in session, for
the cases of their teams only; each export is in the case's audit trail."""

import pytest
from django.test import Client

from decisions.api.tokens import api_token_issue
from decisions.models import AuditEvent
from decisions.overview.audit_wording import audit_detail_text
from tests.factories import case_for
from tests.reminders.helpers import plan_for

from .helpers import exported, fhir_url

pytestmark = pytest.mark.django_db


@pytest.fixture
def snapshot(clinician, team):
    return plan_for(clinician, team)


def bearer(token: str) -> dict:
    return {"Authorization": f"Bearer {token}"}


def exports_of(snapshot):
    return snapshot.assessment.case.audit_events.filter(action=AuditEvent.Action.DOWNLOADED)


def test_a_token_with_the_fhir_scope_exports_the_plan(clinician, snapshot):
    token = api_token_issue(user=clinician, scopes=("fhir",))

    bundle = exported(Client(), snapshot, **bearer(token))

    assert bundle["type"] == "collection"


def test_a_logged_in_clinician_exports_the_plan_of_their_team(browser, snapshot):
    response = browser.get(fhir_url(snapshot))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/fhir+json"
    reference = snapshot.assessment.case.reference
    assert response["Content-Disposition"] == (
        f'attachment; filename="plan-{reference}-1.fhir.json"'
    )


def test_no_token_and_no_session_is_401_in_json(snapshot):
    response = Client().get(fhir_url(snapshot))

    assert response.status_code == 401
    assert response["Content-Type"] == "application/json"
    assert response["WWW-Authenticate"] == "Bearer"


@pytest.mark.parametrize("header", ["Bearer ivig_not-a-real-token", "Basic ZHI6d2hv"])
def test_a_bad_token_is_401(snapshot, header):
    response = Client().get(fhir_url(snapshot), headers={"Authorization": header})

    assert response.status_code == 401
    assert not exports_of(snapshot).exists()


def test_a_token_without_the_fhir_scope_is_403_insufficient_scope(clinician, snapshot):
    token = api_token_issue(user=clinician, scopes=("evaluate",))

    response = Client().get(fhir_url(snapshot), headers=bearer(token))

    assert response.status_code == 403
    assert 'error="insufficient_scope", scope="fhir"' in response["WWW-Authenticate"]
    assert not exports_of(snapshot).exists()


def test_it_rejects_other_teams_case_with_a_session(outsider_browser, snapshot):
    response = outsider_browser.get(fhir_url(snapshot))

    assert response.status_code == 404
    assert response.json() == {"error": "No such plan."}
    assert not exports_of(snapshot).exists()


def test_it_rejects_other_teams_case_with_a_token(outsider, snapshot):
    token = api_token_issue(user=outsider, scopes=("fhir",))

    response = Client().get(fhir_url(snapshot), headers=bearer(token))

    assert response.status_code == 404


@pytest.mark.parametrize(
    "path",
    ["/api/v1/plans/IV-NOSUCH/1.fhir.json", "{reference}/2.fhir.json"],
    ids=["unknown-case", "unknown-assessment"],
)
def test_an_unknown_plan_is_404(browser, snapshot, path):
    reference = snapshot.assessment.case.reference
    path = path.replace("{reference}", f"/api/v1/plans/{reference}")

    assert browser.get(path).status_code == 404


def test_an_assessment_without_a_plan_yet_is_404(browser, clinician, team):
    case = case_for(clinician, team)  # its first assessment, a draft

    response = browser.get(f"/api/v1/plans/{case.reference}/1.fhir.json")

    assert response.status_code == 404


def test_each_export_is_recorded_in_the_audit_trail(browser, clinician, snapshot):
    token = api_token_issue(user=clinician, scopes=("fhir",))

    browser.get(fhir_url(snapshot))
    Client().get(fhir_url(snapshot), headers=bearer(token))

    events = list(exports_of(snapshot).order_by("id"))
    assert [(e.actor, e.detail) for e in events] == [
        (clinician, {"number": 1, "format": "fhir_r4", "via": "session"}),
        (clinician, {"number": 1, "format": "fhir_r4", "via": "api_token"}),
    ]
    assert audit_detail_text(events[1].action, events[1].detail) == (
        "The plan of assessment 1, as FHIR R4 through an API token."
    )


def test_only_get_is_answered(browser, snapshot):
    response = browser.post(fhir_url(snapshot))

    assert response.status_code == 405
    assert not exports_of(snapshot).exists()


def test_the_plan_page_links_to_the_export(browser, snapshot):
    case = snapshot.assessment.case

    html = browser.get(f"/cases/{case.pk}/assessments/1/plan/").content.decode()

    assert f'href="{fhir_url(snapshot)}" download>Download as FHIR R4</a>' in html
