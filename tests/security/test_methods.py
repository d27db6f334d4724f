"""A method a URL does not take is refused with 405 before the view reads or writes anything."""

import pytest
from django.test import Client

from tests.two_factor import force_login_verified
from tests.url_walk import url_patterns

from .conftest import database_state

pytestmark = pytest.mark.django_db

UNSUPPORTED_METHODS = ["put", "patch", "delete"]
SITE = [pattern for pattern in url_patterns() if not pattern.is_admin]
ADMIN = [pattern for pattern in url_patterns() if pattern.is_admin]


@pytest.mark.parametrize("pattern", SITE, ids=lambda pattern: pattern.route)
def test_every_page_refuses_a_method_it_does_not_take_with_405(browser, walked, path_of, pattern):
    path = path_of(pattern.route)
    # The login page sends a logged-in user on, whatever the method; ask it as a visitor.
    client = Client() if pattern.name == "login" else browser
    before = database_state()

    for method in UNSUPPORTED_METHODS:
        response = getattr(client, method)(path, {"version": walked.case.version})

        assert response.status_code == 405, (method, path)
        assert response["Allow"], (method, path)
    assert database_state() == before


def test_the_admin_never_answers_an_unsupported_method_with_an_error(superuser, path_of):
    # Django's admin treats any method but POST as a GET; it must at least never fail.
    admin = Client()
    force_login_verified(admin, superuser)

    for pattern in ADMIN:
        path = path_of(pattern.route)
        for method in UNSUPPORTED_METHODS:
            assert getattr(admin, method)(path).status_code < 500, (method, path)
