"""Rules 2027.1 in the guided assessment: the procedure and screening questions, and the plan."""

import pytest

from tests.print.plans import pdf_text, pdf_url

from .wizard import GI_BLEED, post_step, step_url, walk

pytestmark = pytest.mark.django_db

SCREENED = {
    **GI_BLEED,
    "platelets": {
        "platelet_count": "40000",
        "platelet_unit": "per_uL",
        "bleeding": "none",
        "bleeding_risk": "on",
    },
    "context": {
        "condition": "primary_itp",
        "urgent_surgery": "on",
        "procedure": "neurosurgery_or_posterior_eye",
    },
    "risks": {
        "dosing_weight": "actual",
        "iga_deficiency_with_antibodies": "on",
        "blood_group": "A",
        "heart_failure": "on",
    },
}


def test_the_risks_step_asks_the_screening_questions(browser, case):
    for step, data in list(SCREENED.items())[:3]:
        post_step(browser, case, step, data)

    html = browser.get(step_url(case, "risks")).content.decode()

    for name in (
        "prior_immunoglobulin_anaphylaxis",
        "iga_deficiency_with_antibodies",
        "blood_group",
        "heart_failure",
    ):
        assert f'name="{name}"' in html
    assert "Not known" in html


def test_the_procedure_is_asked_only_when_one_is_coming(browser, case):
    post_step(browser, case, "patient", GI_BLEED["patient"])
    post_step(browser, case, "platelets", SCREENED["platelets"])
    assert 'name="procedure"' not in browser.get(step_url(case, "context")).content.decode()

    post_step(browser, case, "context", {"condition": "primary_itp", "urgent_surgery": "on"})

    assert 'name="procedure"' in browser.get(step_url(case, "context")).content.decode()


def test_the_plan_shows_the_target_the_screening_alerts_and_the_haemoglobin_check(browser, case):
    html = walk(browser, case, SCREENED).content.decode()

    assert 'data-testid="platelet-target"' in html and "100,000" in html
    for code in ("IVIG_HYPERSENSITIVITY", "HAEMOLYSIS_RISK", "VOLUME_OVERLOAD_RISK"):
        assert f'data-code="{code}"' in html
    assert "Haemoglobin before the infusion" in html
    assert 'data-code="PLATELET_TRANSFUSION"' in html
    assert "IG-LABEL" in html


def test_prior_anaphylaxis_avoids_ivig_on_the_plan_and_in_the_pdf(browser, case):
    answers = {
        **SCREENED,
        "risks": {"dosing_weight": "actual", "prior_immunoglobulin_anaphylaxis": "on"},
    }
    html = walk(browser, case, answers).content.decode()

    assert 'id="rec-IVIG"' in html and "role-avoid" in html
    assert 'data-code="IVIG_HYPERSENSITIVITY"' in html
    text = " ".join(pdf_text(browser.get(pdf_url(case)).content).split())
    assert "reaction to human immunoglobulin before" in text
    assert "target for the procedure 100,000" in text
