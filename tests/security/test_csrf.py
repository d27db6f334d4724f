"""Every unsafe method on every URL needs the CSRF token when the caller rides on a session cookie.

The requests carry the ids of a real case, infusion and renal check, and the fields a form would
post, so the view would act if the check let it through; it changes nothing.
"""

import pytest
from django.middleware.csrf import _get_new_csrf_string
from django.test import Client

from decisions.api.tokens import api_token_issue
from tests.two_factor import force_login_verified
from tests.url_walk import url_patterns

from .conftest import database_state

pytestmark = pytest.mark.django_db

UNSAFE_METHODS = ["post", "put", "patch", "delete"]
CDS_HOOKS = {"cds-discovery": "get", "cds-service": "post", "cds-feedback": "post"}
SITE = [pattern for pattern in url_patterns() if not pattern.is_admin]
ADMIN = [pattern for pattern in url_patterns() if pattern.is_admin]
# A form's fields, so that a request let through would be valid.
FORM = {
    "status": "closed",
    "decision": "overridden",
    "reason": "no token",
    "product": "Privigen",
    "dose_g": "70",
    "username": "dr_who",
    "password": "correct horse battery staple",
}


def session_client(user):
    client = Client(enforce_csrf_checks=True)
    force_login_verified(client, user)
    return client


@pytest.mark.parametrize("pattern", SITE, ids=lambda pattern: pattern.route)
def test_it_refuses_every_unsafe_method_without_the_csrf_token(clinician, walked, path_of, pattern):
    browser = session_client(clinician)
    path = path_of(pattern.route)
    before = database_state()

    for method in UNSAFE_METHODS:
        response = getattr(browser, method)(path, {**FORM, "version": walked.case.version})

        if pattern.name == "api-evaluate" and method != "post":
            assert response.status_code == 405  # refused before anything is read
        elif pattern.name in CDS_HOOKS:
            # No cookie is read: the JWT is the authentication (401 without it), else 405.
            assert response.status_code == (401 if method == CDS_HOOKS[pattern.name] else 405)
        elif pattern.name == "api-health":
            assert response.status_code == 405  # answered before the CSRF check, reads only
        else:
            assert response.status_code == 403, (method, path)
    assert database_state() == before


def test_the_same_request_with_the_token_acts_so_the_refusals_above_mean_something(
    clinician, walked, path_of
):
    browser = session_client(clinician)
    secret = _get_new_csrf_string()
    browser.cookies["csrftoken"] = secret

    response = browser.post(
        path_of("cases/<int:pk>/status/"),
        {**FORM, "version": walked.case.version},
        headers={"X-CSRFToken": secret},
    )

    assert response.status_code == 302
    walked.case.refresh_from_db()
    assert walked.case.status == "closed"


def test_it_refuses_the_admin_without_the_csrf_token_even_to_a_superuser(superuser, path_of):
    admin = session_client(superuser)
    before = database_state()

    for pattern in ADMIN:
        path = path_of(pattern.route)
        for method in UNSAFE_METHODS:
            assert getattr(admin, method)(path, {"post": "yes"}).status_code == 403, (method, path)
    assert database_state() == before


def test_the_api_refuses_a_session_cookie_without_the_csrf_token(clinician):
    response = session_client(clinician).post(
        "/api/v1/evaluate", data="{}", content_type="application/json"
    )

    assert response.status_code == 403
    assert response.json()["error"]


def test_the_api_takes_a_bearer_token_without_csrf_as_it_sends_no_cookie(clinician):
    api = Client(
        enforce_csrf_checks=True,
        headers={"Authorization": f"Bearer {api_token_issue(user=clinician)}"},
    )

    response = api.post("/api/v1/evaluate", data="{}", content_type="application/json")

    assert response.status_code == 400  # past authentication: the body lacks its fields
