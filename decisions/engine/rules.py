"""The treatment rules, as rows a reader can lay beside the clinical source.

Two tables:
- TREATMENT_RULES: which treatments the situation calls for. The first row that applies decides;
  rows run from the most to the least urgent situation.
- MODIFIER_RULES: adjustments for special populations and pitfalls, applied in order to what the
  deciding row produced.

Each row quotes the source sentence it rests on (`source`, checked against the vendored copy in
`source/ivig-in-thrombocytopenia.txt`), its reference numbers, the inputs it reads and, where the
source is silent and the project had to choose, the interpretation it made.
"""

from collections.abc import Callable
from dataclasses import dataclass

from .decision_set import DecisionSet
from .facts import Facts, is_neonate
from .procedures import UNNAMED_SURGERY_TARGET_PER_UL
from .standards import ASH_2019, BSH_2016, ICR_2019, IG_LABEL
from .treatments import NEONATAL_5_DAY, SEPSIS_3_DAY, SINGLE_1G, Code, IvigRegimen
from .vocabulary import AgeGroup, Condition, Role

IVIG, STEROID, PLATELETS = Code.IVIG, Code.CORTICOSTEROID, Code.PLATELET_TRANSFUSION

# Quoted sentences of the source, named once, used by the rows below.
S_ONE_GRAM = (
    "IVIG is a highly effective first-line treatment for immune thrombocytopenia (ITP) that "
    "should be administered at 1 g/kg as a single dose, particularly when rapid platelet "
    "elevation is required or when corticosteroids are contraindicated."
)
S_RAPID = (
    "IVIG should be used with corticosteroids when a more rapid increase in platelet count is "
    "required"
)
S_MONOTHERAPY = (
    "Use IVIG as monotherapy when corticosteroids are contraindicated (pregnancy, active "
    "infection, diabetes, psychiatric contraindications)"
)
S_LIFE_THREATENING = (
    "Combine IVIG with corticosteroids for life-threatening hemorrhage with active CNS, GI, or "
    "genitourinary bleeding"
)
S_EMERGENCY_PLATELETS = (
    "Platelet transfusions can and should be given simultaneously with IVIG infusion in "
    "life-threatening hemorrhage scenarios"
)
S_SURGERY = (
    "Administer IVIG before urgent surgical procedures in thrombocytopenic patients requiring "
    "immediate platelet elevation"
)
S_GRADE_4 = (
    "Grade 4 thrombocytopenia (<25,000/μL) with active bleeding: IVIG 1 g/kg + platelet "
    "transfusion + prednisone 1-2 mg/kg/day simultaneously"
)
S_GRADE_3 = (
    "Grade 3 thrombocytopenia (25,000-50,000/μL) with bleeding risk: IVIG 1 g/kg + corticosteroids"
)
S_GRADE_2 = (
    "Grade 2 thrombocytopenia (50,000-75,000/μL): Prednisone alone, adding IVIG only if rapid "
    "platelet increase needed"
)
S_PREGNANCY = "Pregnant patients requiring treatment should receive either corticosteroids or IVIG"
S_HCV = "HCV-associated ITP: IVIG should be the initial treatment if ITP therapy is required"
S_HIV = (
    "HIV-associated ITP: Treat HIV with antivirals first unless clinically significant bleeding "
    "is present; if ITP treatment needed, use corticosteroids, IVIG, or anti-D"
)
S_NEONATAL = (
    "IVIG 400 mg/kg/day for 5 days rapidly elevates platelet counts in neonates with isoimmune "
    "thrombocytopenia or maternal ITP"
)
S_SEPSIS = (
    "IVIG 400 mg/kg daily for 3 days produces more rapid and sustained platelet increases "
    "compared to placebo in septic patients without DIC"
)
S_SEPSIS_WHO = (
    "is particularly recommended for bleeding patients or those requiring invasive procedures"
)
S_PITFALL_5_DAY = (
    "Do not use the outdated 0.4 g/kg/day for 5 days regimen when rapid response is needed; the "
    "1 g/kg single dose is faster and more effective"
)
S_PITFALL_PLATELETS = (
    "Do not withhold platelet transfusions during IVIG infusion in emergency bleeding situations"
)
S_PITFALL_ALONE = (
    "Do not use IVIG alone in life-threatening hemorrhage; always combine with corticosteroids "
    "for optimal effect"
)

CTCAE = "CTCAE v5.0, Platelet count decreased (grade 1 from 75,000 to below 150,000/uL)"


