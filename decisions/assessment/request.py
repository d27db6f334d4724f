"""Read and validate the JSON body of `POST /api/v1/evaluate` into an engine Assessment.

Pure Python (no Django), so the rules of what a valid request is can be tested on their own.
Every bad field is named at once; a field is checked alone first, then against the others.
"""

import json
import math
from collections.abc import Callable, Collection
from typing import Any

from decisions.engine.assessment import Assessment
from decisions.engine.grading import PER_UL_PER_10_9_PER_L
from decisions.engine.vocabulary import (
    NEONATAL_CONDITIONS,
    RENAL_RISK_FACTORS_ACCEPTED,
    AgeGroup,
    Bleeding,
    BleedingSite,
    BloodGroup,
    Condition,
    DosingWeight,
    PlateletUnit,
    Procedure,
    RenalRiskFactor,
    Sex,
    SteroidContraindication,
    ThrombosisRiskFactor,
)

Errors = dict[str, list[str]]

# Plausible actual body weight per age group (kg): outside it the number is surely a typo.
WEIGHT_RANGE_KG = {
    AgeGroup.NEONATE: (0.3, 8.0),
    AgeGroup.CHILD: (1.5, 200.0),
    AgeGroup.ADULT: (25.0, 400.0),
}
MAX_PLATELETS_PER_UL = 3_000_000
MIN_PLAUSIBLE_PER_UL = 1000  # contract: a per_uL count below 1,000 is almost surely x10^9/L
HEIGHT_RANGE_CM = (20.0, 250.0)
MAX_AGE_YEARS = 130
NEONATE_MAX_AGE_YEARS = 28 / 365.25
ADULT_MIN_AGE_YEARS = 18
MAX_PA_IGG = 1_000_000


class InvalidRequest(ValueError):
    def __init__(self, errors: Errors):
        super().__init__("invalid evaluation request")
        self.errors = errors


