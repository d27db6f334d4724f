"""A prepared read runs the SQL its queryset would, with each call's values, not the probes."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from decisions.cases.case_list import case_list_page
from decisions.models import Case
from decisions.prepared_queries import PreparedRead, PreparedReadError
from tests.factories import TeamFactory, case_for, clinician_in

pytestmark = pytest.mark.django_db

by_name = PreparedRead(
    lambda team_id, name: (
        Case.objects.filter(team_id=team_id, patient_name__icontains=name)
        .select_related("team")
        .order_by("pk")
    ),
    team_id=int,
    name=str,
)


def test_it_gives_the_rows_the_queryset_gives_with_each_calls_values(clinician, team):
    other_team = TeamFactory()
    mine = case_for(clinician, team, patient_name="Ada Rossi")
    case_for(clinician, team, patient_name="Ben Costa")
    case_for(clinician_in(other_team), other_team, patient_name="Ada Weber")
    found = by_name.run(team_id=team.pk, name="ada")
    assert found == [mine]
    assert found[0].team.name == team.name  # select_related kept: no query for the team
    assert [c.patient_name for c in by_name.run(team_id=other_team.pk, name="ADA")] == ["Ada Weber"]


def test_a_like_character_in_a_value_is_matched_literally(clinician, team):
    case_for(clinician, team, patient_name="Ada 50% Rossi")
    case_for(clinician, team, patient_name="Ada 500 Rossi")
    assert [c.patient_name for c in by_name.run(team_id=team.pk, name="50%")] == ["Ada 50% Rossi"]
    assert by_name.run(team_id=team.pk, name="a_a") == []


def test_it_skips_building_the_query_after_the_first_call(clinician, team):
    case_for(clinician, team, patient_name="Ada Rossi")
    built = []
    read = PreparedRead(
        lambda team_id: built.append(1) or Case.objects.filter(team_id=team_id), team_id=int
    )
    read.run(team_id=team.pk)
    first = len(built)
    with CaptureQueriesContext(connection) as captured:
        assert len(read.run(team_id=team.pk)) == 1
    assert len(built) == first  # not built again
    assert len(captured) == 1


def test_a_queryset_whose_sql_changes_with_its_values_is_refused():
    read = PreparedRead(
        lambda team_id: (
            Case.objects.filter(team_id=team_id)
            if team_id == 30_011
            else Case.objects.filter(team_id=team_id, status="open")
        ),
        team_id=int,
    )
    with pytest.raises(PreparedReadError):
        read.run(team_id=1)


def test_a_value_the_sql_never_uses_is_refused():
    read = PreparedRead(
        lambda team_id, unused: Case.objects.filter(team_id=team_id), team_id=int, unused=int
    )
    with pytest.raises(PreparedReadError):
        read.run(team_id=1, unused=2)


def test_the_case_list_pages_walk_every_case_once(clinician, team):
    now = timezone.now()
    for i in range(7):
        case = case_for(clinician, team, patient_name=f"Patient {i}")
        Case.objects.filter(pk=case.pk).update(updated_at=now - timedelta(minutes=i))
    seen, token = [], None
    while True:
        page = case_list_page(clinician, token=token, size=3)
        seen += [c.patient_name for c in page]
        if not page.older:
            break
        token = page.older
    assert seen == [f"Patient {i}" for i in range(7)]
    back = case_list_page(clinician, token=page.newer, size=3)
    assert [c.patient_name for c in back] == ["Patient 3", "Patient 4", "Patient 5"]


def test_values_list_rows_come_back_as_the_queryset_gives_them(clinician, team):
    mine = case_for(clinician, team, patient_name="Ada Rossi")
    read = PreparedRead(
        lambda team_id: Case.objects.filter(team_id=team_id).values_list("reference", flat=True),
        team_id=int,
    )
    assert read.run(team_id=team.pk) == [mine.reference]
