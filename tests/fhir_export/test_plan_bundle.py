"""What the FHIR R4 export of a stored plan says: each bundle parses with fhir.resources' R4B
models, the drugs given are MedicationRequests with their doses, the checks ServiceRequests with
their timing, the advised-against lines nothing to give, and nothing names the patient."""

from datetime import date

import pytest

from decisions.models import PlanSnapshot
from decisions.snapshot import renal_check_hours
from tests.reminders.helpers import (
    ADULT_GI_BLEED,
    AT_RENAL_RISK,
    NEONATE,
    NO_IVIG,
    SEPSIS,
    plan_for,
)

from .helpers import (
    ADULT_NOT_BLEEDING,
    HIV_ITP,
    STEROID_CONTRAINDICATED,
    careplan,
    checks,
    emergency_plan_for,
    exported,
    full_url,
    medication,
    resources,
)

pytestmark = pytest.mark.django_db

IVIG_ATC = "J06BA02"
PREDNISONE_ATC = "H02AB07"
DEXAMETHASONE_ATC = "H02AB02"
CREATININE_LOINC = "2160-0"
RELATIVE_TIME = "http://hl7.org/fhir/StructureDefinition/cqf-relativeDateTime"
UCUM = "http://unitsofmeasure.org"


def relative_time(request: dict) -> dict:
    """The parts of a check's relative-time extension, by name."""
    (extension,) = request["occurrenceTiming"]["extension"]
    assert extension["url"] == RELATIVE_TIME
    return {part["url"]: part for part in extension["extension"]}


@pytest.mark.parametrize(
    "answers",
    [ADULT_GI_BLEED, AT_RENAL_RISK, NEONATE, SEPSIS, NO_IVIG, STEROID_CONTRAINDICATED, HIV_ITP],
    ids=["adult-emergency", "renal-risk", "neonate", "sepsis", "no-ivig", "steroid-avoided", "hiv"],
)
def test_every_kind_of_plan_exports_as_a_valid_r4_collection(browser, clinician, team, answers):
    bundle = exported(browser, plan_for(clinician, team, answers))

    assert bundle["resourceType"] == "Bundle"
    assert bundle["type"] == "collection"
    assert bundle["entry"][0]["resource"]["resourceType"] == "CarePlan"
    assert all(e["fullUrl"].startswith("urn:uuid:") for e in bundle["entry"])


def test_every_reference_in_the_bundle_resolves_to_one_of_its_entries(browser, clinician, team):
    bundle = exported(browser, plan_for(clinician, team, AT_RENAL_RISK))
    urls = {entry["fullUrl"] for entry in bundle["entry"]}
    plan = careplan(bundle)

    referred = [a["reference"]["reference"] for a in plan["activity"] if "reference" in a]
    referred += [
        r["subject"]["reference"]
        for e in bundle["entry"]
        for r in [e["resource"]]
        if "subject" in r
    ]

    assert referred and set(referred) <= urls


def test_the_ivig_dose_is_in_grams_with_the_working_in_the_dosage_text(browser, clinician, team):
    bundle = exported(browser, plan_for(clinician, team, ADULT_GI_BLEED))

    (ivig,) = medication(bundle, IVIG_ATC)
    (dosage,) = ivig["dosageInstruction"]
    assert dosage["text"] == "1 g/kg x 70 kg = 70 g"
    assert dosage["doseAndRate"][0]["doseQuantity"] == {
        "value": 70.0,
        "unit": "g",
        "system": UCUM,
        "code": "g",
    }
    assert dosage["timing"]["repeat"] == {
        "count": 1,
        "frequency": 1,
        "period": 1,
        "periodUnit": "d",
    }
    assert dosage["route"]["coding"][0]["code"] == "47625008"
    coding = ivig["medicationCodeableConcept"]["coding"][0]
    assert (coding["system"], coding["code"]) == ("http://www.whocc.no/atc", IVIG_ATC)


def test_a_neonate_gets_the_five_day_course_in_grams_a_day(browser, clinician, team):
    bundle = exported(browser, plan_for(clinician, team, NEONATE, date_of_birth=date.today()))

    (ivig,) = medication(bundle, IVIG_ATC)
    (dosage,) = ivig["dosageInstruction"]
    assert dosage["doseAndRate"][0]["doseQuantity"]["value"] == 1.2
    assert dosage["doseAndRate"][0]["doseQuantity"]["unit"] == "g"
    assert dosage["timing"]["repeat"]["count"] == 5
    assert dosage["text"] == "400 mg/kg x 3 kg = 1200 mg a day x 5 days = 6000 mg"
    assert any("Thin evidence" in note["text"] for note in ivig["note"])
    assert ivig["intent"] == "proposal"
    assert "priority" not in ivig


