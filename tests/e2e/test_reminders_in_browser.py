"""A clinician records an infusion; a day later (the dispatcher's clock moved on) the reminder
reaches a real SMTP server through Redis and a real worker; its link, behind the login, takes the
clinician to the check, where a doubled creatinine raises the acute kidney injury alert."""

import os
import re
import uuid
from datetime import timedelta

import pytest
import redis
from django.db import transaction
from django.utils import timezone
from playwright.sync_api import expect

from decisions.monitoring.reminders import reminders_claim_due
from tests.factories import TeamFactory, clinician_in
from tests.reminders.helpers import plan_for
from tests.reminders.infra import celery_on, redis_answers, worker_thread
from tests.reminders.smtp_sink import SmtpSink

PASSWORD = "correct horse battery staple"
REDIS_URL = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0")

pytestmark = pytest.mark.skipif(not redis_answers(REDIS_URL), reason=f"no Redis at {REDIS_URL}")


@pytest.fixture
def clinician(transactional_db):
    team = TeamFactory(name="Haematology", email="haem@example.org")
    return clinician_in(team, username="dr_e2e", email="dr.e2e@example.org")


@pytest.fixture
def mail(settings, live_server):
    queue = f"reminders-e2e-{uuid.uuid4().hex[:10]}"
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


def test_a_reminder_leads_to_the_check_where_a_doubled_creatinine_alerts(
    page, browser_instance, live_server, clinician, mail, shoot
):
    plan = plan_for(clinician, clinician.teams.get())
    case = plan.assessment.case
    page.goto("/login/")
    log_in(page, clinician)
    page.goto(f"/cases/{case.pk}/assessments/1/infusions/")
    ended = timezone.now() - timedelta(minutes=10)
    page.fill("#id_started_at", local(ended - timedelta(hours=2)))
    page.fill("#id_ended_at", local(ended))
    page.fill("#id_product", "Privigen")
    page.fill("#id_baseline_creatinine", "1.0")
    shoot(page, "reminders-01-record-infusion")
    page.get_by_role("button", name="Record day 1").click()
    expect(page.get_by_text("Day 1 recorded")).to_be_visible()
    expect(page.get_by_test_id("renal-checks")).to_contain_text("Scheduled")
    shoot(page, "reminders-02-checks-scheduled")

    # The clock moves on 25 hours, as far as the dispatcher knows: the 24 h check is due.
    with transaction.atomic():
        claimed = reminders_claim_due(now=timezone.now() + timedelta(hours=25))
    assert len(claimed) == 1
    [message] = mail.wait_for(1)
    body = next(p for p in message.walk() if p.get_content_type() == "text/plain")
    text = body.get_payload(decode=True).decode()
    assert f"Case {case.reference}" in text
    assert "Ada Lovelace" not in text
    link = re.search(r"http://\S+/checks/\d+/", text).group(0)

    # Following the link from a mail client: a browser without the session logs in first.
    fresh = browser_instance.new_context(viewport={"width": 1280, "height": 900})
    reader = fresh.new_page()
    reader.set_default_timeout(10_000)
    errors = []
    reader.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    reader.goto(link)
    expect(reader).to_have_url(re.compile(r"/login/\?next="))
    log_in(reader, clinician)
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
