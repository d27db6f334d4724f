"""The emergency fast path in a real browser: keyboard only from login to the plan and on to the
completed plan; the partial plan states what it assumed and the completed one is a new version.

Each submit goes at once, while the save of the field just left may still be in flight, as a
person's would.
"""

import re

import pytest
from playwright.sync_api import expect

from decisions.models import PlanSnapshot
from tests.factories import TeamFactory, clinician_in

from .test_assessment_in_browser import PASSWORD, go_next, log_in, open_case, settle

MAX_TABS = 80


@pytest.fixture
def clinician(transactional_db):
    return clinician_in(TeamFactory(name="Emergency department"), username="dr_keys")


def focused_matches(page, selector: str) -> bool:
    return page.evaluate("s => document.activeElement?.matches(s) ?? false", selector)


def tab_to(page, selector: str) -> int:
    """Press Tab until the element matching `selector` has the focus; the presses it took."""
    for presses in range(1, MAX_TABS + 1):
        page.keyboard.press("Tab")
        if focused_matches(page, selector):
            return presses
    raise AssertionError(f"{selector} not reached with {MAX_TABS} presses of Tab")


def press_on(page, selector: str, key: str = "Enter") -> None:
    tab_to(page, selector)
    page.keyboard.press(key)


def test_an_emergency_case_keyboard_only_from_login_to_the_completed_plan(page, clinician, shoot):
    page.goto("/login/")
    tab_to(page, "#id_username")
    page.keyboard.type(clinician.username)
    page.keyboard.press("Tab")
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/$"))

    press_on(page, "a[href='/cases/new/']")
    expect(page.locator("h1")).to_have_text("New case")
    tab_to(page, "#id_patient_name")
    page.keyboard.type("Mary Seacole")
    page.keyboard.press("Tab")
    page.keyboard.type("H700001")
    page.keyboard.press("Enter")
    expect(page.locator("h1")).to_have_text("Patient")
    page.wait_for_function("() => window.htmx !== undefined")

    tab_to(page, "input[name=age_group][value=adult]")  # the first of its group
    page.keyboard.press("Space")
    tab_to(page, "#id_weight_kg")
    page.keyboard.type("70")
    press_on(page, "button[value=next]")
    expect(page.locator("h1")).to_have_text("Platelets and bleeding")
    page.wait_for_function("() => window.htmx !== undefined")

    tab_to(page, "#id_platelet_count")
    page.keyboard.type("12000")
    tab_to(page, "input[name=bleeding]")  # the group's first, "None"
    for _ in range(3):  # None -> Minor -> Significant -> Life-threatening
        page.keyboard.press("ArrowDown")
        settle(page)
    expect(page.locator("input[name=bleeding][value=life_threatening]")).to_be_checked()
    core = page.get_by_test_id("emergency-core")
    expect(core).to_be_visible()
    expect(core.get_by_test_id("core-ivig")).to_have_text("IVIG 70 g (1 g/kg × 70 kg)")
    expect(core.get_by_test_id("core-corticosteroid")).to_have_text("Prednisone 70-140 mg a day")
    expect(core.get_by_test_id("core-transfusion")).to_contain_text("platelet transfusion now")
    tab_to(page, "input[name=bleeding_sites][value=gi]")
    page.keyboard.press("Space")
    settle(page)
    shoot(page, "20-emergency-core-on-the-step")
    press_on(page, "[data-testid=plan-now]")

    expect(page.get_by_test_id("emergency-banner")).to_contain_text("partial plan")
    expect(page.get_by_test_id("partial-plan")).to_contain_text("Cause of the thrombocytopenia")
    expect(page.locator("#rec-IVIG").get_by_test_id("daily-dose")).to_have_text("70 g")
    shoot(page, "21-partial-emergency-plan")

    press_on(page, "[data-testid=complete-steps]")
    expect(page.locator("h1")).to_have_text("Condition and urgency")
    page.wait_for_function("() => window.htmx !== undefined")
    tab_to(page, "input[name=condition][value=primary_itp]")
    page.keyboard.press("Space")
    press_on(page, "button[value=next]")
    expect(page.locator("h1")).to_have_text("Contraindications and risks")
    press_on(page, "button[value=next]")
    expect(page.locator("h1")).to_have_text("Review")
    press_on(page, "main form button[type=submit]")  # Produce the plan

    expect(page).to_have_url(re.compile(r"/assessments/2/plan/$"))
    expect(page.get_by_test_id("emergency-banner")).to_be_visible()
    expect(page.get_by_test_id("partial-plan")).to_have_count(0)
    expect(page.get_by_test_id("completes-partial")).to_contain_text("assessment 1")
    shoot(page, "22-completed-emergency-plan")
    assert page.console_errors == []


