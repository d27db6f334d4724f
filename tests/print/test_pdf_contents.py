"""The PDF holds every element a ward acts on, read back from the PDF's own text.

Each test keeps its PDF and a PNG of every page under test-artifacts/print/ for people to look at.
"""

from datetime import date, timedelta

import pytest
from django.utils import dateformat, timezone

from decisions.models import PlanSnapshot

from .plans import (
    EMERGENCY,
    SEPSIS,
    decide,
    keep_pdf,
    missing,
    neonate_case,
    pdf_pages,
    pdf_text,
    pdf_url,
    planned_case,
)

pytestmark = pytest.mark.django_db


def made_at(case) -> str:
    snapshot = PlanSnapshot.objects.get(assessment__case=case)
    return dateformat.format(timezone.localtime(snapshot.created_at), "j M Y, H:i")


def test_an_emergency_plan_prints_every_element(browser, clinician, team):
    case = planned_case(browser, clinician, team, EMERGENCY)
    decide(browser, case, "IVIG", decision="accepted")
    decide(browser, case, "CORTICOSTEROID", decision="accepted")
    decide(browser, case, "PLATELET_TRANSFUSION", decision="overridden", reason="HLA antibodies")
    pdf = browser.get(pdf_url(case)).content
    keep_pdf(pdf, "emergency")
    snapshot = PlanSnapshot.objects.get()

    assert (
        missing(
            pdf_text(pdf),
            [
                # header
                "Ada Lovelace",
                "Age 54 years",
                "Hospital no. H123456",
                f"Case {case.reference}",
                f"Plan made {made_at(case)} UTC by Julia Hart",
                "Page 1 of ",
                # the emergency, on paper too
                "EMERGENCY PLAN: life-threatening bleeding",
                # assessment
                "12,000 per µL, CTCAE grade 4",
                "Life threatening; site: Gastrointestinal",
                "Primary immune thrombocytopenia (ITP)",
                "Corticosteroid contraindications None recorded",
                "Renal risks Diabetes",
                "actual 70 kg, ideal 70.5 kg, adjusted 70.3 kg;",
                "doses use the actual weight (70 kg)",
                # recommendations with their roles, doses and decisions
                "Give now",
                "GIVE Intravenous immunoglobulin (IVIG)",
                "1 g/kg/day × 1 day",
                "Daily dose (exact) 70 g a day",
                "Total dose 70 g in 1 day",
                "70 g a day = 14 vials",
                "1 day; dates appear once the infusion is recorded",
                "GIVE Corticosteroid",
                "Prednisone 70–140 mg a day",
                "1–2 mg/kg/day",
                "GIVE Platelet transfusion",
                "Accepted by Julia Hart",
                "Overridden by Julia Hart",
                "Reason: “HLA antibodies”",
                "AVOID IVIG 0.4 g/kg/day for 5 days",
                # alerts, monitoring, response, references, rule set, signatures
                "CRITICAL Emergency: life-threatening bleeding.",
                "WARNING IVIG can cause renal failure",
                "Serum creatinine and BUN 48 h after the end of the infusion.",
                "Reassess after 24 hours.",
                "[1] Neunert C, et al. The American Society of Hematology 2011 evidence-based",
                "[3] Publication not identified: the source describes it as a clinical review.",
                f"Rule set {snapshot.ruleset_version}",
                "Prescriber",
                "Pharmacist check",
                "Signature",
            ],
        )
        == []
    )


def test_alerts_are_printed_most_severe_first(browser, clinician, team):
    case = planned_case(browser, clinician, team, EMERGENCY)
    text = pdf_text(browser.get(pdf_url(case)).content)
    positions = [text.index(f"{word} ") for word in ("CRITICAL", "WARNING", "CAUTION", "INFO")]
    assert positions == sorted(positions)


