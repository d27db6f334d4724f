"""A card's link in a real browser: after login, the EHR's values shown (axe: WCAG 2.2 AA), the
case opened and the assessment prefilled, the clinician left to give bleeding and indication."""

import re

from playwright.sync_api import expect

from decisions.ehr.mapping import MappedPatient
from decisions.ehr.prefill import prefill_store

from .axe import axe_violations, describe
from .test_assessment_in_browser import PASSWORD, clinician

__all__ = ["clinician"]  # the fixture, used by name


def test_the_link_opens_a_prefilled_assessment_after_login(page, clinician, shoot):
    prefill = prefill_store(
        mapped=MappedPatient(
            fields={
                "age_group": "adult",
                "age_years": 40.5,
                "weight_kg": 70,
                "platelet_count": 12,
                "platelet_unit": "x10^9/L",
            },
            patient={"name": "Ada Lovelace", "identifier": "H123456", "birth_date": "1985-06-01"},
        ),
        issuer="https://fhir-ehr.example.com/",
    )
    page.goto(f"/ehr/start/{prefill.reference}/")
    expect(page).to_have_url(re.compile(r"/login/"))
    page.fill("#id_username", clinician.username)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit], input[type=submit]")

    expect(page.locator("h1")).to_have_text("New case from the EHR")
    expect(page.locator("#id_patient_name")).to_have_value("Ada Lovelace")
    expect(page.get_by_test_id("ehr-answers")).to_contain_text("70")
    shoot(page, "ehr-link-new-case")
    assert not (violations := axe_violations(page)), describe({"ehr-prefill": violations})
    page.set_viewport_size({"width": 360, "height": 780})
    assert page.evaluate("() => document.documentElement.scrollWidth <= innerWidth")
    shoot(page, "ehr-link-new-case-360")
    page.set_viewport_size({"width": 1280, "height": 900})
    page.click("main input[type=submit]")

    expect(page).to_have_url(re.compile(r"/assessments/1/platelets/$"))
    expect(page.locator("#id_platelet_count")).to_have_value("12")
    shoot(page, "ehr-link-platelets-step")
