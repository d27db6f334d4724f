"""ivig-patient-view's card and its link: a new case and assessment prefilled from what the EHR
sent, after login, never patient data in a URL, kept a day at most."""

import re
from datetime import timedelta

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from decisions.ehr.prefill import prefills_purge
from decisions.models import AuditEvent, Case, EhrPrefill

from .fhir import PATIENT_ID, patient, platelets, searchset, weight, years_ago

pytestmark = pytest.mark.django_db
VIEW = "/cds-services/ivig-patient-view"


def patient_view(count_obs, weight_obs=None):
    """The specification's patient-view example, with this service's prefetch keys."""
    return {
        "hookInstance": "d1577c69-dfbe-44ad-ba6d-3e05e953b2ea",
        "hook": "patient-view",
        "context": {
            "userId": "Practitioner/example",
            "patientId": PATIENT_ID,
            "encounterId": "89284",
        },
        "prefetch": {
            "patient": patient(years_ago(40)),
            "platelets": searchset(*([count_obs] if count_obs else [])),
            "weight": searchset(weight_obs or weight(70)),
        },
    }


@pytest.mark.parametrize(
    ("count", "cards"),
    [
        (platelets(12), 1),
        (platelets(49999, "/uL"), 1),
        (platelets(50, "10*9/L"), 0),
        (platelets(180), 0),
        (None, 0),
    ],
)
def test_a_count_below_50000_gets_one_info_card_with_the_link(call, count, cards):
    response = call(VIEW, patient_view(count))

    assert response.status_code == 200
    found = response.json()["cards"]
    assert len(found) == cards
    if cards:
        (card,) = found
        assert card["indicator"] == "info"
        assert len(card["summary"]) <= 140
        (link,) = card["links"]
        assert link["type"] == "absolute"
        assert link["url"].startswith("http")
    assert EhrPrefill.objects.count() == cards  # nothing kept when there is no card


def _link(call) -> str:
    (card,) = call(VIEW, patient_view(platelets(12))).json()["cards"]
    return card["links"][0]["url"]


def test_the_link_names_no_patient(call):
    url = _link(call)

    assert re.fullmatch(re.escape(settings.SITE_URL) + r"/ehr/start/[A-Za-z0-9_-]{43}/", url)
    for told in ("Lovelace", "Ada", "H123456", PATIENT_ID, years_ago(40)):
        assert told not in url


def test_the_link_needs_a_login(call):
    path = "/" + _link(call).split("/", 3)[3]

    response = Client().get(path)

    assert response.status_code == 302
    assert response.url.startswith("/login/")


def test_the_link_opens_a_new_case_prefilled_from_the_ehr(call, browser, clinician, team):
    path = "/" + _link(call).split("/", 3)[3]

    page = browser.get(path)
    assert page.status_code == 200
    assert page.context["form"].initial["patient_name"] == "Ada Lovelace"
    assert page.context["form"].initial["patient_identifier"] == "H123456"
    opened = browser.post(
        path,
        {
            "patient_name": "Ada Lovelace",
            "patient_identifier": "H123456",
            "date_of_birth": years_ago(40),
            "team": team.pk,
            "form_token": "ehr-token-1",
        },
    )

    case = Case.objects.get()
    assessment = case.assessments.get()
    assert opened.status_code == 302
    assert opened.url == reverse("assessment-step", args=[case.pk, 1, "platelets"])
    assert assessment.answers["weight_kg"] == 70
    assert assessment.answers["platelet_count"] == 12
    assert assessment.answers["platelet_unit"] == "x10^9/L"
    assert assessment.answers["age_group"] == "adult"
    assert "condition" not in assessment.answers  # the clinician gives the indication
    assert "bleeding" not in assessment.answers
    prefill = EhrPrefill.objects.get()
    assert prefill.case == case and prefill.patient == {} and prefill.answers == {}
    assert case.audit_events.filter(action=AuditEvent.Action.EHR_PREFILLED).exists()
    # The link again: the case it opened, not a second one.
    assert browser.get(path).url == reverse("case-detail", args=[case.pk])
    assert Case.objects.count() == 1


def test_an_expired_link_is_404_and_purged(call, browser):
    path = "/" + _link(call).split("/", 3)[3]
    EhrPrefill.objects.update(expires_at=timezone.now() - timedelta(minutes=1))

    assert browser.get(path).status_code == 404
    assert prefills_purge() == 1
    assert EhrPrefill.objects.count() == 0


def test_the_purge_keeps_what_has_not_expired(call):
    _link(call)

    call_command("purge_ehr_prefills")

    assert EhrPrefill.objects.count() == 1


def test_another_teams_clinician_cannot_reach_the_case_a_link_opened(call, browser, team):
    from tests.factories import TeamFactory, clinician_in
    from tests.two_factor import force_login_verified

    path = "/" + _link(call).split("/", 3)[3]
    browser.post(
        path,
        {"patient_name": "A", "patient_identifier": "H1", "team": team.pk, "form_token": "t"},
    )
    stranger = Client()
    force_login_verified(stranger, clinician_in(TeamFactory(name="Other")))

    assert stranger.get(path).status_code == 404


def test_beat_purges_expired_prefills_and_jwt_ids(call):
    from decisions.ehr.tasks import ehr_purge
    from decisions.models import UsedJwtId

    _link(call)
    EhrPrefill.objects.update(expires_at=timezone.now() - timedelta(minutes=1))
    UsedJwtId.objects.update(expires_at=timezone.now() - timedelta(minutes=1))

    assert ehr_purge.run() == 2
    assert not EhrPrefill.objects.exists() and not UsedJwtId.objects.exists()


def test_showing_the_ehrs_patient_is_a_read_in_the_audit_trail(call, browser, clinician):
    path = "/" + _link(call).split("/", 3)[3]

    assert browser.get(path).status_code == 200

    read = AuditEvent.objects.get(action=AuditEvent.Action.VIEWED)
    assert read.case is None and read.actor == clinician
    assert read.detail["page"] == "ehr link"
    assert "Ada Lovelace" not in str(read.detail) and "H123456" not in str(read.detail)
