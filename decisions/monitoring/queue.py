"""Putting reminder work on the broker. Services call these; the tasks themselves
(decisions/monitoring/tasks.py) call services, so they are named here, not imported."""

import logging

from kombu.exceptions import OperationalError
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)
BROKER_ERRORS = (OperationalError, RedisError, OSError)
# The names the beat schedule and messages already queued carry.
DISPATCH_TASK = "decisions.tasks.reminders_dispatch"
SEND_TASK = "decisions.tasks.reminder_send"


def send_reminders_later(ids: list[int], kind: str = "") -> None:
    """Enqueue a send per reminder (called after the claim commits); `kind` for any but renal
    checks (decisions/monitoring/reminder_kinds.py)."""
    kwargs = {"kind": kind} if kind else {}
    from ivig_site.celery import app  # the project's app, configured from settings

    try:
        with app.producer_or_acquire() as producer:
            for reminder_id in ids:
                app.send_task(SEND_TASK, args=(reminder_id,), kwargs=kwargs, producer=producer)
    except BROKER_ERRORS as exc:
        # The rows stay QUEUED; the dispatcher queues them again once the broker is back.
        logger.warning("Broker unavailable, %d reminder(s) wait for it: %s", len(ids), exc)


def dispatch_soon() -> None:
    """Ask for a dispatch now rather than at the next tick; without a broker, the tick will do."""
    from ivig_site.celery import app

    try:
        app.send_task(DISPATCH_TASK)
    except BROKER_ERRORS as exc:
        logger.warning("Broker unavailable; due reminders go at the next dispatch: %s", exc)
