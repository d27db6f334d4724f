"""Logging in and out, who needs to, and the lockout after too many wrong passwords."""

import datetime as dt

import pytest
from axes.models import AccessAttempt
from django.contrib.auth.hashers import make_password
from django.test import Client
from freezegun import freeze_time

from decisions.api.tokens import api_token_issue
from ivig_site import settings as site_settings
from tests.factories import UserFactory

PASSWORD = "correct horse battery staple"
HOME_ADDRESS = "10.0.0.1"
ELSEWHERE = "10.0.0.2"


@pytest.fixture
def clinician(db):
    return UserFactory(username="dr_who")


def log_in(password=PASSWORD, username="dr_who", address=HOME_ADDRESS, client=None, **extra):
    client = client or Client(REMOTE_ADDR=address)
    return client.post("/login/", {"username": username, "password": password}, **extra)


def fail_login(times, **kwargs):
    return [log_in("wrong password", **kwargs) for _ in range(times)][-1]


# The login page


def test_the_login_page_renders_a_form_without_links_into_the_app(db):
    response = Client().get("/login/")

    assert response.status_code == 200
    assert response.templates[0].name == "registration/login.html"
    html = response.content.decode()
    assert 'name="username"' in html
    assert 'name="password"' in html
    for link in ('href="/"', 'href="/cases/"', 'href="/cases/new/"', 'action="/logout/"'):
        assert link not in html


def test_it_logs_in_and_opens_the_dashboard(clinician):
    client = Client()

    response = log_in(client=client)

    assert response.status_code == 302
    assert response.url == "/"
    assert client.get("/").status_code == 200


def test_it_goes_back_to_the_page_that_asked_for_the_login(clinician):
    response = Client().post(
        "/login/", {"username": "dr_who", "password": PASSWORD, "next": "/cases/"}
    )

    assert response.url == "/cases/"


def test_it_never_sends_anyone_to_another_site_after_login(clinician):
    response = Client().post(
        "/login/", {"username": "dr_who", "password": PASSWORD, "next": "https://evil.example/"}
    )

    assert response.url == "/"


def test_it_says_when_the_username_or_password_is_wrong(clinician):
    response = log_in("not my password")

    assert response.status_code == 200
    assert "Please enter a correct username and password" in response.content.decode()


def test_a_logged_in_user_sent_to_the_login_page_goes_on_to_the_dashboard(clinician):
    client = Client()
    client.force_login(clinician)

    assert client.get("/login/").url == "/"


def test_logging_out_takes_a_post_and_ends_at_the_login_page(clinician):
    client = Client()
    client.force_login(clinician)

    assert client.get("/logout/").status_code == 405
    response = client.post("/logout/")

    assert response.url == "/login/"
    assert client.get("/").status_code == 302


# Who needs to log in


@pytest.mark.parametrize("url", ["/", "/cases/", "/cases/new/", "/cases/1/", "/session/keepalive/"])
def test_anonymous_visitors_are_sent_to_the_login_page(db, url):
    response = Client().get(url)

    assert response.status_code == 302
    assert response.url == f"/login/?next={url}"


def test_anonymous_visitors_of_the_admin_are_sent_to_its_own_login_page(db):
    # The admin checks is_staff at its own login; a clinician's login would not let them in.
    response = Client().get("/admin/")

    assert response.status_code == 302
    assert response.url == "/admin/login/?next=/admin/"


def test_the_health_check_needs_no_login(db):
    assert Client().get("/api/v1/health").status_code in (200, 503)


def test_the_api_answers_an_anonymous_caller_in_json_not_with_the_login_page(db):
    response = Client().post("/api/v1/evaluate", data="{}", content_type="application/json")

    assert response.status_code == 401
    assert response["Content-Type"] == "application/json"


def test_the_api_still_takes_bearer_tokens(clinician):
    api = Client(headers={"Authorization": f"Bearer {api_token_issue(user=clinician)}"})

    response = api.post(
        "/api/v1/evaluate",
        data={
            "weight_kg": 70,
            "age_group": "adult",
            "condition": "primary_itp",
            "platelet_count": 18_000,
            "bleeding": "none",
        },
        content_type="application/json",
    )

    assert response.status_code == 200


def test_the_admin_login_still_works_for_staff(db):
    UserFactory(username="admin", is_staff=True, is_superuser=True)
    client = Client()

    response = client.post(
        "/admin/login/?next=/admin/", {"username": "admin", "password": PASSWORD}
    )

    assert response.url == "/admin/"
    # The password is half of it: an administrator then sets up (or gives) a second factor.
    assert client.get("/admin/").url == "/account/two-factor/set-up/?next=%2Fadmin%2F"


def test_static_files_need_no_login(db, settings):
    # Tests never run collectstatic; let WhiteNoise find the files where they are.
    settings.WHITENOISE_USE_FINDERS = True

    response = Client().get("/static/vendor/bootstrap/css/bootstrap.min.css")

    assert response.status_code == 200


