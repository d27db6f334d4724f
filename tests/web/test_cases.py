"""The case list, the dashboard and the case page."""

import pytest

from decisions.models import AuditEvent, Case
from tests.factories import TeamFactory, case_for, clinician_in

from .wizard import walk

pytestmark = pytest.mark.django_db


def test_the_list_shows_only_my_teams_cases(browser, clinician, team):
    case_for(clinician, team, patient_name="Mine")
    elsewhere = TeamFactory(name="Cardiology")
    case_for(clinician_in(elsewhere), elsewhere, patient_name="Theirs")
    html = browser.get("/cases/").content.decode()
    assert "Mine" in html
    assert "Theirs" not in html


@pytest.mark.parametrize(
    ("query", "found"),
    [("grace", "Grace Hopper"), ("H777", "Grace Hopper"), ("alan", "Alan Turing")],
)
def test_the_list_searches_by_name_or_hospital_number(browser, clinician, team, query, found):
    case_for(clinician, team, patient_name="Grace Hopper", patient_identifier="H777")
    case_for(clinician, team, patient_name="Alan Turing", patient_identifier="H888")
    page = browser.get("/cases/", {"q": query}).context["page"]
    assert [c.patient_name for c in page] == [found]


def test_the_list_filters_by_team_and_status(browser, clinician, team):
    other = TeamFactory(name="Neonatal unit", members=[clinician])
    case_for(clinician, team, patient_name="Ward case")
    closed = case_for(clinician, other, patient_name="Neonate case")
    Case.objects.filter(pk=closed.pk).update(status="closed")
    by_team = browser.get("/cases/", {"team": other.pk}).context["page"]
    assert [c.patient_name for c in by_team] == ["Neonate case"]
    by_status = browser.get("/cases/", {"status": "open"}).context["page"]
    assert [c.patient_name for c in by_status] == ["Ward case"]


def test_the_dashboard_shows_emergencies_and_unfinished_assessments(browser, clinician, team):
    emergency = case_for(clinician, team, patient_name="Bleeding patient")
    walk(browser, emergency)
    case_for(clinician, team, patient_name="Half-assessed patient")
    response = browser.get("/")
    emergencies = [row["patient_name"] for row in response.context["emergency_rows"]]
    assert emergencies == ["Bleeding patient"]
    unfinished = [row["patient_name"] for row in response.context["unfinished_rows"]]
    assert unfinished == ["Half-assessed patient"]


def test_viewing_a_case_is_audited_and_the_trail_is_shown(browser, case):
    html = browser.get(f"/cases/{case.pk}/").content.decode()
    assert case.audit_events.filter(action=AuditEvent.Action.VIEWED).count() == 1
    assert "Created the case" in html
    assert "Audit trail" in html


def test_a_case_can_be_closed_and_reopened(browser, case):
    browser.post(f"/cases/{case.pk}/status/", {"status": "closed", "version": case.version})
    case.refresh_from_db()
    assert case.status == "closed"
    browser.post(f"/cases/{case.pk}/status/", {"status": "open", "version": case.version})
    case.refresh_from_db()
    assert case.status == "open"
    actions = set(case.audit_events.values_list("action", flat=True))
    assert {"closed", "reopened"} <= actions


def test_reopening_from_a_page_older_than_a_colleagues_close_changes_nothing(
    browser, colleague_browser, case
):
    stale = case.version
    colleague_browser.post(f"/cases/{case.pk}/status/", {"status": "closed", "version": stale})
    response = browser.post(
        f"/cases/{case.pk}/status/", {"status": "open", "version": stale}, follow=True
    )
    assert "Sam Lee closed this case at" in response.content.decode()
    case.refresh_from_db()
    assert case.status == "closed"


def test_closing_twice_from_one_page_is_not_a_conflict(browser, case):
    stale = case.version
    browser.post(f"/cases/{case.pk}/status/", {"status": "closed", "version": stale})
    response = browser.post(
        f"/cases/{case.pk}/status/", {"status": "closed", "version": stale}, follow=True
    )
    assert "changed since you opened it" not in response.content.decode()
    case.refresh_from_db()
    assert case.status == "closed"


def test_a_clinician_without_a_team_cannot_open_a_case(db, client):
    from tests.factories import UserFactory

    client.force_login(UserFactory())
    response = client.get("/cases/new/")
    assert response.status_code == 302
