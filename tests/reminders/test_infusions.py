"""Recording infusions schedules renal checks in the same transaction; corrections and
cancellations move or cancel them, with the audit trail showing it."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from decisions.cases.versioning import ConcurrentEditError
from decisions.models import AuditEvent, Infusion, RenalCheck
from decisions.monitoring.infusions import InfusionError, infusion_cancel, infusion_correct
from decisions.monitoring.selectors import course_record
from decisions.overview.services import case_status_change
from tests.factories import clinician_in

from .helpers import AT_RENAL_RISK, NEONATE, NO_IVIG, SEPSIS, plan_for, record

pytestmark = pytest.mark.django_db


def hours_of(plan):
    """Hours of the open checks after the course (those before a next day are apart)."""
    return sorted(
        c.hours_after_infusion
        for c in RenalCheck.objects.filter(plan=plan, before_day__isnull=True).exclude(
            status="cancelled"
        )
    )


def test_recording_an_infusion_schedules_checks_at_24_72_hours_and_7_days(plan, clinician):
    ended = timezone.now()
    infusion = record(plan, clinician, ended_at=ended)

    checks = list(RenalCheck.objects.filter(infusion=infusion).order_by("due_at"))
    assert [c.due_at - ended for c in checks] == [
        timedelta(hours=24),
        timedelta(hours=72),
        timedelta(days=7),
    ]
    assert all(c.status == RenalCheck.Status.SCHEDULED and not c.urine_output for c in checks)
    assert {c.responsible for c in checks} == {clinician}


def test_renal_risk_factors_add_a_48_hour_check_and_urine_output(clinician, team):
    plan = plan_for(clinician, team, AT_RENAL_RISK)

    record(plan, clinician)

    assert hours_of(plan) == [24, 48, 72, 168]
    assert all(c.urine_output for c in RenalCheck.objects.filter(plan=plan))
    assert "urine output" in RenalCheck.objects.filter(plan=plan).first().what


def test_the_check_times_are_configurable(clinician, team, settings):
    settings.IVIG_RENAL_CHECK_HOURS = (12, 96)
    plan = plan_for(clinician, team)

    record(plan, clinician)

    assert hours_of(plan) == [12, 96]


def test_a_five_day_neonatal_course_is_recorded_day_by_day(clinician, team):
    plan = plan_for(clinician, team, NEONATE)
    start = timezone.now() - timedelta(days=5)
    for day in range(5):
        ended = start + timedelta(days=day, hours=2)
        infusion = record(
            plan, clinician, ended_at=ended, dose_g="1.2", baseline="0.4" if not day else None
        )
        assert infusion.day == day + 1

    open_checks = RenalCheck.objects.filter(plan=plan).exclude(status="cancelled")
    assert {c.infusion.day for c in open_checks} == {5}
    assert min(c.due_at for c in open_checks) == ended + timedelta(hours=24)
    with pytest.raises(InfusionError, match="All 5 days"):
        record(plan, clinician, ended_at=ended + timedelta(days=1), baseline=None)


def test_a_later_day_supersedes_the_checks_of_the_day_before(clinician, team):
    plan = plan_for(clinician, team, SEPSIS)
    first = record(plan, clinician, ended_at=timezone.now() - timedelta(days=1))

    record(plan, clinician, baseline=None)

    cancelled = RenalCheck.objects.filter(infusion=first)
    assert {c.status for c in cancelled} == {"cancelled"}
    assert {c.cancel_reason for c in cancelled} == {"superseded by day 2"}
    assert hours_of(plan) == [24, 48, 72, 168]


def test_the_first_infusion_needs_a_baseline_creatinine(plan, clinician):
    with pytest.raises(InfusionError, match="baseline creatinine"):
        record(plan, clinician, baseline=None)

    assert not Infusion.objects.exists()
    assert not RenalCheck.objects.exists()


def test_a_plan_without_ivig_has_no_course(clinician, team):
    plan = plan_for(clinician, team, NO_IVIG)

    with pytest.raises(InfusionError, match="no IVIG"):
        record(plan, clinician)


def test_an_infusion_cannot_start_in_the_future(plan, clinician):
    with pytest.raises(InfusionError, match="started"):
        record(plan, clinician, ended_at=timezone.now() + timedelta(hours=3))


def test_recording_names_the_version_it_started_from(clinician, team):
    plan = plan_for(clinician, team, NEONATE)
    case = plan.assessment.case
    case.refresh_from_db()
    stale = case.version
    colleague = clinician_in(team, username="dr_other")
    record(plan, colleague, ended_at=timezone.now() - timedelta(hours=30))  # since the load

    with pytest.raises(ConcurrentEditError):
        record(plan, clinician, baseline=None, expected_version=stale)

    assert Infusion.objects.count() == 1


def test_it_is_audited_without_patient_identifiers(plan, clinician):
    record(plan, clinician)

    event = AuditEvent.objects.get(action=AuditEvent.Action.INFUSION_RECORDED)
    assert event.detail["day"] == 1
    assert event.detail["dose_g"] == "70.00"
    assert event.detail["baseline_creatinine"] == "1.00 mg/dL"
    text = str(event.detail)
    assert "Ada Lovelace" not in text and "H123456" not in text


def test_a_correction_moves_the_pending_checks_and_keeps_both_versions(plan, clinician):
    infusion = record(plan, clinician)
    new_end = infusion.ended_at + timedelta(hours=1)

    infusion_correct(
        infusion=infusion,
        user=clinician,
        started_at=infusion.started_at,
        ended_at=new_end,
        product="Octagam",
        dose_g=Decimal("65"),
        baseline_creatinine=infusion.baseline_creatinine,
        baseline_creatinine_unit="mg/dL",
    )

    checks = RenalCheck.objects.filter(plan=plan)
    assert sorted(c.due_at - new_end for c in checks) == [
        timedelta(hours=24),
        timedelta(hours=72),
        timedelta(days=7),
    ]
    event = AuditEvent.objects.get(action=AuditEvent.Action.INFUSION_CORRECTED)
    assert event.detail["changes"]["dose_g"] == ["70.00", "65.00"]
    assert event.detail["changes"]["product"] == ["Privigen", "Octagam"]


def test_cancelling_an_infusion_cancels_its_pending_checks(plan, clinician):
    infusion = record(plan, clinician)

    infusion_cancel(infusion=infusion, user=clinician, reason="Recorded on the wrong patient")

    assert {c.status for c in RenalCheck.objects.filter(plan=plan)} == {"cancelled"}
    infusion.refresh_from_db()
    assert infusion.status == Infusion.Status.CANCELLED
    actions = set(plan.assessment.case.audit_events.values_list("action", flat=True))
    assert {"infusion_cancelled", "checks_cancelled"} <= actions


def test_cancelling_the_last_day_puts_the_checks_back_on_the_day_before(clinician, team):
    plan = plan_for(clinician, team, SEPSIS)
    first = record(plan, clinician, ended_at=timezone.now() - timedelta(days=1))
    second = record(plan, clinician, baseline=None)

    infusion_cancel(infusion=second, user=clinician, reason="Not given after all")

    open_checks = RenalCheck.objects.filter(plan=plan).exclude(status="cancelled")
    assert {c.infusion for c in open_checks} == {first}
    after_course = open_checks.filter(before_day__isnull=True)
    assert min(c.due_at for c in after_course) == first.ended_at + timedelta(hours=24)


def test_closing_the_case_cancels_its_pending_checks(plan, clinician):
    record(plan, clinician)

    case_status_change(case=plan.assessment.case, user=clinician, status="closed")

    assert {c.status for c in RenalCheck.objects.filter(plan=plan)} == {"cancelled"}
    assert {c.cancel_reason for c in RenalCheck.objects.filter(plan=plan)} == {"case closed"}


def test_the_print_view_gets_the_days_and_the_check_dates(clinician, team):
    plan = plan_for(clinician, team, SEPSIS)
    ended = timezone.now() - timedelta(days=1)
    record(plan, clinician, ended_at=ended, dose_g="28")
    last = record(plan, clinician, baseline=None, dose_g="28")

    schedule = course_record(plan)

    assert schedule["course_days"] == 3
    assert [(d["day"], d["dose_g"]) for d in schedule["infusions"]] == [
        (1, Decimal("28.00")),
        (2, Decimal("28.00")),
    ]
    assert [c["due_at"] - last.ended_at for c in schedule["checks"]] == [
        timedelta(hours=h) for h in (24, 48, 72, 168)
    ]
    assert {c["status"] for c in schedule["checks"]} == {"scheduled"}
    assert {c["kind"] for c in schedule["checks"]} == {"renal_function"}


def test_a_correction_after_a_cancelled_later_day_makes_no_duplicate_checks(clinician, team):
    plan = plan_for(clinician, team, SEPSIS)
    first = record(plan, clinician, ended_at=timezone.now() - timedelta(days=1))
    second = record(plan, clinician, baseline=None)
    infusion_cancel(infusion=second, user=clinician, reason="Not given")

    infusion_correct(
        infusion=first,
        user=clinician,
        started_at=first.started_at - timedelta(hours=1),
        ended_at=first.ended_at - timedelta(hours=1),
        product=first.product,
        dose_g=first.dose_g,
        baseline_creatinine=first.baseline_creatinine,
        baseline_creatinine_unit="mg/dL",
    )

    assert hours_of(plan) == [24, 48, 72, 168]
