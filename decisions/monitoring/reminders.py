"""Sending reminders (renal checks, day-7 reviews: monitoring/reminder_kinds.py): the database is
the schedule, Redis carries the moment's work. Every kind goes through the same code below.

A reminder moves SCHEDULED -> QUEUED -> SENDING -> SENT, each step a conditional UPDATE that only
one process can win (healthchecks.io's pattern), so a beat firing twice, two dispatchers, a task
delivered twice or retried never sends it twice:

- the dispatcher claims due rows (SCHEDULED -> QUEUED; FOR UPDATE SKIP LOCKED on PostgreSQL) and
  enqueues one send task each after the claim commits;
- a send takes a lease (QUEUED, or SENDING with a lapsed lease -> SENDING until now + lease);
  only the lease holder sends, and only it may mark the reminder SENT;
- the dispatcher also queues again what the broker lost (QUEUED too long) and what a killed
  worker left (SENDING, lease lapsed), so nothing is lost;
- a reminder nobody can receive ends UNDELIVERABLE, for the dashboard and the admin to show: at
  once when no address of it is well-formed (one that is not is left out, and named in
  last_error), or after its retries when the mail server refuses it for good (5xx).

The one window left: the SMTP server accepted the message, then the worker died before the
database said SENT. The reminder is sent again, with the same Message-ID, so it is recognisable.
"""

import logging
import smtplib
from datetime import datetime, timedelta

from django.conf import settings
from django.core.mail import BadHeaderError, get_connection
from django.db import connection, transaction
from django.db.models import F, Q
from django.utils import timezone

from decisions.cases.audit import audit_record
from decisions.models.reminders import Reminder
from decisions.monitoring import queue
from decisions.monitoring.email import reminder_recipients, reminder_recipients_refused
from decisions.monitoring.reminder_kinds import KINDS, RENAL, ReminderKind

logger = logging.getLogger(__name__)
Status = Reminder.Status
# What a send may raise. Retried all the same; after the last retry, a permanent refusal
# (send_error_is_permanent) makes the reminder UNDELIVERABLE, any other goes back to the schedule.
SEND_ERRORS = (smtplib.SMTPException, OSError, BadHeaderError)


def send_error_is_permanent(exc: Exception) -> bool:
    """A refusal no later attempt gets past: a header Django will not write, or an SMTP 5xx."""
    if isinstance(exc, BadHeaderError):
        return True
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        return bool(exc.recipients) and all(code >= 500 for code, _ in exc.recipients.values())
    code = getattr(exc, "smtp_code", None)
    return isinstance(code, int) and code >= 500


def _seconds(name: str) -> timedelta:
    return timedelta(seconds=getattr(settings, name))


def _claim(rows, *, now: datetime, limit: int, kind: ReminderKind = RENAL) -> list[int]:
    """Take up to `limit` of `rows` for this process: QUEUED now, ids returned."""
    with transaction.atomic():
        locked = rows
        if connection.features.has_select_for_update_skip_locked:
            locked = rows.select_for_update(skip_locked=True)
        ids = list(locked.order_by("due_at", "id").values_list("pk", flat=True)[:limit])
        if not ids:
            return []
        # Still matching the conditions: safe without row locks too (SQLite serialises writers).
        # An id that lost a race is enqueued all the same, harmlessly: its send is not leased.
        rows.filter(pk__in=ids).update(status=Status.QUEUED, queued_at=now, lease_until=None)
        transaction.on_commit(lambda: _enqueue_sends(ids, kind))
    return ids


def _enqueue_sends(ids: list[int], kind: ReminderKind) -> None:
    if kind is RENAL:
        queue.send_reminders_later(ids)  # the message as before kinds: (reminder_id,)
    else:
        queue.send_reminders_later(ids, kind=kind.name)


def reminders_claim_due(
    *, now: datetime | None = None, limit: int | None = None, kind: ReminderKind = RENAL
) -> list[int]:
    """Claim reminders that are due (SCHEDULED -> QUEUED) and enqueue their sends after commit."""
    now = now or timezone.now()
    due = kind.model.objects.filter(status=Status.SCHEDULED, due_at__lte=now).filter(
        Q(not_before__isnull=True) | Q(not_before__lte=now)
    )
    return _claim(due, now=now, limit=limit or settings.REMINDER_DISPATCH_BATCH, kind=kind)


def reminders_requeue_stuck(
    *, now: datetime | None = None, limit: int | None = None, kind: ReminderKind = RENAL
) -> list[int]:
    """Queue again the sends the broker lost or a dead worker left half done."""
    now = now or timezone.now()
    lost = Q(status=Status.QUEUED, queued_at__lt=now - _seconds("REMINDER_REQUEUE_AFTER_SECONDS"))
    abandoned = Q(status=Status.SENDING, lease_until__lt=now)
    stuck = kind.model.objects.filter(lost | abandoned)
    ids = _claim(stuck, now=now, limit=limit or settings.REMINDER_DISPATCH_BATCH, kind=kind)
    if ids:
        logger.warning("Queued %d stuck %s reminder(s) again", len(ids), kind.name)
    return ids


