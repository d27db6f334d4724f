"""The treatments a plan can name, and the IVIG regimens of the clinical source."""

from dataclasses import dataclass


class Code:
    """Recommendation codes of the API contract (and the project's additions)."""

    IVIG = "IVIG"
    CORTICOSTEROID = "CORTICOSTEROID"
    PLATELET_TRANSFUSION = "PLATELET_TRANSFUSION"
    ANTIVIRAL_THERAPY_FIRST = "ANTIVIRAL_THERAPY_FIRST"
    ANTI_D = "ANTI_D"
    # Project addition: the outdated 5-day regimen, named so it can be advised against.
    IVIG_5_DAY_LOW_DOSE = "IVIG_5_DAY_LOW_DOSE"
    # Rules 2027.1: observation without ITP treatment (ASH 2019, children), and dexamethasone
    # 40 mg/day x 4 as the other corticosteroid ASH 2019 offers adults.
    OBSERVATION = "OBSERVATION"
    DEXAMETHASONE = "DEXAMETHASONE"


# Order in which recommendations are listed within a role.
CODE_ORDER = {
    code: rank
    for rank, code in enumerate(
        (
            Code.ANTIVIRAL_THERAPY_FIRST,
            Code.OBSERVATION,
            Code.IVIG,
            Code.CORTICOSTEROID,
            Code.DEXAMETHASONE,
            Code.PLATELET_TRANSFUSION,
            Code.ANTI_D,
            Code.IVIG_5_DAY_LOW_DOSE,
        )
    )
}


@dataclass(frozen=True, slots=True)
class IvigRegimen:
    name: str
    g_per_kg_per_day: float
    days: int
    citations: tuple[str, ...]
    evidence_note: str | None = None


# seed ref 1, 3: "administered at 1 g/kg as a single dose"
SINGLE_1G = IvigRegimen("1 g/kg as a single dose", 1.0, 1, ("1", "3"))

# seed ref 7: "IVIG 400 mg/kg/day for 5 days ... in neonates"
NEONATAL_5_DAY = IvigRegimen(
    "0.4 g/kg/day for 5 days",
    0.4,
    5,
    ("7",),
    evidence_note=(
        "Thin evidence: this regimen comes from a case series of four neonates (two alloimmune, "
        "two maternal ITP; Am J Hematol 1987;26:247); in the maternal-ITP cases the rise was "
        "transient."
    ),
)

# seed ref 4: "IVIG 400 mg/kg daily for 3 days ... in septic patients without DIC"
SEPSIS_3_DAY = IvigRegimen(
    "0.4 g/kg/day for 3 days",
    0.4,
    3,
    ("4",),
    evidence_note=(
        "Thin evidence: one randomised, double-blind trial of 29 patients with DIC excluded "
        "(J Clin Immunol 1991;11:363); the placebo arm also rose, from 51,000 to 125,000/uL. "
        "The Surviving Sepsis Campaign 2021 guideline suggests against intravenous "
        "immunoglobulin in adults with sepsis or septic shock (weak recommendation, low-quality "
        "evidence); this course is for the thrombocytopenia, not the sepsis."
    ),
)

# seed ref 1, 3: the regimen the source calls outdated when a rapid response is needed.
OUTDATED_5_DAY = IvigRegimen("0.4 g/kg/day for 5 days", 0.4, 5, ("1", "3"))

PREDNISONE = "prednisone"
