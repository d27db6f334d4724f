"""The standards the safety layer rests on where the clinical source is silent (rules 2027.1).

A rule that rests on one names it by key (`standards=(BSH_2016,)`); each plan line it produces
carries the keys in `standards`, beside the source's reference numbers in `citations`.
"""

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Standard:
    key: str
    title: str

    def to_dict(self) -> dict[str, str]:
        return {"key": self.key, "title": self.title}


BSH_2016 = "BSH-2016"
ASH_2019 = "ASH-2019"
ICR_2019 = "ICR-2019"
IG_LABEL = "IG-LABEL"
KDIGO_2012 = "KDIGO-2012"
SSC_2021 = "SSC-2021"
STEROID_PROTOCOL = "PREDNISONE-MAX-80"
DOSING_WEIGHT = "IG-DOSING-WEIGHT"

STANDARDS = {
    standard.key: standard
    for standard in (
        Standard(
            BSH_2016,
            "British Society for Haematology: Guidelines for the use of platelet transfusions "
            "(Estcourt LJ et al., Br J Haematol 2017;176:365-394; published online 2016)",
        ),
        Standard(
            ASH_2019,
            "American Society of Hematology 2019 guidelines for immune thrombocytopenia "
            "(Neunert C et al., Blood Adv 2019;3(23):3829-3866)",
        ),
        Standard(
            ICR_2019,
            "Updated international consensus report on the investigation and management of "
            "primary immune thrombocytopenia (Provan D et al., Blood Adv 2019;3(22):3780-3817)",
        ),
        Standard(
            IG_LABEL,
            "Immune globulin intravenous (human) class labelling: US prescribing information "
            "(contraindications, boxed warning, warnings and precautions)",
        ),
        Standard(
            KDIGO_2012,
            "KDIGO Clinical Practice Guideline for Acute Kidney Injury (Kidney Int Suppl "
            "2012;2:1-138): AKI is a creatinine rise of 0.3 mg/dL or more within 48 h, or to 1.5 "
            "times baseline or more within 7 days, or urine output below 0.5 mL/kg/h for 6 h",
        ),
        Standard(
            SSC_2021,
            "Surviving Sepsis Campaign: international guidelines for management of sepsis and "
            "septic shock 2021 (Evans L et al., Intensive Care Med 2021;47:1181-1247)",
        ),
        Standard(
            STEROID_PROTOCOL,
            "First-line ITP treatment summary after the ASH 2019 guideline (Aird W, The Blood "
            "Project, 2021): prednisone 1-2 mg/kg up to a maximum of 80 mg daily",
        ),
        Standard(
            DOSING_WEIGHT,
            "Dosing-weight policy of immunoglobulin programmes (Australia, Ontario, NHS England)",
        ),
    )
}


def merge_standards(*groups: tuple[str, ...]) -> tuple[str, ...]:
    """Standard keys of several lines, once each, in the order first named."""
    return tuple(dict.fromkeys(key for group in groups for key in group))
