"""Single sign-on walked in Chromium against a real OpenID provider (tests/sso/provider)."""

import re

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from tests.factories import TeamFactory
from tests.sso.openid_provider import running_provider


@pytest.fixture(scope="session")
def provider(live_server):
    with running_provider(f"{live_server.url}/sso/callback/") as endpoints:
        yield endpoints


@pytest.fixture
def sso_on(settings, provider):
    for name, value in vars(provider).items():
        setattr(settings, name, value)
    settings.SSO_ENABLED = True
    settings.AUTHENTICATION_BACKENDS = [
        *settings.AUTHENTICATION_BACKENDS,
        "decisions.accounts.sso.TeamsFromGroupsBackend",
    ]


def sign_in_at_the_provider(page, login: str):
    """The provider's own (devInteractions) pages: login, then consent."""
    page.fill("input[name=login]", login)
    page.fill("input[name=password]", "any password: the provider's test pages take it")
    page.click("button[type=submit]")
    page.get_by_role("button", name="Continue").click()


def test_a_clinician_logs_in_through_the_hospitals_provider_into_their_team(
    page, transactional_db, sso_on, shoot
):
    haematology = TeamFactory(name="Haematology")
    TeamFactory(name="Cardiology")

    page.goto("/login/")
    shoot(page, "sso-login")
    page.click("#sso-login")
    expect(page).to_have_url(re.compile(r"^http://127\.0\.0\.1:\d+/interaction/"))
    sign_in_at_the_provider(page, "dr_sso")

    expect(page).to_have_url(re.compile(r"/$"))
    expect(page.locator("nav")).to_contain_text("dr_sso")
    shoot(page, "sso-dashboard")
    clinician = get_user_model().objects.get(username="dr_sso")
    assert (clinician.email, clinician.first_name) == ("dr.sso@example.org", "Sam")
    assert not clinician.is_staff
    # The provider's groups are Haematology and "All staff": the team of that name, only.
    assert list(clinician.teams.all()) == [haematology]
