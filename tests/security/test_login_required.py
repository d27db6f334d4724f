"""Every URL of the site, however it was included, needs a login, except a short allow-list.

The walk finds every pattern by itself: a URL added without a login fails here.
"""

import pytest
from django.test import Client

from tests.url_walk import url_patterns

pytestmark = pytest.mark.django_db

# The pages an anonymous visitor may reach, and what each answers: {name: {method: statuses}}.
OPEN_TO_ANONYMOUS = {
    "login": {"get": {200}, "post": {200}},  # the form; a wrong or empty login shows it again
    "admin:login": {"get": {200}, "post": {200}},
    "api-health": {"get": {200, 503}, "post": {405}},  # for the load balancer
    # Its own authentication: 401 in JSON, never the login page (GET is refused first).
    "api-evaluate": {"get": {405}, "post": {401}},
    "api-plan-fhir": {"get": {401}, "post": {405}},  # the same, GET only
    # CDS Hooks: a signed JWT on every call instead of a login (401 in JSON without one).
    "cds-discovery": {"get": {401}, "post": {405}},
    "cds-service": {"get": {405}, "post": {401}},
    "cds-feedback": {"get": {405}, "post": {401}},
    # The way to and back from the OpenID provider, absent (404) while single sign-on is off.
    "oidc_authentication_init": {"get": {404}, "post": {405}},
    "oidc_authentication_callback": {"get": {404}, "post": {405}},
}
SITE = [pattern for pattern in url_patterns() if not pattern.is_admin]
ADMIN = [pattern for pattern in url_patterns() if pattern.is_admin]


def test_the_allow_list_names_real_urls():
    names = {pattern.name for pattern in url_patterns()}
    assert set(OPEN_TO_ANONYMOUS) <= names


@pytest.mark.parametrize("method", ["get", "post"])
@pytest.mark.parametrize("pattern", SITE, ids=lambda pattern: pattern.route)
def test_it_sends_anonymous_visitors_of_every_page_to_the_login(path_of, pattern, method):
    path = path_of(pattern.route)

    response = getattr(Client(), method)(path)

    if pattern.name in OPEN_TO_ANONYMOUS:
        assert response.status_code in OPEN_TO_ANONYMOUS[pattern.name][method]
    else:
        assert response.status_code == 302
        assert response.url == f"/login/?next={path}"


def test_the_api_answers_anonymous_callers_in_json(db):
    response = Client().post("/api/v1/evaluate", data="{}", content_type="application/json")

    assert response.status_code == 401
    assert response["Content-Type"] == "application/json"


@pytest.mark.parametrize("method", ["get", "post"])
def test_it_sends_anonymous_visitors_of_every_admin_page_to_the_admins_login(path_of, method):
    # The admin checks is_staff at its own login; one loop, as the admin has ~100 patterns.
    anonymous = Client()
    answers = {}
    for pattern in ADMIN:
        path = path_of(pattern.route)
        answers[path] = getattr(anonymous, method)(path)

    for path, response in answers.items():
        if path == "/admin/login/":
            assert response.status_code == 200
        else:
            assert response.status_code == 302, path
            # The admin's own pages ask at its login; the model pages at the site's, as
            # LoginRequiredMiddleware sees them first.
            assert response.url.startswith(("/admin/login/?next=", "/login/?next=")), path
