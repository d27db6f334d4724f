"""decisions/assessment/emergency.py: the emergency core is the engine's, every assumption shown."""

import pytest

from decisions.assessment.emergency import (
    ASSUMED_WHEN_NOT_GIVEN,
    EMERGENCY_RULE_ID,
    assumptions_for,
    build_engine_input,
    emergency_core,
    is_emergency,
)
from decisions.assessment.request import InvalidRequest
from decisions.engine import EngineOptions, evaluate
from decisions.engine.facts import derive_facts
from decisions.engine.registry import RULES_BY_ID
from decisions.engine.rules import TREATMENT_RULES
from decisions.engine.vocabulary import Bleeding, BleedingSite

SO_FAR = {
    "age_group": "adult",
    "weight_kg": 70,
    "sex": "male",
    "platelet_count": 12000,
    "platelet_unit": "per_uL",
    "bleeding": "life_threatening",
    "bleeding_sites": ["gi"],
}


def test_the_emergency_rule_it_names_is_the_engines():
    assert EMERGENCY_RULE_ID in RULES_BY_ID
    assert RULES_BY_ID[EMERGENCY_RULE_ID] in TREATMENT_RULES


@pytest.mark.parametrize(
    ("bleeding", "sites", "emergency"),
    [
        ("life_threatening", [], True),
        ("life_threatening", ["gi"], True),
        ("minor", ["cns"], True),  # contract: a CNS bleed is life-threatening
        ("significant", ["gi", "gu"], False),
        ("none", [], False),
        (None, [], False),
    ],
)
def test_it_is_an_emergency_by_the_engines_rule(bleeding, sites, emergency):
    assert is_emergency({"bleeding": bleeding, "bleeding_sites": sites}) is emergency


@pytest.mark.parametrize("bleeding", [b.value for b in Bleeding])
@pytest.mark.parametrize("site", [None, *(s.value for s in BleedingSite)])
def test_it_agrees_with_the_engines_facts_on_every_bleeding_and_site(bleeding, site):
    answers = {**SO_FAR, "bleeding": bleeding, "bleeding_sites": [site] if site else []}
    facts = derive_facts(build_engine_input(answers)[0])
    assert is_emergency(answers) is facts.life_threatening


def test_the_core_quotes_the_engines_doses():
    core = emergency_core(SO_FAR)
    plan = evaluate(build_engine_input(SO_FAR)[0])
    ivig = plan.recommendation("IVIG").ivig_dose
    assert core.ready
    assert ivig.daily_dose_g == 70
    assert core.ivig == "IVIG 70 g (1 g/kg × 70 kg)"
    assert core.corticosteroid == "Prednisone 70-140 mg a day"
    assert core.transfusion.startswith("Give a platelet transfusion now")
    assert "Why:" not in core.transfusion


def test_the_core_follows_the_engines_dosing_weight():
    obese = {**SO_FAR, "weight_kg": 150, "height_cm": 170, "dosing_weight": "adjusted"}
    core = emergency_core(obese)
    dose = evaluate(build_engine_input(obese)[0]).recommendation("IVIG").ivig_dose
    assert core.ivig == f"IVIG {dose.daily_dose_g:g} g (1 g/kg × {dose.dosing_weight_kg:g} kg)"
    assert dose.dosing_weight_kg < 150


def test_the_core_uses_the_sites_options():
    assert emergency_core(SO_FAR, options=EngineOptions(vial_size_g=10)).ready


def test_no_core_when_not_an_emergency():
    assert emergency_core({**SO_FAR, "bleeding": "significant"}) is None


def test_no_core_when_the_engine_gives_no_ivig():
    # 150,000/uL or more: the engine's first row (not thrombocytopenic) decides, not the emergency.
    assert emergency_core({**SO_FAR, "platelet_count": 200_000}) is None


def test_the_core_names_what_the_engine_needs_in_the_order_asked():
    core = emergency_core({"bleeding": "life_threatening"})
    assert not core.ready
    assert core.needs == ("Age group", "Weight (kg)", "Platelet count")


def test_an_unconfirmed_suspicious_count_is_needed_until_confirmed():
    tiny = {**SO_FAR, "platelet_count": 12}
    assert emergency_core(tiny).needs == ("Platelet count",)
    assert emergency_core(tiny, confirmed=["platelet_count"]).ready


def test_every_answer_not_given_is_assumed_and_listed():
    fields = [a.field for a in assumptions_for(SO_FAR)]
    assert fields == [
        "condition",
        "urgent_surgery",
        "invasive_procedure_planned",
        "rapid_increase_needed",
        "steroid_contraindications",
        "renal_disease",
        "renal_risk_factors",
        "thrombosis_risk_factors",
    ]


def test_an_answer_given_is_never_assumed():
    given = {**SO_FAR, "condition": "sepsis", "dic": True, "renal_disease": True}
    fields = {a.field for a in assumptions_for(given)}
    assert not fields & {"condition", "dic", "renal_disease"}
    engine_input, _ = build_engine_input(given)
    assert engine_input.dic is True and engine_input.renal_disease is True


def test_questions_that_do_not_matter_are_not_assumed():
    # Pregnancy is asked of women only; DIC in sepsis only; the dosing weight with a height.
    fields = {a.field for a in assumptions_for(SO_FAR)}
    assert not fields & {"pregnant", "dic", "dosing_weight"}
    woman = {**SO_FAR, "sex": "female", "height_cm": 160}
    assert {"pregnant", "dosing_weight"} <= {a.field for a in assumptions_for(woman)}
    septic = {**SO_FAR, "condition": "sepsis"}
    assert "dic" in {a.field for a in assumptions_for(septic)}


def test_each_assumption_is_a_valid_answer_of_its_field():
    every = {a.field: a.value for a in ASSUMED_WHEN_NOT_GIVEN}
    build_engine_input({**SO_FAR, **every, "sex": "female", "height_cm": 160})


def test_nothing_stands_in_for_weight_count_or_bleeding():
    for missing in ("weight_kg", "age_group", "platelet_count", "bleeding"):
        answers = {k: v for k, v in SO_FAR.items() if k != missing}
        with pytest.raises(InvalidRequest):
            build_engine_input(answers)
