"""Infusion edits guard against another clinician's change to the same infusion (or, to record
the next day, to which days are given), never against the case moving on otherwise."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from decisions.cases.versioning import ConcurrentEditError
from decisions.models import Infusion
from decisions.monitoring.infusions import infusion_cancel, infusion_correct
from tests.factories import clinician_in

from .helpers import NEONATE, plan_for, record

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(clinician, team):
    """A five-day course (a neonate's), so that a second day can be recorded."""
    return plan_for(clinician, team, NEONATE)


@pytest.fixture
def colleague(team):
    return clinician_in(team, username="dr_colleague")


def version_now(plan) -> int:
    case = plan.assessment.case
    case.refresh_from_db()
    return case.version


def correct(infusion, user, *, dose_g="65", expected_version):
    infusion = Infusion.objects.select_related("case", "plan__assessment").get(pk=infusion.pk)
    return infusion_correct(
        infusion=infusion,
        user=user,
        started_at=infusion.started_at,
        ended_at=infusion.ended_at,
        product=infusion.product,
        dose_g=Decimal(dose_g),
        baseline_creatinine=infusion.baseline_creatinine,
        baseline_creatinine_unit=infusion.baseline_creatinine_unit,
        expected_version=expected_version,
    )


def cancel(infusion, user, *, expected_version):
    infusion = Infusion.objects.select_related("case", "plan__assessment").get(pk=infusion.pk)
    return infusion_cancel(
        infusion=infusion, user=user, reason="not given", expected_version=expected_version
    )


def yesterday():
    return timezone.now() - timedelta(hours=30)


def test_recording_goes_through_after_the_same_clinicians_own_changes(plan, clinician):
    loaded = version_now(plan)
    record(plan, clinician, ended_at=yesterday())  # day 1, from another tab

    day_two = record(plan, clinician, baseline=None, expected_version=loaded)

    assert day_two.day == 2


def test_recording_is_refused_when_a_colleague_recorded_a_day_since(plan, clinician, colleague):
    loaded = version_now(plan)
    record(plan, colleague, ended_at=yesterday())

    with pytest.raises(ConcurrentEditError) as refused:
        record(plan, clinician, baseline=None, expected_version=loaded)

    assert [change.actor for change in refused.value.changes] == [colleague]
    assert Infusion.objects.count() == 1  # the colleague's day 1 only: no day 2 by mistake


def test_recording_goes_through_when_a_colleague_only_corrected_a_day(plan, clinician, colleague):
    day_one = record(plan, clinician, ended_at=yesterday())
    loaded = version_now(plan)
    correct(day_one, colleague, dose_g="68", expected_version=loaded)

    assert record(plan, clinician, baseline=None, expected_version=loaded).day == 2


def test_a_correction_goes_through_when_a_colleague_changed_another_day(plan, clinician, colleague):
    day_one = record(plan, clinician, ended_at=yesterday())
    day_two = record(plan, clinician, baseline=None)
    loaded = version_now(plan)
    correct(day_two, colleague, dose_g="66", expected_version=loaded)

    corrected = correct(day_one, clinician, dose_g="65", expected_version=loaded)

    corrected.refresh_from_db()
    assert str(corrected.dose_g) == "65.00"


def test_a_correction_is_refused_when_a_colleague_corrected_the_same_day(
    plan, clinician, colleague
):
    day_one = record(plan, clinician)
    loaded = version_now(plan)
    correct(day_one, colleague, dose_g="68", expected_version=loaded)

    with pytest.raises(ConcurrentEditError):
        correct(day_one, clinician, dose_g="65", expected_version=loaded)

    day_one.refresh_from_db()
    assert str(day_one.dose_g) == "68.00"


def test_a_cancellation_is_refused_when_a_colleague_corrected_the_same_day(
    plan, clinician, colleague
):
    day_one = record(plan, clinician)
    loaded = version_now(plan)
    correct(day_one, colleague, dose_g="68", expected_version=loaded)

    with pytest.raises(ConcurrentEditError):
        cancel(day_one, clinician, expected_version=loaded)

    day_one.refresh_from_db()
    assert day_one.status == Infusion.Status.GIVEN
