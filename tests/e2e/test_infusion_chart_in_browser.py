"""Plan -> choose a product -> the nurse's chart printed by the browser -> the infusion recorded
with a severe reaction -> the case page, the plan and the dashboard warn. axe-core on the new
pages; screenshots in test-artifacts/screenshots/, the chart's PDF in test-artifacts/print/."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from decisions.models import Infusion, Product
from decisions.products.catalogue import PRODUCTS
from tests.factories import TeamFactory, clinician_in
from tests.print.plans import keep_pdf, missing, pdf_pages

from .axe import axe_violations, describe
from .test_print_in_browser import EMERGENCY, log_in, planned


@pytest.fixture
def clinician(transactional_db):
    return clinician_in(
        TeamFactory(name="Haematology"), username="dr_chart", first_name="Ada", last_name="Ward"
    )


@pytest.fixture
def stocked(transactional_db):
    """The catalogue as migration 0013 ships it (transactional tests empty the tables), with the
    pharmacy stocking Octagam 10% and Privigen."""
    for entry in PRODUCTS:
        Product.objects.update_or_create(
            name=entry["name"],
            defaults={**entry, "active": entry["name"] in ("Octagam 10%", "Privigen")},
        )


def test_a_nurse_charts_and_records_an_infusion_with_a_severe_reaction(
    page, clinician, stocked, shoot
):
    # An adult at renal risk (diabetes) with GI bleeding: IVIG 1 g/kg, 70 kg.
    case = planned(clinician, EMERGENCY, name="Grace Hopper", identifier="H556677")
    log_in(page, clinician)
    violations = {}

    page.goto(f"/cases/{case.pk}/assessments/1/plan/")
    page.get_by_test_id("infusion-rates").click()
    expect(page.get_by_test_id("at-risk")).to_contain_text("renal risk: diabetes")
    options = page.locator("#id_product option").all_inner_texts()
    assert "Gamunex-C" not in options and "Octagam 10%" in options
    page.select_option("#id_product", label="Octagam 10%")
    page.fill("#id_start", "2026-12-01T09:00")
    page.get_by_role("button", name="Show the schedule").click()
    steps = page.get_by_test_id("rate-steps")
    # At risk, Octagam 10% stops at 3.3 mg/kg/min: 42, 84, then 138.6 mL/h at 70 kg.
    expect(steps).to_contain_text("138.6")
    assert "504.0" not in steps.inner_text()
    expect(page.get_by_test_id("product-check")).to_contain_text("maltose")
    assert "H556677" not in page.url
    violations["planner"] = axe_violations(page)
    shoot(page, "infusion-planner")

    page.get_by_test_id("print-chart").click()
    expect(page.get_by_test_id("chart-steps")).to_contain_text("138.6")
    expect(page.get_by_test_id("chart-observations")).to_contain_text("15 minutes after the start")
    violations["chart"] = axe_violations(page)
    shoot(page, "infusion-chart")
    pages = pdf_pages(_printed(page, "browser-infusion-chart"))
    text = " ".join(pages)
    assert missing(text, ["IVIG infusion chart", "Octagam 10%", "Rate steps", "Observations",
                          "Second nurse (checked)", "09:15"]) == []  # fmt: skip

    page.goto(f"/cases/{case.pk}/assessments/1/infusions/")
    ended = timezone.localtime() - timedelta(minutes=10)
    page.fill("#id_started_at", (ended - timedelta(hours=3)).strftime("%Y-%m-%dT%H:%M"))
    page.fill("#id_ended_at", ended.strftime("%Y-%m-%dT%H:%M"))
    page.select_option("#id_product_ref", label="Octagam 10%")
    page.fill("#id_lot_number", "M2231")
    page.fill("#id_max_rate_mg_kg_min", "3.3")
    page.select_option("#id_reaction_type", "anaphylaxis")
    page.select_option("#id_reaction_severity", "severe")
    page.select_option("#id_reaction_action", "stopped")
    page.fill("#id_dose_g", "40")
    page.fill("#id_baseline_creatinine", "0.9")
    violations["infusion form"] = axe_violations(page)
    shoot(page, "infusion-form-with-reaction")
    page.get_by_test_id("infusion-form").get_by_role("button").click()
    expect(page.get_by_test_id("infusions")).to_contain_text("Octagam 10%")
    infusion = Infusion.objects.get(case=case)
    assert (infusion.reaction_severity, infusion.lot_number) == ("severe", "M2231")

    page.goto(f"/cases/{case.pk}/")
    expect(page.get_by_test_id("severe-reaction")).to_contain_text(
        "anaphylaxis with Octagam 10% (lot M2231)"
    )
    violations["case page"] = axe_violations(page)
    shoot(page, "case-page-severe-reaction")
    page.goto("/")
    expect(page.get_by_test_id("severe-reactions")).to_contain_text(case.reference)
    violations["dashboard"] = axe_violations(page)
    page.goto(f"/cases/{case.pk}/assessments/1/plan/")
    expect(page.get_by_test_id("severe-reaction")).to_be_visible()
    assert re.search(r"/cases/\d+/", page.url)
    assert not any(violations.values()), describe(violations)
    assert page.console_errors == []


def _printed(page, name: str) -> bytes:
    pdf = page.pdf(format="A4")
    keep_pdf(pdf, name)
    return pdf
