"""The API's validation messages said in a clinician's words for the web forms.

The API keeps the contract's own messages (field names, codes); the pages say the same problem
with the forms' labels and units, and what to do about it.
"""

from decisions.assessment.fields import LABELS
from decisions.assessment.request import MAX_PLATELETS_PER_UL, WEIGHT_RANGE_KG
from decisions.engine.grading import PER_UL_PER_10_9_PER_L

AGE_GROUP_WORDS = {"adult": "an adult", "child": "a child", "neonate": "a neonate"}
UNIT_WORDS = {"per_uL": "per µL", "x10^9/L": "×10⁹/L"}

# Phrases of the API that name its fields, and what the forms call them.
PHRASES = (
    ("This field is required.", "This is required."),
    ("Must be a number.", "Enter a number."),
    ("; check age_group and age_years.", ": check the age group and the age."),
    ("; check sex and pregnant.", ": check the sex and whether the patient is pregnant."),
    (
        "Lists pregnancy, but pregnant is false.",
        "Pregnancy is listed as a contraindication, but the patient is not pregnant: check both.",
    ),
)


def clinician_message(field: str, message: str, answers: dict) -> str:
    """The API's `message` about `field`, worded for the page (answers: the values as parsed
    or typed, by the API's field names)."""
    for marker, words in REWORDED:
        if marker in message:
            worded = words(field, answers)
            if worded:
                return worded
    for api_phrase, words in PHRASES:
        message = message.replace(api_phrase, words)
    return message


def weight_not_plausible(field: str, answers: dict) -> str | None:
    weight, group = _number(answers.get("weight_kg")), answers.get("age_group")
    if weight is None or group not in AGE_GROUP_WORDS:
        return None
    low, high = WEIGHT_RANGE_KG[group]
    return (
        f"{weight:g} kg is not a plausible weight for {AGE_GROUP_WORDS[group]} "
        f"({low:g}-{high:g} kg). Check the number and that it is in kilograms."
    )


def count_looks_like_x10_9_per_L(field: str, answers: dict) -> str | None:
    count = _number(answers.get("platelet_count"))
    if count is None:
        return None
    per_uL = count * PER_UL_PER_10_9_PER_L
    return (
        f"{count:g} per µL is almost surely a count in ×10⁹/L ({count:g} ×10⁹/L = "
        f"{per_uL:,.0f} per µL). Choose the unit ×10⁹/L, or enter the count per µL."
    )


def count_not_possible(field: str, answers: dict) -> str | None:
    count = _number(answers.get("platelet_count"))
    if count is None:
        return None
    unit = answers.get("platelet_unit") or "per_uL"
    said = f"{count:,.0f} {UNIT_WORDS.get(unit, unit)} is not a possible platelet count"
    if unit == "x10^9/L":
        return f"{said}. It looks like a count per µL: choose the unit per µL."
    return f"{said} (at most {MAX_PLATELETS_PER_UL:,} per µL). Check the number."


def neonatal_condition(field: str, answers: dict) -> str | None:
    condition = LABELS["condition"].get(answers.get("condition"), "This cause")
    if field == "age_group":
        return f"{condition} is a condition of neonates: choose the age group Neonate."
    return f"{condition} is a condition of neonates: choose the age group Neonate or another cause."


# A part of the API's message -> the words for the page, built from the values.
REWORDED = (
    ("is not a plausible weight", weight_not_plausible),
    ("almost surely a count in x10^9/L", count_looks_like_x10_9_per_L),
    ("is not a possible platelet count", count_not_possible),
    ("is a neonatal condition", neonatal_condition),
)


def _number(value) -> float | None:
    try:
        return float(value)
    except (TypeError, ValueError):
        return None
