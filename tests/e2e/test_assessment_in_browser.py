"""A clinician in a real browser: log in, walk an emergency case to its plan."""

import re

import pytest
from playwright.sync_api import expect

from tests.factories import TeamFactory, clinician_in

PASSWORD = "correct horse battery staple"


@pytest.fixture
def clinician(transactional_db):
    return clinician_in(TeamFactory(name="Acute medicine"), username="dr_e2e")


def log_in(page, clinician):
    page.goto("/login/")
    page.fill("#id_username", clinician.username)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit], input[type=submit]")
    expect(page).to_have_url(re.compile(r"/$"))


def open_case(page, name="Ada Lovelace"):
    page.goto("/cases/new/")
    page.fill("#id_patient_name", name)
    page.fill("#id_patient_identifier", "H100200")
    page.click("input[type=submit]")
    expect(page.locator("h1")).to_have_text("Patient")
    page.wait_for_load_state("load")


def go_next(page, title):
    """Press Next and wait until the next step has loaded and htmx listens to it."""
    page.click("button[value=next]")
    expect(page.locator("h1")).to_have_text(title)
    page.wait_for_load_state("load")
    page.wait_for_function("() => window.htmx !== undefined")


def settle(page):
    """Wait for htmx to finish the requests the last action started."""
    page.wait_for_function("() => !document.querySelector('.htmx-request')")
    page.wait_for_timeout(150)


def test_an_emergency_gi_bleed_is_walked_to_its_plan(page, clinician, shoot):
    log_in(page, clinician)
    shoot(page, "01-dashboard")
    open_case(page)
    page.check("input[name=age_group][value=adult]")
    page.fill("#id_weight_kg", "70")
    page.check("input[name=sex][value=male]")
    settle(page)
    expect(page.get_by_test_id("dose-preview")).to_contain_text("= 70 g")
    shoot(page, "02-patient")
    go_next(page, "Platelets and bleeding")

    page.fill("#id_platelet_count", "12000")
    expect(page.get_by_test_id("grade-badge")).to_have_text("CTCAE grade 4")
    page.check("input[name=bleeding][value=life_threatening]")
    settle(page)
    page.check("input[name=bleeding_sites][value=gi]")
    settle(page)
    shoot(page, "03-platelets-and-bleeding")
    go_next(page, "Condition and urgency")

    page.check("input[name=condition][value=primary_itp]")
    settle(page)
    shoot(page, "04-context")
    go_next(page, "Contraindications and risks")
    shoot(page, "05-risks")
    go_next(page, "Review")
    shoot(page, "06-review")
    page.click("text=Produce the plan")

    expect(page.get_by_test_id("emergency-banner")).to_be_visible()
    ivig = page.locator("#rec-IVIG")
    expect(ivig.get_by_test_id("daily-dose")).to_have_text("70 g")
    expect(page.locator("#rec-CORTICOSTEROID").get_by_test_id("prednisone-dose")).to_contain_text(
        "70-140 mg"
    )
    expect(page.locator("#rec-PLATELET_TRANSFUSION")).to_contain_text("platelet transfusion")
    shoot(page, "07-plan")
    assert page.console_errors == []


def test_fields_appear_when_they_matter_and_vanish_when_not(page, clinician, shoot):
    log_in(page, clinician)
    open_case(page, "Grace Hopper")
    pregnant = page.locator("input[name=pregnant]")
    page.check("input[name=age_group][value=adult]")
    page.fill("#id_weight_kg", "60")
    page.check("input[name=sex][value=female]")
    settle(page)
    expect(pregnant.first).to_be_visible()
    shoot(page, "10-pregnancy-asked")
    page.check("input[name=sex][value=male]")
    settle(page)
    expect(pregnant).to_have_count(0)
    go_next(page, "Platelets and bleeding")

    sites = page.locator("input[name=bleeding_sites]")
    page.fill("#id_platelet_count", "30000")
    page.check("input[name=bleeding][value=none]")
    settle(page)
    expect(sites).to_have_count(0)
    page.check("input[name=bleeding][value=minor]")
    settle(page)
    expect(sites.first).to_be_visible()
    shoot(page, "11-bleeding-sites-asked")
    page.check("input[name=bleeding][value=none]")
    settle(page)
    expect(sites).to_have_count(0)
    go_next(page, "Condition and urgency")

    dic = page.locator("input[name=dic]")
    expect(dic).to_have_count(0)
    expect(page.locator("input[name=condition][value=neonatal_alloimmune]")).to_have_count(0)
    page.check("input[name=condition][value=sepsis]")
    settle(page)
    expect(dic.first).to_be_visible()
    shoot(page, "12-dic-asked")
    page.check("input[name=condition][value=primary_itp]")
    settle(page)
    expect(dic).to_have_count(0)
    assert page.console_errors == []


def test_a_bad_value_is_named_as_the_field_is_left(page, clinician, shoot):
    log_in(page, clinician)
    open_case(page, "Alan Turing")
    page.check("input[name=age_group][value=adult]")
    page.fill("#id_weight_kg", "7000")
    page.keyboard.press("Tab")
    settle(page)
    expect(page.locator("#slot-weight_kg")).to_contain_text("not a plausible weight")
    shoot(page, "13-weight-named")


def test_the_preview_follows_the_weight_in_the_field_and_a_confirmation_works(
    page, clinician, shoot
):
    log_in(page, clinician)
    open_case(page, "Mary Somerville")
    page.check("input[name=age_group][value=adult]")
    page.fill("#id_weight_kg", "70")
    page.keyboard.press("Tab")
    settle(page)
    expect(page.get_by_test_id("dose-preview")).to_contain_text("= 70 g")

    page.fill("#id_weight_kg", "700")
    page.keyboard.press("Tab")
    settle(page)
    expect(page.locator("#slot-weight_kg")).to_contain_text("not a plausible weight")
    expect(page.locator("#id_confirm_weight_kg")).to_have_count(0)
    expect(page.get_by_test_id("dose-preview")).to_have_count(0)
    expect(page.get_by_test_id("weight-refused")).to_be_visible()
    shoot(page, "14-weight-refused-no-dose")

    page.fill("#id_weight_kg", "250")
    page.keyboard.press("Tab")
    settle(page)
    expect(page.get_by_test_id("dose-preview")).to_have_count(0)
    # The preview waits 400 ms after the last input before it asks again.
    with page.expect_response(lambda response: "/preview/" in response.url):
        page.check("#id_confirm_weight_kg")
    settle(page)
    expect(page.get_by_test_id("dose-preview")).to_contain_text("= 250 g")
    page.check("input[name=sex][value=male]")
    settle(page)
    go_next(page, "Platelets and bleeding")
    assert page.console_errors == []
