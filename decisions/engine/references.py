"""What each reference number of the clinical source is known to be (never invented)."""

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Reference:
    number: str
    supports: str
    publication: str | None
    confidence: str

    def to_dict(self) -> dict[str, str | None]:
        return {
            "number": self.number,
            "supports": self.supports,
            "publication": self.publication,
            "confidence": self.confidence,
        }


REFERENCES = {
    ref.number: ref
    for ref in (
        Reference(
            "1",
            "1 g/kg single dose; IVIG with corticosteroids for a rapid rise; IVIG when "
            "corticosteroids are contraindicated; pregnancy; HCV- and HIV-associated ITP",
            "American Society of Hematology 2011 evidence-based practice guideline for ITP "
            "(Neunert C et al., Blood 2011;117(16):4190-4207)",
            "probable",
        ),
        Reference(
            "2", "mechanism: Fc receptor blockade with corticosteroids", None, "not identified"
        ),
        Reference(
            "3",
            "dosing algorithm by grade; emergency protocol; onset and response; adverse events",
            None,
            "not identified (a clinical review)",
        ),
        Reference(
            "4",
            "septic thrombocytopenia: 400 mg/kg daily x 3 days vs placebo, without DIC",
            "Treatment of septic thrombocytopenia with immune globulin. J Clin Immunol "
            "1991;11(6):363-368 (randomised, double-blind, 29 patients; DIC excluded)",
            "matched",
        ),
        Reference(
            "5",
            "platelet-associated IgG above 5,000 molecules per platelet predicts a better response",
            None,
            "not identified; no source found for the 5,000 threshold",
        ),
        Reference("6", "Fc receptor blockade on splenic macrophages", None, "not identified"),
        Reference(
            "7",
            "neonates: 400 mg/kg/day x 5 days",
            "High-dose intravenous gammaglobulin in neonatal immune thrombocytopenia. Am J "
            "Hematol 1987;26(3):247-253 (case series of 4 neonates)",
            "matched",
        ),
    )
}


def merge_citations(*groups: tuple[str, ...]) -> tuple[str, ...]:
    """Reference numbers of several lines, once each, in numeric order."""
    return tuple(sorted(set().union(*groups), key=int))
