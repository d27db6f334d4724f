"""The reminder email: which check, since when, a link behind the login; nothing identifying."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from decisions.models import RenalCheck
from decisions.monitoring.email import reminder_message_build, reminder_recipients

from .helpers import AT_RENAL_RISK, plan_for, record

pytestmark = pytest.mark.django_db

FORBIDDEN = [
    "Ada Lovelace",  # name
    "H123456",  # identifier
    "1990",  # birth year
    "1990-04-01",
    "IVIG",  # drug
    "immunoglobulin",
    "Privigen",  # product
    "itp",  # diagnosis
    "thrombocytopenia",
    "diabetes",  # the renal risk factor
    "bleed",
]


@pytest.fixture
def check(clinician, team):
    plan = plan_for(clinician, team, AT_RENAL_RISK, date_of_birth=date(1990, 4, 1))
    record(plan, clinician, ended_at=timezone.now() - timedelta(hours=50))
    return RenalCheck.objects.select_related("case__team", "responsible").get(
        plan=plan, hours_after_infusion=48
    )


def everything(message) -> str:
    html = message.alternatives[0][0]
    headers = " ".join(f"{k}: {v}" for k, v in message.extra_headers.items())
    parts = [message.subject, message.body, html, headers, message.from_email, " ".join(message.to)]
    return "\n".join(parts)


def test_it_says_which_check_is_due_since_when_with_a_link(check, settings):
    settings.SITE_URL = "https://ivig.example.org"
    message = reminder_message_build(check, late=False, now=timezone.now())

    assert message.subject == f"Renal function check due for case {check.case.reference}"
    assert "Serum creatinine and BUN and urine output, 48 hours after the end" in message.body
    assert f"Due since: {check.due_at:%Y-%m-%d %H:%M}" in message.body
    link = f"https://ivig.example.org/cases/{check.case_id}/checks/{check.pk}/"
    assert link in message.body
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html"
    assert f'href="{link}"' in html


def test_it_names_no_patient_diagnosis_or_drug(check):
    text = everything(reminder_message_build(check, late=True, now=timezone.now())).lower()

    for word in FORBIDDEN:
        assert word.lower() not in text, word


def test_it_goes_to_the_responsible_clinician_and_the_team(check):
    assert reminder_recipients(check) == ["dr.who@example.org", "haem-team@example.org"]


def test_a_team_without_an_address_gets_nothing(check):
    check.case.team.email = ""

    assert reminder_recipients(check) == ["dr.who@example.org"]


def test_every_build_carries_the_same_message_id(check):
    first = reminder_message_build(check, late=False, now=timezone.now())
    again = reminder_message_build(check, late=True, now=timezone.now())

    assert first.extra_headers["Message-ID"] == again.extra_headers["Message-ID"]
    assert first.message()["Message-ID"] == check.message_id


def test_a_late_reminder_says_so(check):
    message = reminder_message_build(check, late=True, now=timezone.now())

    assert message.subject.startswith("LATE: ")
    assert "This reminder is LATE" in message.body
    assert "LATE" in message.alternatives[0][0]
