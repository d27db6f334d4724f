"""A clinician records an infusion; a day later (the dispatcher's clock moved on) the reminder
reaches a real SMTP server through Redis and a real worker; its link, behind the login, takes the
clinician to the check, where a doubled creatinine raises the acute kidney injury alert."""

import re
from datetime import timedelta

import pytest
from django.db import transaction
from django.utils import timezone
from playwright.sync_api import expect

from decisions.monitoring.reminders import reminders_claim_due
from tests.reminders.helpers import plan_for

from .reminder_mail import (
    NEEDS_REDIS,
    fill_day_one,
    open_from_mail_client,
    record_day_one,
    reminder_text,
    team_clinician,
)

pytestmark = NEEDS_REDIS


@pytest.fixture
def clinician(transactional_db):
    return team_clinician()


def test_a_reminder_leads_to_the_check_where_a_doubled_creatinine_alerts(
    page, browser_instance, live_server, clinician, mail, shoot
):
    plan = plan_for(clinician, clinician.teams.get())
    case = plan.assessment.case
    fill_day_one(page, clinician, case)
    shoot(page, "reminders-01-record-infusion")
    record_day_one(page)
    expect(page.get_by_test_id("renal-checks")).to_contain_text("Scheduled")
    shoot(page, "reminders-02-checks-scheduled")

    # The clock moves on 25 hours, as far as the dispatcher knows: the 24 h check is due.
    with transaction.atomic():
        claimed = reminders_claim_due(now=timezone.now() + timedelta(hours=25))
    assert len(claimed) == 1
    _message, text = reminder_text(mail)
    assert f"Case {case.reference}" in text
    assert "Ada Lovelace" not in text
    link = re.search(r"http://\S+/checks/\d+/", text).group(0)

    # Following the link from a mail client: a browser without the session logs in first.
    fresh, reader, errors = open_from_mail_client(browser_instance, link, clinician)
    expect(reader.get_by_test_id("renal-result-form")).to_be_visible()
    reader.fill("#id_creatinine", "2.0")
    shoot(reader, "reminders-03-enter-result")
    reader.get_by_role("button", name="Enter the result").click()

    alert = reader.get_by_test_id("aki-alert")
    expect(alert).to_be_visible()
    expect(alert).to_contain_text("Acute kidney injury: KDIGO stage 2")
    expect(reader.get_by_test_id("kdigo-stage")).to_have_text("Stage 2")
    shoot(reader, "reminders-04-aki-alert")
    reader.goto(f"{live_server.url}/cases/{case.pk}/assessments/1/infusions/")
    expect(reader.get_by_test_id("aki-alert")).to_contain_text("KDIGO stage 2")
    expect(reader.get_by_test_id("platelet-chart")).to_be_visible()
    shoot(reader, "reminders-05-course")
    fresh.close()
    assert errors == []
    assert page.console_errors == []
