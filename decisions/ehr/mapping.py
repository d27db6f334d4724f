"""FHIR R4 resources to the API's assessment fields (the names POST /api/v1/evaluate takes).

Age group from Patient.birthDate (contract: neonate 28 days or younger, child under 18); the
platelet count and the weight from their UCUM units. What cannot be read is named, never guessed.
"""

import math
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from decisions.ehr.fhir_read import EhrRecord, observed_at
from decisions.ehr.json_shape import items, obj, text
from decisions.engine.code_systems import UCUM
from decisions.engine.grading import platelet_count_per_uL
from decisions.engine.vocabulary import AgeGroup, PlateletUnit

NEONATE_MAX_DAYS = 28  # contract: a neonate is 28 days old or younger
ADULT_FROM_YEARS = 18
# UCUM unit -> the API's platelet_unit (10*3/uL and 10*9/L are the same number).
PLATELET_UNITS = {
    "10*3/uL": PlateletUnit.X10_9_PER_L,
    "10*9/L": PlateletUnit.X10_9_PER_L,
    "/uL": PlateletUnit.PER_UL,
}
GRAMS_PER_UNIT = {"kg": Decimal(1000), "g": Decimal(1)}
GRAMS_PER_KG = Decimal(1000)


@dataclass(frozen=True)
class MappedPatient:
    """The API fields the EHR's data gives, what is missing or unreadable, and when."""

    fields: dict
    missing: tuple[str, ...] = ()
    unreadable: tuple[str, ...] = ()
    count_per_uL: float | None = None
    counted_at: datetime | None = None
    creatinine_at: datetime | None = None
    patient: dict = field(default_factory=dict)


def _quantity(observation: dict | None) -> tuple[Decimal, str] | None:
    quantity = (observation or {}).get("valueQuantity")
    if not isinstance(quantity, dict):
        return None
    unit = text(quantity.get("code")) if quantity.get("system") in (UCUM, None) else None
    unit = unit or text(quantity.get("unit"))
    try:
        value = Decimal(str(quantity.get("value")))
    except InvalidOperation:
        return None
    if not value.is_finite() or not isinstance(unit, str):
        return None
    return value, unit


def age_fields(birth: date, today: date) -> dict:
    """age_group and age_years from a birth date (years as a calendar counts them)."""
    days = (today - birth).days
    if days <= NEONATE_MAX_DAYS:
        # Floored, never rounded up past a group's edge (28 days is 0.0766 years).
        return {"age_group": str(AgeGroup.NEONATE), "age_years": math.floor(days / 0.036525) / 1e4}
    years = today.year - birth.year - ((today.month, today.day) < (birth.month, birth.day))
    last_birthday = _add_years(birth, years)
    year_length = (_add_years(birth, years + 1) - last_birthday).days
    fraction = (today - last_birthday).days / year_length
    group = AgeGroup.ADULT if years >= ADULT_FROM_YEARS else AgeGroup.CHILD
    return {"age_group": str(group), "age_years": math.floor((years + fraction) * 100) / 100}


def _add_years(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February in a year without one
        return day.replace(year=day.year + years, day=28)


def _birth_date(patient: dict | None) -> date | None:
    birth = text(obj(patient).get("birthDate"))
    if birth is None or len(birth) != 10:
        return None  # a partial date (year, month) cannot tell a neonate from a child
    try:
        return date.fromisoformat(birth)
    except ValueError:
        return None


def patient_named(patient: dict | None) -> dict:
    """The name, local identifier and birth date a case is opened under (for the prefill)."""
    patient = obj(patient)
    names = [obj(n) for n in items(patient.get("name"))]
    name = next((n for n in names if n.get("use") == "official"), names[0] if names else {})
    parts = [g for g in items(name.get("given")) if text(g)] + [text(name.get("family")) or ""]
    written = text(name.get("text")) or " ".join(parts).strip()
    identifiers = [obj(i) for i in items(patient.get("identifier"))]

    def is_mrn(identifier: dict) -> bool:
        codings = items(obj(identifier.get("type")).get("coding"))
        return any(obj(c).get("code") == "MR" for c in codings)

    chosen = next((i for i in identifiers if is_mrn(i)), identifiers[0] if identifiers else {})
    return {
        "name": written[:200],
        "identifier": (text(chosen.get("value")) or "")[:64],
        "birth_date": patient.get("birthDate") if _birth_date(patient) else None,
    }


def map_record(record: EhrRecord, *, today: date) -> MappedPatient:
    fields: dict = {}
    missing: list[str] = []
    unreadable: list[str] = []
    birth = _birth_date(record.patient)
    if birth is None:
        missing.append("birth date")
    else:
        fields.update(age_fields(birth, today))
        gender = obj(record.patient).get("gender")
        if gender in ("female", "male"):
            fields["sex"] = gender
    weight = _quantity(record.weight)
    if record.weight is None:
        missing.append("weight")
    elif weight is None or weight[1] not in GRAMS_PER_UNIT:
        unreadable.append(f"weight (unit {weight[1] if weight else 'none'} not understood)")
    else:
        kg = weight[0] * GRAMS_PER_UNIT[weight[1]] / GRAMS_PER_KG
        fields["weight_kg"] = float(kg.quantize(Decimal("0.001")).normalize())
    count = _quantity(record.platelets)
    count_per_uL = None
    if record.platelets is None:
        missing.append("platelet count")
    elif count is None or count[1] not in PLATELET_UNITS:
        unreadable.append(f"platelet count (unit {count[1] if count else 'none'} not understood)")
    else:
        unit = PLATELET_UNITS[count[1]]
        fields.update(platelet_count=float(count[0]), platelet_unit=str(unit))
        count_per_uL = platelet_count_per_uL(float(count[0]), unit)
    return MappedPatient(
        fields=fields,
        missing=tuple(missing),
        unreadable=tuple(unreadable),
        count_per_uL=count_per_uL,
        counted_at=observed_at(record.platelets) if record.platelets else None,
        creatinine_at=observed_at(record.creatinine) if record.creatinine else None,
        patient=patient_named(record.patient),
    )
