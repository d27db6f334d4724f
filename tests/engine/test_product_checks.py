"""Why an infusion is capped (at-risk reasons) and what a product's excipients or IgA raise for
a given patient: one row per rule."""

import pytest

from decisions.assessment.request import parse_evaluate_request
from decisions.engine.facts import derive_facts
from decisions.engine.product_checks import infusion_risk_reasons, product_checks

from .helpers import ADULT


def reasons(**fields):
    request = {**ADULT, "platelet_count": 20000, **fields}
    return infusion_risk_reasons(derive_facts(parse_evaluate_request(request)))


RISKS = [
    pytest.param({}, (), id="no-risk-factor"),
    pytest.param({"renal_disease": True}, ("pre existing renal insufficiency",), id="renal"),
    pytest.param({"age_years": 70}, ("age over 65", "advanced age"), id="over-65"),
    pytest.param({"age_years": 65}, (), id="65-is-not-over-65"),
    pytest.param({"heart_failure": True}, ("heart failure",), id="heart-failure"),
    pytest.param(
        {"thrombosis_risk_factors": ["prior_thrombosis"]}, ("prior thrombosis",), id="thrombosis"
    ),
    pytest.param({"condition": "sepsis"}, ("sepsis",), id="sepsis-is-renal-risk"),
]


@pytest.mark.parametrize(("fields", "expected"), RISKS)
def test_at_risk_reasons(fields, expected):
    found = reasons(**fields)
    assert len(found) == len(expected)
    for words in expected:
        assert any(words in reason for reason in found)


CHECKS = [
    pytest.param("sucrose", True, False, {"SUCROSE_RENAL_RISK"}, id="sucrose-with-renal-risk"),
    pytest.param("sucrose", False, False, set(), id="sucrose-without-renal-risk"),
    pytest.param("glycine", False, True, {"IGA_DEFICIENCY"}, id="iga-deficiency"),
    pytest.param("sorbitol", False, False, {"SORBITOL"}, id="sorbitol-always-asks"),
    pytest.param("maltose", False, False, {"MALTOSE_GLUCOSE_METERS"}, id="maltose"),
    pytest.param("proline", True, False, {"PROLINE_HYPERPROLINAEMIA"}, id="proline-asks"),
    pytest.param(
        "sucrose", True, True, {"SUCROSE_RENAL_RISK", "IGA_DEFICIENCY"}, id="both-critical"
    ),
]


@pytest.mark.parametrize(("stabiliser", "renal", "iga", "codes"), CHECKS)
def test_product_checks(stabiliser, renal, iga, codes):
    found = product_checks(
        stabiliser=stabiliser,
        iga_content="≤ 25 µg/mL",
        renal_risk=renal,
        iga_deficiency_with_antibodies=iga,
    )
    assert {check.code for check in found} == codes
    assert all(check.citation for check in found)


def test_iga_check_names_the_products_content_or_says_it_is_unknown():
    (known,) = product_checks(
        stabiliser="glycine", iga_content="< 20 µg/mL", renal_risk=False,
        iga_deficiency_with_antibodies=True,
    )  # fmt: skip
    (unknown,) = product_checks(
        stabiliser="glycine", iga_content="", renal_risk=False,
        iga_deficiency_with_antibodies=True,
    )  # fmt: skip
    assert "< 20 µg/mL" in known.text
    assert "not given in the catalogue" in unknown.text


# Privigen US PI 4: hyperprolinemia; Flebogamma DIF / Gammaplex 5% US PI 4: infants and
# neonates whose sucrose or fructose tolerance has not been established.
# (stabiliser, age group, age in years, code, severity)
AGE_CHECKS = [
    pytest.param("sorbitol", "adult", 40, "SORBITOL", "warning", id="sorbitol-adult-asks"),
    pytest.param("sorbitol", "child", 8, "SORBITOL", "warning", id="sorbitol-child-8-asks"),
    pytest.param("sorbitol", "child", 1.5, "SORBITOL", "critical", id="sorbitol-under-2"),
    pytest.param("sorbitol", "child", 2, "SORBITOL", "warning", id="sorbitol-2-is-not-infant"),
    pytest.param("sorbitol", "child", None, "SORBITOL", "warning", id="sorbitol-child-no-age"),
    pytest.param("sorbitol", "neonate", None, "SORBITOL", "critical", id="sorbitol-neonate"),
    pytest.param("sorbitol", None, None, "SORBITOL", "warning", id="sorbitol-age-unknown"),
    pytest.param("proline", "adult", 40, "PROLINE_HYPERPROLINAEMIA", "warning", id="proline-adult"),
    pytest.param(
        "proline", "neonate", None, "PROLINE_HYPERPROLINAEMIA", "warning", id="proline-neonate"
    ),
]


@pytest.mark.parametrize(("stabiliser", "group", "age", "code", "severity"), AGE_CHECKS)
def test_excipient_checks_by_age(stabiliser, group, age, code, severity):
    (check,) = product_checks(
        stabiliser=stabiliser,
        iga_content="",
        renal_risk=False,
        iga_deficiency_with_antibodies=False,
        age_group=group,
        age_years=age,
    )
    assert (check.code, str(check.severity)) == (code, severity)
    assert (
        "Prescribing information" in check.citation or "prescribing information" in check.citation
    )
    if severity == "critical":
        assert "infants and neonates" in check.text
        assert "confirm with the patient" not in check.text
