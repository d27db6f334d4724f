"""Pages make a constant number of queries, however many cases, assessments or events exist."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import case_for

from .wizard import plan_url, walk

pytestmark = pytest.mark.django_db


def queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def add_cases(clinician, team, n):
    for i in range(n):
        case_for(clinician, team, patient_name=f"Patient {i}", patient_identifier=f"H{i}")


@pytest.mark.parametrize("url", ["/", "/cases/", "/cases/?q=Patient", "/cases/?status=open"])
def test_list_pages_do_not_grow_with_the_number_of_cases(browser, clinician, team, url):
    add_cases(clinician, team, 2)
    few = queries(browser, url)
    add_cases(clinician, team, 30)
    assert queries(browser, url) == few


def test_the_case_page_does_not_grow_with_assessments_or_events(browser, clinician, team):
    case = case_for(clinician, team)
    walk(browser, case)
    few = queries(browser, f"/cases/{case.pk}/")
    for _ in range(3):
        browser.post(f"/cases/{case.pk}/assess/")
        case.refresh_from_db()
        assessment = case.assessments.order_by("-number").first()
        case.refresh_from_db()
        browser.post(
            f"/cases/{case.pk}/assessments/{assessment.number}/review/",
            {"version": case.version},
        )
    assert queries(browser, f"/cases/{case.pk}/") == few


def test_the_plan_page_does_not_grow_with_decisions(browser, clinician, team):
    case = case_for(clinician, team)
    walk(browser, case)
    few = queries(browser, plan_url(case))
    for code in ("IVIG", "CORTICOSTEROID", "PLATELET_TRANSFUSION", "IVIG"):
        case.refresh_from_db()
        browser.post(
            f"{plan_url(case)}decisions/{code}/", {"version": case.version, "decision": "accepted"}
        )
    assert queries(browser, plan_url(case)) == few
