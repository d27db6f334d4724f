"""A clinician of another team gets 404 on every case URL, whatever the method."""

import pytest

from tests.url_walk import url_patterns

from .wizard import walk

pytestmark = pytest.mark.django_db

CASE_URLS = [
    ("get", "/cases/{pk}/"),
    ("post", "/cases/{pk}/status/"),
    ("post", "/cases/{pk}/assess/"),
    ("get", "/cases/{pk}/assessments/1/patient/"),
    ("post", "/cases/{pk}/assessments/1/patient/"),
    ("post", "/cases/{pk}/assessments/1/preview/"),
    ("get", "/cases/{pk}/assessments/1/review/"),
    ("post", "/cases/{pk}/assessments/1/review/"),
    ("get", "/cases/{pk}/assessments/1/plan/"),
    ("post", "/cases/{pk}/assessments/1/plan/decisions/IVIG/"),
    ("post", "/cases/{pk}/assessments/1/plan/complete/"),
    ("get", "/cases/{pk}/assessments/1/plan/print/"),
    ("get", "/cases/{pk}/assessments/1/plan/pdf/"),
    ("get", "/cases/{pk}/assessments/1/plan/infusion/?product=1"),
    ("get", "/cases/{pk}/assessments/1/plan/infusion/chart/?product=1"),
    ("get", "/cases/{pk}/assessments/1/plan/infusion/chart/pdf/?product=1"),
    ("get", "/cases/{pk}/assessments/1/infusions/"),
    ("post", "/cases/{pk}/assessments/1/infusions/record/"),
    ("get", "/cases/{pk}/assessments/1/infusions/1/correct/"),
    ("post", "/cases/{pk}/assessments/1/infusions/1/correct/"),
    ("post", "/cases/{pk}/assessments/1/infusions/1/cancel/"),
    ("post", "/cases/{pk}/assessments/1/infusions/platelets/"),
    ("get", "/cases/{pk}/assessments/1/course-review/"),
    ("post", "/cases/{pk}/assessments/1/course-review/"),
    ("get", "/cases/{pk}/checks/1/"),
    ("post", "/cases/{pk}/checks/1/"),
]


def case_url_patterns():
    """Every URL pattern of the site that names a case, however deep its include."""
    return [pattern.route for pattern in url_patterns() if "<int:pk>" in pattern.route]


def test_every_case_url_pattern_is_covered_here():
    # A case URL added anywhere must be added to CASE_URLS too.
    assert len(set(case_url_patterns())) == 21


@pytest.mark.parametrize(("method", "url"), CASE_URLS)
def test_it_rejects_other_teams_case_with_404(browser, case, outsider_browser, method, url):
    walk(browser, case)
    response = getattr(outsider_browser, method)(url.format(pk=case.pk), {"version": case.version})
    assert response.status_code == 404


@pytest.mark.parametrize(("method", "url"), CASE_URLS)
def test_it_gives_the_same_404_for_a_case_that_does_not_exist(outsider_browser, method, url):
    response = getattr(outsider_browser, method)(url.format(pk=99999))
    assert response.status_code == 404


def test_other_teams_case_changes_nothing_when_refused(browser, case, outsider_browser):
    outsider_browser.post(f"/cases/{case.pk}/status/", {"status": "closed"})
    case.refresh_from_db()
    assert case.status == "open"
    assert not case.audit_events.filter(action="closed").exists()
