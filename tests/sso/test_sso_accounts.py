"""Which account a provider's login opens, its teams, and local passwords switched off."""

import pytest
from django.test import Client

from decisions.accounts.sso import TeamsFromGroupsBackend, groups_from_claims
from decisions.accounts.two_factor import SSO_BACKEND
from tests.factories import TeamFactory, UserFactory, clinician_in

PASSWORD = "correct horse battery staple"
CLAIMS = {
    "sub": "dr_sso",
    "email": "dr.sso@example.org",
    "email_verified": True,
    "preferred_username": "dr_sso",
    "given_name": "Sam",
    "family_name": "Okafor",
    "groups": ["Haematology"],
}


@pytest.fixture
def sso_settings(settings):
    settings.SSO_ENABLED = True
    settings.OIDC_RP_CLIENT_ID = "ivig-test"
    settings.OIDC_RP_CLIENT_SECRET = "secret"
    settings.OIDC_OP_AUTHORIZATION_ENDPOINT = "http://127.0.0.1:9/auth"
    settings.OIDC_OP_TOKEN_ENDPOINT = "http://127.0.0.1:9/token"
    settings.OIDC_OP_USER_ENDPOINT = "http://127.0.0.1:9/me"
    settings.OIDC_OP_JWKS_ENDPOINT = "http://127.0.0.1:9/jwks"
    return settings


@pytest.fixture
def backend(sso_settings):
    return TeamsFromGroupsBackend()


def test_it_makes_the_clinician_from_the_claims_in_the_teams_their_groups_name(backend, db):
    haematology = TeamFactory(name="Haematology")

    user = backend.create_user(CLAIMS)

    assert (user.username, user.first_name, user.last_name) == ("dr_sso", "Sam", "Okafor")
    assert list(user.teams.all()) == [haematology]


def test_a_group_no_longer_claimed_takes_the_clinician_out_of_that_team(backend, db):
    TeamFactory(name="Haematology")
    cardiology = TeamFactory(name="Cardiology")
    user = backend.create_user(CLAIMS)

    backend.update_user(user, {**CLAIMS, "groups": ["Cardiology", "Directory users"]})

    assert list(user.teams.all()) == [cardiology]


def test_groups_never_become_new_teams(backend, db):
    user = backend.create_user({**CLAIMS, "groups": ["Directory users"]})

    assert user.teams.count() == 0


def test_the_groups_claim_is_configurable(sso_settings):
    sso_settings.OIDC_GROUPS_CLAIM = "roles"

    assert groups_from_claims({"roles": "Haematology", "groups": ["Cardiology"]}) == ["Haematology"]


def test_an_existing_clinician_with_that_address_is_the_one_who_logs_in(backend, db):
    clinician = clinician_in(TeamFactory(name="Haematology"), email="dr.sso@example.org")

    assert list(backend.filter_users_by_claims(CLAIMS)) == [clinician]


def test_an_administrators_account_is_never_opened_by_the_provider(backend, db):
    UserFactory(username="root", email="dr.sso@example.org", is_staff=True, is_superuser=True)

    assert not backend.filter_users_by_claims(CLAIMS).exists()


def test_an_address_the_provider_has_not_checked_is_refused(backend):
    assert not backend.verify_claims({**CLAIMS, "email_verified": False})
    assert backend.verify_claims(CLAIMS)


def test_the_login_page_offers_the_provider_when_configured(sso_settings, db):
    page = Client().get("/login/").content.decode()

    assert 'id="sso-login"' in page
    assert 'href="/sso/start/"' in page


def test_the_login_page_offers_no_provider_without_one(db):
    assert 'id="sso-login"' not in Client().get("/login/").content.decode()


def test_the_start_of_the_round_trip_sends_the_browser_to_the_provider(sso_settings, db):
    response = Client().get("/sso/start/")

    assert response.status_code == 302
    assert response.url.startswith("http://127.0.0.1:9/auth?")
    assert "code_challenge=" in response.url


def test_with_local_passwords_off_a_clinicians_password_opens_nothing(settings, db):
    settings.LOCAL_PASSWORDS_FOR_CLINICIANS = False
    clinician_in(TeamFactory(name="Haematology"), username="dr_local")

    response = Client().post("/login/", {"username": "dr_local", "password": PASSWORD})

    assert response.status_code == 200
    assert not response.wsgi_request.user.is_authenticated


def test_with_local_passwords_off_administrators_still_log_in_locally(settings, db):
    settings.LOCAL_PASSWORDS_FOR_CLINICIANS = False
    UserFactory(username="root", is_staff=True, is_superuser=True)

    response = Client().post("/login/", {"username": "root", "password": PASSWORD})

    assert response.status_code == 302


def test_a_clinician_from_the_provider_gives_the_second_factor_there_not_here(sso_settings, db):
    sso_settings.MFA_REQUIRED_FOR_CLINICIANS = True
    sso_settings.AUTHENTICATION_BACKENDS = [*sso_settings.AUTHENTICATION_BACKENDS, SSO_BACKEND]
    client = Client()
    client.force_login(clinician_in(TeamFactory(name="Haematology")), backend=SSO_BACKEND)

    assert client.get("/").status_code == 200


def test_a_refusal_at_the_provider_comes_back_to_the_login_page_saying_so(sso_settings, db):
    client = Client()

    response = client.get("/sso/callback/?error=access_denied&state=x", follow=True)

    assert response.redirect_chain == [("/login/", 302)]
    assert "did not succeed" in response.content.decode()
