"""The frame of every page by keyboard and on a phone: the skip link, a focus ring that shows,
and the navbar's menu button below 768 px."""

import pytest
from playwright.sync_api import expect

from tests.factories import TeamFactory, case_for, clinician_in

from .test_login_and_session_in_browser import log_in

PHONES = [{"width": 390, "height": 844}, {"width": 360, "height": 780}]
FOCUSED = "() => document.activeElement"


@pytest.fixture
def clinician(transactional_db):
    return clinician_in(TeamFactory(name="Acute medicine"), username="dr_keys")


def tab(page) -> dict:
    """Press Tab; what has the focus then, and the focus ring it draws."""
    page.keyboard.press("Tab")
    return page.evaluate(
        """() => {
            const e = document.activeElement, style = getComputedStyle(e);
            return {tag: e.tagName.toLowerCase(), id: e.id, name: e.name || '', type: e.type || '',
                    text: e.textContent.trim(), visible: e.getBoundingClientRect().width > 0,
                    outline: style.outlineStyle, outlineWidth: parseFloat(style.outlineWidth)};
        }"""
    )


def test_the_first_tab_stop_skips_to_the_first_field_in_a_few_more(page, clinician):
    case = case_for(clinician, clinician.teams.get())
    log_in(page, clinician)
    page.goto(f"/cases/{case.pk}/assessments/1/patient/")
    page.wait_for_load_state("load")

    skip = tab(page)
    assert (skip["text"], skip["visible"]) == ("Skip to main content", True)
    page.keyboard.press("Enter")
    assert page.evaluate("() => document.activeElement.id") == "main"
    # Past the case's name and the four other steps: five stops, where the navbar alone took five.
    stops = [tab(page) for _ in range(6)]
    assert stops[-1]["name"] == "age_group", stops


def test_a_radio_reached_by_keyboard_shows_a_clear_focus_ring(page, clinician):
    case = case_for(clinician, clinician.teams.get())
    log_in(page, clinician)
    page.goto(f"/cases/{case.pk}/assessments/1/patient/")
    page.wait_for_load_state("load")
    page.locator("#main").focus()
    for _ in range(10):
        focused = tab(page)
        if focused["type"] == "radio":
            break
    assert focused["type"] == "radio"
    assert focused["outline"] == "solid" and focused["outlineWidth"] >= 2


@pytest.mark.parametrize("viewport", PHONES, ids=lambda v: f"{v['width']}px")
def test_the_menu_opens_on_a_phone_and_reaches_every_link(page, clinician, viewport):
    page.set_viewport_size(viewport)
    log_in(page, clinician)
    cases = page.get_by_role("link", name="Cases", exact=True)
    new_case = page.get_by_role("navigation", name="Main").get_by_role("link", name="New case")
    log_out = page.get_by_role("button", name="Log out")
    expect(log_out).to_be_hidden()

    page.get_by_role("button", name="Menu").click()
    for target in (cases, new_case, log_out):
        expect(target).to_be_visible()
        expect(target).to_be_in_viewport()
    assert page.evaluate("() => document.documentElement.scrollWidth") <= viewport["width"]
    cases.click()
    expect(page.locator("h1")).to_have_text("Cases")


def test_the_menu_is_a_plain_row_of_links_on_a_desktop(page, clinician):
    log_in(page, clinician)
    expect(page.get_by_role("button", name="Menu")).to_be_hidden()
    expect(page.get_by_role("button", name="Log out")).to_be_visible()
