"""What each reference number of the clinical source is known to be (never invented)."""

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Reference:
    """A reference of the source: the publication's parts where it was identified, else a note
    on what is known of it. `confidence`: "matched", "probable" or "not identified"."""

    number: str
    supports: str
    confidence: str
    authors: str | None = None
    title: str | None = None
    journal: str | None = None
    year: int | None = None
    # Volume(issue):pages, as a citation gives them.
    location: str | None = None
    note: str | None = None

    @property
    def publication(self) -> str | None:
        """The publication in one line (authors, title, journal, year), or None."""
        if self.title is None:
            return None
        parts = [self.authors, self.title, self.journal]
        cited = ". ".join(part for part in parts if part)
        year = f"{self.year};{self.location}" if self.location else str(self.year)
        return f"{cited}. {year}"

    def to_dict(self) -> dict[str, str | int | None]:
        return {
            "number": self.number,
            "supports": self.supports,
            "publication": self.publication,
            "confidence": self.confidence,
            "authors": self.authors,
            "title": self.title,
            "journal": self.journal,
            "year": self.year,
            "location": self.location,
            "note": self.note,
        }


NOT_IDENTIFIED = "not identified"

REFERENCES = {
    ref.number: ref
    for ref in (
        Reference(
            "1",
            "1 g/kg single dose; IVIG with corticosteroids for a rapid rise; IVIG when "
            "corticosteroids are contraindicated; pregnancy; HCV- and HIV-associated ITP",
            "probable",
            authors="Neunert C, et al",
            title="The American Society of Hematology 2011 evidence-based practice guideline for "
            "immune thrombocytopenia",
            journal="Blood",
            year=2011,
            location="117(16):4190-4207",
        ),
        Reference("2", "mechanism: Fc receptor blockade with corticosteroids", NOT_IDENTIFIED),
        Reference(
            "3",
            "dosing algorithm by grade; emergency protocol; onset and response; adverse events",
            NOT_IDENTIFIED,
            note="the source describes it as a clinical review",
        ),
        Reference(
            "4",
            "septic thrombocytopenia: 400 mg/kg daily x 3 days vs placebo, without DIC",
            "matched",
            title="Treatment of septic thrombocytopenia with immune globulin",
            journal="J Clin Immunol",
            year=1991,
            location="11(6):363-368",
            note="randomised, double-blind, 29 patients; DIC excluded",
        ),
        Reference(
            "5",
            "platelet-associated IgG above 5,000 molecules per platelet predicts a better response",
            NOT_IDENTIFIED,
            note="no source was found for the 5,000 threshold",
        ),
        Reference("6", "Fc receptor blockade on splenic macrophages", NOT_IDENTIFIED),
        Reference(
            "7",
            "neonates: 400 mg/kg/day x 5 days",
            "matched",
            title="High-dose intravenous gammaglobulin in neonatal immune thrombocytopenia",
            journal="Am J Hematol",
            year=1987,
            location="26(3):247-253",
            note="case series of 4 neonates",
        ),
    )
}


def merge_citations(*groups: tuple[str, ...]) -> tuple[str, ...]:
    """Reference numbers of several lines, once each, in numeric order."""
    return tuple(sorted(set().union(*groups), key=int))
