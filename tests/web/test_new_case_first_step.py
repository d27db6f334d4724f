"""The "New case" page asks the assessment's first step too: filled in, the case opens at the
next step with those answers saved (one page less to the plan); left empty, at the first step."""

import re

import pytest

from decisions.models import Case

from .test_new_case_once import new_case_form
from .wizard import GI_BLEED, step_url

pytestmark = pytest.mark.django_db


def test_the_new_case_page_asks_the_patient_step(browser):
    page = browser.get("/cases/new/").content.decode()
    assert 'data-testid="first-step"' in page
    assert 'name="age_group"' in page
    assert 'id="id_weight_kg"' in page
    # Optional here (the browser would refuse the form without them): asked on the step after.
    weight = re.search(r'<input[^>]*id="id_weight_kg"[^>]*>', page).group(0)
    assert "required" not in weight


def test_a_case_opened_with_the_patient_described_starts_at_the_platelets(browser, team):
    response = browser.post("/cases/new/", {**new_case_form(browser, team), **GI_BLEED["patient"]})

    case = Case.objects.get()
    assert response.status_code == 302
    assert response.url == step_url(case, "platelets")
    answers = case.assessments.get().answers
    assert answers["age_group"] == "adult"
    assert answers["weight_kg"] == 70


def test_a_case_opened_without_the_patient_starts_at_the_patient_step(browser, team):
    response = browser.post("/cases/new/", new_case_form(browser, team))

    case = Case.objects.get()
    assert response.url == step_url(case, "patient")
    assert case.assessments.get().answers == {}


def test_a_patient_half_described_opens_at_the_patient_step_with_what_was_given(browser, team):
    response = browser.post("/cases/new/", {**new_case_form(browser, team), "weight_kg": "70"})

    case = Case.objects.get()
    assert response.url == step_url(case, "patient")
    assert case.assessments.get().answers["weight_kg"] == 70


def test_a_refused_weight_opens_no_case_and_says_why_beside_the_field(browser, team):
    form = {**new_case_form(browser, team), **GI_BLEED["patient"], "weight_kg": "-5"}

    response = browser.post("/cases/new/", form)

    assert response.status_code == 400
    assert Case.objects.count() == 0
    page = response.content.decode()
    assert 'id="id_weight_kg"' in page
    assert "is-invalid" in page
