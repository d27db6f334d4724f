"""The admin: teams and their members are managed there; clinical records are only looked at."""

import pytest
from django.contrib import admin
from django.test import Client, RequestFactory

from decisions.models import (
    Assessment,
    AuditEvent,
    Case,
    Infusion,
    PlanSnapshot,
    PlateletCount,
    RecommendationDecision,
    RenalCheck,
    RenalResult,
    Team,
)
from tests.factories import TeamFactory, UserFactory, case_for, clinician_in
from tests.reminders.helpers import plan_for, record
from tests.two_factor import force_login_verified

CLINICAL_RECORDS = [
    Case,
    Assessment,
    PlanSnapshot,
    RecommendationDecision,
    AuditEvent,
    Infusion,
    RenalCheck,
    RenalResult,
    PlateletCount,
]


@pytest.fixture
def superuser(db):
    return UserFactory(username="root", is_staff=True, is_superuser=True)


@pytest.fixture
def admin_browser(superuser):
    client = Client()
    force_login_verified(client, superuser)
    return client


@pytest.fixture
def case(db):
    team = TeamFactory(name="Ward 7")
    return case_for(clinician_in(team), team)


def test_the_team_list_shows_how_many_members_each_team_has(admin_browser):
    TeamFactory(name="Ward 7", members=UserFactory.create_batch(3))

    response = admin_browser.get("/admin/decisions/team/")

    assert response.status_code == 200
    team = response.context["cl"].result_list.get(name="Ward 7")
    assert team.member_count == 3


def test_the_member_count_stays_right_when_searching_by_member_name(admin_browser):
    TeamFactory(name="Ward 7", members=UserFactory.create_batch(3))

    response = admin_browser.get("/admin/decisions/team/?q=clinician")

    assert [team.member_count for team in response.context["cl"].result_list] == [3]


def test_team_members_are_picked_with_the_two_list_widget(admin_browser):
    ward = TeamFactory(name="Ward 7")

    response = admin_browser.get(f"/admin/decisions/team/{ward.pk}/change/")

    assert 'class="selectfilter"' in response.content.decode()


def test_an_admin_adds_a_clinician_to_a_team(admin_browser):
    ward = TeamFactory(name="Ward 7")
    clinician = UserFactory()

    admin_browser.post(
        f"/admin/decisions/team/{ward.pk}/change/",
        {"name": "Ward 7", "email": "", "members": [clinician.pk]},
    )

    assert list(Team.objects.get(pk=ward.pk).members.all()) == [clinician]


@pytest.mark.parametrize(
    ("name", "email"),
    [("Ward 7\r\nBcc: x@example.org", ""), ("Ward 7", "w7@example.org\r\nBcc: x@example.org")],
    ids=["line break in the name", "line break in the address"],
)
def test_a_team_with_a_line_break_is_refused(admin_browser, name, email):
    ward = TeamFactory(name="Ward 7", email="")

    response = admin_browser.post(
        f"/admin/decisions/team/{ward.pk}/change/", {"name": name, "email": email, "members": []}
    )

    assert response.status_code == 200  # the form again, with the error
    assert "errornote" in response.content.decode()
    ward.refresh_from_db()
    assert (ward.name, ward.email) == ("Ward 7", "")


def test_the_reminder_list_shows_why_one_was_not_delivered(admin_browser):
    clinician = UserFactory()
    record(plan_for(clinician, TeamFactory(members=[clinician])), clinician)
    RenalCheck.objects.update(status="undeliverable", last_error="Not a valid address: 'h@x'")

    page = admin_browser.get("/admin/decisions/renalcheck/").content.decode()

    assert "Reminder undeliverable" in page
    assert "Not a valid address: &#x27;h@x&#x27;" in page


@pytest.mark.parametrize("model", CLINICAL_RECORDS, ids=lambda model: model.__name__)
def test_clinical_records_cannot_be_added_changed_or_deleted_in_the_admin(superuser, model):
    request = RequestFactory().get("/admin/")
    request.user = superuser
    model_admin = admin.site._registry[model]

    assert model_admin.has_view_permission(request)
    assert not model_admin.has_add_permission(request)
    assert not model_admin.has_change_permission(request)
    assert not model_admin.has_delete_permission(request)


def test_an_admin_can_look_at_a_case_and_its_audit_trail(admin_browser, case):
    event = case.audit_events.first()

    assert admin_browser.get("/admin/decisions/case/").status_code == 200
    assert admin_browser.get(f"/admin/decisions/case/{case.pk}/change/").status_code == 200
    assert admin_browser.get("/admin/decisions/auditevent/").status_code == 200
    assert admin_browser.get(f"/admin/decisions/auditevent/{event.pk}/change/").status_code == 200


def test_an_audit_event_posted_to_the_admin_is_not_changed(admin_browser, case):
    event = case.audit_events.exclude(action=AuditEvent.Action.CLOSED).first()
    action = event.action

    response = admin_browser.post(
        f"/admin/decisions/auditevent/{event.pk}/change/", {"action": AuditEvent.Action.CLOSED}
    )

    assert response.status_code == 403
    event.refresh_from_db()
    assert event.action == action


def test_an_audit_event_cannot_be_deleted_in_the_admin(admin_browser, case):
    event = case.audit_events.first()

    response = admin_browser.post(
        f"/admin/decisions/auditevent/{event.pk}/delete/", {"post": "yes"}
    )

    assert response.status_code == 403
    assert AuditEvent.objects.filter(pk=event.pk).exists()


def test_the_case_list_names_no_patient(admin_browser, case):
    html = admin_browser.get("/admin/decisions/case/").content.decode()

    assert case.reference in html
    assert case.patient_name not in html


def test_lockouts_can_be_lifted_in_the_admin(admin_browser):
    # django-axes registers its records; deleting one ends that lockout.
    assert admin_browser.get("/admin/axes/accessattempt/").status_code == 200
