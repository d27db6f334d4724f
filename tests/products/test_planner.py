"""The infusion planner: only active products, the schedule in mL/h, the at-risk cap, the
product checks, and access as for the plan."""

import pytest
from django.test import Client
from django.urls import reverse

from decisions.models import Product
from tests.factories import TeamFactory, clinician_in
from tests.reminders.helpers import AT_RENAL_RISK, NO_IVIG, plan_for

pytestmark = pytest.mark.django_db


def planner_url(plan, name="infusion-plan"):
    case = plan.assessment.case
    return reverse(name, kwargs={"pk": case.pk, "number": plan.assessment.number})


def test_only_the_pharmacys_active_products_are_offered(browser, plan, stocked):
    page = browser.get(planner_url(plan)).content.decode()
    assert "Octagam 10%" in page and "Privigen" in page
    assert "Gamunex-C" not in page and "Panzyga" not in page


def test_an_inactive_product_cannot_be_chosen_by_its_id(browser, plan, stocked):
    hidden = Product.objects.get(name="Panzyga")
    page = browser.get(planner_url(plan), {"product": hidden.pk}).content.decode()
    assert 'data-testid="schedule"' not in page
    assert "Select a valid choice" in page


def test_the_plan_page_links_to_the_planner(browser, plan):
    case = plan.assessment.case
    page = browser.get(reverse("plan-detail", args=[case.pk, plan.assessment.number]))
    assert planner_url(plan) in page.content.decode()


def test_a_product_gives_the_schedule_in_mL_per_hour(browser, plan, stocked):
    page = browser.get(planner_url(plan), {"product": stocked["Octagam 10%"].pk})
    html = page.content.decode()
    steps = page.context["steps"]
    # 70 kg at 10%: mL/h = mg/kg/min x 42; 1, 2, 4, 8, 12 mg/kg/min.
    assert [row["step"].rate_mL_h for row in steps] == [42.0, 84.0, 168.0, 336.0, 504.0]
    assert page.context["schedule"].total_volume_mL == pytest.approx(700)
    assert "2 × 30 g, 1 × 10 g" in html
    assert "504.0" in html
    assert page.context["duration"] == "2 h 46 min"


def test_a_planned_start_puts_clock_times_on_the_steps(browser, plan, stocked):
    page = browser.get(
        planner_url(plan),
        {"product": stocked["Octagam 10%"].pk, "start": "2026-12-01T09:00"},
    )
    assert [row["at"].strftime("%H:%M") for row in page.context["steps"]] == [
        "09:00", "09:30", "10:00", "10:30", "11:00",
    ]  # fmt: skip


def test_an_at_risk_patient_is_capped_at_the_labels_lower_maximum(
    browser, clinician, team, stocked
):
    plan = plan_for(clinician, team, answers=AT_RENAL_RISK)
    page = browser.get(planner_url(plan), {"product": stocked["Octagam 10%"].pk})
    assert 'data-testid="at-risk"' in page.content.decode()
    assert page.context["schedule"].cap_mg_kg_min == 3.3
    assert page.context["steps"][-1]["step"].rate_mL_h == 138.6


def test_at_risk_without_a_labelled_number_the_prescriber_sets_the_maximum(
    browser, clinician, team, stocked
):
    plan = plan_for(clinician, team, answers=AT_RENAL_RISK)
    asked = browser.get(planner_url(plan), {"product": stocked["Privigen"].pk})
    assert asked.context["schedule"] is None
    assert "set the maximum rate for this patient" in asked.content.decode()
    capped = browser.get(planner_url(plan), {"product": stocked["Privigen"].pk, "cap_mg_kg_min": 2})
    assert capped.context["schedule"].cap_mg_kg_min == 2
    assert [row["step"].rate_mL_h for row in capped.context["steps"]] == [21.0, 42.0, 84.0]


def test_a_sucrose_product_is_flagged_for_a_patient_at_renal_risk(
    browser, clinician, team, stocked
):
    sucrose = Product.objects.create(
        name="Sucrose test product", maker="Test", concentration_percent=10,
        vial_sizes_g=[5], stabiliser="sucrose", start_rate_mg_kg_min=0.5,
        max_rate_mg_kg_min=4, at_risk_max_rate_mg_kg_min=2, active=True, citation="Test label",
    )  # fmt: skip
    plan = plan_for(clinician, team, answers=AT_RENAL_RISK)
    page = browser.get(planner_url(plan), {"product": sucrose.pk})
    assert [c.code for c in page.context["checks"]] == ["SUCROSE_RENAL_RISK"]
    assert "Choose a sucrose-free product" in page.content.decode()


def test_maltose_is_flagged_for_glucose_meters(browser, plan, stocked):
    page = browser.get(planner_url(plan), {"product": stocked["Octagam 10%"].pk})
    assert [c.code for c in page.context["checks"]] == ["MALTOSE_GLUCOSE_METERS"]


def test_a_product_without_labelled_rates_says_so(browser, plan, stocked):
    Product.objects.filter(name="Kiovig").update(active=True)
    kiovig = Product.objects.get(name="Kiovig")
    page = browser.get(planner_url(plan), {"product": kiovig.pk})
    assert page.context["schedule"] is None
    assert "no labelled starting and maximum rate" in page.content.decode()


def test_a_plan_without_ivig_has_no_planner(browser, clinician, team, stocked):
    plan = plan_for(clinician, team, answers=NO_IVIG)
    assert browser.get(planner_url(plan)).status_code == 404


def test_another_teams_clinician_gets_404(plan, stocked):
    outsider = clinician_in(TeamFactory(name="Cardiology"))
    client = Client()
    client.force_login(outsider)
    assert client.get(planner_url(plan), {"product": stocked["Privigen"].pk}).status_code == 404
