"""Clinical review fixes in the planner and the chart: a neonate's exact mg dose and small
volumes, the sorbitol and proline checks by age, the prescriber's cap refused when it is not
lower, the cap's reason naming the patient's reasons, and pump rates that round to 0.0 mL/h."""

import importlib

import pytest
from django.apps import apps
from django.test import Client

from decisions.models import Product
from decisions.products.catalogue import PRODUCTS
from tests.factories import UserFactory
from tests.reminders.helpers import ADULT_GI_BLEED, NEONATE, plan_for
from tests.two_factor import force_login_verified

from .test_planner import planner_url

pytestmark = pytest.mark.django_db

# 400 mg/kg x 1.2 kg = 480 mg a day: the plan's daily_dose_g rounds it to 0.5 g.
SMALL_NEONATE = {**NEONATE, "weight_kg": 1.2}


@pytest.fixture
def neonate_plan(clinician, team):
    return plan_for(clinician, team, answers=SMALL_NEONATE)


def test_a_neonates_planner_uses_the_exact_mg_dose(browser, neonate_plan, stocked):
    regimen = next(r for r in neonate_plan.plan["recommendations"] if r["code"] == "IVIG")
    assert (regimen["daily_dose_mg"], regimen["daily_dose_g"]) == (480, 0.5)
    page = browser.get(planner_url(neonate_plan), {"product": stocked["Octagam 10%"].pk})
    schedule = page.context["schedule"]
    assert schedule.dose_g == pytest.approx(0.48)
    assert schedule.total_volume_mL == pytest.approx(4.8)
    html = page.content.decode()
    assert "480 mg a day" in html
    assert "480 mg in 4.8 mL" in html


def test_small_step_volumes_print_with_one_decimal_never_0(browser, neonate_plan, stocked):
    page = browser.get(planner_url(neonate_plan), {"product": stocked["Octagam 10%"].pk})
    first = page.context["steps"][0]["step"]
    # 1 mg/kg/min x 1.2 kg x 30 min = 36 mg = 0.36 mL of a 10% solution.
    assert first.volume_mL == pytest.approx(0.36)
    rows = page.content.decode().split('data-testid="rate-steps"')[1].split("</table>")[0]
    assert "<td>0.4</td>" in rows
    assert "<td>0</td>" not in rows


def test_a_neonates_chart_uses_the_exact_mg_dose(browser, neonate_plan, stocked):
    params = {"product": stocked["Octagam 10%"].pk}
    page = browser.get(planner_url(neonate_plan, "infusion-chart"), params)
    html = page.content.decode()
    assert "<td>480 mg (day's dose of the plan)</td>" in html
    assert "<td>4.8 mL</td>" in html
    steps = html.split('data-testid="chart-steps"')[1].split("</table>")[0]
    assert "<td>0.4</td>" in steps and "<td>0</td>" not in steps


# (answers, product, severity of the SORBITOL check) Flebogamma DIF / Gammaplex 5% US PI 4.
SORBITOL_ROWS = [
    pytest.param(SMALL_NEONATE, "Gammaplex 5%", "critical", id="neonate-gammaplex-5"),
    pytest.param(SMALL_NEONATE, "Flebogamma 10% DIF", "critical", id="neonate-flebogamma-10"),
    pytest.param(ADULT_GI_BLEED, "Gammaplex 5%", "warning", id="adult-gammaplex-5"),
]


@pytest.mark.parametrize(("answers", "name", "severity"), SORBITOL_ROWS)
def test_sorbitol_products_by_age(browser, clinician, team, answers, name, severity):
    Product.objects.filter(name=name).update(active=True)
    plan = plan_for(clinician, team, answers=answers)
    params = {"product": Product.objects.get(name=name).pk}
    if answers is ADULT_GI_BLEED:
        params["cap_mg_kg_min"] = 2  # an adult here is not at risk; harmless lower cap
    page = browser.get(planner_url(plan), params)
    (check,) = [c for c in page.context["checks"] if c.code == "SORBITOL"]
    assert str(check.severity) == severity
    if severity == "critical":
        assert "infants and neonates for whom sucrose or fructose tolerance" in check.text
        assert "alert-danger" in page.content.decode()


def test_privigen_asks_about_hyperprolinaemia(browser, plan, stocked):
    page = browser.get(planner_url(plan), {"product": stocked["Privigen"].pk})
    assert [c.code for c in page.context["checks"]] == ["PROLINE_HYPERPROLINAEMIA"]
    assert "hyperprolinaemia type I or II" in page.content.decode()


@pytest.mark.parametrize("cap", ["12", "15"], ids=["equal-to-label-max", "above-label-max"])
def test_a_cap_not_below_the_labels_maximum_is_refused_beside_the_field(
    browser, plan, stocked, cap
):
    page = browser.get(
        planner_url(plan), {"product": stocked["Octagam 10%"].pk, "cap_mg_kg_min": cap}
    )
    assert page.context["schedule"] is None
    errors = page.context["form"].errors["cap_mg_kg_min"]
    assert any("is not below the label's maximum rate, 12 mg/kg/min" in e for e in errors)


