"""The dispatcher and the send, without a broker: claims are conditional, sends are leased,
so a beat firing twice, a duplicate or retried task, or a dead worker never sends twice."""

import smtplib
from datetime import timedelta
from unittest import mock

import pytest
from django.core import mail
from django.core.mail import BadHeaderError
from django.utils import timezone

from decisions.models import AuditEvent, RenalCheck
from decisions.monitoring.reminders import (
    reminder_mark_undeliverable,
    reminder_retry_later,
    reminder_send,
    reminders_claim_due,
    reminders_dispatch,
    reminders_requeue_stuck,
    send_error_is_permanent,
)

from .helpers import record

pytestmark = pytest.mark.django_db
Status = RenalCheck.Status


@pytest.fixture
def enqueued():
    """The ids the dispatcher would hand to the broker, instead of a broker."""
    ids = []

    def enqueue(claimed, kind=""):
        ids.extend(claimed)

    with mock.patch("decisions.monitoring.queue.send_reminders_later", side_effect=enqueue):
        yield ids


@pytest.fixture
def due_check(plan, clinician):
    """The 24 h check of an infusion that ended a day and a minute ago: due a minute ago."""
    record(plan, clinician, ended_at=timezone.now() - timedelta(hours=24, minutes=1))
    return RenalCheck.objects.get(plan=plan, hours_after_infusion=24)


def claim(django_capture_on_commit_callbacks, **kw):
    with django_capture_on_commit_callbacks(execute=True):
        return reminders_claim_due(**kw)


def test_it_claims_only_what_is_due(due_check, enqueued, django_capture_on_commit_callbacks):
    claimed = claim(django_capture_on_commit_callbacks)

    assert claimed == [due_check.pk] == enqueued
    due_check.refresh_from_db()
    assert due_check.status == Status.QUEUED
    assert RenalCheck.objects.filter(status=Status.SCHEDULED).count() == 2


def test_a_beat_firing_twice_claims_once(due_check, enqueued, django_capture_on_commit_callbacks):
    claim(django_capture_on_commit_callbacks)
    claim(django_capture_on_commit_callbacks)

    assert enqueued == [due_check.pk]


def test_it_waits_for_not_before(due_check, enqueued, django_capture_on_commit_callbacks):
    RenalCheck.objects.filter(pk=due_check.pk).update(
        not_before=timezone.now() + timedelta(minutes=5)
    )

    assert claim(django_capture_on_commit_callbacks) == []
    later = timezone.now() + timedelta(minutes=6)
    assert claim(django_capture_on_commit_callbacks, now=later) == [due_check.pk]


def test_it_enqueues_nothing_when_the_claim_rolls_back(due_check, enqueued):
    # No on-commit callbacks are run: the claim's transaction never committed.
    reminders_claim_due()

    assert enqueued == []


def test_a_send_delivers_one_message_and_marks_it_sent(due_check, enqueued):
    reminders_claim_due()

    assert reminder_send(reminder_id=due_check.pk) == "sent"

    assert len(mail.outbox) == 1
    assert mail.outbox[0].extra_headers["Message-ID"] == due_check.message_id
    due_check.refresh_from_db()
    assert due_check.status == Status.SENT
    assert due_check.attempts == 1
    assert AuditEvent.objects.filter(action="reminder_sent", actor=None).count() == 1


def test_a_task_delivered_twice_sends_once(due_check, enqueued):
    reminders_claim_due()

    reminder_send(reminder_id=due_check.pk)
    assert reminder_send(reminder_id=due_check.pk) == "not mine"

    assert len(mail.outbox) == 1


def test_a_send_does_not_touch_a_reminder_another_worker_holds(due_check, enqueued):
    reminders_claim_due()
    RenalCheck.objects.filter(pk=due_check.pk).update(
        status=Status.SENDING, lease_until=timezone.now() + timedelta(minutes=1)
    )

    assert reminder_send(reminder_id=due_check.pk) == "not mine"
    assert mail.outbox == []


def test_a_reminder_left_sending_by_a_dead_worker_is_sent(due_check, enqueued):
    RenalCheck.objects.filter(pk=due_check.pk).update(
        status=Status.SENDING, lease_until=timezone.now() - timedelta(seconds=1), attempts=1
    )

    assert reminders_requeue_stuck() == [due_check.pk]
    assert reminder_send(reminder_id=due_check.pk) == "sent"
    assert len(mail.outbox) == 1
    due_check.refresh_from_db()
    assert due_check.attempts == 2


def test_a_queued_reminder_the_broker_lost_is_queued_again(due_check, enqueued, settings):
    reminders_claim_due()
    long_after = timezone.now() + timedelta(seconds=settings.REMINDER_REQUEUE_AFTER_SECONDS + 1)

    assert reminders_requeue_stuck(now=timezone.now()) == []
    assert reminders_requeue_stuck(now=long_after) == [due_check.pk]


