"""Alert rules of the safety layer beyond the source (rules 2027.1): screening, targets, bleeding.

Each row names the standard it rests on; the source's own alert rows are in alerts.py.
"""

from decimal import Decimal

from .alerts import ALERT_RULES, AlertRule, ivig_offered
from .body_weight import MIN_ADULT_AGE_YEARS
from .decision_set import DecisionSet
from .doses import to_tenth
from .facts import OBESE_BMI, Facts
from .procedures import procedure_label
from .rules import S_GRADE_2
from .standards import (
    ASH_2019,
    BSH_2016,
    DOSING_WEIGHT,
    ICR_2019,
    IG_LABEL,
    SSC_2021,
)
from .treatments import SINGLE_1G, Code
from .vocabulary import AgeGroup, Condition, DosingWeight, Role, Severity

# A 10% product holds 100 mg of IgG per mL: 10 mL for each gram.
ML_PER_G_AT_10_PERCENT = 10


def _count(value: float) -> str:
    return f"{value:,.0f}/uL"


def _daily_dose_g(d: DecisionSet, weight_kg: float) -> Decimal:
    regimen = d.regimen(Code.IVIG) or SINGLE_1G
    return to_tenth(Decimal(str(regimen.g_per_kg_per_day)) * Decimal(str(weight_kg)))


def _plain(value: Decimal) -> str:
    """70.0 -> '70', 85.2 -> '85.2'."""
    text = f"{value:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def _target_met_text(f: Facts, d: DecisionSet) -> str:
    return (
        f"The count of {_count(f.count_per_uL)} already meets the target of "
        f"{_count(f.platelet_target_per_uL or 0)} for {procedure_label(f.procedure)}: no "
        "treatment is needed for the procedure's sake. Recheck the count shortly before it."
    )


def _obesity_applies(f: Facts, d: DecisionSet) -> bool:
    a = f.assessment
    return (
        ivig_offered(d)
        and f.bmi is not None
        and f.bmi >= OBESE_BMI
        and a.dosing_weight == DosingWeight.ACTUAL
        and f.weights.adjusted_kg is not None
        and f.weights.adjusted_kg < a.weight_kg
        and not a.pregnant
        and (a.age_years is None or a.age_years >= MIN_ADULT_AGE_YEARS)
    )


def _obesity_text(f: Facts, d: DecisionSet) -> str:
    actual = _daily_dose_g(d, f.weights.actual_kg)
    adjusted_kg = f.weights.adjusted_kg or f.weights.actual_kg
    adjusted = _daily_dose_g(d, adjusted_kg)
    return (
        f"BMI {f.bmi:.1f}: the IVIG dose uses the actual weight, {f.weights.actual_kg:g} kg "
        f"({_plain(actual)} g a day). On the adjusted body weight, {adjusted_kg:g} kg, it would be "
        f"{_plain(adjusted)} g a day; immunoglobulin programmes dose obese adults on the adjusted "
        "weight. Choose the adjusted dosing weight to use it."
    )


def _volume_text(f: Facts, d: DecisionSet) -> str:
    daily = _daily_dose_g(d, f.weights.dosing_kg)
    volume = daily * ML_PER_G_AT_10_PERCENT
    return (
        f"Heart failure or a limited tolerance of volume: {_plain(daily)} g of IVIG is about "
        f"{_plain(volume)} mL a day as a 10% product (twice that at 5%). Use a 10% product, infuse "
        "at the minimum rate practicable, watch for fluid overload and consider dividing the "
        "dose over more days."
    )


def _bleeding_not_explained_text(f: Facts, d: DecisionSet) -> str:
    text = (
        f"{str(f.bleeding).replace('_', '-').capitalize()} bleeding at "
        f"{_count(f.count_per_uL)}: a count this high does not explain it. Look for another "
        "cause (coagulation tests, platelet function, a local lesion) and treat the bleeding by "
        "its cause."
    )
    if f.life_threatening and f.grade > 0:
        text += " The emergency plan still applies below 150,000/uL."
    return text


