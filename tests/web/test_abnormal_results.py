"""Acute kidney injury and overdue checks show where the clinician looks: the case page (with a
link to the check) and the case list."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from decisions.models import RenalCheck
from decisions.monitoring.results import renal_result_record
from tests.reminders.helpers import plan_for, record

pytestmark = pytest.mark.django_db


def course_with_result(clinician, team, creatinine: str):
    """A course whose infusion ended ten days ago, its first check answered with `creatinine`
    (mg/dL) against a baseline of 1.00."""
    plan = plan_for(clinician, team, patient_name="Ada Lovelace")
    record(plan, clinician, ended_at=timezone.now() - timedelta(days=10))
    check = RenalCheck.objects.filter(plan=plan).order_by("due_at").first()
    renal_result_record(
        renal_check=check,
        user=clinician,
        measured_at=check.due_at,
        creatinine=Decimal(creatinine),
        creatinine_unit="mg/dL",
    )
    return plan.assessment.case, check


def test_the_case_page_alerts_an_aki_with_a_link_to_its_check(browser, clinician, team):
    case, check = course_with_result(clinician, team, "2.10")
    html = browser.get(f"/cases/{case.pk}/").content.decode()
    assert 'data-testid="aki-alert"' in html
    assert "Acute kidney injury: KDIGO stage 2" in html
    assert reverse("renal-check", kwargs={"pk": case.pk, "check_pk": check.pk}) in html
    assert "Reasons: [" not in html


def test_the_case_page_has_no_aki_alert_without_injury(browser, clinician, team):
    case, _ = course_with_result(clinician, team, "1.05")
    assert 'data-testid="aki-alert"' not in browser.get(f"/cases/{case.pk}/").content.decode()


def test_the_case_page_names_overdue_checks_with_a_link_to_enter_the_result(
    browser, clinician, team
):
    case, answered = course_with_result(clinician, team, "1.05")
    html = browser.get(f"/cases/{case.pk}/").content.decode()
    overdue = RenalCheck.objects.filter(case=case).exclude(pk=answered.pk).first()
    assert 'data-testid="overdue-check"' in html
    assert reverse("renal-check", kwargs={"pk": case.pk, "check_pk": overdue.pk}) in html


def test_the_case_list_marks_a_case_with_aki(browser, clinician, team):
    course_with_result(clinician, team, "2.10")
    html = browser.get("/cases/").content.decode()
    assert 'data-testid="aki-badge">AKI stage 2</span>' in html


def test_the_case_list_marks_no_case_without_aki(browser, clinician, team):
    course_with_result(clinician, team, "1.05")
    assert 'data-testid="aki-badge"' not in browser.get("/cases/").content.decode()
