"""The dates on paper: the regimen's days from a planned start and the renal checks after them."""

from datetime import datetime

import pytest
from django.utils import timezone

from decisions.printing import schedule
from decisions.printing.schedule import (
    InfusionDay,
    InfusionSchedule,
    infusion_schedule_for,
    parse_start,
    planned_schedule,
    schedule_for_print,
)

START = timezone.make_aware(datetime(2026, 12, 1, 9, 0))


def plan(days=5, role="give", renal_hours=(24, 72, 168)):
    return {
        "recommendations": [{"code": "IVIG", "role": role, "days": days}],
        "monitoring": [
            {"code": "RENAL_FUNCTION_BASELINE", "timing": "before the first infusion"},
            *({"code": "RENAL_FUNCTION", "hours_after_infusion": h} for h in renal_hours),
            {"code": "PLATELET_COUNT", "hours_after_infusion": 24},
        ],
    }


def local(moment) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M")


def test_a_five_day_regimen_falls_on_five_consecutive_days():
    days = planned_schedule(plan(days=5), START).days
    assert [(d.number, local(d.starts_at)) for d in days] == [
        (1, "2026-12-01 09:00"),
        (2, "2026-12-02 09:00"),
        (3, "2026-12-03 09:00"),
        (4, "2026-12-04 09:00"),
        (5, "2026-12-05 09:00"),
    ]


def test_renal_checks_count_their_hours_from_the_last_day():
    checks = planned_schedule(plan(days=5), START).renal_checks
    assert [(c.hours_after_infusion, local(c.due_at)) for c in checks] == [
        (24, "2026-12-06 09:00"),
        (72, "2026-12-08 09:00"),
        (168, "2026-12-12 09:00"),
    ]


def test_a_planned_schedule_is_not_a_recorded_one():
    assert planned_schedule(plan(), START).recorded is False


@pytest.mark.parametrize("role", ["avoid"])
def test_a_regimen_the_plan_advises_against_gets_no_dates(role):
    assert planned_schedule(plan(role=role), START) == InfusionSchedule()


def test_a_plan_without_ivig_gets_no_dates():
    assert planned_schedule({"recommendations": [], "monitoring": []}, START) == InfusionSchedule()


@pytest.mark.parametrize(
    ("value", "expected"),
    [("2026-12-01T09:00", "2026-12-01 09:00"), (" 2026-12-01T21:30 ", "2026-12-01 21:30")],
)
def test_a_planned_start_is_read_as_the_browser_sends_it(value, expected):
    assert local(parse_start(value)) == expected


@pytest.mark.parametrize(
    "value", ["", "tomorrow", "2026-12-01", "2026-12-01 09:00", "2026-02-30T09:00"]
)
def test_anything_else_is_not_a_start(value):
    with pytest.raises(ValueError):
        parse_start(value)


@pytest.mark.django_db
def test_nothing_is_recorded_until_an_infusion_is(clinician, team):
    from tests.reminders.helpers import plan_for

    assert infusion_schedule_for(plan_for(clinician, team)) == InfusionSchedule()


class Snapshot:
    plan = plan()


def test_without_a_start_or_a_record_there_are_no_dates(monkeypatch):
    monkeypatch.setattr(schedule, "infusion_schedule_for", lambda snapshot: InfusionSchedule())
    assert schedule_for_print(Snapshot(), None) == InfusionSchedule()


def test_recorded_infusions_win_over_a_planned_start(monkeypatch):
    recorded = InfusionSchedule(days=(InfusionDay(1, START),), recorded=True)
    monkeypatch.setattr(schedule, "infusion_schedule_for", lambda snapshot: recorded)
    assert schedule_for_print(Snapshot(), parse_start("2027-01-01T08:00")) is recorded
