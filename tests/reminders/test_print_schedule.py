"""The printed plan dates its infusion days and renal checks from what was recorded."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import dateformat, timezone

from decisions.printing.schedule import infusion_schedule_for, schedule_for_print

from .helpers import SEPSIS, plan_for, record

pytestmark = pytest.mark.django_db


def printed(moment) -> str:
    return dateformat.format(timezone.localtime(moment), "D j M Y, H:i")


def test_the_print_schedule_has_the_days_given_and_the_checks_after_the_last(clinician, team):
    plan = plan_for(clinician, team, SEPSIS)
    first = record(plan, clinician, ended_at=timezone.now() - timedelta(days=1), dose_g="28")
    last = record(plan, clinician, baseline=None, dose_g="28")

    schedule = infusion_schedule_for(plan)

    assert schedule.recorded
    assert [(d.number, d.starts_at, d.ends_at) for d in schedule.days] == [
        (1, first.started_at, first.ended_at),
        (2, last.started_at, last.ended_at),
    ]
    assert [(c.hours_after_infusion, c.due_at) for c in schedule.renal_checks] == [
        (h, last.ended_at + timedelta(hours=h)) for h in (24, 48, 72, 168)
    ]
    assert schedule_for_print(plan, None) == schedule


def test_the_printed_plan_shows_the_recorded_dates(browser, clinician, team):
    plan = plan_for(clinician, team)
    infusion = record(plan, clinician, ended_at=timezone.now() - timedelta(hours=3))
    case = plan.assessment.case

    url = reverse("plan-print", kwargs={"pk": case.pk, "number": 1})
    page = browser.get(url).content.decode()

    assert printed(infusion.started_at) in page
    for hours in (24, 72, 168):
        assert printed(infusion.ended_at + timedelta(hours=hours)) in page
