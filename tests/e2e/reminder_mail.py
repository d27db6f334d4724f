"""The steps a reminder's browser test shares (tests/e2e/test_reminders_in_browser.py and
test_review_in_browser.py): a real SMTP server and a real worker on the machine's Redis, a day of
the course recorded in the browser, the reminder's text, and its link opened from a mail client
(a browser without the session, which logs in first)."""

import os
import re
import uuid
from datetime import timedelta

import pytest
import redis
from django.utils import timezone
from playwright.sync_api import expect

from tests.factories import TeamFactory, clinician_in
from tests.reminders.infra import celery_on, redis_answers, worker_thread
from tests.reminders.smtp_sink import SmtpSink

PASSWORD = "correct horse battery staple"
REDIS_URL = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0")
NEEDS_REDIS = pytest.mark.skipif(not redis_answers(REDIS_URL), reason=f"no Redis at {REDIS_URL}")


def team_clinician():
    team = TeamFactory(name="Haematology", email="haem@example.org")
    return clinician_in(team, username="dr_e2e", email="dr.e2e@example.org")


@pytest.fixture
def mail(settings, live_server):
    """The SMTP server the reminders reach through Redis and a worker (in e2e/conftest.py)."""
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


def fill_day_one(page, clinician, case):
    """Logged in, the course page with day 1 filled in: two hours ending ten minutes ago."""
    page.goto("/login/")
    log_in(page, clinician)
    page.goto(f"/cases/{case.pk}/assessments/1/infusions/")
    ended = timezone.now() - timedelta(minutes=10)
    page.fill("#id_started_at", local(ended - timedelta(hours=2)))
    page.fill("#id_ended_at", local(ended))
    if page.locator("#id_product").evaluate("e => e.tagName") == "INPUT":
        page.fill("#id_product", "Privigen")
    page.fill("#id_baseline_creatinine", "1.0")


def record_day_one(page):
    page.get_by_role("button", name="Record day 1").click()
    expect(page.get_by_text("Day 1 recorded")).to_be_visible()


def reminder_text(mail) -> tuple[object, str]:
    """The one reminder mailed, and its text part."""
    [message] = mail.wait_for(1)
    body = next(p for p in message.walk() if p.get_content_type() == "text/plain")
    return message, body.get_payload(decode=True).decode()


def open_from_mail_client(browser_instance, link, clinician):
    """A browser without the session follows `link`: (its context, its page, its console
    errors), logged in at the login page the link led to."""
    fresh = browser_instance.new_context(viewport={"width": 1280, "height": 900})
    reader = fresh.new_page()
    reader.set_default_timeout(10_000)
    errors = []
    reader.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    reader.goto(link)
    expect(reader).to_have_url(re.compile(r"/login/\?next="))
    log_in(reader, clinician)
    return fresh, reader, errors
