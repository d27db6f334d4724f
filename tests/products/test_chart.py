"""The nurse's chart: printed and as a PDF from the plan's print machinery, with the rate steps,
the observation times and boxes to sign; audited; no patient identifier in its address."""

import pytest
from django.urls import reverse

from decisions.models import AuditEvent

from .test_planner import planner_url

pytestmark = pytest.mark.django_db


def test_the_chart_has_steps_observations_and_signatures(browser, plan, stocked):
    params = {"product": stocked["Octagam 10%"].pk, "start": "2026-12-01T09:00"}
    page = browser.get(planner_url(plan, "infusion-chart"), params)
    html = page.content.decode()
    assert page.status_code == 200
    assert "IVIG infusion chart" in html
    assert html.count("Rate change to step") == 4
    whats = [o["row"].what for o in page.context["observations"]]
    assert whats[0] == "Before the start (baseline)"
    assert whats[1] == "15 minutes after the start"
    assert whats[-2:] == ["End of the infusion", "After the infusion"]
    times = [o["at"].strftime("%H:%M") for o in page.context["observations"]]
    assert times == ["09:00", "09:15", "09:30", "10:00", "10:30", "11:00", "11:46", "12:16"]
    for signer in ("Prescriber", "Pharmacist (vials issued)", "Nurse (started)"):
        assert signer in html


def test_printing_the_chart_is_audited_and_its_address_names_no_patient(browser, plan, stocked):
    case = plan.assessment.case
    planner = browser.get(planner_url(plan), {"product": stocked["Privigen"].pk})
    link = planner_url(plan, "infusion-chart") + "?" + planner.context["chart_query"]
    assert case.patient_identifier not in link and case.patient_name not in link
    assert browser.get(link).status_code == 200
    event = case.audit_events.get(action=AuditEvent.Action.PRINTED)
    assert event.detail["chart"] == "Privigen"
    trail = browser.get(reverse("case-detail", args=[case.pk])).content.decode()
    assert "The Privigen infusion chart of assessment 1" in trail


def test_the_chart_pdf_is_a_pdf_named_by_the_case_reference(browser, plan, stocked):
    case = plan.assessment.case
    response = browser.get(
        planner_url(plan, "infusion-chart-pdf"),
        {"product": stocked["Octagam 5%"].pk, "paper": "a4"},
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert f"infusion-chart-{case.reference}-1.pdf" in response["Content-Disposition"]
    assert case.audit_events.filter(action=AuditEvent.Action.DOWNLOADED).exists()


def test_a_chart_without_a_product_is_refused(browser, plan, stocked):
    assert browser.get(planner_url(plan, "infusion-chart")).status_code == 400