def reminders_dispatch(*, now: datetime | None = None, max_batches: int = 40) -> int:
    """One tick of the dispatcher: for each kind, requeue what is stuck, then claim what is due."""
    total = 0
    for kind in KINDS.values():
        total += len(reminders_requeue_stuck(now=now, kind=kind))
        for _ in range(max_batches):
            claimed = reminders_claim_due(now=now, kind=kind)
            total += len(claimed)
            if len(claimed) < settings.REMINDER_DISPATCH_BATCH:
                break
    return total


def reminder_send(
    *,
    reminder_id: int,
    now: datetime | None = None,
    mail_connection=None,
    kind: ReminderKind | str = RENAL,
) -> str:
    """Send one reminder if this call wins its lease; returns what happened.

    Raises one of SEND_ERRORS when the mail server refused or could not be reached; the reminder
    is then QUEUED again for the caller's retry.
    """
    kind = KINDS[kind] if isinstance(kind, str) else kind
    rows = kind.model.objects
    now = now or timezone.now()
    lease_until = now + _seconds("REMINDER_LEASE_SECONDS")
    free = Q(lease_until__isnull=True) | Q(lease_until__lt=now)
    won = rows.filter(free, pk=reminder_id, status__in=[Status.QUEUED, Status.SENDING]).update(
        status=Status.SENDING, lease_until=lease_until, attempts=F("attempts") + 1
    )
    if won != 1:
        return "not mine"  # sent, cancelled, done, or another worker holds the lease
    mine = rows.filter(pk=reminder_id, status=Status.SENDING, lease_until=lease_until)
    check = rows.select_related("case", "case__team", "responsible", "plan__assessment").get(
        pk=reminder_id
    )
    refused = _refused_note(check)
    if not reminder_recipients(check):
        mine.update(
            status=Status.UNDELIVERABLE, lease_until=None, last_error=refused or "no address"
        )
        logger.error("Reminder %s has no valid recipient address", reminder_id)
        return "undeliverable"
    late = now - check.due_at > _seconds("REMINDER_LATE_AFTER_SECONDS")
    message = kind.message_build(check, late=late, now=now)
    message.to = reminder_recipients(check)
    try:
        message.connection = mail_connection or get_connection(fail_silently=False)
        message.send()
    except SEND_ERRORS as exc:
        mine.update(
            status=Status.QUEUED,
            lease_until=None,
            queued_at=timezone.now(),
            last_error=send_error_brief(exc),
        )
        raise
    sent_at = timezone.now()
    if mine.update(
        status=Status.SENT, sent_at=sent_at, late=late, lease_until=None, last_error=refused
    ):
        audit_record(case=check.case, actor=None, **kind.sent_audit(check, late))
    return "late" if late else "sent"


def reminder_retry_later(
    *, reminder_id: int, error: str = "", kind: ReminderKind | str = RENAL
) -> bool:
    """After the last retry: back to the schedule, for the dispatcher to try again later."""
    kind = KINDS[kind] if isinstance(kind, str) else kind
    not_before = timezone.now() + _seconds("REMINDER_RETRY_LATER_SECONDS")
    return bool(
        kind.model.objects.filter(pk=reminder_id, status=Status.QUEUED).update(
            status=Status.SCHEDULED, not_before=not_before, queued_at=None, last_error=error[:300]
        )
    )


def reminder_mark_undeliverable(
    *, reminder_id: int, error: str = "", kind: ReminderKind | str = RENAL
) -> bool:
    """After the last retry of a permanent refusal: no more attempts; the dashboard shows it."""
    kind = KINDS[kind] if isinstance(kind, str) else kind
    marked = kind.model.objects.filter(pk=reminder_id, status=Status.QUEUED).update(
        status=Status.UNDELIVERABLE, queued_at=None, last_error=error[:300]
    )
    if marked:
        logger.error("Reminder %s is undeliverable: %s", reminder_id, error)
    return bool(marked)


def _refused_note(check: Reminder) -> str:
    refused = reminder_recipients_refused(check)
    if not refused:
        return ""
    # repr: an address with CR/LF in it stays on one line of the admin and the logs.
    return ("Not a valid address: " + ", ".join(repr(a) for a in refused))[:300]


def send_error_brief(exc: Exception) -> str:
    """What went wrong, short enough for `last_error`."""
    return f"{type(exc).__name__}: {exc}"[:300]
