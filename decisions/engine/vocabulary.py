"""The closed vocabularies an assessment is written in (the API contract's enum values)."""

from enum import StrEnum


class AgeGroup(StrEnum):
    ADULT = "adult"
    CHILD = "child"
    NEONATE = "neonate"


class Condition(StrEnum):
    PRIMARY_ITP = "primary_itp"
    HCV_ITP = "hcv_itp"
    HIV_ITP = "hiv_itp"
    NEONATAL_ALLOIMMUNE = "neonatal_alloimmune"
    NEONATAL_MATERNAL_ITP = "neonatal_maternal_itp"
    SEPSIS = "sepsis"


NEONATAL_CONDITIONS = frozenset({Condition.NEONATAL_ALLOIMMUNE, Condition.NEONATAL_MATERNAL_ITP})


class PlateletUnit(StrEnum):
    PER_UL = "per_uL"
    X10_9_PER_L = "x10^9/L"


class Bleeding(StrEnum):
    NONE = "none"
    MINOR = "minor"
    SIGNIFICANT = "significant"
    LIFE_THREATENING = "life_threatening"


class BleedingSite(StrEnum):
    CNS = "cns"
    GI = "gi"
    GU = "gu"
    MUCOSAL = "mucosal"
    SKIN = "skin"
    OTHER = "other"


class SteroidContraindication(StrEnum):
    PREGNANCY = "pregnancy"
    ACTIVE_INFECTION = "active_infection"
    DIABETES = "diabetes"
    PSYCHIATRIC = "psychiatric"


class RenalRiskFactor(StrEnum):
    """FDA boxed warning for immune globulin intravenous products: renal dysfunction."""

    PRE_EXISTING_RENAL_INSUFFICIENCY = "pre_existing_renal_insufficiency"
    DIABETES = "diabetes"
    AGE_OVER_65 = "age_over_65"
    VOLUME_DEPLETION = "volume_depletion"
    SEPSIS = "sepsis"
    PARAPROTEINAEMIA = "paraproteinaemia"
    NEPHROTOXIC_DRUGS = "nephrotoxic_drugs"


# Given in a request; pre-existing insufficiency comes from `renal_disease` instead (contract).
RENAL_RISK_FACTORS_ACCEPTED = frozenset(RenalRiskFactor) - {
    RenalRiskFactor.PRE_EXISTING_RENAL_INSUFFICIENCY
}


class ThrombosisRiskFactor(StrEnum):
    """FDA boxed warning for immune globulin intravenous products: thrombosis."""

    ADVANCED_AGE = "advanced_age"
    IMMOBILISATION = "immobilisation"
    HYPERCOAGULABLE_STATE = "hypercoagulable_state"
    PRIOR_THROMBOSIS = "prior_thrombosis"
    ESTROGENS = "estrogens"
    INDWELLING_VASCULAR_CATHETER = "indwelling_vascular_catheter"
    HYPERVISCOSITY = "hyperviscosity"
    CARDIOVASCULAR_RISK = "cardiovascular_risk"


class Procedure(StrEnum):
    """The procedure the platelet count must allow (rules 2027.1)."""

    CENTRAL_VENOUS_CATHETER = "central_venous_catheter"
    LUMBAR_PUNCTURE = "lumbar_puncture"
    MAJOR_SURGERY = "major_surgery"
    DELIVERY = "delivery"
    NEURAXIAL_ANAESTHESIA = "neuraxial_anaesthesia"
    NEUROSURGERY_OR_POSTERIOR_EYE = "neurosurgery_or_posterior_eye"


class BloodGroup(StrEnum):
    O = "O"  # noqa: E741 (the ABO group is called O)
    A = "A"
    B = "B"
    AB = "AB"


class Sex(StrEnum):
    FEMALE = "female"
    MALE = "male"


class DosingWeight(StrEnum):
    ACTUAL = "actual"
    ADJUSTED = "adjusted"


class Role(StrEnum):
    GIVE = "give"
    OPTION = "option"
    AVOID = "avoid"


class Severity(StrEnum):
    """Alert severities, most urgent first."""

    CRITICAL = "critical"
    WARNING = "warning"
    CAUTION = "caution"
    INFO = "info"


SEVERITY_ORDER = {severity: rank for rank, severity in enumerate(Severity)}