def test_a_neonatal_plan_prints_its_five_days_and_renal_checks_as_dates(browser, clinician, team):
    case = neonate_case(browser, clinician, team)
    pdf = browser.get(pdf_url(case, start="2026-12-01T09:00")).content
    keep_pdf(pdf, "neonatal")
    born = dateformat.format(date.today() - timedelta(days=3), "j M Y")

    assert (
        missing(
            pdf_text(pdf),
            [
                "Baby Okafor",
                f"Born {born} (3 days)",
                "Hospital no. N778899",
                "20,000 per µL, CTCAE grade 4",
                "Neonatal alloimmune thrombocytopenia",
                "actual 3.1 kg; doses use the actual weight (3.1 kg)",
                "0.4 g/kg/day × 5 days",
                "Daily dose (exact) 1240 mg a day",
                "Total dose 6200 mg in 5 days",
                "Not rounded to 5 g vials",
                "Day 1 of 5 Tue 1 Dec 2026, 09:00 UTC 1240 mg",
                "Day 2 of 5 Wed 2 Dec 2026, 09:00 UTC 1240 mg",
                "Day 3 of 5 Thu 3 Dec 2026, 09:00 UTC 1240 mg",
                "Day 4 of 5 Fri 4 Dec 2026, 09:00 UTC 1240 mg",
                "Day 5 of 5 Sat 5 Dec 2026, 09:00 UTC 1240 mg",
                # renal checks at their hours after the last day (24 h, 3 days, 7 days)
                "not before Sun 6 Dec 2026, 09:00 UTC",
                "not before Tue 8 Dec 2026, 09:00 UTC",
                "not before Sat 12 Dec 2026, 09:00 UTC",
                "Evidence: Thin evidence: this regimen comes from a case series of four neonates",
                "[7] High-dose intravenous gammaglobulin in neonatal immune thrombocytopenia",
                "Reassess after 24 hours.",
                "Decision: none recorded yet",
                "Pharmacist check",
            ],
        )
        == []
    )
    assert "EMERGENCY" not in pdf_text(pdf)


def test_a_sepsis_plan_prints_its_regimen_evidence_and_inferred_risks(browser, clinician, team):
    case = planned_case(browser, clinician, team, SEPSIS)
    pdf = browser.get(pdf_url(case)).content
    keep_pdf(pdf, "sepsis")

    assert (
        missing(
            pdf_text(pdf),
            [
                "35,000 per µL, CTCAE grade 3 (entered as 35 ×10⁹/L)",
                "Minor; site: Skin",
                "Septic thrombocytopenia; DIC: no",
                "Adult, 67 years, female",
                "Immobilisation",
                "Sepsis (inferred by the plan)",
                "0.4 g/kg/day × 3 days",
                "Daily dose (exact) 30 g a day",
                "Total dose 90 g in 3 days",
                "30 g a day = 6 vials (90 g in all)",
                "3 days; dates appear once the infusion is recorded",
                "Evidence: Thin evidence: one randomised, double-blind trial of 29 patients",
                "WARNING IVIG can cause thrombosis",
                "Platelet count day 9 after the infusion.",
                "[4] Treatment of septic thrombocytopenia with immune globulin",
                "Prescriber",
            ],
        )
        == []
    )


def test_every_page_carries_the_patient_case_and_page_number(browser, clinician, team):
    case = planned_case(browser, clinician, team, EMERGENCY)
    pages = pdf_pages(browser.get(pdf_url(case)).content)
    assert len(pages) >= 2
    for number, text in enumerate(pages, start=1):
        assert (
            missing(
                text,
                [
                    "Ada Lovelace",
                    "Hospital no. H123456",
                    f"Case {case.reference}",
                    f"Plan made {made_at(case)} UTC by Julia Hart",
                    f"Page {number} of {len(pages)}",
                    "EMERGENCY",
                ],
            )
            == []
        ), f"page {number}"


def test_the_plan_starts_on_the_first_page_and_no_page_is_a_header_alone(browser, clinician, team):
    case = planned_case(browser, clinician, team, EMERGENCY)
    pages = pdf_pages(browser.get(pdf_url(case)).content)
    assert "Assessment 1 Platelets" in pages[0]
    header = 250  # characters of the page header and page number
    assert [len(text) > header + 100 for text in pages] == [True] * len(pages)


def test_a_line_without_a_decision_is_flagged_before_anyone_acts_on_it(browser, clinician, team):
    case = planned_case(browser, clinician, team, SEPSIS)
    text = pdf_text(browser.get(pdf_url(case)).content)
    assert "No decision recorded yet for: Intravenous immunoglobulin (IVIG)." in text
