"""The print view in headless Chromium: printed to PDF by the browser itself, then read back.

The PDFs and a PNG of each page land in test-artifacts/print/ (browser-*.pdf, browser-*.png).
"""

import re
from datetime import date, timedelta

import pytest
from django.utils import dateformat
from playwright.sync_api import expect

from decisions.assessment.services import assessment_complete, assessment_save_answers
from decisions.cases.services import case_create
from tests.factories import TeamFactory, clinician_in
from tests.print.plans import keep_pdf, missing, pdf_pages

PASSWORD = "correct horse battery staple"
NEONATE = {
    "age_group": "neonate",
    "weight_kg": 3.1,
    "platelet_count": 20000,
    "platelet_unit": "per_uL",
    "bleeding": "none",
    "condition": "neonatal_alloimmune",
}
EMERGENCY = {
    "age_group": "adult",
    "age_years": 54,
    "sex": "male",
    "weight_kg": 70,
    "height_cm": 175,
    "platelet_count": 12000,
    "platelet_unit": "per_uL",
    "bleeding": "life_threatening",
    "bleeding_sites": ["gi"],
    "condition": "primary_itp",
    "renal_risk_factors": ["diabetes"],
    "dosing_weight": "actual",
}


@pytest.fixture
def clinician(transactional_db):
    return clinician_in(
        TeamFactory(name="Neonatal unit"),
        username="dr_print",
        first_name="Mae",
        last_name="Jemison",
    )


def planned(clinician, answers, **patient):
    """A case with a plan, made through the services as the guided assessment makes it."""
    case = case_create(
        user=clinician,
        team=clinician.teams.get(),
        patient_name=patient.get("name", "Baby Okafor"),
        patient_identifier=patient.get("identifier", "N778899"),
        date_of_birth=patient.get("born"),
    )
    assessment = case.assessments.get()
    assessment_save_answers(assessment=assessment, user=clinician, answers=answers)
    assessment_complete(assessment=assessment, user=clinician)
    return case


def log_in(page, clinician):
    page.goto("/login/")
    page.fill("#id_username", clinician.username)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    expect(page).to_have_url(re.compile(r"/$"))


def print_to_pdf(page, name: str, paper: str) -> list[str]:
    pdf = page.pdf(format=paper)
    keep_pdf(pdf, name)
    return pdf_pages(pdf)


def test_the_browser_prints_a_neonatal_plan_with_its_dates_on_a4_and_letter(page, clinician, shoot):
    born = date.today() - timedelta(days=3)
    case = planned(clinician, NEONATE, born=born)
    log_in(page, clinician)
    page.goto(f"/cases/{case.pk}/assessments/1/plan/")
    page.get_by_role("link", name="Print").click()
    page.fill("#start", "2026-12-01T09:00")
    page.get_by_role("button", name="Show the dates").click()
    expect(page.get_by_test_id("infusion-days")).to_contain_text("Sat 5 Dec 2026, 09:00 UTC")
    expect(page.locator("[data-print]")).to_be_visible()  # print.js ran under the CSP
    shoot(page, "print-view")

    for paper in ("A4", "Letter"):
        pages = print_to_pdf(page, f"browser-neonatal-{paper.lower()}", paper)
        text = " ".join(pages)
        assert (
            missing(
                text,
                [
                    "0.4 g/kg/day × 5 days",
                    "Daily dose (exact) 1240 mg a day",
                    "Total dose 6200 mg in 5 days",
                    "Day 1 of 5 Tue 1 Dec 2026, 09:00 UTC 1240 mg",
                    "Day 5 of 5 Sat 5 Dec 2026, 09:00 UTC 1240 mg",
                    "not before Sun 6 Dec 2026, 09:00 UTC",
                    "not before Sat 12 Dec 2026, 09:00 UTC",
                    "Evidence: Thin evidence",
                    "[7] High-dose intravenous gammaglobulin",
                    "Reassess after 24 hours.",
                    "Pharmacist check",
                ],
            )
            == []
        ), paper
        assert "Back to the plan" not in text  # the toolbar stays on screen
        assert "Assessment 1 Platelets" in pages[0]
        for number, page_text in enumerate(pages, start=1):
            assert (
                missing(
                    page_text,
                    [
                        "Baby Okafor",
                        f"Born {dateformat.format(born, 'j M Y')} (3 days)",
                        "Hospital no. N778899",
                        f"Case {case.reference}",
                        "by Mae Jemison",
                        f"Page {number} of {len(pages)}",
                    ],
                )
                == []
            ), f"{paper} page {number}"
    assert page.console_errors == []


def test_the_browser_prints_an_emergency_plan_marked_as_one_on_every_page(page, clinician):
    case = planned(clinician, EMERGENCY, name="Ada Lovelace", identifier="H123456")
    log_in(page, clinician)
    page.goto(f"/cases/{case.pk}/assessments/1/plan/print/")
    pages = print_to_pdf(page, "browser-emergency-a4", "A4")
    assert len(pages) >= 2
    assert "EMERGENCY PLAN: life-threatening bleeding" in pages[0]
    for page_text in pages:
        assert "EMERGENCY" in page_text
        assert f"Case {case.reference}" in page_text
    assert (
        missing(
            " ".join(pages),
            ["GIVE Platelet transfusion", "Prednisone 70–140 mg a day", "CRITICAL Emergency"],
        )
        == []
    )
    assert page.console_errors == []
