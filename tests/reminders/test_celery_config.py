"""Celery is set up for reminders that are never lost: late acknowledgement on idempotent tasks,
JSON only, time limits, a soft shutdown, a beat every minute, and never eager."""

from django.conf import settings

from decisions.monitoring.tasks import reminder_send, reminders_dispatch
from ivig_site.celery import app


def test_the_reminder_tasks_acknowledge_late_and_go_back_when_their_worker_dies():
    for task in (reminder_send, reminders_dispatch):
        assert task.acks_late
        assert task.reject_on_worker_lost
        assert task.ignore_result


def test_messages_are_json_only():
    assert app.conf.task_serializer == "json"
    assert app.conf.accept_content == ["json"]


def test_tasks_have_time_limits_below_the_send_lease():
    assert app.conf.task_soft_time_limit < app.conf.task_time_limit
    assert app.conf.task_time_limit < settings.REMINDER_LEASE_SECONDS


def test_workers_shut_down_softly_and_take_one_message_at_a_time():
    assert app.conf.worker_soft_shutdown_timeout > 0
    assert app.conf.worker_prefetch_multiplier == 1


def test_no_retry_waits_anywhere_near_the_broker_visibility_timeout():
    visibility = app.conf.broker_transport_options["visibility_timeout"]
    assert settings.REMINDER_RETRY_BACKOFF_MAX < visibility / 2


def test_beat_dispatches_every_minute():
    entry = app.conf.beat_schedule["dispatch-due-reminders"]
    assert entry["task"] == reminders_dispatch.name
    assert entry["schedule"] == 60


def test_it_never_runs_tasks_eagerly():
    assert not app.conf.task_always_eager