@dataclass(frozen=True, slots=True)
class TreatmentRule:
    id: str
    summary: str
    applies: Callable[[Facts], bool]
    citations: tuple[str, ...]
    uses: tuple[str, ...]
    source: tuple[str, ...] = ()
    give: tuple[str, ...] = ()
    option: tuple[str, ...] = ()
    ivig: IvigRegimen = SINGLE_1G
    standard: str | None = None
    interpretation: str | None = None
    # Keys of decisions/engine/standards.py: the standards a rule of the safety layer rests on.
    standards: tuple[str, ...] = ()


def needs_itp_treatment(f: Facts) -> bool:
    """The grade algorithm treats from grade 2 down, and at any grade when a rise is urgent."""
    return f.grade >= 2 or f.rapid_rise_needed


def _hiv_treat_hiv_first(f: Facts) -> bool:
    # Urgent surgery cannot wait for antivirals either (S_SURGERY applies to every patient).
    return f.condition == Condition.HIV_ITP and not f.significant_bleeding and not f.urgent_surgery


def _sepsis(f: Facts) -> bool:
    return f.condition == Condition.SEPSIS


def _child_to_observe(f: Facts) -> bool:
    """ASH 2019 (children): no or skin-only bleeding, nothing that asks for a rise."""
    return (
        f.assessment.age_group == AgeGroup.CHILD
        and f.condition == Condition.PRIMARY_ITP
        and f.no_or_skin_only_bleeding
        and not (
            f.bleeding_risk
            or f.assessment.rapid_increase_needed
            or f.assessment.urgent_surgery
            or f.assessment.invasive_procedure_planned
            or f.procedure is not None
        )
    )


