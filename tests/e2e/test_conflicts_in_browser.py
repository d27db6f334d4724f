"""A clinician in a real browser acts as people do: no false conflicts, no lost decisions.

They type and click Next at once, press Enter in a field, double-click, decide one line after
another on one page load, keep two tabs open; two clinicians work on one case at once, and
only a real conflict (the same field, the same recommendation) is refused, beside its control.
"""

import re

import pytest
from django.test import Client
from playwright.sync_api import expect

from decisions.models import Assessment, RecommendationDecision
from tests.factories import TeamFactory, case_for, clinician_in
from tests.web.wizard import walk

from .test_assessment_in_browser import PASSWORD, go_next, settle

CONFLICT_WORDS = re.compile("changed this case|was not saved")


@pytest.fixture
def team(transactional_db):
    return TeamFactory(name="Acute medicine")


@pytest.fixture
def clinician(team):
    return clinician_in(team, username="dr_ames", first_name="Kit", last_name="Ames")


@pytest.fixture
def colleague(team):
    return clinician_in(team, username="dr_baker", first_name="Lou", last_name="Baker")


@pytest.fixture
def case(clinician, team):
    return case_for(clinician, team)


@pytest.fixture
def plan_case(case, clinician):
    """A case walked to its GI-bleed emergency plan (IVIG, steroid, transfusion)."""
    client = Client()
    client.force_login(clinician)
    walk(client, case)
    return case


@pytest.fixture
def second_page(browser_instance, live_server):
    """Another browser (its own cookies): a colleague at another computer."""
    context = browser_instance.new_context(
        base_url=live_server.url, viewport={"width": 1280, "height": 900}
    )
    other = context.new_page()
    other.set_default_timeout(10_000)
    yield other
    context.close()


def log_in(page, user):
    page.goto("/login/")
    page.fill("#id_username", user.username)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit], input[type=submit]")
    expect(page).to_have_url(re.compile(r"/$"))


def open_step(page, case, step="patient"):
    page.goto(f"/cases/{case.pk}/assessments/1/{step}/")
    page.wait_for_load_state("load")
    page.wait_for_function("() => window.htmx !== undefined")


def answers(case) -> dict:
    return Assessment.objects.get(case=case, number=1).answers


def expect_no_conflict(page):
    expect(page.locator("main")).not_to_contain_text(CONFLICT_WORDS)


def test_typing_then_clicking_next_at_once_moves_on(page, clinician, case, shoot):
    log_in(page, clinician)
    open_step(page, case)
    page.check("input[name=age_group][value=adult]")
    settle(page)
    page.fill("#id_weight_kg", "70")
    page.click("button[value=next]")  # the field's own save on leaving it races this Next
    expect(page.locator("h1")).to_have_text("Platelets and bleeding")
    expect_no_conflict(page)

    page.wait_for_function("() => window.htmx !== undefined")
    page.check("input[name=bleeding][value=none]")
    settle(page)
    page.fill("#id_platelet_count", "30000")
    page.click("button[value=next]")
    expect(page.locator("h1")).to_have_text("Condition and urgency")
    expect_no_conflict(page)
    shoot(page, "conflicts-01-next-at-once")
    assert answers(case)["weight_kg"] == 70
    assert answers(case)["platelet_count"] == 30000


def test_enter_in_a_field_moves_forward(page, clinician, case):
    log_in(page, clinician)
    open_step(page, case)
    page.check("input[name=age_group][value=adult]")
    settle(page)
    page.fill("#id_weight_kg", "70")
    page.press("#id_weight_kg", "Enter")
    expect(page.locator("h1")).to_have_text("Platelets and bleeding")
    expect_no_conflict(page)
    assert answers(case)["weight_kg"] == 70