def test_a_refused_send_is_queued_again_with_the_error(due_check, enqueued):
    reminders_claim_due()
    with (
        mock.patch(
            "django.core.mail.backends.locmem.EmailBackend.send_messages",
            side_effect=smtplib.SMTPDataError(451, b"Try again later"),
        ),
        pytest.raises(smtplib.SMTPDataError),
    ):
        reminder_send(reminder_id=due_check.pk)

    due_check.refresh_from_db()
    assert due_check.status == Status.QUEUED
    assert due_check.lease_until is None
    assert "451" in due_check.last_error
    assert reminder_send(reminder_id=due_check.pk) == "sent"
    assert len(mail.outbox) == 1


def test_after_the_last_retry_the_dispatcher_tries_again_later(due_check, enqueued, settings):
    reminders_claim_due()

    assert reminder_retry_later(reminder_id=due_check.pk, error="refused")

    due_check.refresh_from_db()
    assert due_check.status == Status.SCHEDULED
    assert due_check.not_before > timezone.now()


def test_a_reminder_sent_long_after_it_was_due_is_flagged_late(due_check, enqueued, settings):
    reminders_claim_due()
    late = due_check.due_at + timedelta(seconds=settings.REMINDER_LATE_AFTER_SECONDS + 60)

    assert reminder_send(reminder_id=due_check.pk, now=late) == "late"

    due_check.refresh_from_db()
    assert due_check.late
    assert mail.outbox[0].subject.startswith("LATE: ")


def test_a_cancelled_or_done_reminder_is_not_sent(due_check, enqueued):
    reminders_claim_due()
    RenalCheck.objects.filter(pk=due_check.pk).update(status=Status.CANCELLED)

    assert reminder_send(reminder_id=due_check.pk) == "not mine"
    assert mail.outbox == []


def test_without_any_address_it_is_undeliverable_not_retried(due_check, enqueued, clinician):
    clinician.email = ""
    clinician.save()
    due_check.case.team.email = ""
    due_check.case.team.save()
    reminders_claim_due()

    assert reminder_send(reminder_id=due_check.pk) == "undeliverable"
    due_check.refresh_from_db()
    assert due_check.status == Status.UNDELIVERABLE


def test_a_malformed_address_is_left_out_and_named(due_check, enqueued, clinician):
    clinician.email = "h@example.org\r\nBcc: x@example.org"
    clinician.save()
    reminders_claim_due()

    assert reminder_send(reminder_id=due_check.pk) == "sent"
    assert mail.outbox[0].to == ["haem-team@example.org"]
    due_check.refresh_from_db()
    assert due_check.last_error == "Not a valid address: 'h@example.org\\r\\nBcc: x@example.org'"


def test_with_only_a_malformed_address_it_is_undeliverable(due_check, enqueued, clinician):
    clinician.email = "h@example.org\nBcc: x@example.org"
    clinician.save()
    due_check.case.team.email = ""
    due_check.case.team.save()
    reminders_claim_due()

    assert reminder_send(reminder_id=due_check.pk) == "undeliverable"
    due_check.refresh_from_db()
    assert due_check.status == Status.UNDELIVERABLE
    assert due_check.last_error.startswith("Not a valid address")


@pytest.mark.parametrize(
    ("error", "permanent"),
    [
        (smtplib.SMTPDataError(554, b"refused"), True),
        (smtplib.SMTPDataError(451, b"later"), False),
        (smtplib.SMTPRecipientsRefused({"a@example.org": (550, b"no such user")}), True),
        (smtplib.SMTPRecipientsRefused({"a@example.org": (450, b"mailbox busy")}), False),
        (smtplib.SMTPSenderRefused(553, b"bad sender", "x@example.org"), True),
        (ConnectionRefusedError(), False),
        (BadHeaderError("newline in header"), True),
    ],
)
def test_which_refusals_are_permanent(error, permanent):
    assert send_error_is_permanent(error) is permanent


def test_a_permanent_refusal_after_the_last_retry_is_undeliverable(due_check, enqueued):
    reminders_claim_due()

    assert reminder_mark_undeliverable(reminder_id=due_check.pk, error="554 refused")

    due_check.refresh_from_db()
    assert due_check.status == Status.UNDELIVERABLE
    assert reminders_dispatch() == 0


def test_a_dispatch_claims_every_batch(plan, clinician, enqueued, settings):
    settings.REMINDER_DISPATCH_BATCH = 2
    record(plan, clinician, ended_at=timezone.now() - timedelta(days=8))

    assert reminders_dispatch() == 3 + 1  # and the course's day-7 review, due after 7 days
    assert RenalCheck.objects.filter(status=Status.QUEUED).count() == 3