TREATMENT_RULES: tuple[TreatmentRule, ...] = (
    TreatmentRule(
        id="NOT-THROMBOCYTOPENIC",
        summary="Platelet count of 150,000/uL or more: not thrombocytopenic, no IVIG",
        applies=lambda f: f.grade == 0,
        citations=(),
        uses=("platelet_count_per_uL",),
        standard=CTCAE,
        interpretation="Every recommendation of the source is for thrombocytopenic patients.",
    ),
    TreatmentRule(
        id="EMERGENCY-LIFE-THREATENING-BLEEDING",
        summary="Life-threatening (or CNS) bleeding: IVIG 1 g/kg, corticosteroid and platelet "
        "transfusion together, now",
        applies=lambda f: f.life_threatening,
        citations=("3",),
        uses=("bleeding", "bleeding_sites"),
        source=(S_LIFE_THREATENING, S_EMERGENCY_PLATELETS, S_PITFALL_ALONE, S_PITFALL_PLATELETS),
        give=(IVIG, STEROID, PLATELETS),
        interpretation="Contract: a CNS bleed is life-threatening whatever `bleeding` says; the "
        "emergency protocol governs every condition and age group.",
    ),
    TreatmentRule(
        id="SEPSIS-WITH-DIC",
        summary="Septic thrombocytopenia with DIC: outside the evidence, no IVIG regimen",
        applies=lambda f: _sepsis(f) and f.dic,
        citations=("4",),
        uses=("condition", "dic"),
        source=(S_SEPSIS,),
        interpretation="The only trial excluded DIC; the plan says the situation is outside the "
        "evidence rather than extrapolate.",
    ),
    TreatmentRule(
        id="SEPSIS-BLEEDING-OR-PROCEDURE",
        summary="Septic thrombocytopenia without DIC, bleeding, needing a procedure or a rapid "
        "rise: IVIG 0.4 g/kg/day x 3 days",
        applies=lambda f: (
            _sepsis(f) and (f.any_bleeding or f.invasive_procedure_planned or f.rapid_rise_needed)
        ),
        citations=("4",),
        uses=(
            "condition",
            "dic",
            "bleeding",
            "invasive_procedure_planned",
            "urgent_surgery",
            "rapid_increase_needed",
        ),
        source=(S_SEPSIS, S_SEPSIS_WHO),
        give=(IVIG,),
        ivig=SEPSIS_3_DAY,
        interpretation="A rapid rise needed (or urgent surgery) counts as needing a procedure: "
        "the offer-only row below is for septic patients who can wait.",
    ),
    TreatmentRule(
        id="SEPSIS-WITHOUT-DIC",
        summary="Septic thrombocytopenia without DIC, not bleeding, no procedure: IVIG "
        "0.4 g/kg/day x 3 days is an option",
        applies=_sepsis,
        citations=("4",),
        uses=("condition", "dic", "bleeding", "invasive_procedure_planned"),
        source=(S_SEPSIS, S_SEPSIS_WHO),
        option=(IVIG,),
        ivig=SEPSIS_3_DAY,
        interpretation="The source recommends it 'particularly' for bleeding patients or before "
        "procedures, so for the others it is offered, not prescribed.",
    ),
    TreatmentRule(
        id="NEONATAL",
        summary="Neonatal alloimmune or maternal-ITP thrombocytopenia below 50,000/uL, bleeding, "
        "at risk or needing a rapid rise: IVIG 0.4 g/kg/day x 5 days",
        applies=lambda f: (
            f.neonatal_condition
            and (f.grade >= 3 or f.any_bleeding or f.bleeding_risk or f.rapid_rise_needed)
        ),
        citations=("7",),
        uses=("condition", "age_group", "platelet_count_per_uL", "bleeding", "bleeding_risk"),
        source=(S_NEONATAL,),
        give=(IVIG,),
        ivig=NEONATAL_5_DAY,
        interpretation="The source gives no treatment threshold for neonates; the thresholds of "
        "its grade algorithm (IVIG from grade 3 with bleeding risk) are used.",
    ),
    TreatmentRule(
        id="NEONATAL-GRADE-2",
        summary="Neonatal alloimmune or maternal-ITP thrombocytopenia, grade 2, not bleeding: "
        "IVIG 0.4 g/kg/day x 5 days is an option",
        applies=lambda f: f.neonatal_condition and f.grade == 2,
        citations=("7",),
        uses=("condition", "age_group", "platelet_count_per_uL", "bleeding"),
        source=(S_NEONATAL,),
        option=(IVIG,),
        ivig=NEONATAL_5_DAY,
        interpretation="The source gives no treatment threshold for neonates.",
    ),
    TreatmentRule(
        id="HIV-ANTIVIRALS-FIRST-ITP-TREATMENT-NEEDED",
        summary="HIV-associated ITP without significant bleeding, treatment needed: antivirals "
        "first; corticosteroid, IVIG or anti-D as options",
        applies=lambda f: _hiv_treat_hiv_first(f) and needs_itp_treatment(f),
        citations=("1",),
        uses=("condition", "bleeding", "bleeding_sites", "platelet_count_per_uL"),
        source=(S_HIV,),
        give=(Code.ANTIVIRAL_THERAPY_FIRST,),
        option=(IVIG, STEROID, Code.ANTI_D),
    ),
    TreatmentRule(
        id="HIV-ANTIVIRALS-FIRST",
        summary="HIV-associated ITP without significant bleeding: antivirals first",
        applies=_hiv_treat_hiv_first,
        citations=("1",),
        uses=("condition", "bleeding", "bleeding_sites"),
        source=(S_HIV,),
        give=(Code.ANTIVIRAL_THERAPY_FIRST,),
    ),
    TreatmentRule(
        id="CHILD-OBSERVATION",
        summary="A child with primary ITP, no or skin-only bleeding and nothing asking for a "
        "rise: observation; IVIG and a corticosteroid are options",
        applies=_child_to_observe,
        citations=(),
        uses=(
            "age_group",
            "condition",
            "bleeding",
            "bleeding_sites",
            "bleeding_risk",
            "rapid_increase_needed",
            "urgent_surgery",
            "procedure",
        ),
        give=(Code.OBSERVATION,),
        option=(IVIG, STEROID),
        standard="ASH 2019, children: observation for newly diagnosed ITP with no or mild "
        "bleeding (skin manifestations only, such as bruising and petechiae), regardless of the "
        "platelet count (wording checked against the ASH guideline summary of 2011, which 2019 "
        "keeps)",
        standards=(ASH_2019,),
        interpretation="The source's grade lines are adult lines; ASH 2019 advises observation "
        "for such children at any count. A rapid rise, urgent surgery or a procedure takes the "
        "child back to the grade lines.",
    ),
    TreatmentRule(
        id="ITP-GRADE-4-ACTIVE-BLEEDING",
        summary="Grade 4 (below 25,000/uL) with active bleeding: IVIG 1 g/kg + platelet "
        "transfusion + prednisone, simultaneously",
        applies=lambda f: f.grade == 4 and f.active_bleeding,
        citations=("3",),
        uses=("platelet_count_per_uL", "bleeding"),
        source=(S_GRADE_4,),
        give=(IVIG, STEROID, PLATELETS),
        interpretation="Rules 2027.1: active bleeding is significant or life-threatening "
        "bleeding, or a CNS, GI or GU site. Minor bleeding (skin, petechiae, bruising, minor "
        "mucosal) is a bleeding risk and never brings a platelet transfusion by itself.",
        standard="BSH 2016 platelet transfusion guideline: no prophylactic platelet transfusion "
        "in immune thrombocytopenia; platelets for bleeding (not confirmed against the "
        "guideline's text in this review)",
        standards=(BSH_2016,),
    ),
    TreatmentRule(
        id="ITP-URGENT-SURGERY",
        summary="Urgent surgery in a thrombocytopenic patient: IVIG 1 g/kg with corticosteroids "
        "before the operation",
        applies=lambda f: f.urgent_surgery,
        citations=("1", "3"),
        uses=("urgent_surgery", "platelet_count_per_uL"),
        source=(S_SURGERY, S_RAPID),
        give=(IVIG, STEROID),
        interpretation="Urgent surgery needs a rapid rise, so IVIG is combined with "
        "corticosteroids as the source asks for a rapid rise.",
    ),
    TreatmentRule(
        id="ITP-RAPID-RISE-NEEDED",
        summary="A rapid platelet rise is needed: IVIG 1 g/kg with corticosteroids",
        applies=lambda f: f.rapid_increase_needed,
        citations=("1", "2", "3"),
        uses=("rapid_increase_needed", "platelet_count_per_uL"),
        source=(S_RAPID, S_ONE_GRAM, S_GRADE_2),
        give=(IVIG, STEROID),
    ),
    TreatmentRule(
        id="ITP-GRADE-3-BLEEDING-RISK",
        summary="Grade 3 (25,000 to below 50,000/uL) with bleeding risk or bleeding: IVIG 1 g/kg "
        "+ corticosteroids",
        applies=lambda f: f.grade == 3 and (f.bleeding_risk or f.any_bleeding),
        citations=("3",),
        uses=("platelet_count_per_uL", "bleeding_risk", "bleeding"),
        source=(S_GRADE_3,),
        give=(IVIG, STEROID),
        interpretation="Active bleeding counts as bleeding risk.",
    ),
    TreatmentRule(
        id="ITP-GRADE-4-NOT-BLEEDING",
        summary="Grade 4 (below 25,000/uL) without active bleeding: IVIG 1 g/kg + corticosteroids",
        applies=lambda f: f.grade == 4,
        citations=("3",),
        uses=("platelet_count_per_uL", "bleeding"),
        source=(S_GRADE_3,),
        give=(IVIG, STEROID),
        interpretation="The source's grade 4 row names active bleeding only; a count below "
        "25,000/uL is itself a bleeding risk, so grade 4 is treated at least as grade 3 with "
        "bleeding risk. Minor bleeding (rules 2027.1) is decided here too.",
    ),
    TreatmentRule(
        id="ITP-GRADE-3-NO-BLEEDING-RISK",
        summary="Grade 3 without bleeding or bleeding risk: corticosteroid; IVIG is an option",
        applies=lambda f: f.grade == 3,
        citations=("1", "3"),
        uses=("platelet_count_per_uL", "bleeding_risk", "bleeding"),
        source=(S_GRADE_2, S_RAPID),
        give=(STEROID,),
        option=(IVIG,),
        interpretation="The source's grade 3 row names bleeding risk only; without it the "
        "grade 2 approach is followed (corticosteroid, IVIG when a rapid rise is needed).",
    ),
    TreatmentRule(
        id="ITP-GRADE-2",
        summary="Grade 2 (50,000 to below 75,000/uL): prednisone alone",
        applies=lambda f: f.grade == 2,
        citations=("3",),
        uses=("platelet_count_per_uL",),
        source=(S_GRADE_2,),
        give=(STEROID,),
    ),
    TreatmentRule(
        id="GRADE-1-NO-TREATMENT",
        summary="Grade 1 (75,000 to below 150,000/uL) without a need for a rapid rise: no ITP "
        "treatment",
        applies=lambda f: f.grade == 1,
        citations=("3",),
        uses=("platelet_count_per_uL", "rapid_increase_needed", "urgent_surgery"),
        source=(S_GRADE_2,),
        standard=CTCAE,
        interpretation="The source's algorithm starts at grade 2.",
    ),
)


