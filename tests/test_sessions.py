"""Sessions end after 15 idle minutes or 12 hours after login, whichever comes first."""

import datetime as dt
import os
import subprocess
import sys
from html.parser import HTMLParser

import pytest
from django.conf import settings as django_settings
from django.contrib.messages import get_messages
from django.test import Client
from freezegun import freeze_time

from tests.factories import UserFactory

START = "2026-03-02 08:00:00"


@pytest.fixture
def clinician(db):
    return UserFactory(username="dr_who")


@pytest.fixture
def clock(clinician):
    with freeze_time(START) as frozen:
        yield frozen


@pytest.fixture
def browser(clinician, clock):
    """A clinician who has just logged in (the clock is frozen at START)."""
    client = Client()
    client.force_login(clinician)
    return client


def minutes(n):
    return dt.timedelta(minutes=n)


def messages_of(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


def test_it_logs_out_after_15_minutes_without_activity_and_says_why(browser, clock):
    clock.tick(minutes(15))

    response = browser.get("/cases/")

    assert response.status_code == 302
    assert response.url == "/login/?next=/cases/"
    assert messages_of(response) == [
        "Your session ended after 15 minutes without activity. Please log in again."
    ]
    assert "_auth_user_id" not in browser.session


def test_the_login_page_shows_why_the_session_ended(browser, clock):
    clock.tick(minutes(15))

    response = browser.get("/cases/", follow=True)

    assert response.templates[0].name == "registration/login.html"
    assert "Your session ended after 15 minutes without activity" in response.content.decode()


def test_a_session_stays_open_just_under_the_idle_limit(browser, clock):
    clock.tick(minutes(14) + dt.timedelta(seconds=59))

    assert browser.get("/cases/").status_code == 200


def test_each_request_restarts_the_idle_time(browser, clock):
    for _ in range(6):
        clock.tick(minutes(10))
        assert browser.get("/").status_code == 200


def test_a_burst_of_requests_saves_the_session_only_once(browser, clock):
    clock.tick(dt.timedelta(seconds=30))
    first = browser.get("/")
    clock.tick(dt.timedelta(seconds=5))
    second = browser.get("/")

    assert "sessionid" in first.cookies
    assert "sessionid" not in second.cookies


def test_it_logs_out_12_hours_after_login_however_active(browser, clock):
    for _ in range(12 * 6 - 1):
        clock.tick(minutes(10))
        assert browser.get("/").status_code == 200
    clock.tick(minutes(10))

    response = browser.get("/")

    assert response.url == "/login/?next=/"
    assert messages_of(response) == [
        "Your session ended 12 hours after you logged in. Please log in again."
    ]


def test_the_limits_come_from_settings(browser, clock, settings):
    settings.SESSION_IDLE_MINUTES = 5
    clock.tick(minutes(5))

    response = browser.get("/")

    assert response.status_code == 302
    assert messages_of(response) == [
        "Your session ended after 5 minutes without activity. Please log in again."
    ]


def test_the_settings_default_to_15_minutes_and_12_hours():
    assert django_settings.SESSION_IDLE_MINUTES == 15
    assert django_settings.SESSION_MAX_HOURS == 12


def test_logging_in_again_starts_both_clocks_again(browser, clock, clinician):
    clock.tick(minutes(15))
    browser.get("/")
    browser.force_login(clinician)
    clock.tick(minutes(10))

    assert browser.get("/").status_code == 200


def test_logging_in_through_the_login_page_starts_the_clocks(clinician, clock):
    client = Client()
    client.post("/login/", {"username": "dr_who", "password": "correct horse battery staple"})
    clock.tick(minutes(15))

    assert client.get("/").status_code == 302


# Keepalive: the "Stay signed in" button


def test_keepalive_extends_the_session(browser, clock):
    clock.tick(minutes(13))
    assert browser.post("/session/keepalive/").status_code == 204
    clock.tick(minutes(13))

    assert browser.get("/").status_code == 200


def test_keepalive_cannot_revive_an_ended_session(browser, clock):
    clock.tick(minutes(15))

    response = browser.post("/session/keepalive/")

    assert response.status_code == 302
    assert response.url == "/login/?next=/"


def test_keepalive_takes_only_post(browser):
    assert browser.get("/session/keepalive/").status_code == 405


def test_keepalive_needs_the_csrf_token(clinician):
    client = Client(enforce_csrf_checks=True)
    client.force_login(clinician)

    assert client.post("/session/keepalive/").status_code == 403


def test_keepalive_accepts_the_csrf_header_htmx_sends(clinician):
    client = Client(enforce_csrf_checks=True)
    client.force_login(clinician)
    client.get("/")  # sets the CSRF cookie, as any page does

    response = client.post(
        "/session/keepalive/", headers={"X-CSRFToken": client.cookies["csrftoken"].value}
    )

    assert response.status_code == 204


# htmx


def htmx_get(client, url, current_url="http://testserver/cases/?q=smith"):
    return client.get(url, headers={"HX-Request": "true", "HX-Current-URL": current_url})


def test_htmx_requests_count_as_activity(browser, clock):
    for _ in range(3):
        clock.tick(minutes(10))
        assert htmx_get(browser, "/cases/").status_code == 200


def test_an_ended_session_answers_htmx_with_hx_redirect_to_the_login_page(browser, clock):
    clock.tick(minutes(15))

    response = htmx_get(browser, "/cases/")

    assert response.status_code == 200
    assert response["HX-Redirect"] == "/login/?next=/cases/%3Fq%3Dsmith"
    assert response.content == b""


def test_htmx_without_a_session_gets_hx_redirect_not_the_login_page_as_a_fragment(db):
    response = htmx_get(Client(), "/cases/")

    assert response["HX-Redirect"] == "/login/?next=/cases/%3Fq%3Dsmith"


def test_a_form_posted_after_the_session_ended_goes_to_login_without_coming_back(browser, clock):
    clock.tick(minutes(15))

    response = browser.post("/cases/new/", {})

    assert response.url == "/login/?next=/"


def test_an_ended_session_calling_the_api_gets_its_json_401(browser, clock):
    clock.tick(minutes(15))

    response = browser.post("/api/v1/evaluate", data="{}", content_type="application/json")

    assert response.status_code == 401


# What the page tells static/js/session-timeout.js


class BodyAttributes(HTMLParser):
    def __init__(self, html):
        super().__init__()
        self.body = {}
        self.script_sources = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        if tag == "body":
            self.body = dict(attrs)
        if tag == "script":
            self.script_sources.append(dict(attrs).get("src"))


def test_pages_tell_the_warning_script_the_idle_time_and_where_to_go(browser):
    page = BodyAttributes(browser.get("/").content.decode())

    assert page.body["data-session-idle-seconds"] == "900"
    assert page.body["data-keepalive-url"] == "/session/keepalive/"
    assert page.body["data-login-url"] == "/login/"
    assert "X-CSRFToken" in page.body["hx-headers"]
    assert "/static/js/session-timeout.js" in page.script_sources


def test_pages_carry_the_warning_dialog_with_a_stay_signed_in_button(browser):
    html = browser.get("/").content.decode()

    assert 'id="session-timeout-modal"' in html
    assert "data-session-stay>Stay signed in</button>" in html


def test_the_login_page_has_no_session_timer(db):
    page = BodyAttributes(Client().get("/login/").content.decode())

    assert "data-session-idle-seconds" not in page.body
    assert "/static/js/session-timeout.js" not in page.script_sources


def test_session_cookies_are_https_only_unless_debugging():
    code = "from django.conf import settings; print(settings.SESSION_COOKIE_SECURE)"
    env = {**os.environ, "DJANGO_DEBUG": "false", "DJANGO_SECRET_KEY": "x" * 50}
    env["DJANGO_SETTINGS_MODULE"] = "ivig_site.settings"

    printed = subprocess.run(  # noqa: S603
        [sys.executable, "-c", f"import django; django.setup(); {code}"],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout

    assert printed.strip() == "True"
