"""Rules 2027.1 in a real browser: the screening questions asked, their alerts on the plan and
in the PDF."""

import re

from playwright.sync_api import expect

from tests.print.plans import pdf_text

from .test_assessment_in_browser import clinician, go_next, log_in, open_case, settle

__all__ = ["clinician"]  # the fixture, used by name


def test_the_screening_questions_are_asked_and_their_alerts_shown(page, clinician, shoot):
    log_in(page, clinician)
    open_case(page, "Rosalind Franklin")
    page.check("input[name=age_group][value=adult]")
    page.fill("#id_weight_kg", "70")
    page.check("input[name=sex][value=male]")
    settle(page)
    go_next(page, "Platelets and bleeding")

    page.fill("#id_platelet_count", "40000")
    page.check("input[name=bleeding][value=none]")
    settle(page)
    page.check("input[name=bleeding_risk]")
    settle(page)
    go_next(page, "Condition and urgency")

    page.check("input[name=condition][value=primary_itp]")
    settle(page)
    procedure = page.locator("input[name=procedure]")
    expect(procedure).to_have_count(0)
    page.check("input[name=urgent_surgery]")
    settle(page)
    expect(procedure.first).to_be_visible()
    page.check("input[name=procedure][value=major_surgery]")
    settle(page)
    shoot(page, "20-procedure-asked")
    go_next(page, "Contraindications and risks")

    for name in (
        "prior_immunoglobulin_anaphylaxis",
        "iga_deficiency_with_antibodies",
        "heart_failure",
    ):
        expect(page.locator(f"input[name={name}]")).to_be_visible()
    page.check("input[name=iga_deficiency_with_antibodies]")
    settle(page)
    page.check("input[name=blood_group][value=AB]")
    settle(page)
    page.check("input[name=heart_failure]")
    settle(page)
    shoot(page, "21-screening-asked")
    go_next(page, "Review")
    page.click("text=Produce the plan")

    expect(page.get_by_test_id("platelet-target")).to_contain_text("50,000")
    for code in ("IVIG_HYPERSENSITIVITY", "HAEMOLYSIS_RISK", "VOLUME_OVERLOAD_RISK"):
        expect(page.locator(f'[data-code="{code}"]')).to_be_visible()
    expect(page.locator('[data-code="IVIG_HYPERSENSITIVITY"]')).to_contain_text("IgA-depleted")
    expect(page.locator("#rec-PLATELET_TRANSFUSION")).to_contain_text("Option")
    shoot(page, "22-screening-alerts-on-the-plan")

    pdf_link = page.get_by_role("link", name="Download PDF").get_attribute("href")
    response = page.request.get(pdf_link)
    assert response.ok and response.headers["content-type"] == "application/pdf"
    text = re.sub(r"\s+", " ", pdf_text(response.body()))
    for words in (
        "IgA deficiency with antibodies against IgA",
        "Blood group AB: IVIG can cause haemolysis",
        "Heart failure or a limited tolerance of volume",
        "target for the procedure 50,000 per µL",
        "Haemoglobin before the infusion",
    ):
        assert words in text, words
    assert page.console_errors == []