def test_back_goes_back_and_keeps_what_was_typed(page, clinician, case):
    log_in(page, clinician)
    open_step(page, case)
    page.check("input[name=age_group][value=adult]")
    page.fill("#id_weight_kg", "70")
    go_next(page, "Platelets and bleeding")
    page.fill("#id_platelet_count", "30000")
    page.click("button[value=back]")
    expect(page.locator("h1")).to_have_text("Patient")
    expect(page.locator("#id_weight_kg")).to_have_value("70")
    expect_no_conflict(page)
    go_next(page, "Platelets and bleeding")
    expect(page.locator("#id_platelet_count")).to_have_value("30000")


def test_next_sits_after_back_on_screen_but_is_the_default_button(page, clinician, case):
    log_in(page, clinician)
    open_step(page, case)
    back = page.locator("button[value=back]").bounding_box()
    forward = page.locator("button[value=next]").bounding_box()
    assert back["x"] < forward["x"]
    first_submit = page.locator("#step-form button[type=submit]").first
    expect(first_submit).to_have_attribute("value", "next")


def test_a_double_click_on_next_moves_on_once(page, clinician, case):
    log_in(page, clinician)
    open_step(page, case)
    page.check("input[name=age_group][value=adult]")
    page.fill("#id_weight_kg", "70")
    page.dblclick("button[value=next]")
    expect(page.locator("h1")).to_have_text("Platelets and bleeding")
    page.wait_for_load_state("load")
    expect_no_conflict(page)


def test_decisions_in_a_row_from_one_page_load_are_all_saved_and_shown(
    page, clinician, plan_case, shoot
):
    log_in(page, clinician)
    page.goto(f"/cases/{plan_case.pk}/assessments/1/plan/")
    for code in ("IVIG", "CORTICOSTEROID", "PLATELET_TRANSFUSION"):
        card = page.locator(f"#rec-{code}")
        card.get_by_role("button", name="Accept").click()
        expect(card).to_contain_text("Accepted by dr_ames")
    expect_no_conflict(page)
    shoot(page, "conflicts-02-decisions-in-a-row")
    assert RecommendationDecision.objects.count() == 3


@pytest.mark.parametrize("debug", [False, True], ids=["debug-off", "debug-on"])
def test_an_override_needs_a_reason_said_beside_it_and_then_is_saved(
    page, clinician, plan_case, settings, debug, shoot
):
    settings.DEBUG = debug
    log_in(page, clinician)
    page.goto(f"/cases/{plan_case.pk}/assessments/1/plan/")
    card = page.locator("#rec-IVIG")
    card.get_by_role("button", name="Override").click()
    expect(card.get_by_test_id("reason-error")).to_have_text(
        "Say why you override this recommendation."
    )
    expect(card.get_by_label("Reason (needed to override)")).to_be_focused()
    expect(page.get_by_test_id("emergency-banner")).to_be_visible()  # the page is still there
    expect(page.locator("#rec-CORTICOSTEROID")).to_be_visible()
    shoot(page, f"conflicts-03-override-without-reason-{'debug' if debug else 'nodebug'}")
    assert not RecommendationDecision.objects.exists()

    card.get_by_label("Reason (needed to override)").fill("Renal failure")
    card.get_by_role("button", name="Override").click()
    expect(card).to_contain_text("Overridden by dr_ames")
    expect(card).to_contain_text("Renal failure")
    assert RecommendationDecision.objects.get().reason == "Renal failure"


def test_two_tabs_of_one_clinician_never_conflict(page, clinician, case):
    log_in(page, clinician)
    open_step(page, case)
    other_tab = page.context.new_page()
    open_step(other_tab, case)

    page.check("input[name=age_group][value=adult]")
    page.fill("#id_weight_kg", "70")
    go_next(page, "Platelets and bleeding")

    other_tab.fill("#id_age_years", "54")
    other_tab.keyboard.press("Tab")  # the age saves as it is left; the weight is typed at once,
    # key by key, while that save's answer comes back: nothing of it is replaced
    other_tab.locator("#id_weight_kg").press_sequentially("72", delay=40)
    expect(other_tab.locator("#id_weight_kg")).to_have_value("72")
    settle(other_tab)
    expect(other_tab.locator("#id_weight_kg")).to_have_value("72")
    other_tab.click("button[value=next]")
    expect(other_tab.locator("h1")).to_have_text("Platelets and bleeding")
    expect_no_conflict(other_tab)
    assert (answers(case)["weight_kg"], answers(case)["age_years"]) == (72, 54)