def test_force_login_still_works_for_tests_beside_the_lockout(clinician):
    client = Client()
    client.force_login(clinician)

    assert client.get("/").status_code == 200


# Passwords


def test_new_passwords_are_stored_with_argon2(db, settings):
    # tests/conftest.py swaps in a fast hasher; this test checks the real setting.
    settings.PASSWORD_HASHERS = site_settings.PASSWORD_HASHERS
    user = UserFactory.build()

    user.set_password("a long and unusual passphrase")

    assert user.password.startswith("argon2$")
    assert user.check_password("a long and unusual passphrase")


def test_an_older_pbkdf2_password_still_works_and_is_rehashed_with_argon2(db, settings):
    settings.PASSWORD_HASHERS = site_settings.PASSWORD_HASHERS
    user = UserFactory(username="dr_who")
    user.password = make_password(PASSWORD, hasher="pbkdf2_sha256")
    user.save()

    assert log_in().status_code == 302
    user.refresh_from_db()
    assert user.password.startswith("argon2$")


# Lockout: the pair (username, address) is locked, nothing wider


def test_it_locks_out_after_five_failures(clinician):
    assert fail_login(4).status_code == 200

    assert log_in("wrong password").status_code == 429
    assert log_in(PASSWORD).status_code == 429


def test_the_lockout_page_says_when_to_try_again(clinician):
    with freeze_time("2026-03-02 14:20:00"):
        response = fail_login(5)

    html = response.content.decode()
    assert response.status_code == 429
    assert "registration/locked_out.html" in [template.name for template in response.templates]
    assert "Try again in 15 minutes, after" in html
    assert "14:35 UTC" in html
    assert response["Retry-After"] == "900"


def test_the_lockout_ends_after_the_cool_off(clinician):
    with freeze_time("2026-03-02 14:20:00") as clock:
        fail_login(5)
        clock.tick(dt.timedelta(minutes=14))
        assert log_in().status_code == 429

        clock.tick(dt.timedelta(minutes=15, seconds=1))
        assert log_in().status_code == 302


def test_a_wrong_password_during_the_lockout_restarts_the_wait(clinician):
    with freeze_time("2026-03-02 14:20:00") as clock:
        fail_login(5)
        clock.tick(dt.timedelta(minutes=10))
        log_in("still wrong")
        clock.tick(dt.timedelta(minutes=10))

        assert log_in().status_code == 429


def test_a_lockout_does_not_reach_the_same_username_from_another_address(clinician):
    fail_login(5, address=HOME_ADDRESS)

    assert log_in(address=ELSEWHERE).status_code == 302


def test_a_lockout_does_not_reach_a_colleague_on_the_same_computer(clinician):
    UserFactory(username="dr_watson")
    fail_login(5, address=HOME_ADDRESS)

    assert log_in(username="dr_watson", address=HOME_ADDRESS).status_code == 302


def test_a_successful_login_forgets_earlier_failures(clinician):
    fail_login(4)
    assert log_in().status_code == 302

    assert fail_login(4).status_code == 200


def test_the_failure_limit_and_cool_off_come_from_settings(clinician, settings):
    settings.AXES_FAILURE_LIMIT = 2
    settings.AXES_COOLOFF_TIME = dt.timedelta(minutes=30)

    response = fail_login(2)

    assert response.status_code == 429
    assert "Try again in 30 minutes" in response.content.decode()


def test_the_settings_default_to_five_failures_and_fifteen_minutes():
    assert site_settings.AXES_FAILURE_LIMIT == 5
    assert site_settings.AXES_COOLOFF_TIME == dt.timedelta(minutes=15)


def test_the_admin_login_is_locked_out_too(clinician):
    client = Client(REMOTE_ADDR=HOME_ADDRESS)
    for _ in range(5):
        response = client.post("/admin/login/", {"username": "dr_who", "password": "wrong"})

    assert response.status_code == 429


def test_a_wrong_api_token_is_no_login_failure(db):
    api = Client(headers={"Authorization": "Bearer ivig_not_a_token"})

    for _ in range(6):
        assert (
            api.post("/api/v1/evaluate", data="{}", content_type="application/json").status_code
            == 401
        )
    assert not AccessAttempt.objects.exists()


def test_behind_a_proxy_the_lockout_counts_the_browsers_address(clinician, settings):
    settings.REVERSE_PROXY_COUNT = 1
    proxy = "192.168.0.1"

    def through_proxy(forwarded_for, password):
        return log_in(password, address=proxy, HTTP_X_FORWARDED_FOR=forwarded_for)

    for _ in range(5):
        through_proxy(HOME_ADDRESS, "wrong")

    # A client may write what it likes into X-Forwarded-For; our proxy appends the real address.
    assert through_proxy(f"{ELSEWHERE}, {HOME_ADDRESS}", PASSWORD).status_code == 429
    assert through_proxy(ELSEWHERE, PASSWORD).status_code == 302
