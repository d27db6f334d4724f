"""A clinician records an infusion; at day 7 (the dispatcher's clock moved on) the review
reminder reaches a real SMTP server through Redis and a real worker; its link, behind the login,
takes the clinician to the review, where the count gives a response; the stewardship page then
counts the course and its outcome. axe-core checks the review and stewardship pages."""

import os
import re
import uuid
from datetime import timedelta

import pytest
import redis
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone
from playwright.sync_api import expect

from decisions.monitoring.reminder_kinds import REVIEW
from decisions.monitoring.reminders import reminders_claim_due
from tests.factories import TeamFactory, clinician_in
from tests.reminders.helpers import plan_for
from tests.reminders.infra import celery_on, redis_answers, worker_thread
from tests.reminders.smtp_sink import SmtpSink

from .axe import axe_violations, describe

PASSWORD = "correct horse battery staple"
REDIS_URL = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0")

pytestmark = pytest.mark.skipif(not redis_answers(REDIS_URL), reason=f"no Redis at {REDIS_URL}")


@pytest.fixture
def clinician(transactional_db):
    team = TeamFactory(name="Haematology", email="haem@example.org")
    user = clinician_in(team, username="dr_e2e", email="dr.e2e@example.org")
    user.groups.add(Group.objects.get_or_create(name="Stewardship")[0])
    return user


@pytest.fixture
def mail(settings, live_server):
    queue = f"review-e2e-{uuid.uuid4().hex[:10]}"
    with SmtpSink() as sink, celery_on(REDIS_URL, queue), worker_thread():
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", sink.port
        settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
        settings.SITE_URL = live_server.url
        yield sink
    redis.Redis.from_url(REDIS_URL).delete(queue)


def log_in(page, clinician):
    page.fill("#id_username", clinician.username)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit], input[type=submit]")


def local(moment):
    return timezone.localtime(moment).strftime("%Y-%m-%dT%H:%M")


def test_a_review_reminder_leads_to_the_review_and_the_stewardship_page_counts_it(
    page, browser_instance, live_server, clinician, mail, shoot
):
    plan = plan_for(clinician, clinician.teams.get(), patient_name="Ada Lovelace")
    case = plan.assessment.case
    page.goto("/login/")
    log_in(page, clinician)
    page.goto(f"/cases/{case.pk}/assessments/1/infusions/")
    ended = timezone.now() - timedelta(minutes=10)
    page.fill("#id_started_at", local(ended - timedelta(hours=2)))
    page.fill("#id_ended_at", local(ended))
    if page.locator("#id_product").evaluate("e => e.tagName") == "INPUT":
        page.fill("#id_product", "Privigen")
    page.fill("#id_baseline_creatinine", "1.0")
    page.get_by_role("button", name="Record day 1").click()
    expect(page.get_by_text("Day 1 recorded")).to_be_visible()
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
    fresh = browser_instance.new_context(viewport={"width": 1280, "height": 900})
    reader = fresh.new_page()
    reader.set_default_timeout(10_000)
    errors = []
    reader.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    reader.goto(link)
    expect(reader).to_have_url(re.compile(r"/login/\?next="))
    log_in(reader, clinician)
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