@dataclass(frozen=True, slots=True)
class ModifierRule:
    id: str
    summary: str
    applies: Callable[[Facts, DecisionSet], bool]
    apply: Callable[[Facts, DecisionSet, str], None]
    citations: tuple[str, ...]
    uses: tuple[str, ...]
    source: tuple[str, ...] = ()
    interpretation: str | None = None
    standard: str | None = None
    standards: tuple[str, ...] = ()


def _steroid_is_recommended(d: DecisionSet) -> bool:
    return d.role(STEROID) in (Role.GIVE, Role.OPTION)


def _treatment_is_given(d: DecisionSet) -> bool:
    return d.role(IVIG) == Role.GIVE or d.role(STEROID) == Role.GIVE


def _ivig_alone_instead_of_steroid(f: Facts, d: DecisionSet, rule_id: str) -> None:
    # seed ref 1: IVIG as monotherapy when corticosteroids are contraindicated.
    if d.role(STEROID) == Role.GIVE and d.role(IVIG) != Role.GIVE:
        d.set(IVIG, Role.GIVE, rule_id, regimen=d.regimen(IVIG) or SINGLE_1G)
    d.set(STEROID, Role.AVOID, rule_id)


def _ivig_first_in_hcv(f: Facts, d: DecisionSet, rule_id: str) -> None:
    # seed ref 1: IVIG is the initial treatment of HCV-associated ITP. Where the grade
    # algorithm combines IVIG with a corticosteroid, both stay; a corticosteroid planned alone
    # gives way to IVIG and remains an option.
    if d.role(IVIG) != Role.GIVE:
        d.set(IVIG, Role.GIVE, rule_id, regimen=SINGLE_1G)
        if d.role(STEROID) == Role.GIVE:
            d.set(STEROID, Role.OPTION, rule_id)


