"""What the engine is told about a patient: one frozen value, units in the names."""

from dataclasses import dataclass

from .vocabulary import (
    AgeGroup,
    Bleeding,
    BleedingSite,
    BloodGroup,
    Condition,
    DosingWeight,
    PlateletUnit,
    Procedure,
    RenalRiskFactor,
    Sex,
    SteroidContraindication,
    ThrombosisRiskFactor,
)


@dataclass(frozen=True, slots=True, kw_only=True)
class Assessment:
    """A validated clinical assessment; the engine trusts it (callers validate first)."""

    weight_kg: float
    age_group: AgeGroup
    condition: Condition
    platelet_count: float
    bleeding: Bleeding
    platelet_unit: PlateletUnit = PlateletUnit.PER_UL
    bleeding_sites: frozenset[BleedingSite] = frozenset()
    bleeding_risk: bool = False
    rapid_increase_needed: bool = False
    urgent_surgery: bool = False
    invasive_procedure_planned: bool = False
    dic: bool = False
    pregnant: bool = False
    steroid_contraindications: frozenset[SteroidContraindication] = frozenset()
    renal_disease: bool = False
    pa_igg_molecules_per_platelet: float | None = None
    age_years: float | None = None
    renal_risk_factors: frozenset[RenalRiskFactor] = frozenset()
    thrombosis_risk_factors: frozenset[ThrombosisRiskFactor] = frozenset()
    height_cm: float | None = None
    sex: Sex | None = None
    dosing_weight: DosingWeight = DosingWeight.ACTUAL
    # Rules 2027.1: the safety layer beyond the source (screening and procedure targets).
    procedure: Procedure | None = None
    prior_immunoglobulin_anaphylaxis: bool = False
    iga_deficiency_with_antibodies: bool = False
    blood_group: BloodGroup | None = None
    heart_failure: bool = False


@dataclass(frozen=True, slots=True)
class EngineOptions:
    """Site settings that shape how a plan is written, not what it recommends."""

    vial_size_g: float = 5.0
    # A vial-rounded dose is offered only when it stays this close to the exact dose, so a
    # neonatal dose of 1.3 g is never "rounded" to a 5 g vial.
    vial_rounding_tolerance: float = 0.10
    # Renal checks after the last infusion of a course; seed ref 3 asks for monitoring "after
    # administration", FDA labelling for checks at intervals; IVIG kidney injury typically shows
    # at 2-4 days and up to 8 days. Renal risk factors add a check at 48 h.
    renal_check_hours: tuple[int, ...] = (24, 72, 168)
    renal_risk_extra_hours: tuple[int, ...] = (48,)