SAFETY_ALERT_RULES: tuple[AlertRule, ...] = (
    AlertRule(
        id="ALERT-IVIG-PRIOR-ANAPHYLAXIS",
        code="IVIG_HYPERSENSITIVITY",
        severity=Severity.CRITICAL,
        applies=lambda f, d: f.prior_immunoglobulin_anaphylaxis,
        text=lambda f, d: (
            "Anaphylaxis or a severe systemic reaction to human immunoglobulin before: immune "
            "globulin products are contraindicated. Do not give IVIG; the other treatments of "
            "the plan stand. Discuss alternatives with a haematologist."
        ),
        citations=(),
        uses=("prior_immunoglobulin_anaphylaxis",),
        standard="Immune globulin class labelling: contraindicated after an anaphylactic or "
        "severe systemic hypersensitivity reaction to human immune globulin",
        standards=(IG_LABEL,),
    ),
    AlertRule(
        id="ALERT-IVIG-IGA-ANTIBODIES",
        code="IVIG_HYPERSENSITIVITY",
        severity=Severity.CAUTION,
        applies=lambda f, d: (
            f.iga_deficiency_with_antibodies and not f.prior_immunoglobulin_anaphylaxis
        ),
        text=lambda f, d: (
            "IgA deficiency with antibodies against IgA: a higher risk of a severe "
            "hypersensitivity reaction. If IVIG is given, use an IgA-depleted product and "
            "observe the infusion, with treatment for anaphylaxis at hand."
        ),
        citations=(),
        uses=("iga_deficiency_with_antibodies",),
        standard="Immune globulin class labelling: IgA-deficient patients with antibodies "
        "against IgA are at greater risk of severe hypersensitivity and anaphylactic reactions "
        "(labelling wording as recalled; the contract keeps IVIG's role here)",
        standards=(IG_LABEL,),
    ),
    AlertRule(
        id="ALERT-HAEMOLYSIS-RISK",
        code="HAEMOLYSIS_RISK",
        severity=Severity.CAUTION,
        applies=lambda f, d: f.non_o_blood_group and ivig_offered(d),
        text=lambda f, d: (
            f"Blood group {f.assessment.blood_group}: IVIG can cause haemolysis (anti-A and "
            "anti-B in the product), more so at high doses. Check haemoglobin before the "
            "infusion and again 36-96 hours after it; watch for dark urine and jaundice."
        ),
        citations=(),
        uses=("blood_group",),
        standard="Immune globulin class labelling (warnings: haemolysis; risk factors include "
        "non-O blood groups and high doses). The 36-96 h timing of the haemoglobin check is "
        "the labelling's as recalled; it could not be confirmed against a current label here.",
        standards=(IG_LABEL,),
    ),
    AlertRule(
        id="ALERT-VOLUME-OVERLOAD-RISK",
        code="VOLUME_OVERLOAD_RISK",
        severity=Severity.WARNING,
        applies=lambda f, d: f.heart_failure and ivig_offered(d),
        text=_volume_text,
        citations=(),
        uses=("heart_failure", "weight_kg"),
        standard="Immune globulin class labelling (warnings: fluid overload; use the minimum "
        "infusion rate practicable in patients at risk)",
        standards=(IG_LABEL,),
    ),
    AlertRule(
        id="ALERT-PROCEDURE-TARGET-MET",
        code="PROCEDURE_TARGET_MET",
        severity=Severity.INFO,
        applies=lambda f, d: f.procedure_target_met,
        text=_target_met_text,
        citations=(),
        uses=("procedure", "platelet_count_per_uL"),
        standard="BSH 2016 platelet transfusion guideline (targets before procedures); "
        "delivery: 2019 International Consensus Report",
        standards=(BSH_2016, ICR_2019),
    ),
    AlertRule(
        id="ALERT-BLEEDING-NOT-EXPLAINED",
        code="BLEEDING_NOT_EXPLAINED",
        severity=Severity.WARNING,
        applies=lambda f, d: f.significant_bleeding and f.grade <= 1,
        text=_bleeding_not_explained_text,
        citations=(),
        uses=("bleeding", "bleeding_sites", "platelet_count_per_uL"),
        standard="2019 International Consensus Report and ASH 2019: bleeding is uncommon at "
        "counts above 50,000/uL; other causes are to be sought (wording not confirmed "
        "verbatim in this review)",
        standards=(ICR_2019, ASH_2019),
    ),
    AlertRule(
        id="ALERT-ACTIVE-BLEEDING-GRADE-2",
        code="ACTIVE_BLEEDING_REVIEW",
        severity=Severity.CAUTION,
        applies=lambda f, d: (
            f.grade == 2
            and f.active_bleeding
            and not f.life_threatening
            and d.role(Code.IVIG) is None
        ),
        text=lambda f, d: (
            f"Active bleeding at {_count(f.count_per_uL)}: the grade 2 line adds IVIG only if a "
            "rapid rise is needed. If the bleeding needs one, record it and reassess; counts "
            "above 50,000/uL rarely explain bleeding alone, so look for another cause too."
        ),
        citations=("3",),
        uses=("bleeding", "bleeding_sites", "platelet_count_per_uL"),
        source=(S_GRADE_2,),
        standard="2019 International Consensus Report (bleeding above 50,000/uL: seek other "
        "causes)",
        standards=(ICR_2019,),
    ),
    AlertRule(
        id="ALERT-OBESITY-DOSING",
        code="OBESITY_DOSING",
        severity=Severity.INFO,
        applies=_obesity_applies,
        text=_obesity_text,
        citations=(),
        uses=("weight_kg", "height_cm", "sex", "dosing_weight", "age_years", "pregnant"),
        standard="Dosing-weight policy of immunoglobulin programmes (adjusted body weight for "
        "a BMI of 30 or more)",
        standards=(DOSING_WEIGHT,),
    ),
    AlertRule(
        id="ALERT-NAIT-ANTIGEN-NEGATIVE-PLATELETS",
        code="ANTIGEN_NEGATIVE_PLATELETS",
        severity=Severity.WARNING,
        applies=lambda f, d: (
            f.condition == Condition.NEONATAL_ALLOIMMUNE
            and d.role(Code.PLATELET_TRANSFUSION) in (Role.GIVE, Role.OPTION)
        ),
        text=lambda f, d: (
            "Neonatal alloimmune thrombocytopenia: transfuse HPA-1a/5b-negative platelets where "
            "available; do not delay a transfusion in life-threatening bleeding to wait for them "
            "(random-donor platelets then)."
        ),
        citations=(),
        uses=("condition",),
        standard="BSH 2016 platelet transfusion guideline, neonates: HPA-selected "
        "(HPA-1a/5b-negative) platelets in NAIT, unselected platelets if none are available "
        "(not confirmed against the guideline's text in this review)",
        standards=(BSH_2016,),
    ),
    AlertRule(
        id="ALERT-SEPSIS-GUIDELINE-AGAINST-IVIG",
        code="SEPSIS_GUIDELINE",
        severity=Severity.CAUTION,
        applies=lambda f, d: (
            f.condition == Condition.SEPSIS
            and f.assessment.age_group == AgeGroup.ADULT
            and ivig_offered(d)
        ),
        text=lambda f, d: (
            "The Surviving Sepsis Campaign 2021 guideline suggests against intravenous "
            "immunoglobulin in adults with sepsis or septic shock (weak recommendation, "
            "low-quality evidence). The source's 3-day course treats the thrombocytopenia, with "
            "one small trial behind it; weigh it against that guideline."
        ),
        citations=(),
        uses=("condition", "age_group"),
        standard="Surviving Sepsis Campaign 2021: for adults with sepsis or septic shock, a "
        "suggestion against intravenous immunoglobulins (weak, low-quality evidence); the "
        "wording is as recalled, not confirmed verbatim in this review",
        standards=(SSC_2021,),
    ),
)

ALL_ALERT_RULES = (*ALERT_RULES, *SAFETY_ALERT_RULES)
