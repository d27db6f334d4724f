"""Facts the rules read: the assessment plus what follows from it, worked out once."""

from dataclasses import dataclass

from .assessment import Assessment
from .body_weight import BodyWeights, build_body_weights
from .grading import ctcae_grade, platelet_count_per_uL
from .vocabulary import (
    NEONATAL_CONDITIONS,
    AgeGroup,
    Bleeding,
    BleedingSite,
    Condition,
    RenalRiskFactor,
    SteroidContraindication,
    ThrombosisRiskFactor,
)

# FDA boxed warning for immune globulin products names "age over 65" (renal) and
# "advanced age" (thrombosis); one threshold serves both.
OLDER_AGE_YEARS = 65
# seed ref 5: "platelet-associated IgG levels >5,000 molecules per platelet respond better"
PA_IGG_FAVOURABLE_ABOVE = 5000


@dataclass(frozen=True, slots=True)
class Facts:
    assessment: Assessment
    # Copied from the assessment because rules read them often.
    condition: Condition
    bleeding: Bleeding
    bleeding_risk: bool
    rapid_increase_needed: bool
    urgent_surgery: bool
    invasive_procedure_planned: bool
    dic: bool
    pregnant: bool
    renal_disease: bool
    # Worked out from the assessment.
    count_per_uL: float
    grade: int
    # Contract: a CNS bleed is treated as life-threatening whatever `bleeding` says.
    life_threatening: bool
    cns_bleed_escalated: bool
    active_bleeding: bool
    significant_bleeding: bool
    rapid_rise_needed: bool
    neonatal_condition: bool
    steroid_contraindications: frozenset[SteroidContraindication]
    renal_risks: frozenset[RenalRiskFactor]
    thrombosis_risks: frozenset[ThrombosisRiskFactor]
    pa_igg_favourable: bool
    weights: BodyWeights


def derive_facts(assessment: Assessment) -> Facts:
    count = platelet_count_per_uL(assessment.platelet_count, assessment.platelet_unit)
    cns = BleedingSite.CNS in assessment.bleeding_sites
    declared_life_threatening = assessment.bleeding == Bleeding.LIFE_THREATENING
    life_threatening = declared_life_threatening or cns
    return Facts(
        assessment=assessment,
        condition=assessment.condition,
        bleeding=assessment.bleeding,
        bleeding_risk=assessment.bleeding_risk,
        rapid_increase_needed=assessment.rapid_increase_needed,
        urgent_surgery=assessment.urgent_surgery,
        invasive_procedure_planned=assessment.invasive_procedure_planned,
        dic=assessment.dic,
        pregnant=assessment.pregnant,
        renal_disease=assessment.renal_disease,
        count_per_uL=count,
        grade=ctcae_grade(count),
        life_threatening=life_threatening,
        cns_bleed_escalated=cns and not declared_life_threatening,
        active_bleeding=assessment.bleeding != Bleeding.NONE or cns,
        significant_bleeding=life_threatening or assessment.bleeding == Bleeding.SIGNIFICANT,
        rapid_rise_needed=(
            assessment.rapid_increase_needed or assessment.urgent_surgery or life_threatening
        ),
        neonatal_condition=assessment.condition in NEONATAL_CONDITIONS,
        steroid_contraindications=_steroid_contraindications(assessment),
        renal_risks=_renal_risks(assessment),
        thrombosis_risks=_thrombosis_risks(assessment),
        pa_igg_favourable=(
            assessment.pa_igg_molecules_per_platelet is not None
            and assessment.pa_igg_molecules_per_platelet > PA_IGG_FAVOURABLE_ABOVE
        ),
        weights=build_body_weights(assessment),
    )


def _steroid_contraindications(a: Assessment) -> frozenset[SteroidContraindication]:
    found = set(a.steroid_contraindications)
    if a.condition == Condition.SEPSIS:
        found.add(SteroidContraindication.ACTIVE_INFECTION)  # sepsis is an active infection
    return frozenset(found)


def _is_older(a: Assessment) -> bool:
    return a.age_years is not None and a.age_years > OLDER_AGE_YEARS


def _renal_risks(a: Assessment) -> frozenset[RenalRiskFactor]:
    found = set(a.renal_risk_factors)
    if a.renal_disease:
        found.add(RenalRiskFactor.PRE_EXISTING_RENAL_INSUFFICIENCY)
    if SteroidContraindication.DIABETES in a.steroid_contraindications:
        found.add(RenalRiskFactor.DIABETES)
    if a.condition == Condition.SEPSIS:
        found.add(RenalRiskFactor.SEPSIS)
    if _is_older(a):
        found.add(RenalRiskFactor.AGE_OVER_65)
    return frozenset(found)


def _thrombosis_risks(a: Assessment) -> frozenset[ThrombosisRiskFactor]:
    found = set(a.thrombosis_risk_factors)
    if _is_older(a):
        found.add(ThrombosisRiskFactor.ADVANCED_AGE)
    return frozenset(found)


def is_neonate(facts: Facts) -> bool:
    return facts.assessment.age_group == AgeGroup.NEONATE
