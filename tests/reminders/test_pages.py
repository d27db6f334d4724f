"""The pages: record, correct and cancel infusions; enter results from the reminder's link; the
AKI alert; platelets against the expected response; the dashboard's overdue and abnormal."""

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from decisions.models import AuditEvent, Infusion, RenalCheck, RenalResult
from tests.factories import TeamFactory, clinician_in

from .helpers import NEONATE, infusion_form_fields, plan_for, record

pytestmark = pytest.mark.django_db


def course_url(plan, name="infusion-course", **kw):
    case = plan.assessment.case
    return reverse(name, kwargs={"pk": case.pk, "number": plan.assessment.number, **kw})


def check_url(check):
    return reverse("renal-check", kwargs={"pk": check.case_id, "check_pk": check.pk})


def minutes_ago(minutes):
    return (timezone.localtime() - timedelta(minutes=minutes)).strftime("%Y-%m-%dT%H:%M")


def infusion_form(plan, **overrides):
    case = plan.assessment.case
    case.refresh_from_db()
    ended = timezone.now() - timedelta(minutes=30)
    return {**infusion_form_fields(ended=ended, version=case.version), **overrides}


@pytest.fixture
def outsider(db):
    client = Client()
    client.force_login(clinician_in(TeamFactory(name="Cardiology"), username="dr_other"))
    return client


def test_a_clinician_records_an_infusion_and_sees_its_checks(browser, plan):
    page = browser.get(course_url(plan))
    assert page.status_code == 200
    assert "Record day 1 of 1" in page.content.decode()

    response = browser.post(course_url(plan, "infusion-record"), infusion_form(plan))

    assert response.status_code == 302
    infusion = Infusion.objects.get()
    page = browser.get(course_url(plan)).content.decode()
    assert "Day 1 recorded" in page
    for check in RenalCheck.objects.filter(infusion=infusion):
        assert f"{timezone.localtime(check.due_at):%Y-%m-%d %H:%M}" in page
    assert "Record day" not in page  # a one-day course is complete


def test_the_baseline_creatinine_is_asked_for_when_missing(browser, plan):
    response = browser.post(
        course_url(plan, "infusion-record"), infusion_form(plan, baseline_creatinine="")
    )

    assert response.status_code == 400
    assert "This field is required" in response.content.decode()
    assert not Infusion.objects.exists()


def test_a_stale_form_saves_nothing_and_says_why(browser, clinician, team):
    plan = plan_for(clinician, team, NEONATE)  # five days: room for a second
    form = infusion_form(plan)  # loaded; then a colleague records day 1
    record(
        plan, clinician_in(team, username="dr_other"), ended_at=timezone.now() - timedelta(hours=10)
    )

    response = browser.post(course_url(plan, "infusion-record"), form, follow=True)

    assert "Another clinician changed this case" in response.content.decode()
    assert Infusion.objects.count() == 1


def test_a_form_loaded_before_the_clinicians_own_change_still_saves(browser, clinician, team):
    plan = plan_for(clinician, team, NEONATE)  # five days: room for a second
    form = infusion_form(plan)
    record(
        plan, clinician, ended_at=timezone.now() - timedelta(hours=10)
    )  # day 1, from another tab

    response = browser.post(course_url(plan, "infusion-record"), form)

    assert response.status_code == 302
    assert Infusion.objects.filter(day=2).exists()


def test_an_infusion_is_corrected_and_cancelled_with_an_audit_trail(browser, plan, clinician):
    infusion = record(plan, clinician)
    url = course_url(plan, "infusion-correct", infusion_pk=infusion.pk)
    assert browser.get(url).status_code == 200

    response = browser.post(url, infusion_form(plan, dose_g="65", baseline_creatinine="1.00"))
    assert response.status_code == 302
    infusion.refresh_from_db()
    assert str(infusion.dose_g) == "65.00"

    cancel = course_url(plan, "infusion-cancel", infusion_pk=infusion.pk)
    case = plan.assessment.case
    case.refresh_from_db()
    browser.post(cancel, {"reason": "wrong patient", "version": case.version})

    infusion.refresh_from_db()
    assert infusion.status == "cancelled"
    trail = browser.get(reverse("case-detail", kwargs={"pk": case.pk})).content.decode()
    for action in ("Recorded an infusion", "Corrected an infusion", "Cancelled an infusion"):
        assert action in trail


def test_the_reminder_link_needs_a_login(plan, clinician):
    record(plan, clinician)
    url = check_url(RenalCheck.objects.first())

    response = Client().get(url)

    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_other_teams_get_404_everywhere(outsider, plan, clinician):
    infusion = record(plan, clinician)
    check = RenalCheck.objects.first()

    assert outsider.get(course_url(plan)).status_code == 404
    assert outsider.get(check_url(check)).status_code == 404
    assert outsider.post(check_url(check), {"creatinine": "1"}).status_code == 404
    url = course_url(plan, "infusion-correct", infusion_pk=infusion.pk)
    assert outsider.get(url).status_code == 404
    cancel = course_url(plan, "infusion-cancel", infusion_pk=infusion.pk)
    assert outsider.post(cancel, {"reason": "x"}).status_code == 404
    assert outsider.post(course_url(plan, "platelet-record"), {}).status_code == 404


