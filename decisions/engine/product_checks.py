"""What to check before hanging a given product for a given patient: the at-risk reasons that cap
the infusion rate, and the product's excipients or IgA against the patient.

Pure: reads the engine's Facts (decisions/engine/facts.py) and plain product values. Each check
is a row with its citation, so it can be laid beside the labels.
"""

from dataclasses import dataclass

from .facts import Facts
from .vocabulary import Severity

# FDA boxed warning (all IGIV labels): renal dysfunction and acute renal failure "occur more
# commonly in patients receiving IGIV products containing sucrose".
SUCROSE_CITATION = "FDA boxed warning for IGIV products (e.g. Carimune NF label: contains sucrose)"
# Labels, Contraindications: IgA-deficient patients with antibodies against IgA and a history
# of hypersensitivity (e.g. Privigen, Panzyga, Gamunex-C US prescribing information, section 4).
IGA_CITATION = "IGIV prescribing information, Contraindications (IgA deficiency with antibodies)"
# Flebogamma DIF SmPC 4.3: hereditary fructose intolerance (sorbitol); Gammaplex 5% likewise.
SORBITOL_CITATION = (
    "Flebogamma DIF SmPC, sections 2 and 4.3 (D-sorbitol 50 mg/mL); Gammaplex 5% US prescribing "
    "information, 4 Contraindications (D-sorbitol)"
)
# Both labels also contraindicate them "in infants and neonates for whom sucrose or fructose
# tolerance has not been established" (Flebogamma DIF US PI and Gammaplex 5% US PI, section 4).
SORBITOL_INFANT_CITATION = (
    "Flebogamma DIF and Gammaplex 5% US prescribing information, 4 Contraindications (infants "
    "and neonates for whom sucrose or fructose tolerance has not been established)"
)
# Privigen US prescribing information, 4 Contraindications: hyperprolinemia type I or II
# (Privigen contains L-proline as a stabiliser).
PROLINE_CITATION = "Privigen US prescribing information, 4 Contraindications (hyperprolinemia)"
# Infants: under 2 years (the labels' "infants"); a neonate always counts.
INFANT_MAX_AGE_YEARS = 2
# Octagam 5%/10% US prescribing information: maltose falsely raises GDH-PQQ glucose readings.
MALTOSE_CITATION = "Octagam 5% and 10% prescribing information (maltose and glucose meters)"


@dataclass(frozen=True, slots=True)
class ProductCheck:
    code: str
    severity: Severity
    text: str
    citation: str


def _words(value: str) -> str:
    return str(value).replace("_", " ")


def infusion_risk_reasons(facts: Facts) -> tuple[str, ...]:
    """Why this patient's infusion rate is capped (renal or thrombosis risk, heart failure)."""
    reasons = [f"renal risk: {_words(r)}" for r in sorted(facts.renal_risks)]
    reasons += [f"thrombosis risk: {_words(r)}" for r in sorted(facts.thrombosis_risks)]
    if facts.heart_failure:
        # Volume overload: the boxed warning's "minimum dose and infusion rate practicable".
        reasons.append("heart failure (volume overload)")
    return tuple(reasons)


def product_checks(
    *,
    stabiliser: str,
    iga_content: str,
    renal_risk: bool,
    iga_deficiency_with_antibodies: bool,
    age_group: str | None = None,
    age_years: float | None = None,
) -> tuple[ProductCheck, ...]:
    """The checks a product raises for this patient, most urgent first. `age_group` (adult,
    child, neonate) and `age_years` when the assessment knows it: a neonate, or a child under
    2, makes a sorbitol product CRITICAL."""
    found = []
    if stabiliser == "sucrose" and renal_risk:
        found.append(
            ProductCheck(
                "SUCROSE_RENAL_RISK",
                Severity.CRITICAL,
                "Contains sucrose, and the patient has renal risk factors: sucrose-containing "
                "IVIG accounts for most IVIG acute renal failure. Choose a sucrose-free product.",
                SUCROSE_CITATION,
            )
        )
    if iga_deficiency_with_antibodies:
        content = iga_content or "not given in the catalogue"
        found.append(
            ProductCheck(
                "IGA_DEFICIENCY",
                Severity.CRITICAL,
                "IgA deficiency with antibodies against IgA: immune globulin is contraindicated "
                f"after a hypersensitivity reaction. This product's IgA content: {content}.",
                IGA_CITATION,
            )
        )
    if stabiliser == "sorbitol":
        found.append(_sorbitol_check(_is_infant(age_group, age_years)))
    if stabiliser == "proline":
        found.append(
            ProductCheck(
                "PROLINE_HYPERPROLINAEMIA",
                Severity.WARNING,
                "Contains L-proline: contraindicated in hyperprolinaemia type I or II. The "
                "assessment does not ask about it: confirm with the patient before giving.",
                PROLINE_CITATION,
            )
        )
    if stabiliser == "maltose":
        found.append(
            ProductCheck(
                "MALTOSE_GLUCOSE_METERS",
                Severity.CAUTION,
                "Contains maltose: some glucose meters (GDH-PQQ strips) read it as glucose. "
                "Measure blood glucose with a glucose-specific method.",
                MALTOSE_CITATION,
            )
        )
    return tuple(found)


def _is_infant(age_group: str | None, age_years: float | None) -> bool:
    if age_group == "neonate":
        return True
    return age_years is not None and age_years < INFANT_MAX_AGE_YEARS


def _sorbitol_check(infant: bool) -> ProductCheck:
    if infant:
        return ProductCheck(
            "SORBITOL",
            Severity.CRITICAL,
            "Contains sorbitol: contraindicated in infants and neonates for whom sucrose or "
            "fructose tolerance has not been established, and in hereditary fructose "
            "intolerance. Choose a sorbitol-free product.",
            SORBITOL_INFANT_CITATION,
        )
    return ProductCheck(
        "SORBITOL",
        Severity.WARNING,
        "Contains sorbitol: contraindicated in hereditary fructose intolerance. The "
        "assessment does not ask about it: confirm with the patient before giving.",
        SORBITOL_CITATION,
    )