def _either_in_pregnancy(f: Facts, d: DecisionSet, rule_id: str) -> None:
    # seed ref 1: corticosteroids or IVIG, both safe in pregnancy.
    d.set(IVIG, Role.OPTION, rule_id, regimen=SINGLE_1G)


def _anti_d_as_option(f: Facts, d: DecisionSet, rule_id: str) -> None:
    # seed ref 1: "use corticosteroids, IVIG, or anti-D": whichever is not given is an option.
    d.set(Code.ANTI_D, Role.OPTION, rule_id)
    if d.role(IVIG) is None:
        d.set(IVIG, Role.OPTION, rule_id, regimen=SINGLE_1G)


def _advise_against_5_day(f: Facts, d: DecisionSet, rule_id: str) -> None:
    d.set(Code.IVIG_5_DAY_LOW_DOSE, Role.AVOID, rule_id)


def _surgery_target_unmet(f: Facts) -> bool:
    """Urgent surgery below its target (the major-surgery target when none is named)."""
    target = f.platelet_target_per_uL or UNNAMED_SURGERY_TARGET_PER_UL
    return f.urgent_surgery and f.count_per_uL < target


def _offer_platelets_before_surgery(f: Facts, d: DecisionSet, rule_id: str) -> None:
    d.set(PLATELETS, Role.OPTION, rule_id)


def _avoid_ivig(f: Facts, d: DecisionSet, rule_id: str) -> None:
    d.set(IVIG, Role.AVOID, rule_id)
    d.decisions.pop(Code.IVIG_5_DAY_LOW_DOSE, None)


def _offer_dexamethasone(f: Facts, d: DecisionSet, rule_id: str) -> None:
    d.set(Code.DEXAMETHASONE, Role.OPTION, rule_id)


