"""A clinician records an infusion; at day 7 (the dispatcher's clock moved on) the review
reminder reaches a real SMTP server through Redis and a real worker; its link, behind the login,
takes the clinician to the review, where the count gives a response; the stewardship page then
counts the course and its outcome. axe-core checks the review and stewardship pages."""

import re
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone
from playwright.sync_api import expect

from decisions.monitoring.reminder_kinds import REVIEW
from decisions.monitoring.reminders import reminders_claim_due
from tests.reminders.helpers import plan_for

from .axe import axe_violations, describe
from .reminder_mail import (
    NEEDS_REDIS,
    fill_day_one,
    open_from_mail_client,
    record_day_one,
    team_clinician,
)

pytestmark = NEEDS_REDIS


@pytest.fixture
def clinician(transactional_db):
    user = team_clinician()
    user.groups.add(Group.objects.get_or_create(name="Stewardship")[0])
    return user


def test_a_review_reminder_leads_to_the_review_and_the_stewardship_page_counts_it(
    page, browser_instance, live_server, clinician, mail, shoot
):
    plan = plan_for(clinician, clinician.teams.get(), patient_name="Ada Lovelace")
    case = plan.assessment.case
    fill_day_one(page, clinician, case)
    record_day_one(page)
    shoot(page, "review-01-infusion-recorded")

    # The clock moves on seven days, as far as the dispatcher knows: the review is due.
    with transaction.atomic():
        claimed = reminders_claim_due(now=timezone.now() + timedelta(days=7), kind=REVIEW)
    assert len(claimed) == 1
    [message] = mail.wait_for(1)
    assert message["Subject"] == f"Course review due for case {case.reference}"
    body = next(p for p in message.walk() if p.get_content_type() == "text/plain")
    text = body.get_payload(decode=True).decode()
    assert "Ada Lovelace" not in text and case.patient_identifier not in text
    link = re.search(r"http://\S+/course-review/", text).group(0)

    # Following the link from a mail client: a browser without the session logs in first.
    fresh, reader, errors = open_from_mail_client(browser_instance, link, clinician)
    expect(reader.get_by_test_id("review-form")).to_be_visible()
    expect(reader.get_by_test_id("repeat-dose-guidance")).to_contain_text(
        "not haemostatically adequate"
    )
    violations = {"review form": axe_violations(reader)}
    reader.fill("#id_platelet_count", "45")
    reader.check('input[name=platelet_unit][value="x10^9/L"]')
    reader.check("input[name=bleeding][value=stopped]")
    reader.check("input[name=adverse_events][value=no]")
    reader.check("input[name=decision][value=no_further]")
    shoot(reader, "review-02-review-form")
    reader.get_by_role("button", name="Record the review").click()

    # Baseline 12,000/uL: 45,000 is at least 30,000 and more than doubled, a response (IWG).
    expect(reader.get_by_test_id("response")).to_have_text("Response")
    expect(reader.get_by_test_id("decision")).to_contain_text("No further IVIG")
    violations["review recorded"] = axe_violations(reader)
    shoot(reader, "review-03-review-recorded")

    reader.goto(f"{live_server.url}/stewardship/")
    expect(reader.get_by_test_id("courses")).to_have_text("1")
    expect(reader.get_by_test_id("outcomes-recorded")).to_have_text("1")
    expect(reader.get_by_test_id("response-rate")).to_contain_text("1 of 1 reviewed courses")
    expect(reader.get_by_test_id("indication-chart")).to_be_visible()
    expect(reader.get_by_test_id("completeness")).to_contain_text("100%")
    assert "Ada Lovelace" not in reader.content()
    violations["stewardship"] = axe_violations(reader)
    shoot(reader, "review-04-stewardship")
    fresh.close()
    assert not any(violations.values()), describe(violations)
    assert errors == []
    assert page.console_errors == []