def test_the_partial_plan_states_its_assumptions_and_completing_it_adds_a_version(
    page, clinician, shoot
):
    log_in(page, clinician)
    open_case(page, "Edith Cavell")
    page.check("input[name=age_group][value=adult]")
    page.check("input[name=sex][value=female]")
    settle(page)
    page.check("input[name=pregnant][value=false]")
    page.fill("#id_weight_kg", "60")
    go_next(page, "Platelets and bleeding")
    page.fill("#id_platelet_count", "9000")
    page.check("input[name=bleeding][value=significant]")
    settle(page)
    expect(page.get_by_test_id("emergency-core")).to_have_count(0)
    page.check("input[name=bleeding_sites][value=cns]")  # a CNS bleed is life-threatening
    settle(page)
    expect(page.get_by_test_id("core-ivig")).to_have_text("IVIG 60 g (1 g/kg × 60 kg)")
    # A save that leaves the core as it was does not swap it (nor announce it) again.
    page.evaluate("document.querySelector('[data-testid=emergency-core]').dataset.seen = 'yes'")
    page.check("input[name=bleeding_sites][value=skin]")
    settle(page)
    expect(page.get_by_test_id("emergency-core")).to_have_attribute("data-seen", "yes")
    page.get_by_test_id("plan-now").click()

    partial = page.get_by_test_id("partial-plan")
    rows = partial.locator("ul.assumptions li")
    expect(rows.first).to_contain_text("Cause of the thrombocytopenia")
    expect(partial).to_contain_text("Condition and urgency")
    expect(partial).to_contain_text("Corticosteroid contraindications")
    expect(partial).not_to_contain_text("Pregnant?")  # answered, so not assumed
    assumed = PlanSnapshot.objects.get(assessment__case__patient_name="Edith Cavell").assumptions
    expect(rows).to_have_count(len(assumed))

    page.get_by_test_id("complete-steps").click()
    expect(page.locator("h1")).to_have_text("Condition and urgency")
    page.wait_for_load_state("load")
    page.check("input[name=condition][value=primary_itp]")
    settle(page)
    go_next(page, "Contraindications and risks")
    page.check("input[name=renal_disease]")
    settle(page)
    go_next(page, "Review")
    page.click("text=Produce the plan")

    expect(page.get_by_test_id("completes-partial")).to_be_visible()
    expect(page.locator("[data-code=RENAL_MONITORING]")).to_be_visible()
    plans = PlanSnapshot.objects.filter(assessment__case__patient_name="Edith Cavell")
    assert sorted((p.assessment.number, p.partial) for p in plans) == [(1, True), (2, False)]
    page.goto(page.url.replace("/assessments/2/", "/assessments/1/"))
    expect(page.get_by_test_id("completed-by")).to_contain_text("assessment 2")
    expect(page.get_by_test_id("complete-steps")).to_have_count(0)
    shoot(page, "23-partial-plan-completed")
    page.set_viewport_size({"width": 390, "height": 844})
    shoot(page, "24-partial-plan-completed-390px")
    assert page.console_errors == []
