"""Plans exported as FHIR, and what the tests read back from the bundles."""

from fhir.resources.R4B.bundle import Bundle

from decisions.assessment.services import assessment_complete_emergency, assessment_save_answers
from tests.factories import case_for

# The emergency fast path: the condition and the rest not answered yet (assumed, and listed).
EMERGENCY_SO_FAR = {
    "weight_kg": 70,
    "age_group": "adult",
    "platelet_count": 12000,
    "bleeding": "life_threatening",
    "bleeding_sites": ["gi"],
}
STEROID_CONTRAINDICATED = {
    "weight_kg": 70,
    "age_group": "adult",
    "condition": "primary_itp",
    "platelet_count": 12000,
    "bleeding": "none",
    "steroid_contraindications": ["diabetes"],
}
HIV_ITP = {
    "weight_kg": 70,
    "age_group": "adult",
    "condition": "hiv_itp",
    "platelet_count": 12000,
    "bleeding": "none",
}
ADULT_NOT_BLEEDING = {
    "weight_kg": 70,
    "age_group": "adult",
    "condition": "primary_itp",
    "platelet_count": 20000,
    "bleeding": "none",
}


def emergency_plan_for(user, team):
    """A partial plan made on the emergency fast path; returns its snapshot."""
    case = case_for(user, team)
    assessment = case.assessments.get()
    assessment_save_answers(assessment=assessment, user=user, answers=EMERGENCY_SO_FAR)
    return assessment_complete_emergency(assessment=assessment, user=user)


def fhir_url(snapshot) -> str:
    assessment = snapshot.assessment
    return f"/api/v1/plans/{assessment.case.reference}/{assessment.number}.fhir.json"


def exported(client, snapshot, **headers) -> dict:
    """The plan's export, checked to be valid FHIR R4 (R4B models) and returned as JSON."""
    response = client.get(fhir_url(snapshot), headers=headers)
    assert response.status_code == 200, response.content[:500]
    assert response["Content-Type"] == "application/fhir+json"
    data = response.json()
    Bundle.model_validate(data)  # raises if the bundle is not valid FHIR
    return data


def resources(bundle: dict, resource_type: str) -> list[dict]:
    return [
        e["resource"] for e in bundle["entry"] if e["resource"]["resourceType"] == resource_type
    ]


def careplan(bundle: dict) -> dict:
    (plan,) = resources(bundle, "CarePlan")
    return plan


def full_url(bundle: dict, resource: dict) -> str:
    return next(e["fullUrl"] for e in bundle["entry"] if e["resource"] is resource)


def medication(bundle: dict, atc: str) -> list[dict]:
    """The MedicationRequests for the drug with this ATC code."""
    return [
        r
        for r in resources(bundle, "MedicationRequest")
        if any(c["code"] == atc for c in r["medicationCodeableConcept"].get("coding", []))
    ]


def checks(bundle: dict, loinc: str) -> list[dict]:
    return [
        r
        for r in resources(bundle, "ServiceRequest")
        if any(c["code"] == loinc for c in r["code"].get("coding", []))
    ]
