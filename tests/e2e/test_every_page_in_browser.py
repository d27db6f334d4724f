"""Every page, as a clinician and an administrator reach it: WCAG 2.2 AA by axe-core, and no
sideways scrolling on a 390 px or a 360 px phone.

Screenshots of each page at 1280 px and at 390 px land in test-artifacts/screens/.
"""

from pathlib import Path

import pytest

from tests.two_factor import fresh_recovery_code
from tests.url_walk import url_patterns

from .axe import axe_violations, describe
from .site_tour import ADMIN, ANONYMOUS, CLINICIAN, PASSWORD, build_tour

SCREENS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screens"
DESKTOP = {"width": 1280, "height": 900}
PHONES = [{"width": 390, "height": 844}, {"width": 360, "height": 780}]

# The page's width if it scrolls sideways, and the innermost elements that stick out.
OVERFLOW = """() => {
    const root = document.documentElement;
    if (root.scrollWidth <= root.clientWidth) return null;
    const sticksOut = e => e.getBoundingClientRect().right > root.clientWidth + 0.5;
    const out = [...document.body.querySelectorAll('*')].filter(
        e => sticksOut(e) && ![...e.children].some(sticksOut));
    const classes = e => typeof e.className === 'string' ? e.className.trim().split(/\\s+/) : [];
    const name = e => [e.tagName.toLowerCase() + (e.id ? '#' + e.id : ''), ...classes(e)].join('.');
    return `${root.scrollWidth} px wide: ${out.slice(0, 3).map(name).join(', ')}`;
}"""

# Named URLs that answer no page of their own, and why.
NOT_PAGES = {
    "api-health": "JSON for monitoring",
    "api-evaluate": "the JSON API",
    "logout": "POST only; answers with a redirect to the login page",
    "session-keepalive": "204 for the session timer",
    "case-status": "POST only; answers with a redirect to the case",
    "assessment-new": "POST only; answers with a redirect to the first step",
    "plan-complete": "POST only; answers with a redirect to the next assessment's first step",
    "infusion-cancel": "POST only; answers with a redirect to the course",
    "plan-pdf": "a PDF (tests/print reads it)",
    "infusion-chart-pdf": "a PDF (tests/products/test_chart.py reads it)",
    "stewardship-export-csv": "a CSV download (tests/stewardship reads it back)",
    "stewardship-export-xlsx": "an XLSX download (tests/stewardship reads it back)",
    "oidc_authentication_init": "a redirect to the OpenID provider (test_sso_login_in_browser)",
    "oidc_authentication_callback": "the provider's redirect back (test_sso_login_in_browser)",
}
# Admin pages of one template for every model: each model's list is visited, and of the others
# every kind at least once (the tour opens the first record of each model that has one).
ADMIN_KINDS_ONCE = ("_history", "_add", "_change")
ADMIN_NOT_PAGES = {
    "admin:logout": "POST only",
    "admin:password_change_done": "reached only after a password change",
    "admin:jsi18n": "JavaScript",
    "admin:autocomplete": "JSON",
    "admin:view_on_site": "a redirect",
    "_delete": "records are view-only; nobody may delete them",
}


@pytest.fixture
def tour(transactional_db, settings):
    return build_tour(settings)


@pytest.fixture
def browse(browser_instance, live_server, tour):
    """browse(viewport) -> {role: page}, the clinician and the admin logged in."""
    users, _ = tour
    contexts = []

    def open_pages(viewport):
        pages = {}
        for who in (ANONYMOUS, CLINICIAN, ADMIN):
            context = browser_instance.new_context(base_url=live_server.url, viewport=viewport)
            contexts.append(context)
            page = context.new_page()
            page.set_default_timeout(10_000)
            if who != ANONYMOUS:
                page.goto("/login/")
                page.fill("#id_username", users[who].username)
                page.fill("#id_password", PASSWORD)
                with page.expect_navigation():
                    page.click("button[type=submit]")
                if "/account/two-factor/" in page.url:  # the administrator's second factor
                    page.fill("#id_code", fresh_recovery_code(users[who]))
                    with page.expect_navigation():
                        page.get_by_role("button", name="Verify").click()
            pages[who] = page
        return pages

    yield open_pages
    for context in contexts:
        context.close()


def visit(pages, the_visit):
    page = pages[the_visit.who]
    response = page.goto(the_visit.path)
    expected = 404 if the_visit.name == "not-found" else 200
    assert response.status == expected, f"{the_visit.name}: {response.status} at {page.url}"
    page.wait_for_load_state("load")
    if the_visit.act:
        try:
            the_visit.act(page)
        except Exception as error:
            raise AssertionError(f"{the_visit.name}: {error}") from error
    if the_visit.who != ANONYMOUS:
        assert "/login/" not in page.url, f"{the_visit.name} sent to the login page"
    return page


def shoot(page, name: str, width: int):
    SCREENS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENS / f"{name}-{width}.png"), full_page=True)


def test_every_page_has_no_wcag_22_aa_violation(browse, tour):
    _, visits = tour
    pages = browse(DESKTOP)
    found = {}
    for the_visit in visits:
        page = visit(pages, the_visit)
        shoot(page, the_visit.name, DESKTOP["width"])
        if violations := axe_violations(page):
            found[the_visit.name] = violations
    assert not found, f"{sum(map(len, found.values()))} violations\n" + describe(found)


def test_no_page_scrolls_sideways_on_a_phone(browse, tour):
    _, visits = tour
    too_wide = []
    for viewport in PHONES:
        pages = browse(viewport)
        for the_visit in visits:
            page = visit(pages, the_visit)
            if viewport is PHONES[0]:
                shoot(page, the_visit.name, viewport["width"])
            if overflow := page.evaluate(OVERFLOW):
                too_wide.append(f"{the_visit.name} at {viewport['width']} px: {overflow}")
    assert not too_wide, "\n".join(too_wide)


def test_every_named_url_is_visited(tour):
    _, visits = tour
    visited = {v.url_name for v in visits} | {name for v in visits for name in v.covers}
    named = {pattern.name for pattern in url_patterns() if pattern.name}
    forgotten = []
    for name in sorted(named - visited - NOT_PAGES.keys() - ADMIN_NOT_PAGES.keys()):
        kind = next((k for k in ADMIN_NOT_PAGES if k.startswith("_") and name.endswith(k)), None)
        once = next((k for k in ADMIN_KINDS_ONCE if name.endswith(k)), None)
        if kind or (once and any(v.endswith(once) for v in visited)):
            continue
        forgotten.append(name)
    assert not forgotten, f"named URLs no browser test looks at: {forgotten}"