def test_a_neonates_dose_is_the_exact_mg_not_the_tenth_of_a_gram(browser, clinician, team):
    # 400 mg/kg x 1.2 kg = 480 mg a day; the plan's daily_dose_g rounds it to 0.5 g.
    answers = {**NEONATE, "weight_kg": 1.2}
    bundle = exported(browser, plan_for(clinician, team, answers, date_of_birth=date.today()))

    (ivig,) = medication(bundle, IVIG_ATC)
    (dosage,) = ivig["dosageInstruction"]
    assert dosage["doseAndRate"][0]["doseQuantity"]["value"] == 0.48
    assert dosage["doseAndRate"][0]["doseQuantity"]["unit"] == "g"


def test_an_emergency_plan_asks_for_everything_it_gives_now_at_once(browser, clinician, team):
    bundle = exported(browser, plan_for(clinician, team, ADULT_GI_BLEED))

    given = resources(bundle, "MedicationRequest") + [
        r for r in resources(bundle, "ServiceRequest") if "category" not in r and "priority" in r
    ]
    assert {r["priority"] for r in given} == {"stat"}
    (transfusion,) = [r for r in resources(bundle, "ServiceRequest") if "priority" in r]
    assert transfusion["code"]["coding"][0]["code"] == "12719002"
    notes = [note["text"] for note in careplan(bundle)["note"]]
    assert any(text.startswith("Critical: Emergency: life-threatening bleeding") for text in notes)


def test_an_emergency_fast_path_plan_says_what_it_assumed(browser, clinician, team):
    snapshot = emergency_plan_for(clinician, team)

    bundle = exported(browser, snapshot)

    assert snapshot.partial
    notes = [note["text"] for note in careplan(bundle)["note"]]
    (partial,) = [text for text in notes if text.startswith("Partial plan")]
    assert snapshot.assumptions[0]["question"] in partial
    (ivig,) = medication(bundle, IVIG_ATC)
    assert ivig["priority"] == "stat"


def test_a_regimen_advised_against_is_no_request_but_an_activity_not_to_perform(
    browser, clinician, team
):
    bundle = exported(browser, plan_for(clinician, team, ADULT_GI_BLEED))

    (ivig,) = medication(bundle, IVIG_ATC)  # the 1 g/kg given; not the 0.4 g/kg x 5 avoided
    assert ivig["dosageInstruction"][0]["timing"]["repeat"]["count"] == 1
    (avoided,) = [a["detail"] for a in careplan(bundle)["activity"] if "detail" in a]
    assert avoided["doNotPerform"] is True
    assert avoided["description"].startswith("Do not use the outdated 0.4 g/kg/day for 5 days")
    assert avoided["productCodeableConcept"]["coding"][0]["code"] == IVIG_ATC


def test_a_drug_avoided_is_not_in_the_bundle_as_given(browser, clinician, team):
    bundle = exported(browser, plan_for(clinician, team, STEROID_CONTRAINDICATED))

    assert medication(bundle, PREDNISONE_ATC) == []
    assert len(medication(bundle, IVIG_ATC)) == 1
    details = [a["detail"] for a in careplan(bundle)["activity"] if "detail" in a]
    (steroid,) = [d for d in details if d.get("kind") == "MedicationRequest"]
    assert steroid["doNotPerform"] is True
    assert steroid["productCodeableConcept"]["coding"][0]["code"] == PREDNISONE_ATC
    assert steroid["description"].startswith("Avoid corticosteroids")


def test_an_option_is_a_request_with_intent_option_and_its_fixed_dose(browser, clinician, team):
    bundle = exported(browser, plan_for(clinician, team, ADULT_NOT_BLEEDING))

    (prednisone,) = medication(bundle, PREDNISONE_ATC)
    assert prednisone["intent"] == "proposal"
    dose = prednisone["dosageInstruction"][0]["doseAndRate"][0]["doseRange"]
    assert (dose["low"]["value"], dose["high"]["value"], dose["low"]["code"]) == (70, 140, "mg")
    (dexamethasone,) = medication(bundle, DEXAMETHASONE_ATC)
    assert dexamethasone["intent"] == "option"
    (dosage,) = dexamethasone["dosageInstruction"]
    assert dosage["doseAndRate"][0]["doseQuantity"]["value"] == 40
    assert dosage["timing"]["repeat"]["count"] == 4


def test_a_line_that_is_no_drug_or_procedure_is_an_activity_in_the_plans_words(
    browser, clinician, team
):
    bundle = exported(browser, plan_for(clinician, team, HIV_ITP))

    (antiviral,) = [a["detail"] for a in careplan(bundle)["activity"] if "detail" in a]
    assert antiviral["code"]["coding"][0]["code"] == "427314002"
    assert antiviral["description"].startswith("Treat the HIV infection with antiviral therapy")
    assert antiviral["doNotPerform"] is False
    (anti_d,) = medication(bundle, "J06BB01")
    assert anti_d["intent"] == "option"
    assert anti_d["dosageInstruction"][0]["text"].startswith("Option: anti-D immunoglobulin")
    assert "doseAndRate" not in anti_d["dosageInstruction"][0]  # the plan gives no anti-D dose


