"""The terminology of the FHIR export: which code of which system names each drug, procedure and
check of a stored plan, and the UCUM units of its quantities.

A row per code, each with the standard it comes from, so a reviewer can tick them off against
the WHO ATC index, SNOMED CT and LOINC. A line of the plan with no row here is exported with its
text only (a CodeableConcept may be text alone), never with a guessed code.
"""

from dataclasses import dataclass

from decisions.engine.code_systems import ATC, UCUM

SNOMED = "http://snomed.info/sct"
LOINC = "http://loinc.org"


@dataclass(frozen=True, slots=True)
class Code:
    system: str
    code: str
    display: str

    def coding(self) -> dict:
        return {"system": self.system, "code": self.code, "display": self.display}


# WHO Collaborating Centre for Drug Statistics Methodology, ATC/DDD Index: J06BA normal human
# immunoglobulins, J06BB specific immunoglobulins, H02AB glucocorticoids.
IVIG = Code(ATC, "J06BA02", "immunoglobulins, normal human, for intravascular adm.")
ANTI_D = Code(ATC, "J06BB01", "anti-D (rh) immunoglobulin")
CORTICOSTEROIDS = {
    "prednisone": Code(ATC, "H02AB07", "prednisone"),
    "prednisolone": Code(ATC, "H02AB06", "prednisolone"),
    "methylprednisolone": Code(ATC, "H02AB04", "methylprednisolone"),
    "dexamethasone": Code(ATC, "H02AB02", "dexamethasone"),
    "hydrocortisone": Code(ATC, "H02AB09", "hydrocortisone"),
}
# The recommendation codes of the plan that are a drug: by the line's `drug` when it names one
# (the corticosteroid lines), else by its code.
MEDICATION_CODES = {
    "IVIG": IVIG,
    "IVIG_5_DAY_LOW_DOSE": IVIG,  # a regimen of IVIG (only ever advised against)
    "ANTI_D": ANTI_D,
    "CORTICOSTEROID": None,  # the drug it names
    "DEXAMETHASONE": CORTICOSTEROIDS["dexamethasone"],
}

# SNOMED CT International Edition.
INTRAVENOUS_ROUTE = Code(SNOMED, "47625008", "Intravenous route")
PLATELET_TRANSFUSION = Code(SNOMED, "12719002", "Platelet transfusion")
ANTIVIRAL_THERAPY = Code(SNOMED, "427314002", "Antiviral therapy")
LABORATORY_PROCEDURE = Code(SNOMED, "108252007", "Laboratory procedure")
# The recommendation codes of the plan that are a procedure (a ServiceRequest when given).
PROCEDURE_CODES = {"PLATELET_TRANSFUSION": PLATELET_TRANSFUSION}
# Lines that are neither a drug nor a procedure to order; exported as the plan says them.
OTHER_CODES = {"ANTIVIRAL_THERAPY_FIRST": ANTIVIRAL_THERAPY}

# LOINC. Creatinine is the analyte every renal check of the plan measures and the one KDIGO
# staging reads (decisions/engine/kdigo.py); the check's text names the rest (BUN, urine output)
# as the plan does. Platelets: the code the CDS Hooks contract searches for first.
CREATININE = Code(LOINC, "2160-0", "Creatinine [Mass/volume] in Serum or Plasma")
URINE_OUTPUT = Code(LOINC, "9187-6", "Urine output")
PLATELETS = Code(LOINC, "777-3", "Platelets [#/volume] in Blood by Automated count")
# Monitoring codes of the plan -> (the test ordered, whether it is a laboratory test).
MONITORING_CODES = {
    "RENAL_FUNCTION_BASELINE": (CREATININE, True),
    "RENAL_FUNCTION": (CREATININE, True),
    "URINE_OUTPUT": (URINE_OUTPUT, False),
    "PLATELET_COUNT": (PLATELETS, True),
}


def medication_code(item: dict) -> Code | None:
    """The ATC code of a recommendation that is a drug, else None."""
    if item["code"] == "CORTICOSTEROID":
        return CORTICOSTEROIDS.get(item.get("drug") or "")
    return MEDICATION_CODES.get(item["code"])


def is_medication(item: dict) -> bool:
    return item["code"] in MEDICATION_CODES


def quantity(value: float, unit: str) -> dict:
    """A FHIR Quantity in UCUM: `unit` is both the human unit and the UCUM code (g, mg, h, d)."""
    return {"value": value, "unit": unit, "system": UCUM, "code": unit}


def concept(code: Code | None, text: str) -> dict:
    """A CodeableConcept: the code when there is one, and always the plan's words."""
    return {"coding": [code.coding()], "text": text} if code else {"text": text}