def test_two_clinicians_only_the_same_field_is_refused_and_nothing_is_lost(
    page, second_page, clinician, colleague, case, shoot
):
    log_in(page, clinician)
    log_in(second_page, colleague)
    open_step(page, case)
    open_step(second_page, case)

    page.check("input[name=age_group][value=adult]")
    page.fill("#id_weight_kg", "70")
    page.locator("#id_weight_kg").blur()
    settle(page)

    # The same field, from a page loaded before: refused beside it, the colleague's value
    # shown in the field, this clinician's quoted.
    second_page.fill("#id_weight_kg", "90")
    second_page.locator("#id_weight_kg").blur()
    slot = second_page.locator("#slot-weight_kg")
    expect(slot).to_contain_text("Kit Ames changed this to 70")
    expect(slot).to_contain_text("Yours (90) was not saved")
    expect(slot.get_by_test_id("colleague-change")).to_have_count(0)  # said once, not twice
    expect(second_page.locator("#id_weight_kg")).to_have_value("70")
    expect(second_page.locator("input[name=age_group][value=adult]")).to_be_checked()
    shoot(second_page, "conflicts-04-same-field-refused")
    assert answers(case)["weight_kg"] == 70

    # A different field changed on each side: both saved, no word of conflict, and each page
    # is shown the other's change.
    page.fill("#id_age_years", "54")
    page.locator("#id_age_years").blur()
    settle(page)
    second_page.check("input[name=sex][value=male]")
    settle(second_page)
    expect(second_page.locator("#id_age_years")).to_have_value("54")
    expect(second_page.locator("#slot-age_years")).to_contain_text("Kit Ames changed this at")
    expect(second_page.locator("#slot-sex")).not_to_contain_text(CONFLICT_WORDS)

    # Having seen it all, the colleague goes on; nothing anyone entered is lost.
    second_page.click("button[value=next]")
    expect(second_page.locator("h1")).to_have_text("Platelets and bleeding")
    saved = answers(case)
    assert (saved["weight_kg"], saved["age_years"], saved["sex"]) == (70, 54, "male")


def test_two_clinicians_deciding_only_the_same_recommendation_is_refused(
    page, second_page, clinician, colleague, plan_case, shoot
):
    log_in(page, clinician)
    log_in(second_page, colleague)
    plan = f"/cases/{plan_case.pk}/assessments/1/plan/"
    page.goto(plan)
    second_page.goto(plan)

    page.locator("#rec-IVIG").get_by_role("button", name="Accept").click()
    expect(page.locator("#rec-IVIG")).to_contain_text("Accepted by dr_ames")

    card = second_page.locator("#rec-IVIG")
    card.get_by_label("Reason (needed to override)").fill("Known IgA deficiency")
    card.get_by_role("button", name="Override").click()
    expect(card.get_by_test_id("decision-conflict")).to_contain_text(
        "Kit Ames accepted this recommendation"
    )
    expect(card).to_contain_text("Accepted by dr_ames")  # their decision, shown
    expect(card.get_by_label("Reason (needed to override)")).to_have_value("Known IgA deficiency")
    shoot(second_page, "conflicts-05-same-recommendation-refused")

    steroid = second_page.locator("#rec-CORTICOSTEROID")
    steroid.get_by_role("button", name="Accept").click()
    expect(steroid).to_contain_text("Accepted by dr_baker")
    decisions = RecommendationDecision.objects.order_by("decided_at")
    assert [(d.code, d.decided_by.username) for d in decisions] == [
        ("IVIG", "dr_ames"),
        ("CORTICOSTEROID", "dr_baker"),
    ]

    # Having seen the colleague's decision, deciding again replaces it.
    card.get_by_role("button", name="Override").click()
    expect(card).to_contain_text("Overridden by dr_baker")
    assert RecommendationDecision.objects.filter(code="IVIG").count() == 2
