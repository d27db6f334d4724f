"""Renal and thrombosis risk factors (FDA boxed warning for IGIV) shape alerts and monitoring."""

from .helpers import plan_for

TREATED = {"platelet_count": 40_000, "bleeding_risk": True}


def renal_hours(plan):
    return [m.hours_after_infusion for m in plan.monitoring if m.code == "RENAL_FUNCTION"]


def severity(plan, code):
    return {str(a.severity) for a in plan.alerts if a.code == code}


def test_without_renal_risk_checks_at_24_72_168_hours():
    plan = plan_for(**TREATED)
    assert renal_hours(plan) == [24, 72, 168]
    assert severity(plan, "RENAL_MONITORING") == {"caution"}
    assert "URINE_OUTPUT" not in {m.code for m in plan.monitoring}


def test_renal_risk_factor_adds_48_hour_check_and_urine_output():
    plan = plan_for(**TREATED, renal_risk_factors=["nephrotoxic_drugs"])
    assert renal_hours(plan) == [24, 48, 72, 168]
    assert severity(plan, "RENAL_MONITORING") == {"warning"}
    assert "URINE_OUTPUT" in {m.code for m in plan.monitoring}


def test_age_over_65_is_a_renal_and_thrombosis_risk():
    plan = plan_for(**TREATED, age_years=70)
    assert renal_hours(plan) == [24, 48, 72, 168]
    assert severity(plan, "THROMBOSIS_RISK") == {"warning"}


def test_diabetes_as_steroid_contraindication_is_a_renal_risk():
    plan = plan_for(platelet_count=60_000, steroid_contraindications=["diabetes"])
    assert 48 in renal_hours(plan)


def test_sepsis_is_a_renal_risk():
    plan = plan_for(condition="sepsis", platelet_count=40_000, bleeding="minor")
    assert 48 in renal_hours(plan)


def test_thrombosis_risk_factor_raises_severity_and_is_named():
    plan = plan_for(**TREATED, thrombosis_risk_factors=["estrogens", "immobilisation"])
    alert = next(a for a in plan.alerts if a.code == "THROMBOSIS_RISK")
    assert str(alert.severity) == "warning"
    assert "estrogens" in alert.text and "immobilisation" in alert.text


def test_multi_day_course_checks_after_last_infusion():
    plan = plan_for(condition="sepsis", platelet_count=40_000, bleeding="minor")
    texts = [
        m.text
        for m in plan.monitoring
        if m.code == "RENAL_FUNCTION" and m.hours_after_infusion is not None
    ]
    assert texts and all("last infusion of the course" in text for text in texts)


def test_no_renal_monitoring_without_ivig():
    plan = plan_for(platelet_count=60_000)
    assert renal_hours(plan) == []