def test_the_cap_names_heart_failure_not_renal_or_thrombosis(browser, clinician, team, stocked):
    plan = plan_for(clinician, team, answers={**ADULT_GI_BLEED, "heart_failure": True})
    page = browser.get(planner_url(plan), {"product": stocked["Octagam 10%"].pk})
    reason = page.context["schedule"].cap_reason
    assert "heart failure" in reason
    assert "renal dysfunction or thrombosis" not in reason


def test_a_pump_rate_rounding_to_zero_is_refused(browser, neonate_plan, stocked):
    # 0.1 mg/kg/min x 1.2 kg x 60 / 100 mg/mL = 0.072 mL/h: 0.0 on the pump.
    page = browser.get(
        planner_url(neonate_plan), {"product": stocked["Privigen"].pk, "cap_mg_kg_min": "0.1"}
    )
    assert page.context["schedule"] is None
    assert "rounds down to 0.0 mL/h" in page.content.decode()


def test_migration_0016_marks_the_shipped_gammaplex_5_as_sorbitol():
    entry = next(p for p in PRODUCTS if p["name"] == "Gammaplex 5%")
    assert entry["stabiliser"] == "sorbitol"
    Product.objects.filter(name="Gammaplex 5%").update(
        stabiliser="other", citation_note="Stabiliser, IgA and sodium not confirmed: old note"
    )
    migration = importlib.import_module("decisions.migrations.0016_product_fixes")
    migration.gammaplex_5_sorbitol(apps, None)
    row = Product.objects.get(name="Gammaplex 5%")
    assert (row.stabiliser, row.citation, row.citation_note) == (
        "sorbitol",
        entry["citation"],
        entry["citation_note"],
    )


def test_the_migration_leaves_a_stabiliser_the_pharmacy_set():
    Product.objects.filter(name="Gammaplex 5%").update(stabiliser="glycine")
    importlib.import_module("decisions.migrations.0016_product_fixes").gammaplex_5_sorbitol(
        apps, None
    )
    assert Product.objects.get(name="Gammaplex 5%").stabiliser == "glycine"


def _product(**rates):
    fields = {**next(p for p in PRODUCTS if p["name"] == "Privigen"), "name": "Test", **rates}
    return Product(**fields)


# (rates, the field the admin shows the error beside)
CLEAN_ROWS = [
    pytest.param({"start_rate_mg_kg_min": 0}, "start_rate_mg_kg_min", id="start-0"),
    pytest.param({"max_rate_mg_kg_min": 0}, "max_rate_mg_kg_min", id="max-0"),
    pytest.param({"start_rate_mg_kg_min": 9}, "start_rate_mg_kg_min", id="start-above-max"),
    pytest.param({"at_risk_max_rate_mg_kg_min": 0}, "at_risk_max_rate_mg_kg_min", id="at-risk-0"),
    pytest.param(
        {"at_risk_max_rate_mg_kg_min": 9}, "at_risk_max_rate_mg_kg_min", id="at-risk-above-max"
    ),
    pytest.param({"start_minutes": 0}, "start_minutes", id="start-minutes-0"),
    pytest.param({"step_minutes": 0}, "step_minutes", id="step-minutes-0"),
]


@pytest.mark.parametrize(("rates", "field"), CLEAN_ROWS)
def test_product_clean_refuses_rates_a_schedule_cannot_use(rates, field):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as refused:
        _product(**rates).full_clean()
    assert field in refused.value.message_dict


def test_a_labelled_product_is_clean():
    _product(at_risk_max_rate_mg_kg_min=2).full_clean()


def test_the_prescriber_can_enter_the_forms_lowest_cap(browser, plan, stocked):
    page = browser.get(
        planner_url(plan), {"product": stocked["Privigen"].pk, "cap_mg_kg_min": "0.1"}
    )
    assert page.context["schedule"].cap_mg_kg_min == pytest.approx(0.1)


@pytest.fixture
def admin_client(db):
    client = Client()
    force_login_verified(client, UserFactory(username="root", is_staff=True, is_superuser=True))
    return client


def test_the_admin_shows_a_zero_start_rate_beside_the_field(admin_client):
    row = Product.objects.get(name="Privigen")
    url = f"/admin/decisions/product/{row.pk}/change/"
    page = admin_client.get(url)
    form = page.context["adminform"].form
    data = {k: v for k, v in form.initial.items() if v is not None}
    data.update(
        vial_sizes_g="[5, 10]",
        rate_steps_mg_kg_min="[]",
        start_rate_mg_kg_min="0",
        max_rate_mg_kg_min="8",
    )
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert "Must be above 0 mg/kg/min." in response.content.decode()
