"""The emergency fast path: the engine's emergency core on the step, a partial plan at once,
and the full plan later as the next assessment, the partial one kept as it was."""

from io import BytesIO

import pytest
from pypdf import PdfReader

from decisions.assessment.views.emergency import emergency_core_for
from decisions.models import Assessment, AuditEvent, PlanSnapshot

from .wizard import GI_BLEED, plan_url, post_step, step_url, walk

pytestmark = pytest.mark.django_db

FIRST_TWO_STEPS = {step: GI_BLEED[step] for step in ("patient", "platelets")}


def enter_first_two_steps(client, case):
    for step, data in FIRST_TWO_STEPS.items():
        assert post_step(client, case, step, data).status_code == 302


def plan_now(client, case, step="platelets", data=None):
    return post_step(client, case, step, {**(data or GI_BLEED[step]), "nav": "plan"})


def test_the_step_shows_the_engines_emergency_core_once_bleeding_is_life_threatening(browser, case):
    enter_first_two_steps(browser, case)
    html = browser.get(step_url(case, "platelets")).content.decode()
    assert 'data-testid="emergency-core"' in html
    assert "IVIG 70 g (1 g/kg × 70 kg)" in html
    assert "Prednisone 70-140 mg a day" in html
    assert "Give a platelet transfusion now" in html
    assert 'name="nav" value="plan"' in html


def test_the_core_is_swapped_in_as_the_bleeding_field_is_saved(browser, case):
    post_step(browser, case, "patient", GI_BLEED["patient"])
    response = post_step(
        browser,
        case,
        "platelets",
        GI_BLEED["platelets"],
        HTTP_HX_REQUEST="true",
        HTTP_HX_TRIGGER="slot-bleeding",
    )
    html = response.content.decode()
    assert 'id="emergency-core" aria-live="assertive" hx-swap-oob="innerHTML"' in html
    assert "IVIG 70 g" in html


def test_the_core_is_not_sent_again_while_it_says_the_same(browser, case):
    enter_first_two_steps(browser, case)
    shown = emergency_core_for(case.assessments.get()).shown
    response = post_step(
        browser,
        case,
        "platelets",
        {**GI_BLEED["platelets"], "bleeding_sites": ["gi", "gu"], "emergency_shown": shown},
        HTTP_HX_REQUEST="true",
        HTTP_HX_TRIGGER="slot-bleeding_sites",
    )
    assert 'id="emergency-core"' not in response.content.decode()


def test_the_core_is_sent_again_once_it_changes(browser, case):
    enter_first_two_steps(browser, case)
    shown = emergency_core_for(case.assessments.get()).shown
    post_step(browser, case, "patient", {**GI_BLEED["patient"], "weight_kg": "80"})
    response = post_step(
        browser,
        case,
        "platelets",
        {**GI_BLEED["platelets"], "emergency_shown": shown},
        HTTP_HX_REQUEST="true",
        HTTP_HX_TRIGGER="slot-platelet_count",
    )
    assert "IVIG 80 g" in response.content.decode()


def test_the_core_leaves_when_the_emergency_does(browser, case):
    enter_first_two_steps(browser, case)
    shown = emergency_core_for(case.assessments.get()).shown
    response = post_step(
        browser,
        case,
        "platelets",
        {**GI_BLEED["platelets"], "bleeding": "minor", "emergency_shown": shown},
        HTTP_HX_REQUEST="true",
        HTTP_HX_TRIGGER="slot-bleeding",
    )
    html = response.content.decode()
    assert 'id="emergency-core" aria-live="assertive" hx-swap-oob="innerHTML"' in html
    assert 'data-testid="emergency-core"' not in html


def test_no_core_without_an_emergency(browser, case):
    post_step(browser, case, "patient", GI_BLEED["patient"])
    minor = {**GI_BLEED["platelets"], "bleeding": "minor"}
    post_step(browser, case, "platelets", minor)
    html = browser.get(step_url(case, "platelets")).content.decode()
    assert 'id="emergency-core"' in html  # the live region is always there
    assert 'data-testid="emergency-core"' not in html


def test_a_cns_site_is_an_emergency_whatever_the_bleeding_says(browser, case):
    post_step(browser, case, "patient", GI_BLEED["patient"])
    cns = {**GI_BLEED["platelets"], "bleeding": "minor", "bleeding_sites": ["cns"]}
    post_step(browser, case, "platelets", cns)
    html = browser.get(step_url(case, "platelets")).content.decode()
    assert "IVIG 70 g" in html


def test_the_core_asks_for_what_the_engine_cannot_do_without(browser, case):
    only_bleeding = {"platelet_unit": "per_uL", "bleeding": "life_threatening"}
    post_step(browser, case, "platelets", only_bleeding)
    html = browser.get(step_url(case, "platelets")).content.decode()
    assert 'data-testid="core-needs"' in html
    assert "Age group, Weight (kg), Platelet count" in html
    assert 'value="plan"' not in html


