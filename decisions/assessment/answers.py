"""An answer as the form put it to the clinician (labels, not codes), for the review page and
the printed plan alike."""

from decisions.assessment.fields import build_field

NONE_RECORDED = "None recorded"


def answer_text(name: str, value, *, empty: str = NONE_RECORDED) -> str:
    labels = dict(getattr(build_field(name), "choices", ()))
    if value is True:
        return "Yes"
    if value is False:
        return "No"
    if isinstance(value, list):
        return ", ".join(_label(labels, v) for v in value) or empty
    if isinstance(value, float | int):
        return plain_number(value)
    return _label(labels, value)


def plain_number(value) -> str:
    """70.0 -> "70", 1.5 -> "1.5": numbers as a person writes them."""
    try:
        return f"{float(value):g}"
    except (TypeError, ValueError):
        return str(value)


def _label(labels: dict, value) -> str:
    if value in labels:
        return str(labels[value])
    return str(value).replace("_", " ").capitalize()
