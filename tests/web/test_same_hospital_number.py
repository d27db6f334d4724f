"""A second case for a hospital number that already has one in the clinician's teams is named,
linked and needs a tick; other teams' cases are never revealed."""

import pytest

from decisions.models import Case
from tests.factories import TeamFactory, case_for, clinician_in

pytestmark = pytest.mark.django_db


def open_case(client, team, number="H123456", **extra):
    data = {"patient_name": "Ada Lovelace", "patient_identifier": number, "team": team.pk}
    return client.post("/cases/new/", {**data, **extra})


def test_a_hospital_number_with_a_case_is_named_with_a_link_and_not_taken(browser, clinician, team):
    first = case_for(clinician, team, patient_identifier="H123456")
    response = open_case(browser, team, number=" h123456 ")
    html = response.content.decode()
    assert response.status_code == 400
    assert 'data-testid="same-number"' in html
    assert f'href="/cases/{first.pk}/"' in html
    assert "already has a case in your teams" in html
    assert 'name="confirm_same_number"' in html
    assert Case.objects.count() == 1


def test_ticking_the_box_opens_the_second_case(browser, clinician, team):
    case_for(clinician, team, patient_identifier="H123456")
    response = open_case(browser, team, confirm_same_number="on")
    assert response.status_code == 302
    assert Case.objects.filter(patient_identifier="H123456").count() == 2


def test_a_new_hospital_number_needs_no_tick(browser, clinician, team):
    case_for(clinician, team, patient_identifier="H123456")
    assert open_case(browser, team, number="H999").status_code == 302


def test_another_teams_case_with_the_number_is_never_revealed(browser, clinician, team):
    elsewhere = TeamFactory(name="Cardiology")
    case_for(clinician_in(elsewhere), elsewhere, patient_identifier="H123456")
    response = open_case(browser, team)
    assert response.status_code == 302
    assert Case.objects.filter(patient_identifier="H123456").count() == 2
