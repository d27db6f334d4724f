"""The guided assessment's steps: which fields each asks, and when a field matters at all.

Field names are the API's, so the answers go to the engine as they are. A conditional field is
asked only while its condition holds; when the condition stops holding its answer is dropped.
"""

from collections.abc import Callable
from dataclasses import dataclass

Answers = dict


@dataclass(frozen=True)
class Step:
    slug: str
    title: str
    fields: tuple[str, ...]


STEPS = (
    Step(
        "patient",
        "Patient",
        ("age_group", "age_years", "sex", "weight_kg", "height_cm", "pregnant"),
    ),
    Step(
        "platelets",
        "Platelets and bleeding",
        ("platelet_count", "platelet_unit", "bleeding", "bleeding_sites", "bleeding_risk"),
    ),
    Step(
        "context",
        "Condition and urgency",
        (
            "condition",
            "dic",
            "urgent_surgery",
            "invasive_procedure_planned",
            "procedure",
            "rapid_increase_needed",
        ),
    ),
    Step(
        "risks",
        "Contraindications and risks",
        (
            "steroid_contraindications",
            # Rules 2027.1: immune globulin screening (class labelling), beside the steroid one.
            "prior_immunoglobulin_anaphylaxis",
            "iga_deficiency_with_antibodies",
            "blood_group",
            "heart_failure",
            "renal_disease",
            "renal_risk_factors",
            "thrombosis_risk_factors",
            "pa_igg_molecules_per_platelet",
            "dosing_weight",
        ),
    ),
)
STEPS_BY_SLUG = {step.slug: step for step in STEPS}
STEP_OF_FIELD = {field: step for step in STEPS for field in step.fields}


# field -> when it matters (read from the answers so far, with the values just typed on top)
CONDITIONS: dict[str, Callable[[Answers], bool]] = {
    "pregnant": lambda a: a.get("sex") == "female" and a.get("age_group") != "neonate",
    "bleeding_sites": lambda a: a.get("bleeding") not in (None, "", "none"),
    "dic": lambda a: a.get("condition") == "sepsis",
    # Rules 2027.1: the procedure whose platelet target matters, asked when one is coming.
    "procedure": lambda a: (
        _truthy(a.get("urgent_surgery")) or _truthy(a.get("invasive_procedure_planned"))
    ),
    # Adjusted body weight needs an adult's height and sex (body_weight.py).
    "dosing_weight": lambda a: (
        a.get("age_group") == "adult" and bool(a.get("height_cm")) and bool(a.get("sex"))
    ),
}


def _truthy(value) -> bool:
    """A ticked box, saved (True) or on the page right now ("on", "true")."""
    return value is True or value in ("on", "true")


def field_matters(field: str, answers: Answers) -> bool:
    condition = CONDITIONS.get(field)
    return condition is None or condition(answers)


NEONATAL_CONDITIONS = ("neonatal_alloimmune", "neonatal_maternal_itp")


def prune(answers: Answers) -> Answers:
    """The answers without those that stopped mattering (sites after bleeding became 'none',
    a neonatal condition once the patient is not a neonate, pregnancy once not pregnant)."""
    kept = {f: v for f, v in answers.items() if field_matters(f, answers)}
    if kept.get("condition") in NEONATAL_CONDITIONS and kept.get("age_group") != "neonate":
        del kept["condition"]
    contraindications = kept.get("steroid_contraindications")
    if contraindications and "pregnancy" in contraindications and not kept.get("pregnant"):
        kept["steroid_contraindications"] = [c for c in contraindications if c != "pregnancy"]
    return kept


def next_step(slug: str) -> Step | None:
    index = [s.slug for s in STEPS].index(slug)
    return STEPS[index + 1] if index + 1 < len(STEPS) else None


def previous_step(slug: str) -> Step | None:
    index = [s.slug for s in STEPS].index(slug)
    return STEPS[index - 1] if index > 0 else None
