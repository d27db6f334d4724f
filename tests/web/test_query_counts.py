"""Pages make a constant number of queries, however many cases, assessments, events, infusions,
renal checks or results exist."""

import re
from datetime import timedelta
from decimal import Decimal
from html import unescape

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from decisions.models import RenalCheck
from decisions.monitoring.results import platelet_count_record, renal_result_record
from tests.factories import case_for
from tests.reminders.helpers import AT_RENAL_RISK, plan_for, record

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


def older_page(client, url) -> str:
    older = re.search(r'href="([^"]+)">Older</a>', client.get(url).content.decode())
    return "/cases/" + unescape(older.group(1))


@pytest.mark.parametrize("url", ["/cases/", "/cases/?q=Patient"])
def test_an_older_page_of_the_list_costs_what_the_first_does(browser, clinician, team, url):
    add_cases(clinician, team, 30)
    first = queries(browser, url)
    assert queries(browser, older_page(browser, url)) == first
    add_cases(clinician, team, 60)
    assert queries(browser, older_page(browser, older_page(browser, url))) == first


def test_the_case_list_reads_the_cases_in_one_query(browser, clinician, team):
    add_cases(clinician, team, 30)
    url = older_page(browser, "/cases/")
    with CaptureQueriesContext(connection) as captured:
        browser.get(url)
    case_reads = [q for q in captured.captured_queries if 'FROM "decisions_case"' in q["sql"]]
    assert len(case_reads) == 1  # the page itself: no COUNT, no per-row query


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


def a_course(clinician, team, **case_fields):
    """A plan whose first infusion ended ten days ago: its checks are overdue, one has a result
    with acute kidney injury, and a platelet count is entered."""
    plan = plan_for(clinician, team, AT_RENAL_RISK, **case_fields)
    ended = timezone.now() - timedelta(days=10)
    record(plan, clinician, ended_at=ended)
    check = RenalCheck.objects.filter(plan=plan).order_by("due_at").first()
    renal_result_record(
        renal_check=check,
        user=clinician,
        measured_at=check.due_at,
        creatinine=Decimal("2.10"),
        creatinine_unit="mg/dL",
    )
    platelet_count_record(
        case=plan.assessment.case,
        plan=plan,
        user=clinician,
        measured_at=ended + timedelta(hours=20),
        count_per_uL=45_000,
    )
    return plan


def course_pages(plan) -> dict[str, str]:
    case = plan.assessment.case
    plan_page = plan_url(case)
    check = RenalCheck.objects.filter(plan=plan).order_by("due_at").last()
    return {
        "dashboard": "/",
        "print view": f"{plan_page}print/",
        "infusions page": reverse("infusion-course", kwargs={"pk": case.pk, "number": 1}),
        "check page": reverse("renal-check", kwargs={"pk": case.pk, "check_pk": check.pk}),
    }


@pytest.mark.parametrize("page", ["dashboard", "print view", "infusions page", "check page"])
def test_the_course_pages_do_not_grow_with_cases_courses_or_results(browser, clinician, team, page):
    url = course_pages(a_course(clinician, team))[page]
    few = queries(browser, url)
    for i in range(4):
        a_course(clinician, team, patient_name=f"Patient {i}", patient_identifier=f"H{i}")
    add_cases(clinician, team, 10)
    assert queries(browser, url) == few
