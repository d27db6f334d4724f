"""Rules 2027.1: a multi-day course is watched while it runs, with a renal check before each
later day's infusion, scheduled and sent by the reminder machinery that exists."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from decisions.models import PlanSnapshot, RenalCheck
from decisions.monitoring.infusions import infusion_cancel
from decisions.monitoring.reminders import reminder_send, reminders_claim_due

from .helpers import NEONATE, SEPSIS, plan_for, record

pytestmark = pytest.mark.django_db


def in_course(plan):
    return RenalCheck.objects.filter(plan=plan, before_day__isnull=False).order_by("before_day")


def open_in_course(plan):
    return in_course(plan).exclude(status="cancelled")


def test_recording_day_1_of_3_schedules_a_check_before_day_2(clinician, team, settings):
    settings.IVIG_RENAL_CHECK_BEFORE_NEXT_DAY_HOURS = 12
    plan = plan_for(clinician, team, SEPSIS)
    ended = timezone.now()

    first = record(plan, clinician, ended_at=ended)

    [check] = open_in_course(plan)
    assert (check.before_day, check.infusion, check.due_at) == (
        2,
        first,
        ended + timedelta(hours=12),
    )
    assert check.status == RenalCheck.Status.SCHEDULED
    assert check.when == "before the day 2 infusion"


def test_each_later_day_of_a_five_day_course_gets_its_check_in_turn(clinician, team):
    plan = plan_for(clinician, team, NEONATE)
    start = timezone.now() - timedelta(days=5)
    seen = []
    for day in range(5):
        record(
            plan,
            clinician,
            ended_at=start + timedelta(days=day),
            dose_g="1.2",
            baseline="0.4" if not day else None,
        )
        seen.append([c.before_day for c in open_in_course(plan)])

    assert seen == [[2], [3], [4], [5], []]
    assert sorted(c.before_day for c in in_course(plan)) == [2, 3, 4, 5]


def test_a_single_dose_has_no_check_before_a_next_day(plan, clinician):
    record(plan, clinician)

    assert not in_course(plan).exists()


def test_the_next_day_supersedes_the_check_before_it(clinician, team):
    plan = plan_for(clinician, team, SEPSIS)
    record(plan, clinician, ended_at=timezone.now() - timedelta(days=1))

    record(plan, clinician, baseline=None)

    before_2 = in_course(plan).get(before_day=2)
    assert (before_2.status, before_2.cancel_reason) == ("cancelled", "superseded by day 2")
    assert [c.before_day for c in open_in_course(plan)] == [3]


def test_cancelling_a_day_brings_back_the_check_before_it(clinician, team):
    plan = plan_for(clinician, team, SEPSIS)
    record(plan, clinician, ended_at=timezone.now() - timedelta(days=1))
    second = record(plan, clinician, baseline=None)

    infusion_cancel(infusion=second, user=clinician, reason="Creatinine rose")

    assert [c.before_day for c in open_in_course(plan)] == [2]


def test_a_plan_made_before_rules_2027_1_keeps_its_schedule(clinician, team):
    plan = plan_for(clinician, team, SEPSIS)
    old = {**plan.plan, "monitoring": [m for m in plan.plan["monitoring"] if "before_day" not in m]}
    PlanSnapshot.objects.filter(pk=plan.pk).update(plan=old, ruleset_version="2026.12.1+old")
    plan.refresh_from_db()

    record(plan, clinician)

    assert not in_course(plan).exists()
    assert plan.ruleset_version == "2026.12.1+old"


def test_the_check_before_a_day_is_sent_as_a_reminder_that_names_the_day(clinician, team):
    plan = plan_for(clinician, team, SEPSIS)
    record(plan, clinician, ended_at=timezone.now() - timedelta(hours=13))
    check = open_in_course(plan).get()

    claimed = reminders_claim_due()
    outcome = reminder_send(reminder_id=check.pk)

    assert check.pk in claimed
    assert outcome in ("sent", "late")
    check.refresh_from_db()
    assert check.status == RenalCheck.Status.SENT
    [message] = [m for m in mail.outbox if m.extra_headers["Message-ID"] == check.message_id]
    assert "before the day 2 infusion" in message.body
