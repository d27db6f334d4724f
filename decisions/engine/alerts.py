"""Alert rules: one row per alert, with its severity, condition, wording and citation.

Several rows may share a code (RENAL_MONITORING is a warning with renal risk factors and a caution
without): the code says what the alert is about, the rule id says why it fired.
"""

from collections.abc import Callable
from dataclasses import dataclass

from .decision_set import DecisionSet
from .facts import Facts, is_neonate
from .rules import S_LIFE_THREATENING, S_NEONATAL, S_PITFALL_ALONE, S_SEPSIS
from .treatments import Code
from .vocabulary import Condition, DosingWeight, Role, Severity

FDA_IGIV = (
    "FDA boxed warning for immune globulin intravenous products (thrombosis; renal dysfunction "
    "and acute renal failure)"
)
DOSING_WEIGHT_POLICY = (
    "Dosing-weight policy of immunoglobulin programmes (Australia, Ontario, NHS England)"
)

S_RENAL_PITFALL = (
    "Do not administer IVIG without monitoring renal function, especially in patients with "
    "pre-existing kidney disease"
)
S_RENAL_FAILURE = "Renal failure: monitor renal function during and after administration"
S_THROMBOSIS = "Thrombotic complications: stroke, deep vein thrombosis, pulmonary embolism"
S_STEROID_COVER = (
    "Concomitant corticosteroids enhance IVIG response and reduce infusion reactions, including "
    "prevention of aseptic meningitis"
)
S_HEADACHE = "Common side effect: headaches occur frequently"
S_PA_IGG = (
    "Patients with platelet-associated IgG levels >5,000 molecules per platelet respond better to "
    "IVIG therapy"
)
S_PREGNANCY_SAFE = "as both are safe and effective during pregnancy without teratogenic effects"


@dataclass(frozen=True, slots=True)
class AlertRule:
    id: str
    code: str
    severity: Severity
    applies: Callable[[Facts, DecisionSet], bool]
    text: Callable[[Facts], str]
    citations: tuple[str, ...]
    uses: tuple[str, ...]
    source: tuple[str, ...] = ()
    standard: str | None = None
    # Keys of decisions/engine/standards.py (rules 2027.1).
    standards: tuple[str, ...] = ()


def ivig_offered(d: DecisionSet) -> bool:
    """IVIG given or offered: the renal and thrombosis alerts follow it either way (contract)."""
    return d.role(Code.IVIG) in (Role.GIVE, Role.OPTION)


def _listed(values) -> str:
    return ", ".join(sorted(str(v).replace("_", " ") for v in values))


