"""The "New case" form opens one case however often it is sent: its hidden one-time token names
the case it opened, and the same form sent again (a double click, a resend) is shown that case.
tests/web/test_concurrency.py sends it ten times at once."""

import re

import pytest

from decisions.cases.services import case_create
from decisions.models import Case

pytestmark = pytest.mark.django_db


def new_case_form(client, team) -> dict:
    """The fields of a freshly loaded "New case" form, filled in."""
    page = client.get("/cases/new/").content.decode()
    token = re.search(r'name="form_token" value="([^"]+)"', page).group(1)
    return {
        "patient_name": "Ada Lovelace",
        "patient_identifier": "H123456",
        "team": team.pk,
        "form_token": token,
    }


def test_each_load_of_the_form_carries_a_new_token(browser, team):
    assert new_case_form(browser, team)["form_token"] != new_case_form(browser, team)["form_token"]


def test_the_same_form_sent_twice_opens_one_case(browser, team):
    form = new_case_form(browser, team)

    first = browser.post("/cases/new/", form)
    second = browser.post("/cases/new/", form)

    case = Case.objects.get()
    assert first.status_code == 302
    assert second.status_code == 302
    assert second.url == f"/cases/{case.pk}/"


def test_two_loads_of_the_form_open_two_cases(browser, team):
    browser.post("/cases/new/", new_case_form(browser, team))
    browser.post("/cases/new/", {**new_case_form(browser, team), "confirm_same_number": "on"})

    assert Case.objects.count() == 2


def test_another_clinicians_token_opens_nothing_of_theirs(
    browser, colleague, colleague_browser, team
):
    form = new_case_form(colleague_browser, team)
    theirs = case_create(
        user=colleague,
        team=team,
        patient_name="Bo Jones",
        patient_identifier="H9",
        form_token=form["form_token"],
    )

    response = browser.post("/cases/new/", form)

    mine = Case.objects.exclude(pk=theirs.pk).get()
    assert response.url.startswith(f"/cases/{mine.pk}/")
