"""Celery tasks: thin, idempotent, each calls a service (decisions/monitoring/reminders.py).

Both tasks are safe to run twice, so they acknowledge late and go back to the queue when their
worker dies (acks_late, reject_on_worker_lost): a message is never dropped with a dead worker.
"""

import logging
import random

from celery import shared_task
from django.conf import settings

from decisions.monitoring import reminders as services_reminders
from decisions.monitoring.queue import DISPATCH_TASK, SEND_TASK

logger = logging.getLogger(__name__)
IDEMPOTENT = {"acks_late": True, "reject_on_worker_lost": True, "ignore_result": True}


# Named as before the move: the beat schedule and queued messages carry these names.
@shared_task(name=DISPATCH_TASK, **IDEMPOTENT)
def reminders_dispatch() -> int:
    """Beat runs this every minute: requeue what is stuck, claim and enqueue what is due."""
    return services_reminders.reminders_dispatch()


@shared_task(name=SEND_TASK, bind=True, max_retries=None, **IDEMPOTENT)
def reminder_send(self, reminder_id: int, kind: str = "renal") -> str:
    """Send one reminder of a kind (monitoring/reminder_kinds.py; messages from before kinds
    carry none: renal); a refused send is retried with backoff, then marked undeliverable if the
    refusal is permanent, or else left to the dispatcher."""
    try:
        return services_reminders.reminder_send(reminder_id=reminder_id, kind=kind)
    except services_reminders.SEND_ERRORS as exc:
        retries = self.request.retries
        error = services_reminders.send_error_brief(exc)
        if retries >= settings.REMINDER_MAX_RETRIES:
            if services_reminders.send_error_is_permanent(exc):
                services_reminders.reminder_mark_undeliverable(
                    reminder_id=reminder_id, error=error, kind=kind
                )
                return "undeliverable"
            logger.warning("Reminder %s: giving up retrying for now (%s)", reminder_id, exc)
            services_reminders.reminder_retry_later(reminder_id=reminder_id, error=error, kind=kind)
            return "retry later"
        raise self.retry(exc=exc, countdown=retry_countdown(retries)) from exc


def retry_countdown(retries: int) -> float:
    """Exponential backoff with jitter, capped (far below the broker's visibility timeout)."""
    base = settings.REMINDER_RETRY_BACKOFF_SECONDS * 2**retries
    return min(base, settings.REMINDER_RETRY_BACKOFF_MAX) * random.uniform(0.5, 1.0)  # noqa: S311 # nosec B311 # jitter