def _number(value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError("Must be a number.")
    try:
        number = float(value)
    except OverflowError:
        raise ValueError("Number out of range.") from None
    if not math.isfinite(number):
        raise ValueError("Must be a finite number.")
    return number


def _boolean(value: Any) -> bool:
    if not isinstance(value, bool):
        raise ValueError("Must be true or false.")
    return value


def _choice(kind: type) -> Callable[[Any], Any]:
    allowed = [member.value for member in kind]

    def parse(value: Any):
        if not isinstance(value, str) or value not in allowed:
            raise ValueError(f"Must be one of: {', '.join(allowed)}.")
        return kind(value)

    return parse


def _choices(kind: type, allowed_values=None) -> Callable[[Any], frozenset]:
    allowed = [m.value for m in (allowed_values or kind)]

    def parse(value: Any) -> frozenset:
        if not isinstance(value, list):
            raise ValueError(f"Must be a list of: {', '.join(allowed)}.")
        if len(value) > len(allowed):
            # Each value at most once: a longer list is no clinical answer (and no echo of it).
            raise ValueError(f"At most {len(allowed)} values, each once: {', '.join(allowed)}.")
        # Cut long values short: an answer never echoes a request's bulk back.
        bad = [repr(v)[:40] for v in value if not isinstance(v, str) or v not in allowed]
        if bad:
            raise ValueError(f"Unknown value(s) {', '.join(bad)}; allowed: {', '.join(allowed)}.")
        return frozenset(kind(v) for v in value)

    return parse


# field name -> (parser, required)
FIELDS: dict[str, tuple[Callable[[Any], Any], bool]] = {
    "weight_kg": (_number, True),
    "age_group": (_choice(AgeGroup), True),
    "condition": (_choice(Condition), True),
    "platelet_count": (_number, True),
    "platelet_unit": (_choice(PlateletUnit), False),
    "bleeding": (_choice(Bleeding), True),
    "bleeding_sites": (_choices(BleedingSite), False),
    "bleeding_risk": (_boolean, False),
    "rapid_increase_needed": (_boolean, False),
    "urgent_surgery": (_boolean, False),
    "invasive_procedure_planned": (_boolean, False),
    "dic": (_boolean, False),
    "pregnant": (_boolean, False),
    "steroid_contraindications": (_choices(SteroidContraindication), False),
    "renal_disease": (_boolean, False),
    "pa_igg_molecules_per_platelet": (_number, False),
    "age_years": (_number, False),
    "renal_risk_factors": (_choices(RenalRiskFactor, RENAL_RISK_FACTORS_ACCEPTED), False),
    "thrombosis_risk_factors": (_choices(ThrombosisRiskFactor), False),
    "height_cm": (_number, False),
    "sex": (_choice(Sex), False),
    "dosing_weight": (_choice(DosingWeight), False),
    # Rules 2027.1: the procedure the count must allow, and the screening questions.
    "procedure": (_choice(Procedure), False),
    "prior_immunoglobulin_anaphylaxis": (_boolean, False),
    "iga_deficiency_with_antibodies": (_boolean, False),
    "blood_group": (_choice(BloodGroup), False),
    "heart_failure": (_boolean, False),
}


class _DuplicateKeys(ValueError):
    def __init__(self, names: list[str]):
        super().__init__("duplicated keys")
        self.names = names


def _refuse_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    names = [name for name, _ in pairs]
    repeated = sorted({name for name in names if names.count(name) > 1})
    if repeated:
        raise _DuplicateKeys(repeated)
    return dict(pairs)


def read_json_body(body: bytes) -> Any:
    """The JSON value of `body`, or InvalidRequest.

    A key given twice is refused, naming it: JSON parsers keep the last value and others the
    first, so `"bleeding": "life_threatening"` then `"bleeding": "none"` would otherwise change a
    plan without anyone seeing it."""
    try:
        return json.loads(body, object_pairs_hook=_refuse_duplicates)
    except _DuplicateKeys as duplicated:
        raise InvalidRequest(
            {name: ["Given more than once: send each field once."] for name in duplicated.names}
        ) from None
    except (ValueError, RecursionError):  # UnicodeDecodeError is a ValueError
        raise InvalidRequest({"body": ["The body is not valid JSON."]}) from None


def parse_evaluate_request(data: Any, *, confirmed: Collection[str] = ()) -> Assessment:
    """Return the Assessment the body describes, or raise InvalidRequest naming every bad field.

    `confirmed` names fields whose suspicious-but-possible value a clinician has confirmed in
    the web forms (SUSPICIOUS_CHECKS); the API confirms only API_CONFIRMED.
    """
    if not isinstance(data, dict):
        raise InvalidRequest({"body": ["The body must be a JSON object."]})
    errors: Errors = {}
    values: dict[str, Any] = {}
    for name in data:
        if name not in FIELDS:
            errors[str(name)] = ["Unknown field."]
    for name, (parse, required) in FIELDS.items():
        raw = data.get(name)
        if raw is None:
            if required:
                errors[name] = ["This field is required."]
            continue
        try:
            values[name] = parse(raw)
        except ValueError as error:
            errors[name] = [str(error)]
    if SteroidContraindication.PREGNANCY in values.get("steroid_contraindications", ()):
        # The contraindication says so; checked like `pregnant: true`, and it shapes the dose.
        values.setdefault("pregnant", True)
    for name, message in _cross_field_problems(values):
        errors.setdefault(name, []).append(message)
    for name, check in SUSPICIOUS_CHECKS.items():
        message = None if name in confirmed or name in errors else check(values)
        if message:
            errors.setdefault(name, []).append(message)
    if errors:
        raise InvalidRequest(errors)
    return Assessment(**values)


def _cross_field_problems(v: dict[str, Any]):
    """Yield (field, message) for values that are valid alone but not together."""
    age_group = v.get("age_group")
    if age_group is not None and "weight_kg" in v:
        low, high = WEIGHT_RANGE_KG[age_group]
        if not low <= v["weight_kg"] <= high:
            yield (
                "weight_kg",
                f"{v['weight_kg']:g} kg is not a plausible weight for age group '{age_group}'; "
                f"expected {low:g}-{high:g} kg.",
            )
    elif "weight_kg" in v and v["weight_kg"] <= 0:
        yield "weight_kg", "Must be greater than 0 kg."
    yield from _platelet_problems(v)
    condition = v.get("condition")
    if condition in NEONATAL_CONDITIONS and age_group not in (None, AgeGroup.NEONATE):
        message = f"'{condition}' is a neonatal condition; age_group must be 'neonate'."
        yield "condition", message
        yield "age_group", message
    yield from _age_problems(v)
    if v.get("pregnant"):
        if v.get("sex") == Sex.MALE:
            yield "pregnant", "A male patient cannot be pregnant; check sex and pregnant."
        if age_group == AgeGroup.NEONATE:
            yield "pregnant", "A neonate cannot be pregnant."
    contraindications = v.get("steroid_contraindications", ())
    if SteroidContraindication.PREGNANCY in contraindications and v.get("pregnant") is False:
        yield "steroid_contraindications", "Lists pregnancy, but pregnant is false."
    if "height_cm" in v and not HEIGHT_RANGE_CM[0] <= v["height_cm"] <= HEIGHT_RANGE_CM[1]:
        low, high = HEIGHT_RANGE_CM
        yield "height_cm", f"Must be between {low:g} and {high:g} cm."
    pa_igg = v.get("pa_igg_molecules_per_platelet")
    if pa_igg is not None and not 0 <= pa_igg <= MAX_PA_IGG:
        yield "pa_igg_molecules_per_platelet", f"Must be between 0 and {MAX_PA_IGG:,}."


def _platelet_problems(v: dict[str, Any]):
    if "platelet_count" not in v:
        return
    count = v["platelet_count"]
    unit = v.get("platelet_unit", PlateletUnit.PER_UL)
    if count < 0:
        yield "platelet_count", "A platelet count cannot be negative."
        return
    per_uL = count * PER_UL_PER_10_9_PER_L if unit == PlateletUnit.X10_9_PER_L else count
    if per_uL > MAX_PLATELETS_PER_UL:
        hint = ""
        if unit == PlateletUnit.X10_9_PER_L:
            hint = " (it looks like a count per uL; set platelet_unit to 'per_uL')"
        yield "platelet_count", f"{count:g} {unit} is not a possible platelet count{hint}."


def _count_looks_like_x10_9_per_L(v: dict[str, Any]) -> str | None:
    count = v.get("platelet_count")
    if count is None or count < 0 or v.get("platelet_unit", PlateletUnit.PER_UL) != "per_uL":
        return None
    if count < MIN_PLAUSIBLE_PER_UL:
        return (
            f"{count:g} per uL is almost surely a count in x10^9/L ({count:g} x10^9/L = "
            f"{count * PER_UL_PER_10_9_PER_L:,.0f} per uL); send platelet_unit 'x10^9/L' or the "
            "count per uL."
        )
    return None


def _age_problems(v: dict[str, Any]):
    age = v.get("age_years")
    if age is None:
        return
    if not 0 <= age <= MAX_AGE_YEARS:
        yield "age_years", f"Must be between 0 and {MAX_AGE_YEARS} years."
        return
    if v.get("age_group") == AgeGroup.NEONATE and age > NEONATE_MAX_AGE_YEARS:
        yield "age_years", "A neonate is 28 days old or younger; check age_group and age_years."


def _age_outside_its_group(v: dict[str, Any]) -> str | None:
    age, age_group = v.get("age_years"), v.get("age_group")
    if age is None or not 0 <= age <= MAX_AGE_YEARS:
        return None
    if age_group == AgeGroup.CHILD and not NEONATE_MAX_AGE_YEARS < age < ADULT_MIN_AGE_YEARS:
        return (
            "A child is older than 28 days and younger than 18 years; check age_group and "
            "age_years."
        )
    if age_group == AgeGroup.ADULT and age < ADULT_MIN_AGE_YEARS:
        return "An adult is 18 years or older; check age_group and age_years."
    return None


# Values that are possible but more likely a slip; a clinician may confirm them in the forms.
SUSPICIOUS_CHECKS: dict[str, Callable[[dict[str, Any]], str | None]] = {
    "platelet_count": _count_looks_like_x10_9_per_L,
    "age_years": _age_outside_its_group,
}
# What the API takes as confirmed: an EHR sends the exact age from the birth date but may draw
# its own line between child and adult (some at 16). The exact age then decides the age-dependent
# rules (no adjusted dosing weight under 18, a renal and thrombotic risk over 65).
API_CONFIRMED = frozenset({"age_years"})