def test_plan_now_makes_a_partial_plan_that_lists_what_it_assumed(browser, case):
    post_step(browser, case, "patient", GI_BLEED["patient"])
    response = plan_now(browser, case)
    assert response.status_code == 302
    assert response.url == plan_url(case)
    snapshot = PlanSnapshot.objects.get(assessment__case=case)
    assert snapshot.partial and snapshot.emergency
    assert [a["field"] for a in snapshot.assumptions][:1] == ["condition"]
    html = browser.get(plan_url(case)).content.decode()
    assert "EMERGENCY (partial plan)" in html
    assert 'data-testid="partial-plan"' in html
    assert "Cause of the thrombocytopenia" in html
    assert "Primary immune thrombocytopenia (ITP); the emergency treatment" in html
    assert "Complete the remaining steps" in html
    case_page = browser.get(f"/cases/{case.pk}/").content.decode()
    assert 'data-testid="partial-badge"' in case_page


def test_the_partial_plan_is_the_engines_emergency_plan(browser, case):
    post_step(browser, case, "patient", GI_BLEED["patient"])
    plan_now(browser, case)
    partial = PlanSnapshot.objects.get(assessment__case=case).plan
    roles = {item["code"]: item["role"] for item in partial["recommendations"]}
    assert roles["IVIG"] == roles["CORTICOSTEROID"] == roles["PLATELET_TRANSFUSION"] == "give"
    assert partial["rule_ids"][0] == "EMERGENCY-LIFE-THREATENING-BLEEDING"


def test_the_audit_trail_says_the_plan_was_partial(browser, case):
    post_step(browser, case, "patient", GI_BLEED["patient"])
    plan_now(browser, case)
    event = case.audit_events.get(action=AuditEvent.Action.PLAN_CREATED)
    assert event.detail["partial"] is True
    assert "condition" in event.detail["assumed"]


def test_plan_now_without_the_weight_stays_on_the_step_and_says_what_is_missing(browser, case):
    response = plan_now(browser, case)
    assert response.status_code == 400
    assert "The emergency plan needs these answers first" in response.content.decode()
    assert not PlanSnapshot.objects.filter(assessment__case=case).exists()


def test_plan_now_is_refused_when_it_is_no_emergency(browser, case):
    post_step(browser, case, "patient", GI_BLEED["patient"])
    response = plan_now(browser, case, data={**GI_BLEED["platelets"], "bleeding": "minor"})
    assert response.status_code == 400
    assert "no emergency plan" in response.content.decode()
    assert case.assessments.get().status == Assessment.Status.DRAFT


def test_a_plan_from_every_answer_is_not_partial(browser, case):
    walk(browser, case)
    snapshot = PlanSnapshot.objects.get(assessment__case=case)
    assert snapshot.assumptions == [] and not snapshot.partial
    assert 'data-testid="partial-plan"' not in browser.get(plan_url(case)).content.decode()


def test_completing_the_steps_makes_the_next_plan_and_keeps_the_partial_one(browser, case):
    post_step(browser, case, "patient", GI_BLEED["patient"])
    plan_now(browser, case)
    partial = PlanSnapshot.objects.get(assessment__case=case)
    kept = (partial.plan, partial.assumptions, partial.created_at)

    response = browser.post(f"{plan_url(case)}complete/")
    assert response.status_code == 302
    assert response.url == step_url(case, "context", number=2)
    walk(browser, case, {"context": GI_BLEED["context"], "risks": GI_BLEED["risks"]}, number=2)

    partial.refresh_from_db()
    assert (partial.plan, partial.assumptions, partial.created_at) == kept
    full = PlanSnapshot.objects.get(assessment__case=case, assessment__number=2)
    assert not full.partial
    assert full.assessment.answers["condition"] == "primary_itp"
    later = browser.get(plan_url(case)).content.decode()
    assert 'data-testid="completed-by"' in later
    assert "Complete the remaining steps" not in later
    full_page = browser.get(plan_url(case, number=2)).content.decode()
    assert 'data-testid="completes-partial"' in full_page


def test_only_a_partial_plan_can_be_completed(browser, case):
    walk(browser, case)
    assert browser.post(f"{plan_url(case)}complete/").status_code == 404


def test_another_teams_partial_plan_cannot_be_completed(browser, outsider_browser, case):
    post_step(browser, case, "patient", GI_BLEED["patient"])
    plan_now(browser, case)
    assert outsider_browser.post(f"{plan_url(case)}complete/").status_code == 404


def test_the_print_view_and_pdf_say_the_plan_is_partial(browser, case):
    post_step(browser, case, "patient", GI_BLEED["patient"])
    plan_now(browser, case)
    printed = browser.get(f"{plan_url(case)}print/").content.decode()
    assert 'data-testid="pagehead-partial"' in printed
    assert "PARTIAL PLAN, made in an emergency" in printed
    assert "Not given (a partial plan: see its assumptions)" in printed
    pdf = browser.get(f"{plan_url(case)}pdf/")
    assert pdf.status_code == 200
    assert "PARTIAL PLAN" in pdf_text(pdf.content)


def pdf_text(content: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(BytesIO(content)).pages)
