"""In a real browser: logging in under the Content-Security-Policy, and the idle warning."""

import re
import time
from base64 import b32decode

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django_otp.oath import totp
from playwright.sync_api import expect

from decisions.middleware.session_timeout import LAST_ACTIVITY_AT
from tests.factories import TeamFactory, UserFactory, clinician_in

PASSWORD = "correct horse battery staple"


@pytest.fixture
def clinician(transactional_db):
    return clinician_in(TeamFactory(name="Acute medicine"), username="dr_e2e")


def log_in(page, clinician):
    page.goto("/login/")
    page.fill("#id_username", clinician.username)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    expect(page).to_have_url(re.compile(r"/$"))
    # The session timer starts in a deferred script; a faked clock must not run before it does.
    page.wait_for_load_state("load")


def code_for_secret(secret_text: str) -> str:
    """What an authenticator app given this key (as the page shows it) would show now."""
    secret = secret_text.replace(" ", "")
    return f"{totp(b32decode(secret + '=' * (-len(secret) % 8))):06d}"


def csp_violations(page):
    return [text for text in page.console_errors if "Content Security Policy" in text]


def test_logging_in_breaks_no_rule_of_the_content_security_policy(page, clinician, shoot):
    page.goto("/login/")
    shoot(page, "login")
    log_in(page, clinician)
    page.goto("/cases/new/")
    page.wait_for_timeout(300)  # the browser asks for its icon after the page has loaded

    assert csp_violations(page) == []
    assert page.console_errors == []


def test_the_idle_warning_comes_two_minutes_early_and_stay_signed_in_keeps_the_session(
    page, clinician, shoot
):
    page.clock.install()
    log_in(page, clinician)
    dialog = page.locator("#session-timeout-modal")
    expect(dialog).to_be_hidden()

    page.clock.fast_forward("13:01")
    expect(dialog).to_be_visible()
    expect(dialog).to_contain_text("1:59")
    shoot(page, "session-warning")

    with page.expect_response("**/session/keepalive/") as keepalive:
        page.get_by_role("button", name="Stay signed in").click()
    assert keepalive.value.status == 204
    expect(dialog).to_be_hidden()
    assert csp_violations(page) == []


def test_at_the_idle_end_the_page_goes_to_the_login_page_which_says_why(page, clinician):
    page.clock.install()
    log_in(page, clinician)
    # Make the server's clock agree with the browser's: the last request was 15 minutes ago.
    session_key = next(c["value"] for c in page.context.cookies() if c["name"] == "sessionid")
    session = SessionStore(session_key=session_key)
    session[LAST_ACTIVITY_AT] = time.time() - 15 * 60
    session.save()

    page.clock.fast_forward("15:01")

    expect(page).to_have_url(re.compile(r"/login/"))
    expect(page.locator("main")).to_contain_text(
        "Your session ended after 15 minutes without activity"
    )


def test_the_admin_works_under_the_content_security_policy(page, transactional_db):
    UserFactory(username="admin_e2e", is_staff=True, is_superuser=True)
    page.goto("/admin/")
    page.fill("#id_username", "admin_e2e")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    # First login: the second factor is set up, QR code and all, under the same policy.
    expect(page).to_have_url(re.compile(r"/account/two-factor/set-up/"))
    expect(page.locator(".two-factor-qr svg")).to_be_visible()
    page.fill("#id_code", code_for_secret(page.locator("#totp-secret").inner_text()))
    page.get_by_role("button", name="Turn on two-factor authentication").click()
    expect(page.locator("#recovery-codes li")).to_have_count(10)
    page.get_by_role("link", name="I have kept them, continue").click()
    expect(page).to_have_url(re.compile(r"/admin/$"))

    page.goto("/admin/decisions/team/add/")
    # The two-list member picker is drawn by the admin's own script.
    expect(page.locator("#id_members_from")).to_be_visible()
    page.goto("/admin/decisions/auditevent/")

    assert csp_violations(page) == []