ALERT_RULES: tuple[AlertRule, ...] = (
    AlertRule(
        id="ALERT-EMERGENCY",
        code="LIFE_THREATENING_BLEEDING",
        severity=Severity.CRITICAL,
        applies=lambda f, d: f.life_threatening and f.grade > 0,
        text=lambda f, d: (
            "Emergency: life-threatening bleeding. Give IVIG, a corticosteroid and a "
            "platelet transfusion together, now."
        ),
        citations=("3",),
        uses=("bleeding", "bleeding_sites"),
        source=(S_LIFE_THREATENING, S_PITFALL_ALONE),
    ),
    AlertRule(
        id="ALERT-CNS-BLEED-ESCALATED",
        code="CNS_BLEED_TREATED_AS_LIFE_THREATENING",
        severity=Severity.WARNING,
        applies=lambda f, d: f.cns_bleed_escalated,
        text=lambda f, d: (
            f"A CNS bleed is treated as life-threatening, although the bleeding was "
            f"recorded as '{f.bleeding}'."
        ),
        citations=("3",),
        uses=("bleeding", "bleeding_sites"),
        source=(S_LIFE_THREATENING,),
    ),
    AlertRule(
        id="ALERT-STEROID-CONTRAINDICATION-OVERRIDDEN",
        code="STEROID_CONTRAINDICATION_OVERRIDDEN",
        severity=Severity.WARNING,
        applies=lambda f, d: (
            bool(f.steroid_contraindications) and d.role(Code.CORTICOSTEROID) == Role.GIVE
        ),
        text=lambda f, d: (
            "A corticosteroid is given despite a contraindication "
            f"({_listed(f.steroid_contraindications)}): in life-threatening bleeding IVIG is never "
            "given alone. Weigh and monitor the contraindication."
        ),
        citations=("3",),
        uses=("steroid_contraindications", "condition", "bleeding"),
        source=(S_PITFALL_ALONE,),
    ),
    AlertRule(
        id="ALERT-RENAL-MONITORING-AT-RISK",
        code="RENAL_MONITORING",
        severity=Severity.WARNING,
        applies=lambda f, d: ivig_offered(d) and bool(f.renal_risks),
        text=lambda f, d: (
            "IVIG can cause renal failure and the patient has renal risk factors "
            f"({_listed(f.renal_risks)}): check creatinine and BUN before the infusion, watch "
            "urine output, and follow the renal monitoring schedule (extra check at 48 h)."
        ),
        citations=("3",),
        uses=("renal_disease", "renal_risk_factors", "age_years", "condition"),
        source=(S_RENAL_PITFALL, S_RENAL_FAILURE),
        standard=FDA_IGIV,
    ),
    AlertRule(
        id="ALERT-RENAL-MONITORING",
        code="RENAL_MONITORING",
        severity=Severity.CAUTION,
        applies=lambda f, d: ivig_offered(d) and not f.renal_risks,
        text=lambda f, d: (
            "IVIG can cause renal failure: check creatinine and BUN before the "
            "infusion and follow the renal monitoring schedule after it."
        ),
        citations=("3",),
        uses=("renal_disease", "renal_risk_factors"),
        source=(S_RENAL_PITFALL, S_RENAL_FAILURE),
        standard=FDA_IGIV,
    ),
    AlertRule(
        id="ALERT-PRE-EXISTING-RENAL-DISEASE",
        code="PRE_EXISTING_RENAL_DISEASE",
        severity=Severity.WARNING,
        applies=lambda f, d: f.renal_disease,
        text=lambda f, d: (
            "Pre-existing kidney disease: the risk of IVIG-associated renal failure is "
            "higher; monitor renal function closely and use the minimum infusion rate practicable."
        ),
        citations=("3",),
        uses=("renal_disease",),
        source=(S_RENAL_PITFALL,),
        standard=FDA_IGIV,
    ),
    AlertRule(
        id="ALERT-THROMBOSIS-RISK-FACTORS",
        code="THROMBOSIS_RISK",
        severity=Severity.WARNING,
        applies=lambda f, d: ivig_offered(d) and bool(f.thrombosis_risks),
        text=lambda f, d: (
            "IVIG can cause thrombosis (stroke, deep vein thrombosis, pulmonary "
            f"embolism) and the patient has risk factors ({_listed(f.thrombosis_risks)}): ensure "
            "adequate hydration, infuse at the minimum rate practicable, watch for thrombosis."
        ),
        citations=("3",),
        uses=("thrombosis_risk_factors", "age_years"),
        source=(S_THROMBOSIS,),
        standard=FDA_IGIV,
    ),
    AlertRule(
        id="ALERT-THROMBOSIS-RISK",
        code="THROMBOSIS_RISK",
        severity=Severity.CAUTION,
        applies=lambda f, d: ivig_offered(d) and not f.thrombosis_risks,
        text=lambda f, d: (
            "IVIG can cause thrombosis (stroke, deep vein thrombosis, pulmonary "
            "embolism), even without risk factors: ensure adequate hydration."
        ),
        citations=("3",),
        uses=("thrombosis_risk_factors",),
        source=(S_THROMBOSIS,),
        standard=FDA_IGIV,
    ),
    AlertRule(
        id="ALERT-IVIG-WITHOUT-STEROID-COVER",
        code="INFUSION_REACTION_RISK",
        severity=Severity.CAUTION,
        applies=lambda f, d: (
            d.role(Code.IVIG) == Role.GIVE and d.role(Code.CORTICOSTEROID) != Role.GIVE
        ),
        text=lambda f, d: (
            "IVIG without a concomitant corticosteroid: infusion reactions and aseptic "
            "meningitis are more likely; watch for headache, fever and neck stiffness."
        ),
        citations=("3",),
        uses=("steroid_contraindications", "condition"),
        source=(S_STEROID_COVER,),
    ),
    AlertRule(
        id="ALERT-IVIG-ADVERSE-EFFECTS",
        code="IVIG_ADVERSE_EFFECTS",
        severity=Severity.INFO,
        applies=lambda f, d: ivig_offered(d),
        text=lambda f, d: (
            "Headache is common with IVIG. Rare but serious: thrombosis, renal "
            "failure, aseptic meningitis (concomitant corticosteroids help prevent it)."
        ),
        citations=("3",),
        uses=(),
        source=(S_HEADACHE, S_STEROID_COVER),
    ),
    AlertRule(
        id="ALERT-OUTSIDE-EVIDENCE-NOT-THROMBOCYTOPENIC",
        code="OUTSIDE_EVIDENCE",
        severity=Severity.WARNING,
        applies=lambda f, d: f.grade == 0,
        text=lambda f, d: (
            "The platelet count is 150,000/uL or more (not thrombocytopenic): the "
            "source's recommendations do not apply. Look for another cause of bleeding."
        ),
        citations=(),
        uses=("platelet_count_per_uL",),
        standard="CTCAE v5.0, Platelet count decreased",
    ),
    AlertRule(
        id="ALERT-OUTSIDE-EVIDENCE-DIC",
        code="OUTSIDE_EVIDENCE",
        severity=Severity.WARNING,
        applies=lambda f, d: f.dic,
        text=lambda f, d: (
            "Sepsis with DIC lies outside the evidence: the only trial of IVIG in septic "
            "thrombocytopenia excluded DIC (J Clin Immunol 1991;11:363). Treat the DIC by local "
            "protocol; the source gives no IVIG regimen here."
            if f.condition == Condition.SEPSIS
            else "DIC lies outside what the source covers; its recommendations are for immune "
            "thrombocytopenia. Treat the DIC by local protocol."
        ),
        citations=("4",),
        uses=("dic", "condition"),
        source=(S_SEPSIS,),
    ),
    AlertRule(
        id="ALERT-OUTSIDE-EVIDENCE-NEONATE",
        code="OUTSIDE_EVIDENCE",
        severity=Severity.WARNING,
        applies=lambda f, d: is_neonate(f) and (not f.neonatal_condition or f.life_threatening),
        text=lambda f, d: (
            "The source's evidence in neonates covers the 0.4 g/kg/day x 5 regimen in "
            "alloimmune and maternal-ITP thrombocytopenia only (four patients); this plan applies "
            "adult rules to a neonate. Decide with a neonatologist."
        ),
        citations=("7",),
        uses=("age_group", "condition", "bleeding"),
        source=(S_NEONATAL,),
    ),
    AlertRule(
        id="ALERT-PA-IGG-FAVOURABLE",
        code="PA_IGG_FAVOURABLE",
        severity=Severity.INFO,
        applies=lambda f, d: f.pa_igg_favourable,
        text=lambda f, d: (
            "Platelet-associated IgG above 5,000 molecules per platelet: the source "
            "says such patients respond better to IVIG (no published basis for the threshold was "
            "identified)."
        ),
        citations=("5",),
        uses=("pa_igg_molecules_per_platelet",),
        source=(S_PA_IGG,),
    ),
    AlertRule(
        id="ALERT-PREGNANCY",
        code="PREGNANCY",
        severity=Severity.INFO,
        applies=lambda f, d: f.pregnant,
        text=lambda f, d: (
            "Pregnancy: corticosteroids and IVIG are both safe and effective, without "
            "teratogenic effects. Doses use the actual body weight."
        ),
        citations=("1",),
        uses=("pregnant",),
        source=(S_PREGNANCY_SAFE,),
    ),
    AlertRule(
        id="ALERT-DOSING-WEIGHT",
        code="DOSING_WEIGHT",
        severity=Severity.INFO,
        applies=lambda f, d: f.assessment.dosing_weight == DosingWeight.ADJUSTED,
        text=lambda f, d: f.weights.note or "",
        citations=(),
        uses=("dosing_weight", "weight_kg", "height_cm", "sex", "age_years", "pregnant"),
        standard=DOSING_WEIGHT_POLICY,
    ),
    AlertRule(
        id="ALERT-NO-TREATMENT-INDICATED",
        code="NO_TREATMENT_INDICATED",
        severity=Severity.INFO,
        # Rules 2027.1: a patient bleeding now is never told "reassess if bleeding starts".
        applies=lambda f, d: (
            not f.active_bleeding
            and not any(
                decision.role in (Role.GIVE, Role.OPTION) for decision in d.decisions.values()
            )
        ),
        text=lambda f, d: (
            "No treatment is recommended for this situation. Reassess if bleeding "
            "starts, the count falls or a rapid rise becomes necessary."
        ),
        citations=(),
        uses=("platelet_count_per_uL", "bleeding", "condition"),
    ),
)
