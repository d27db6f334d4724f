"""One FHIR request per line of a stored plan: a MedicationRequest for each drug the plan gives or
offers, a ServiceRequest for each procedure it gives or offers and for each check it asks for.

Built as FHIR R4 JSON from the snapshot's own fields (doses, working, texts), never recomputed;
bundle.py validates the whole with fhir.resources' models.
"""

from dataclasses import dataclass

from decisions.fhir_export import codings
from decisions.fhir_export.codings import concept, quantity
from decisions.snapshot import RENAL_BASELINE_CODE, exact_daily_dose_g, recommendation_title

# The plan proposes; the clinician orders. A line offered as an option is FHIR's intent
# "option" (one of several to choose from), a line to give now a "proposal".
INTENTS = {"give": "proposal", "option": "option"}
# Not yet ordered: the clinician turns the proposal into an order in the EHR.
REQUEST_STATUS = "draft"
# FHIR R4 core extension: a time given as an offset from another event (here the IVIG infusion).
RELATIVE_TIME = "http://hl7.org/fhir/StructureDefinition/cqf-relativeDateTime"


@dataclass(frozen=True, slots=True)
class RequestContext:
    """What every request of one plan shares."""

    subject: dict  # a Reference to the Patient entry
    authored_on: str  # when the plan was made (ISO 8601)
    emergency: bool


def medication_request(item: dict, context: RequestContext) -> dict:
    """A MedicationRequest for a drug the plan gives or offers, its dose as the plan has it."""
    request = {
        "resourceType": "MedicationRequest",
        "status": REQUEST_STATUS,
        "intent": INTENTS[item["role"]],
        "medicationCodeableConcept": concept(
            codings.medication_code(item), recommendation_title(item["code"])
        ),
        "subject": context.subject,
        "authoredOn": context.authored_on,
        "dosageInstruction": [_dosage(item)],
        "note": _notes(item),
    }
    return _with_priority(request, item, context)


def procedure_request(item: dict, context: RequestContext) -> dict:
    """A ServiceRequest for a procedure the plan gives or offers (a platelet transfusion)."""
    request = {
        "resourceType": "ServiceRequest",
        "status": REQUEST_STATUS,
        "intent": INTENTS[item["role"]],
        "code": concept(
            codings.PROCEDURE_CODES.get(item["code"]), recommendation_title(item["code"])
        ),
        "subject": context.subject,
        "authoredOn": context.authored_on,
        "note": _notes(item),
    }
    return _with_priority(request, item, context)


def check_request(item: dict, context: RequestContext, *, ivig_reference: dict | None) -> dict:
    """A ServiceRequest for one check of the plan's monitoring (renal, urine output, platelets),
    timed as the plan times it, relative to the IVIG infusion when the plan gives IVIG."""
    code, laboratory = codings.MONITORING_CODES[item["code"]]
    request = {
        "resourceType": "ServiceRequest",
        "status": REQUEST_STATUS,
        "intent": "proposal",
        "code": concept(code, item["text"]),
        "subject": context.subject,
        "authoredOn": context.authored_on,
        "occurrenceTiming": _check_timing(item, ivig_reference),
        "note": [{"text": _sources(item)}],
    }
    if laboratory:
        request["category"] = [concept(codings.LABORATORY_PROCEDURE, "Laboratory procedure")]
    return request


def _with_priority(request: dict, item: dict, context: RequestContext) -> dict:
    # An emergency plan's "give now" lines are for now: FHIR's "stat".
    if context.emergency and item["role"] == "give":
        request["priority"] = "stat"
    return request


def _dosage(item: dict) -> dict:
    if item.get("daily_dose_g") is not None:
        return _ivig_dosage(item)
    dosage = {"text": _action(item)}
    dose = _mg_dose(item)
    if dose is not None:
        dosage["timing"] = _daily(item.get("days"))
        dosage["doseAndRate"] = [dose]
    return dosage


def _ivig_dosage(item: dict) -> dict:
    """The IVIG dose in g a day, exactly as the plan worked it out (a neonate's whole mg, not
    the 0.1 g rounding); the working in `text`."""
    return {
        "text": item.get("dose_working") or _action(item),
        "timing": _daily(item.get("days")),
        "route": concept(codings.INTRAVENOUS_ROUTE, "Intravenous"),
        "doseAndRate": [{"doseQuantity": quantity(exact_daily_dose_g(item), "g")}],
    }


def _mg_dose(item: dict) -> dict | None:
    """A corticosteroid's daily dose: a fixed mg a day, or the plan's range of mg a day."""
    if item.get("mg_per_day") is not None:
        return {"doseQuantity": quantity(item["mg_per_day"], "mg")}
    daily = item.get("daily_dose_mg")
    if isinstance(daily, list) and daily:
        low, high = daily[0], daily[-1]
        if low == high:
            return {"doseQuantity": quantity(low, "mg")}
        return {"doseRange": {"low": quantity(low, "mg"), "high": quantity(high, "mg")}}
    return None


def _daily(days: int | None) -> dict:
    """Once a day; for `days` days when the plan says how many."""
    repeat = {"frequency": 1, "period": 1, "periodUnit": "d"}
    if days:
        repeat["count"] = days
    return {"repeat": repeat}


def _check_timing(item: dict, ivig_reference: dict | None) -> dict:
    hours = item.get("hours_after_infusion")
    text = item.get("timing") or f"{hours} h after the end of the last infusion"
    timing: dict = {"code": {"text": text}}
    if ivig_reference is None:
        return timing
    if hours is not None:
        timing["extension"] = [_relative(ivig_reference, "after-end", hours)]
    elif item["code"] == RENAL_BASELINE_CODE:
        timing["extension"] = [_relative(ivig_reference, "before-start", None)]
    return timing


def _relative(target: dict, relationship: str, hours: int | None) -> dict:
    parts = [
        {"url": "target", "valueReference": target},
        {"url": "relationship", "valueCode": relationship},
    ]
    if hours is not None:
        parts.append({"url": "offset", "valueDuration": quantity(hours, "h")})
    return {"url": RELATIVE_TIME, "extension": parts}


def _action(item: dict) -> str:
    """The line's text without its reason (the reason goes in a note)."""
    why = item.get("why")
    return item["text"].removesuffix(f" {why}") if why else item["text"]


def _notes(item: dict) -> list[dict]:
    notes = [item.get("why"), item.get("rounding_note"), item.get("evidence_note")]
    return [{"text": text} for text in (*notes, _sources(item)) if text]


def _sources(item: dict) -> str:
    """The rule that made the line and the references it cites, as the plan page gives them."""
    cited = ", ".join(f"[{number}]" for number in item.get("citations", []))
    standards = ", ".join(item.get("standards", []))
    text = f"Rule {item['rule_id']}"
    text += f"; source {cited}" if cited else ""
    return text + (f"; standards {standards}" if standards else "")