MODIFIER_RULES: tuple[ModifierRule, ...] = (
    ModifierRule(
        id="HIV-ANTI-D-OPTION",
        summary="HIV-associated ITP being treated: anti-D (and IVIG, if not given) are "
        "alternatives",
        applies=lambda f, d: (
            f.condition == Condition.HIV_ITP and not f.life_threatening and _treatment_is_given(d)
        ),
        apply=_anti_d_as_option,
        citations=("1",),
        uses=("condition",),
        source=(S_HIV,),
    ),
    ModifierRule(
        id="STEROID-CONTRAINDICATED-IVIG-MONOTHERAPY",
        summary="Corticosteroids contraindicated (not life-threatening bleeding): avoid them, "
        "IVIG 1 g/kg alone",
        applies=lambda f, d: (
            bool(f.steroid_contraindications)
            and not f.life_threatening
            and _steroid_is_recommended(d)
        ),
        apply=_ivig_alone_instead_of_steroid,
        citations=("1",),
        uses=("steroid_contraindications", "condition"),
        source=(S_MONOTHERAPY, S_ONE_GRAM),
    ),
    ModifierRule(
        id="HCV-IVIG-FIRST",
        summary="HCV-associated ITP needing treatment: IVIG is the initial treatment",
        applies=lambda f, d: (
            f.condition == Condition.HCV_ITP and not f.life_threatening and _treatment_is_given(d)
        ),
        apply=_ivig_first_in_hcv,
        citations=("1",),
        uses=("condition",),
        source=(S_HCV,),
        interpretation="A corticosteroid the grade algorithm would give alone becomes an option; "
        "where the algorithm combines IVIG and a corticosteroid, both are given.",
    ),
    ModifierRule(
        id="PREGNANCY-STEROID-OR-IVIG",
        summary="Pregnancy, corticosteroid alone planned: IVIG is an equal alternative",
        applies=lambda f, d: f.pregnant and d.role(STEROID) == Role.GIVE and d.role(IVIG) is None,
        apply=_either_in_pregnancy,
        citations=("1",),
        uses=("pregnant",),
        source=(S_PREGNANCY,),
    ),
    ModifierRule(
        id="URGENT-SURGERY-BELOW-TARGET-PLATELETS",
        summary="Urgent surgery below the procedure's platelet target: a platelet transfusion "
        "is an option (IVIG takes a day or more to act)",
        applies=lambda f, d: _surgery_target_unmet(f) and d.role(PLATELETS) is None,
        apply=_offer_platelets_before_surgery,
        citations=(),
        uses=("urgent_surgery", "procedure", "platelet_count_per_uL"),
        standard="BSH 2016 platelet transfusion guideline (targets before procedures); "
        "delivery: 2019 International Consensus Report",
        standards=(BSH_2016, ICR_2019),
        interpretation="The source's IVIG raises the count within 24 hours in most patients, "
        "typically within 2-4 days: too slow for surgery that cannot wait. Urgent surgery with "
        "no procedure named is held to the major-surgery target of 50,000/uL.",
    ),
    ModifierRule(
        id="PITFALL-NO-5-DAY-REGIMEN-WHEN-RAPID",
        summary="Rapid rise needed in an adult or child: advise against the 0.4 g/kg x 5 regimen",
        applies=lambda f, d: (
            f.rapid_rise_needed
            and not is_neonate(f)
            and d.role(IVIG) == Role.GIVE
            and d.regimen(IVIG) == SINGLE_1G
        ),
        apply=_advise_against_5_day,
        citations=("1", "3"),
        uses=("rapid_increase_needed", "urgent_surgery", "bleeding", "age_group"),
        source=(S_PITFALL_5_DAY,),
    ),
    ModifierRule(
        id="IVIG-PRIOR-ANAPHYLAXIS-AVOID",
        summary="Anaphylaxis or a severe systemic reaction to human immunoglobulin before: "
        "avoid IVIG; the other treatments of the plan stand",
        applies=lambda f, d: (
            f.prior_immunoglobulin_anaphylaxis and d.role(IVIG) in (Role.GIVE, Role.OPTION)
        ),
        apply=_avoid_ivig,
        citations=(),
        uses=("prior_immunoglobulin_anaphylaxis",),
        standard="Immune globulin class labelling: contraindicated in patients who have had "
        "an anaphylactic or severe systemic hypersensitivity reaction to human immune globulin",
        standards=(IG_LABEL,),
        interpretation="Applies in life-threatening bleeding too: the corticosteroid and the "
        "platelet transfusion stay, IVIG does not.",
    ),
    ModifierRule(
        id="DEXAMETHASONE-OPTION",
        summary="An adult with primary ITP given or offered prednisone (not pregnant, not "
        "life-threatening bleeding): dexamethasone 40 mg a day for 4 days is an option",
        applies=lambda f, d: (
            f.assessment.age_group == AgeGroup.ADULT
            and f.condition == Condition.PRIMARY_ITP
            and not f.pregnant
            and not f.life_threatening
            and d.role(STEROID) in (Role.GIVE, Role.OPTION)
        ),
        apply=_offer_dexamethasone,
        citations=(),
        uses=("age_group", "condition", "pregnant", "bleeding"),
        standard="ASH 2019, adults with newly diagnosed ITP: either prednisone (0.5-2.0 "
        "mg/kg/day) or dexamethasone (40 mg/day for 4 days)",
        standards=(ASH_2019,),
        interpretation="Offered beside prednisone, never instead of it; not in pregnancy "
        "(dexamethasone crosses the placenta) and not in the source's emergency protocol.",
    ),
)
