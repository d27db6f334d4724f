"""The three services of the contract and the FHIR data each asks the EHR to prefetch."""

LOINC = "http://loinc.org"
# The contract's codes: platelets LOINC 777-3 or 26515-7; body weight 29463-7; creatinine
# 2160-0 (mass/volume) or 14682-9 (moles/volume).
PLATELET_CODES = ("777-3", "26515-7")
WEIGHT_CODES = ("29463-7",)
CREATININE_CODES = ("2160-0", "14682-9")
PATIENT_TOKEN = "{{context.patientId}}"  # noqa: S105 # nosec B105 # a prefetch token, not a secret


def _newest(codes: tuple[str, ...]) -> str:
    """A search for the newest Observation with one of these LOINC codes."""
    code = ",".join(f"{LOINC}|{c}" for c in codes)
    return f"Observation?patient={PATIENT_TOKEN}&code={code}&_sort=-date&_count=1"


PREFETCH = {
    "patient": f"Patient/{PATIENT_TOKEN}",
    "platelets": _newest(PLATELET_CODES),
    "weight": _newest(WEIGHT_CODES),
    "creatinine": _newest(CREATININE_CODES),
}
# The prefetch keys that must be Observation searches, with the codes their results must carry.
OBSERVATION_KEYS = {
    "platelets": PLATELET_CODES,
    "weight": WEIGHT_CODES,
    "creatinine": CREATININE_CODES,
}

ORDER_SELECT = "ivig-order-select"
ORDER_SIGN = "ivig-order-sign"
PATIENT_VIEW = "ivig-patient-view"

SERVICES = (
    {
        "hook": "order-select",
        "id": ORDER_SELECT,
        "title": "IVIG order check (as the order is chosen)",
        "description": "Checks an IVIG (ATC J06BA02) draft order against the engine's plan for "
        "the patient's weight, age and platelet count: the dose, a count that is not "
        "thrombocytopenic, missing data, renal function, the source's pitfalls.",
        "prefetch": PREFETCH,
    },
    {
        "hook": "order-sign",
        "id": ORDER_SIGN,
        "title": "IVIG order check (before signing)",
        "description": "The same checks as ivig-order-select, again before the IVIG order is "
        "signed.",
        "prefetch": PREFETCH,
    },
    {
        "hook": "patient-view",
        "id": PATIENT_VIEW,
        "title": "Platelet count calling for an IVIG assessment",
        "description": "When the patient's newest platelet count is below 50,000/uL, offers a "
        "link that opens an assessment prefilled from the EHR.",
        "prefetch": PREFETCH,
    },
)
SERVICES_BY_ID = {service["id"]: service for service in SERVICES}


def discovery_document() -> dict:
    return {"services": list(SERVICES)}
