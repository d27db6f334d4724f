"""Which body weight the immunoglobulin dose uses.

Standard: dosing-weight policy of immunoglobulin programmes (Australia's national authorisation
system, Ontario, NHS England): ideal body weight by Devine, adjusted body weight
IBW + 0.4 x (actual - IBW), not applied under 18 years, under 152 cm, in pregnancy, or when the
actual weight is below the adjusted weight.
"""

from dataclasses import dataclass
from decimal import Decimal

from .assessment import Assessment
from .doses import to_tenth
from .vocabulary import AgeGroup, DosingWeight, Sex

CM_PER_INCH = 2.54
DEVINE_BASE_KG = {Sex.MALE: 50.0, Sex.FEMALE: 45.5}
DEVINE_KG_PER_INCH_OVER_60 = 2.3
ADJUSTMENT_FACTOR = 0.4
MIN_ADULT_AGE_YEARS = 18
MIN_HEIGHT_CM = 152


@dataclass(frozen=True, slots=True)
class BodyWeights:
    """The weights known for the patient and the one the doses use, with the reason."""

    actual_kg: float
    ideal_kg: float | None
    adjusted_kg: float | None
    basis: DosingWeight
    note: str | None

    @property
    def dosing_kg(self) -> float:
        if self.basis == DosingWeight.ADJUSTED and self.adjusted_kg is not None:
            return self.adjusted_kg
        return self.actual_kg


def _exact_ideal_kg(height_cm: float, sex: Sex) -> Decimal:
    inches_over_60 = Decimal(str(height_cm)) / Decimal(str(CM_PER_INCH)) - 60
    return (
        Decimal(str(DEVINE_BASE_KG[sex]))
        + Decimal(str(DEVINE_KG_PER_INCH_OVER_60)) * inches_over_60
    )


def ideal_body_weight_kg(height_cm: float, sex: Sex) -> float:
    """Devine ideal body weight, to 0.1 kg."""
    return float(to_tenth(_exact_ideal_kg(height_cm, sex)))


def adjusted_body_weight_kg(actual_kg: float, height_cm: float, sex: Sex) -> float:
    """IBW + 0.4 x (actual - IBW), from the unrounded IBW and rounded once, to 0.1 kg."""
    ideal = _exact_ideal_kg(height_cm, sex)
    adjusted = ideal + Decimal(str(ADJUSTMENT_FACTOR)) * (Decimal(str(actual_kg)) - ideal)
    return float(to_tenth(adjusted))


def build_body_weights(assessment: Assessment) -> BodyWeights:
    """Work out ideal and adjusted weights where height and sex allow, and pick the dosing one."""
    actual = assessment.weight_kg
    ideal = adjusted = None
    # Devine is an adult formula; below 152 cm it gives weights too low to dose by.
    height, sex = assessment.height_cm, assessment.sex
    if (
        height is not None
        and sex is not None
        and height >= MIN_HEIGHT_CM
        and assessment.age_group == AgeGroup.ADULT
    ):
        ideal = ideal_body_weight_kg(height, sex)
        adjusted = adjusted_body_weight_kg(actual, height, sex)
    if assessment.dosing_weight == DosingWeight.ACTUAL:
        return BodyWeights(actual, ideal, adjusted, DosingWeight.ACTUAL, None)
    reason = _why_adjusted_weight_does_not_apply(assessment, adjusted)
    if reason:
        note = f"Adjusted body weight was asked for but not used: {reason}; actual weight used."
        return BodyWeights(actual, ideal, adjusted, DosingWeight.ACTUAL, note)
    note = (
        f"Adjusted body weight used: IBW {ideal} kg + 0.4 x (actual {actual} kg - IBW) "
        f"= {adjusted} kg."
    )
    return BodyWeights(actual, ideal, adjusted, DosingWeight.ADJUSTED, note)


def _why_adjusted_weight_does_not_apply(
    assessment: Assessment, adjusted_kg: float | None
) -> str | None:
    if assessment.age_group != AgeGroup.ADULT or (
        assessment.age_years is not None and assessment.age_years < MIN_ADULT_AGE_YEARS
    ):
        return "the patient is under 18"
    if assessment.pregnant:
        return "the patient is pregnant"
    if assessment.height_cm is None or assessment.sex is None:
        return "height and sex are needed to work it out"
    if assessment.height_cm < MIN_HEIGHT_CM:
        return f"the patient is shorter than {MIN_HEIGHT_CM} cm"
    if adjusted_kg is not None and assessment.weight_kg < adjusted_kg:
        return "the actual weight is below the adjusted weight"
    return None
