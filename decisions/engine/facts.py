"""Facts the rules read: the assessment plus what follows from it, worked out once."""

from dataclasses import dataclass

from .assessment import Assessment
from .body_weight import BodyWeights, build_body_weights
from .grading import ctcae_grade, platelet_count_per_uL
from .procedures import PLATELET_TARGET_PER_UL
from .vocabulary import (
    NEONATAL_CONDITIONS,
    AgeGroup,
    Bleeding,
    BleedingSite,
    BloodGroup,
    Condition,
    Procedure,
    RenalRiskFactor,
    SteroidContraindication,
    ThrombosisRiskFactor,
)

# FDA boxed warning for immune globulin products names "age over 65" (renal) and
# "advanced age" (thrombosis); one threshold serves both.
OLDER_AGE_YEARS = 65
# seed ref 5: "platelet-associated IgG levels >5,000 molecules per platelet respond better"
PA_IGG_FAVOURABLE_ABOVE = 5000
# Rules 2027.1: active bleeding means significant or worse, or a CNS, GI or GU site; minor
# bleeding (skin, petechiae, bruising, minor mucosal) is a bleeding risk, not active bleeding.
ACTIVE_BLEEDING_SITES = frozenset({BleedingSite.CNS, BleedingSite.GI, BleedingSite.GU})
# WHO obesity threshold; the obesity alert shows the adjusted-weight dose from here.
OBESE_BMI = 30


@dataclass(frozen=True, slots=True)
class Facts:
    assessment: Assessment
    # Copied from the assessment because rules read them often.
    condition: Condition
    bleeding: Bleeding
    bleeding_risk: bool
    rapid_increase_needed: bool
    # A procedure whose target the count already meets drives no treatment: these two are false
    # then (the assessment keeps what was asked).
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
    # Any bleeding at all (the source's "bleeding patients"; bleeding counts as bleeding risk).
    any_bleeding: bool
    # Rules 2027.1: what the grade lines call active bleeding (not minor bleeding).
    active_bleeding: bool
    significant_bleeding: bool
    rapid_rise_needed: bool
    neonatal_condition: bool
    steroid_contraindications: frozenset[SteroidContraindication]
    renal_risks: frozenset[RenalRiskFactor]
    thrombosis_risks: frozenset[ThrombosisRiskFactor]
    pa_igg_favourable: bool
    weights: BodyWeights
    # Rules 2027.1: procedure targets and screening.
    procedure: Procedure | None
    platelet_target_per_uL: int | None
    procedure_target_met: bool
    no_or_skin_only_bleeding: bool
    prior_immunoglobulin_anaphylaxis: bool
    iga_deficiency_with_antibodies: bool
    non_o_blood_group: bool
    heart_failure: bool
    bmi: float | None


def derive_facts(assessment: Assessment) -> Facts:
    count = platelet_count_per_uL(assessment.platelet_count, assessment.platelet_unit)
    cns = BleedingSite.CNS in assessment.bleeding_sites
    declared_life_threatening = assessment.bleeding == Bleeding.LIFE_THREATENING
    life_threatening = declared_life_threatening or cns
    target = PLATELET_TARGET_PER_UL.get(assessment.procedure) if assessment.procedure else None
    target_met = target is not None and count >= target
    urgent_surgery = assessment.urgent_surgery and not target_met
    procedure_planned = (
        assessment.invasive_procedure_planned or assessment.procedure is not None
    ) and not target_met
    sites = assessment.bleeding_sites
    return Facts(
        assessment=assessment,
        condition=assessment.condition,
        bleeding=assessment.bleeding,
        bleeding_risk=assessment.bleeding_risk,
        rapid_increase_needed=assessment.rapid_increase_needed,
        urgent_surgery=urgent_surgery,
        invasive_procedure_planned=procedure_planned,
        dic=assessment.dic,
        pregnant=assessment.pregnant,
        renal_disease=assessment.renal_disease,
        count_per_uL=count,
        grade=ctcae_grade(count),
        life_threatening=life_threatening,
        cns_bleed_escalated=cns and not declared_life_threatening,
        any_bleeding=assessment.bleeding != Bleeding.NONE or cns,
        active_bleeding=(
            assessment.bleeding in (Bleeding.SIGNIFICANT, Bleeding.LIFE_THREATENING)
            or bool(sites & ACTIVE_BLEEDING_SITES)
        ),
        significant_bleeding=life_threatening or assessment.bleeding == Bleeding.SIGNIFICANT,
        rapid_rise_needed=assessment.rapid_increase_needed or urgent_surgery or life_threatening,
        neonatal_condition=assessment.condition in NEONATAL_CONDITIONS,
        steroid_contraindications=_steroid_contraindications(assessment),
        renal_risks=_renal_risks(assessment),
        thrombosis_risks=_thrombosis_risks(assessment),
        pa_igg_favourable=(
            assessment.pa_igg_molecules_per_platelet is not None
            and assessment.pa_igg_molecules_per_platelet > PA_IGG_FAVOURABLE_ABOVE
        ),
        weights=build_body_weights(assessment),
        procedure=assessment.procedure,
        platelet_target_per_uL=target,
        procedure_target_met=target_met,
        no_or_skin_only_bleeding=(
            assessment.bleeding in (Bleeding.NONE, Bleeding.MINOR) and sites <= {BleedingSite.SKIN}
        ),
        prior_immunoglobulin_anaphylaxis=assessment.prior_immunoglobulin_anaphylaxis,
        iga_deficiency_with_antibodies=assessment.iga_deficiency_with_antibodies,
        non_o_blood_group=assessment.blood_group in (BloodGroup.A, BloodGroup.B, BloodGroup.AB),
        heart_failure=assessment.heart_failure,
        bmi=_bmi(assessment),
    )


def _bmi(a: Assessment) -> float | None:
    if a.height_cm is None or a.height_cm <= 0:
        return None
    return a.weight_kg / (a.height_cm / 100) ** 2


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
