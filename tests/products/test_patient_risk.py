"""The assessment's answers, read as the engine reads them, decide whether the infusion is capped;
an emergency plan with answers missing is treated as at risk."""

from types import SimpleNamespace

from decisions.products.schedule import UNKNOWN_RISK, patient_risk
from tests.reminders.helpers import ADULT_GI_BLEED, AT_RENAL_RISK


def assessment(answers):
    return SimpleNamespace(answers=answers, confirmed=[])


def test_no_risk_factor_is_not_at_risk():
    assert not patient_risk(assessment(ADULT_GI_BLEED)).at_risk


def test_renal_risk_is_at_risk_and_renal():
    risk = patient_risk(assessment(AT_RENAL_RISK))
    assert risk.at_risk and risk.renal_risk


def test_an_incomplete_emergency_assessment_counts_as_at_risk():
    risk = patient_risk(assessment({"bleeding": "life_threatening", "weight_kg": 70}))
    assert risk.reasons == (UNKNOWN_RISK,)
    assert risk.renal_risk


def test_iga_deficiency_is_read_even_from_an_incomplete_assessment():
    answers = {"bleeding": "life_threatening", "iga_deficiency_with_antibodies": True}
    assert patient_risk(assessment(answers)).iga_deficiency_with_antibodies