def test_each_renal_check_is_a_service_request_timed_after_the_infusion(browser, clinician, team):
    snapshot = plan_for(clinician, team, AT_RENAL_RISK)
    bundle = exported(browser, snapshot)
    (ivig,) = medication(bundle, IVIG_ATC)

    renal = checks(bundle, CREATININE_LOINC)
    timed = [r for r in renal if relative_time(r)["relationship"]["valueCode"] == "after-end"]
    hours = [relative_time(r)["offset"]["valueDuration"] for r in timed]
    assert (
        [h["value"] for h in hours] == list(renal_check_hours(snapshot.plan)) == [24, 48, 72, 168]
    )
    assert {(h["system"], h["code"]) for h in hours} == {(UCUM, "h")}
    assert {relative_time(r)["target"]["valueReference"]["reference"] for r in timed} == {
        full_url(bundle, ivig)
    }
    assert (
        timed[0]["code"]["text"] == "Serum creatinine and BUN 24 h after the end of the infusion."
    )
    assert timed[0]["occurrenceTiming"]["code"]["text"] == "24 h after the end of the last infusion"
    assert timed[0]["category"][0]["coding"][0]["code"] == "108252007"
    (baseline,) = [r for r in renal if r not in timed]
    assert relative_time(baseline)["relationship"]["valueCode"] == "before-start"
    assert baseline["occurrenceTiming"]["code"]["text"] == "before the first infusion"
    assert len(checks(bundle, "9187-6")) == 1  # urine output, with renal risk factors


def test_the_checks_during_a_course_are_timed_before_each_days_infusion(browser, clinician, team):
    bundle = exported(browser, plan_for(clinician, team, NEONATE))

    timings = [r["occurrenceTiming"]["code"]["text"] for r in checks(bundle, CREATININE_LOINC)]

    assert [t for t in timings if t.startswith("before the day")] == [
        f"before the day {day} infusion" for day in (2, 3, 4, 5)
    ]


def test_every_check_and_request_is_an_activity_of_the_careplan(browser, clinician, team):
    bundle = exported(browser, plan_for(clinician, team, AT_RENAL_RISK))
    requests = resources(bundle, "MedicationRequest") + resources(bundle, "ServiceRequest")

    referred = {
        a["reference"]["reference"] for a in careplan(bundle)["activity"] if "reference" in a
    }

    assert referred == {full_url(bundle, r) for r in requests}


def test_the_careplan_names_the_ruleset_version_and_the_case(browser, clinician, team):
    snapshot = plan_for(clinician, team, ADULT_GI_BLEED)
    reference = snapshot.assessment.case.reference

    plan = careplan(exported(browser, snapshot))

    assert plan["instantiatesUri"] == [
        f"http://127.0.0.1:8000/fhir/ruleset/{snapshot.ruleset_version}"
    ]
    assert plan["identifier"][0]["value"] == f"{reference}/1"
    assert (plan["status"], plan["intent"]) == ("draft", "proposal")


def test_the_bundle_names_the_patient_by_the_case_reference_only(browser, clinician, team):
    snapshot = plan_for(
        clinician,
        team,
        ADULT_GI_BLEED,
        patient_name="Ada Lovelace",
        patient_identifier="H123456",
        date_of_birth=date(1970, 5, 17),
    )

    bundle = exported(browser, snapshot)

    (patient,) = resources(bundle, "Patient")
    assert set(patient) == {"resourceType", "id", "identifier"}
    assert [i["value"] for i in patient["identifier"]] == [snapshot.assessment.case.reference]
    text = str(bundle)
    for leak in ("Ada", "Lovelace", "H123456", "1970"):
        assert leak not in text


def test_the_export_is_the_stored_plan_never_a_recomputation(browser, clinician, team):
    snapshot = plan_for(clinician, team, ADULT_GI_BLEED)
    stored = snapshot.plan
    stored["recommendations"][0]["daily_dose_g"] = 65.5
    stored["recommendations"][0]["dose_working"] = "As stored on the day."
    PlanSnapshot.objects.filter(pk=snapshot.pk).update(plan=stored)
    snapshot.refresh_from_db()

    (ivig,) = medication(exported(browser, snapshot), IVIG_ATC)

    assert ivig["dosageInstruction"][0]["text"] == "As stored on the day."
    assert ivig["dosageInstruction"][0]["doseAndRate"][0]["doseQuantity"]["value"] == 65.5


def test_two_exports_of_one_plan_name_its_resources_alike(browser, clinician, team):
    snapshot = plan_for(clinician, team, ADULT_GI_BLEED)

    first, second = exported(browser, snapshot), exported(browser, snapshot)

    assert [e["fullUrl"] for e in first["entry"]] == [e["fullUrl"] for e in second["entry"]]
