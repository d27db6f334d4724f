"""The IVIG draft order: finding it in `context.draftOrders`, reading its dose, and the same order
with the engine's dose (the `update` suggestion's resource).

"The engine's dose" is the plan's IVIG dose per infusion day (`daily_dose_g`, exact to 0.1 g)
for its number of days. A FHIR doseQuantity is the amount per administration and IVIG is given
once a day, so the order's doseQuantity is compared with the daily dose, and its number of days
(timing.repeat.count, or boundsDuration in days) with the plan's: 1 g/kg ordered for 5 days is
five times the dose even though each day's amount is right. The suggestion sets both.
"""

import copy
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from decisions.ehr.json_shape import items, obj, text
from decisions.engine.code_systems import ATC, UCUM

IVIG_ATC_CODE = "J06BA02"  # immunoglobulins, normal human, for intravascular administration
GRAMS_PER = {"g": Decimal(1), "mg": Decimal("0.001"), "kg": Decimal(1000)}
# Orders that are urgent ask for a rapid rise (the API's rapid_increase_needed).
URGENT_PRIORITIES = {"urgent", "asap", "stat"}


@dataclass(frozen=True)
class IvigOrder:
    resource: dict
    dose_g: float | None  # per administration; None when not given or not readable
    dose_text: str  # the dose as ordered, for the card ("28 g", "no dose yet", "5 vials")
    days: int | None  # administrations ordered; None when the order does not say
    urgent: bool


def _is_ivig(resource: dict) -> bool:
    codings = items(obj(resource.get("medicationCodeableConcept")).get("coding"))
    return any(obj(c).get("system") == ATC and obj(c).get("code") == IVIG_ATC_CODE for c in codings)


def ivig_orders(context: dict, *, selected_only: bool) -> list[IvigOrder]:
    """The IVIG MedicationRequests of the draft orders (for order-select, the selected ones)."""
    entries = items(obj(context.get("draftOrders")).get("entry"))
    selections = items(context.get("selections")) if selected_only else None
    found = []
    for entry in entries:
        resource = obj(obj(entry).get("resource"))
        if resource.get("resourceType") != "MedicationRequest":
            continue
        if not _is_ivig(resource):
            continue
        chosen = f"MedicationRequest/{resource.get('id')}"
        if selections and chosen not in selections:
            continue
        found.append(read_order(resource))
    return found


def _first(value):
    """FHIR lists its repeating elements; the spec's own examples sometimes give one object."""
    if isinstance(value, list):
        return value[0] if value and isinstance(value[0], dict) else {}
    return value if isinstance(value, dict) else {}


def read_order(resource: dict) -> IvigOrder:
    dosage = _first(resource.get("dosageInstruction"))
    quantity = _first(dosage.get("doseAndRate")).get("doseQuantity")
    if not isinstance(quantity, dict):
        # R3 put doseQuantity straight on the dosage; a client may still send it so.
        quantity = dosage.get("doseQuantity")
    dose_g, dose_text = _dose_in_g(quantity)
    return IvigOrder(
        resource=resource,
        dose_g=dose_g,
        dose_text=dose_text,
        days=_days(dosage.get("timing")),
        urgent=text(resource.get("priority")) in URGENT_PRIORITIES,
    )


def _dose_in_g(quantity) -> tuple[float | None, str]:
    if not isinstance(quantity, dict):
        return None, "no dose yet"
    unit = text(quantity.get("code")) if quantity.get("system") in (UCUM, None) else None
    unit = unit or text(quantity.get("unit"))
    ordered = f"{quantity.get('value')} {unit or ''}".strip()[:40]
    try:
        value = Decimal(str(quantity.get("value")))
    except InvalidOperation:
        return None, ordered
    if unit not in GRAMS_PER or not value.is_finite() or value <= 0:
        return None, ordered
    return float(value * GRAMS_PER[unit]), f"{(value * GRAMS_PER[unit]).normalize():f} g"


def _days(timing) -> int | None:
    repeat = obj(obj(timing).get("repeat"))
    count = repeat.get("count")
    if isinstance(count, int) and not isinstance(count, bool) and count > 0:
        return count
    bounds = obj(repeat.get("boundsDuration"))
    value = bounds.get("value")
    if bounds.get("code", bounds.get("unit")) in ("d", "day", "days") and isinstance(value, int):
        return value if value > 0 else None
    return None


def with_engine_dose(order: IvigOrder, *, daily_dose_g: float, days: int, working: str) -> dict:
    """The whole MedicationRequest (an `update` carries it entire) with the engine's dose."""
    resource = copy.deepcopy(order.resource)
    instructions = resource.get("dosageInstruction")
    if not isinstance(instructions, list) or not instructions:
        instructions = [{}]
    dosage = dict(obj(instructions[0]))
    dosage.pop("doseQuantity", None)
    rate = _first(dosage.get("doseAndRate"))
    dosage["doseAndRate"] = [
        {
            **rate,
            "doseQuantity": {"value": daily_dose_g, "unit": "g", "system": UCUM, "code": "g"},
        }
    ]
    timing = dict(obj(dosage.get("timing")))
    repeat = {
        k: v
        for k, v in obj(timing.get("repeat")).items()
        if k not in ("count", "countMax", "boundsDuration")
    }
    repeat.update(count=days, frequency=1, period=1, periodUnit="d")
    timing["repeat"] = repeat
    dosage["timing"] = timing
    dosage["text"] = working
    resource["dosageInstruction"] = [dosage, *instructions[1:]]
    return resource
