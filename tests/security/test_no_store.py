"""No page behind the login may be kept by a browser's or a proxy's cache: every URL the site
has, walked as a signed-in clinician and as an administrator, answers `no-store, private`."""

import pytest
from django.test import Client
from django.urls import reverse
from django.utils.cache import get_max_age

from tests.url_walk import url_patterns

pytestmark = pytest.mark.django_db

SITE = [pattern for pattern in url_patterns() if not pattern.is_admin]
ADMIN = [pattern for pattern in url_patterns() if pattern.is_admin]


def directives(response) -> set[str]:
    return {part.strip() for part in response.get("Cache-Control", "").split(",")}


@pytest.fixture
def signed_in(clinician):
    client = Client()
    client.force_login(clinician)
    return client


@pytest.mark.parametrize("pattern", SITE, ids=lambda pattern: pattern.route)
def test_every_page_behind_the_login_says_no_store(signed_in, path_of, pattern):
    response = signed_in.get(path_of(pattern.route))

    assert {"no-store", "private"} <= directives(response), response.status_code


def test_every_admin_page_says_no_store(superuser, path_of):
    # One loop, as the admin has ~100 patterns.
    admin = Client()
    admin.force_login(superuser)
    cacheable = {}
    for pattern in ADMIN:
        path = path_of(pattern.route)
        response = admin.get(path)
        if not {"no-store", "private"} <= directives(response):
            cacheable[path] = response.get("Cache-Control")

    assert cacheable == {}


def test_a_view_that_says_never_cache_keeps_its_own_directives(signed_in, walked):
    number = walked.plan.assessment.number
    response = signed_in.get(reverse("plan-print", kwargs={"pk": walked.case.pk, "number": number}))

    assert {"no-store", "private", "no-cache"} <= directives(response)
    assert get_max_age(response) == 0