def test_a_doubled_creatinine_shows_and_records_an_aki_alert(browser, plan, clinician):
    record(plan, clinician, baseline="1.00", ended_at=timezone.now() - timedelta(hours=25))
    check = RenalCheck.objects.get(hours_after_infusion=24)

    response = browser.post(
        check_url(check),
        {"measured_at": minutes_ago(5), "creatinine": "2.0", "creatinine_unit": "mg/dL"},
        follow=True,
    )

    page = response.content.decode()
    assert "Acute kidney injury: KDIGO stage 2" in page
    assert 'data-testid="aki-alert"' in page
    check.refresh_from_db()
    assert check.status == RenalCheck.Status.DONE
    assert RenalResult.objects.get().aki_stage == 2
    assert AuditEvent.objects.filter(action="aki_alert", detail__stage=2).exists()
    assert "KDIGO stage 2" in browser.get(course_url(plan)).content.decode()


def test_a_result_in_umol_L_with_urine_output_is_staged(browser, plan, clinician):
    record(
        plan, clinician, baseline="88", unit="umol/L", ended_at=timezone.now() - timedelta(hours=25)
    )
    check = RenalCheck.objects.get(hours_after_infusion=24)

    browser.post(
        check_url(check),
        {
            "measured_at": minutes_ago(5),
            "creatinine": "95",
            "creatinine_unit": "umol/L",
            "urine_output_mL": "200",
            "urine_output_hours": "12",
        },
    )

    result = RenalResult.objects.get()
    assert result.creatinine_mg_dL == pytest.approx(95 / 88.4)
    assert result.urine_output_mL_kg_h == pytest.approx(200 / 70 / 12)
    assert result.aki_stage == 2  # < 0.5 mL/kg/h for 12 h
    page = browser.get(check_url(check)).content.decode()
    assert "Acute kidney injury: KDIGO stage 2" in page
    assert "renal-result-form" not in page  # the check is done


def test_a_normal_result_raises_no_alert(browser, plan, clinician):
    record(plan, clinician, baseline="1.00")
    check = RenalCheck.objects.get(hours_after_infusion=24)

    page = browser.post(
        check_url(check),
        {"measured_at": minutes_ago(1), "creatinine": "1.1", "creatinine_unit": "mg/dL"},
        follow=True,
    ).content.decode()

    assert "No acute kidney injury" in page
    assert "aki-alert" not in page


def test_platelets_are_charted_and_no_response_is_flagged(browser, plan, clinician):
    ended = timezone.now() - timedelta(days=5)
    record(plan, clinician, ended_at=ended)
    for hours, count in ((24, "13000"), (96, "15000")):
        at = timezone.localtime(ended + timedelta(hours=hours))
        response = browser.post(
            course_url(plan, "platelet-record"),
            {"measured_at": at.strftime("%Y-%m-%dT%H:%M"), "count_per_uL": count},
        )
        assert response.status_code == 302

    page = browser.get(course_url(plan)).content.decode()
    assert 'data-testid="platelet-chart"' in page
    assert page.count("<circle") == 2
    assert 'data-verdict="no_response"' in page
    assert "NO RESPONSE" in page


def test_a_response_is_recognised(browser, plan, clinician):
    record(plan, clinician, ended_at=timezone.now() - timedelta(days=2))
    browser.post(
        course_url(plan, "platelet-record"),
        {"measured_at": minutes_ago(10), "count_per_uL": "60000"},
    )

    assert 'data-verdict="responded"' in browser.get(course_url(plan)).content.decode()


def test_the_dashboard_shows_overdue_checks_and_abnormal_results(
    browser, outsider, plan, clinician
):
    record(plan, clinician, baseline="1.0", ended_at=timezone.now() - timedelta(hours=80))
    first = RenalCheck.objects.get(hours_after_infusion=24)
    browser.post(
        check_url(first),
        {"measured_at": minutes_ago(60), "creatinine": "3.1", "creatinine_unit": "mg/dL"},
    )

    page = browser.get(reverse("dashboard")).content.decode()

    reference = plan.assessment.case.reference
    assert 'data-testid="overdue-checks"' in page
    assert f"{reference} · 72 h check" in page
    assert f"{reference} · 24 h check" not in page  # it has its result
    assert f"{reference} · AKI stage 3" in page
    assert reference not in outsider.get(reverse("dashboard")).content.decode()


def test_the_dashboard_shows_a_reminder_that_could_not_be_delivered(browser, plan, clinician):
    record(plan, clinician, ended_at=timezone.now() - timedelta(hours=25))
    RenalCheck.objects.filter(hours_after_infusion=24).update(
        status=RenalCheck.Status.UNDELIVERABLE, last_error="SMTPDataError: 554"
    )

    page = browser.get(reverse("dashboard")).content.decode()

    assert 'data-testid="undeliverable"' in page


def test_the_case_page_links_to_the_course(browser, plan):
    case = plan.assessment.case
    page = browser.get(reverse("case-detail", kwargs={"pk": case.pk})).content.decode()

    assert course_url(plan) in page


def test_a_neonates_infusion_form_offers_the_plans_exact_dose(browser, clinician, team):
    # 0.4 g/kg at 3.2 kg is 1,280 mg: the form offers 1.28 g, not the plan's rounded 1.3 g.
    plan = plan_for(clinician, team, answers={**NEONATE, "weight_kg": 3.2})
    assert plan.plan["recommendations"]  # a plan was made
    response = browser.get(course_url(plan))
    assert response.status_code == 200
    offered = response.context["form"].initial["dose_g"]
    regimen = next(r for r in plan.plan["recommendations"] if r["code"] == "IVIG")
    assert regimen.get("daily_dose_mg") == 1280, regimen
    assert offered == 1.28
