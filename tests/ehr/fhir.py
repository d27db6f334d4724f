"""FHIR R4 resources as an EHR sends them, for the tests and the demo client."""

from datetime import UTC, date, datetime, timedelta

LOINC = "http://loinc.org"
UCUM = "http://unitsofmeasure.org"
PATIENT_ID = "1288992"  # the CDS Hooks specification's example patient


def years_ago(years: int, today: date | None = None) -> str:
    today = today or datetime.now(UTC).date()
    try:
        return today.replace(year=today.year - years).isoformat()
    except ValueError:
        return today.replace(year=today.year - years, day=28).isoformat()


def days_ago(days: int) -> str:
    return (datetime.now(UTC).date() - timedelta(days=days)).isoformat()


def patient(birth_date: str | None, gender: str = "female") -> dict:
    resource = {
        "resourceType": "Patient",
        "id": PATIENT_ID,
        "gender": gender,
        "name": [{"use": "official", "family": "Lovelace", "given": ["Ada"]}],
        "identifier": [
            {
                "type": {"coding": [{"code": "MR"}]},
                "system": "urn:oid:2.16.840.1.113883.19.5",
                "value": "H123456",
            }
        ],
        "active": True,
    }
    if birth_date:
        resource["birthDate"] = birth_date
    return resource


def observation(code: str, value: float, unit: str, *, taken_days_ago: int = 0) -> dict:
    taken = datetime.now(UTC) - timedelta(days=taken_days_ago)
    return {
        "resourceType": "Observation",
        "id": f"obs-{code}-{taken_days_ago}",
        "status": "final",
        "code": {"coding": [{"system": LOINC, "code": code}]},
        "subject": {"reference": f"Patient/{PATIENT_ID}"},
        "effectiveDateTime": taken.isoformat(timespec="seconds").replace("+00:00", "Z"),
        "valueQuantity": {"value": value, "unit": unit, "system": UCUM, "code": unit},
    }


def searchset(*resources: dict) -> dict:
    return {
        "resourceType": "Bundle",
        "type": "searchset",
        "total": len(resources),
        "entry": [{"resource": r} for r in resources],
    }


def platelets(value: float, unit: str = "10*3/uL", **kw) -> dict:
    return observation("777-3", value, unit, **kw)


def weight(value: float, unit: str = "kg", **kw) -> dict:
    return observation("29463-7", value, unit, **kw)


def creatinine(value: float = 0.9, *, taken_days_ago: int = 2) -> dict:
    return observation("2160-0", value, "mg/dL", taken_days_ago=taken_days_ago)


def ivig_order(
    dose: float | None,
    unit: str = "g",
    *,
    days: int | None = 1,
    priority: str = "routine",
    order_id: str = "ivig-1",
) -> dict:
    """The specification's order-select MedicationRequest, adapted to IVIG (ATC J06BA02)."""
    dosage: dict = {"text": "IVIG", "route": {"text": "intravenous"}}
    if days is not None:
        dosage["timing"] = {
            "repeat": {"count": days, "frequency": 1, "period": 1, "periodUnit": "d"}
        }
    if dose is not None:
        dosage["doseAndRate"] = [
            {"doseQuantity": {"value": dose, "unit": unit, "system": UCUM, "code": unit}}
        ]
    return {
        "resourceType": "MedicationRequest",
        "id": order_id,
        "status": "draft",
        "intent": "order",
        "priority": priority,
        "medicationCodeableConcept": {
            "coding": [
                {
                    "system": "http://www.whocc.no/atc",
                    "code": "J06BA02",
                    "display": "immunoglobulins, normal human, for intravascular adm.",
                }
            ],
            "text": "Immune globulin intravenous (human) 10%",
        },
        "subject": {"reference": f"Patient/{PATIENT_ID}"},
        "dosageInstruction": [dosage],
    }


NOT_IVIG = {
    "resourceType": "NutritionOrder",
    "id": "pureeddiet-simple",
    "status": "draft",
    "patient": {"reference": f"Patient/{PATIENT_ID}"},
}


def order_call(
    hook: str,
    orders: list[dict],
    prefetch: dict | None,
    *,
    fhir_server: str | None = None,
    selections: list[str] | None = None,
) -> dict:
    """A CDS Hooks request as the specification's order-select/order-sign examples write it."""
    context = {
        "userId": "PractitionerRole/123",
        "patientId": PATIENT_ID,
        "encounterId": "89284",
        "draftOrders": {
            "resourceType": "Bundle",
            "type": "collection",
            "entry": [{"resource": NOT_IVIG}, *({"resource": o} for o in orders)],
        },
    }
    if hook == "order-select":
        context["selections"] = selections or [f"MedicationRequest/{o['id']}" for o in orders]
    body = {
        "hookInstance": "d1577c69-dfbe-44ad-ba6d-3e05e953b2ea",
        "hook": hook,
        "context": context,
    }
    if prefetch is not None:
        body["prefetch"] = prefetch
    if fhir_server is not None:
        body["fhirServer"] = fhir_server
        body["fhirAuthorization"] = {
            "access_token": "some-opaque-fhir-access-token",
            "token_type": "Bearer",
            "expires_in": 300,
            "scope": "user/Patient.read user/Observation.read",
            "subject": "cds-service4",
        }
    return body


def prefetch_for(
    *, birth_date, weight_obs, platelet_obs, creatinine_obs=None, gender="female"
) -> dict:
    return {
        "patient": patient(birth_date, gender),
        "platelets": searchset(*([platelet_obs] if platelet_obs else [])),
        "weight": searchset(*([weight_obs] if weight_obs else [])),
        "creatinine": searchset(*([creatinine_obs] if creatinine_obs else [])),
    }
