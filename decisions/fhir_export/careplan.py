"""The CarePlan of the export: the plan's activities in the plan's order, its alerts and expected
response as notes, and the rule-set version that made it.

Each line the plan gives or offers is an activity referring to its request; a line the plan
advises against (role "avoid") is an activity with `doNotPerform`, never a request, so nothing
reading the bundle can take it for something to give.
"""

from dataclasses import dataclass

from decisions.fhir_export import codings
from decisions.fhir_export.codings import concept
from decisions.snapshot import expected_response, plan_alerts, recommendation_title

# The plan is decision support: proposed to the clinician, who decides and orders.
CAREPLAN_STATUS = "draft"
CAREPLAN_INTENT = "proposal"
SEVERITY_WORDS = {"critical": "Critical", "warning": "Warning", "caution": "Caution"}


@dataclass(frozen=True, slots=True)
class CarePlanParts:
    identifier: dict
    ruleset_uri: str
    title: str
    subject: dict
    created: str
    # Every line of the plan in its order: (recommendation, reference to its request or None).
    lines: list[tuple[dict, dict | None]]
    checks: list[dict]  # references to the checks' ServiceRequests
    assumptions: list[dict]  # a partial (emergency) plan's assumed answers, as stored


def careplan(plan: dict, parts: CarePlanParts) -> dict:
    return {
        "resourceType": "CarePlan",
        "identifier": [parts.identifier],
        "instantiatesUri": [parts.ruleset_uri],
        "status": CAREPLAN_STATUS,
        "intent": CAREPLAN_INTENT,
        "title": parts.title,
        "subject": parts.subject,
        "created": parts.created,
        "activity": [_activity(item, ref) for item, ref in parts.lines]
        + [{"reference": ref} for ref in parts.checks],
        "note": _notes(plan, parts.assumptions),
    }


def _activity(item: dict, reference: dict | None) -> dict:
    if reference is not None:
        return {"reference": reference}
    detail = {
        "status": "not-started",
        "description": item["text"],
        "doNotPerform": item["role"] == "avoid",
    }
    if codings.is_medication(item):
        detail["kind"] = "MedicationRequest"
        detail["productCodeableConcept"] = concept(
            codings.medication_code(item), recommendation_title(item["code"])
        )
    else:
        code = codings.PROCEDURE_CODES.get(item["code"]) or codings.OTHER_CODES.get(item["code"])
        detail["code"] = concept(code, recommendation_title(item["code"]))
    return {"detail": detail}


def _notes(plan: dict, assumptions: list[dict]) -> list[dict]:
    notes = [
        {"text": f"{SEVERITY_WORDS.get(alert['severity'], 'Note')}: {alert['text']}"}
        for alert in plan_alerts(plan)
    ]
    response = expected_response(plan)
    if response:
        notes.append({"text": f"Expected response: {response['text']}"})
    if assumptions:
        assumed = "; ".join(f"{a['question']}: {a['assumed']}" for a in assumptions)
        notes.append({"text": f"Partial plan, made before every answer was given: {assumed}."})
    return notes
