"""The assessment on paper: the answers as the form asked them, in one compact block.

The answers are those the plan was produced from (a completed assessment never changes); the
body weights and the facts the rules inferred (a risk factor from the condition, say) are the
snapshot's, so the block agrees with the plan printed below it.
"""

from datetime import date

from decisions.assessment.answers import NONE_RECORDED as NONE
from decisions.assessment.answers import answer_text, plain_number
from decisions.assessment.fields import build_field

# Read from the answers' renal_disease, not from a risk factor list.
PRE_EXISTING_RENAL = "pre_existing_renal_insufficiency"


def assessment_rows(answers: dict, plan: dict) -> list[tuple[str, str]]:
    """(heading, what was found) for the assessment block, body weight last."""
    rows = [
        ("Platelets", _platelets(answers, plan)),
        ("Bleeding", _bleeding(answers)),
        ("Patient", _patient(answers)),
        ("Condition", _condition(answers)),
        ("Urgency", _urgency(answers)),
        ("Corticosteroid contraindications", _listed("steroid_contraindications", answers, plan)),
        ("Immunoglobulin screening", _screening(answers)),
        ("Renal risks", _listed("renal_risk_factors", answers, plan)),
        ("Thrombosis risk factors", _listed("thrombosis_risk_factors", answers, plan)),
    ]
    if answers.get("pa_igg_molecules_per_platelet") not in (None, ""):
        pa_igg = plain_number(answers["pa_igg_molecules_per_platelet"])
        rows.append(("Platelet-associated IgG", f"{pa_igg} molecules per platelet"))
    rows.append(("Body weight", weights_text(plan["body_weights"])))
    return rows


def age_text(date_of_birth: date | None, on: date, answers: dict) -> str:
    """The patient's age on the day of the plan, from the date of birth or else the answers."""
    if date_of_birth is None:
        if answers.get("age_years") not in (None, ""):
            return f"{plain_number(answers['age_years'])} years"
        return answer_text("age_group", answers.get("age_group") or "not recorded")
    if date_of_birth > on:
        return "date of birth after the plan: check it"
    months = (on.year - date_of_birth.year) * 12 + on.month - date_of_birth.month
    months -= on.day < date_of_birth.day
    if months >= 24:
        return f"{months // 12} years"
    if months >= 1:
        return plural(months, "month")
    return plural((on - date_of_birth).days, "day")


def weights_text(weights: dict) -> str:
    """Actual, ideal and adjusted weight where known, and which one the doses use."""
    known = [
        f"{label} {plain_number(weights[key])} kg"
        for label, key in (
            ("actual", "actual_kg"),
            ("ideal", "ideal_kg"),
            ("adjusted", "adjusted_kg"),
        )
        if weights.get(key) is not None
    ]
    used = f"{weights['dosing_weight']} weight ({plain_number(weights['dosing_weight_kg'])} kg)"
    text = f"{', '.join(known)}; doses use the {used}"
    if weights.get("ideal_kg") is None:
        text += "; ideal and adjusted weight not known"
    if weights.get("note"):
        text += f". {weights['note']}"
    return text


def plan_inputs(plan: dict, name: str) -> list[str]:
    """The values the plan's rules read for a listed fact, including those they inferred."""
    values: list[str] = []
    for line in plan["recommendations"] + plan["alerts"]:
        for value in line.get("inputs", {}).get(name) or []:
            if value not in values:
                values.append(value)
    return values


def _platelets(answers: dict, plan: dict) -> str:
    text = f"{plan['platelet_count_per_uL']:,.0f} per µL, CTCAE grade {plan['grade']}"
    if plan.get("platelet_target_per_uL"):
        text += f"; target for the procedure {plan['platelet_target_per_uL']:,.0f} per µL"
    unit = answers.get("platelet_unit") or "per_uL"
    if unit != "per_uL":
        entered = answer_text("platelet_count", answers.get("platelet_count"))
        text += f" (entered as {entered} {answer_text('platelet_unit', unit)})"
    return text


def _bleeding(answers: dict) -> str:
    text = answer_text("bleeding", answers.get("bleeding", ""))
    if answers.get("bleeding_sites"):
        text += f"; site: {answer_text('bleeding_sites', answers['bleeding_sites'])}"
    if answers.get("bleeding_risk"):
        text += "; high bleeding risk"
    return text


def _patient(answers: dict) -> str:
    parts = [answer_text("age_group", answers.get("age_group", ""))]
    if answers.get("age_years") not in (None, ""):
        parts.append(f"{plain_number(answers['age_years'])} years")
    if answers.get("sex"):
        parts.append(answer_text("sex", answers["sex"]).lower())
    if answers.get("height_cm"):
        parts.append(f"{plain_number(answers['height_cm'])} cm")
    if answers.get("pregnant"):
        parts.append("pregnant")
    return ", ".join(p for p in parts if p)


def _condition(answers: dict) -> str:
    if "condition" not in answers:
        return "Not given (a partial plan: see its assumptions)"
    text = answer_text("condition", answers["condition"])
    if "dic" in answers:
        text += f"; DIC: {answer_text('dic', answers['dic']).lower()}"
    return text


def _urgency(answers: dict) -> str:
    flags = ("urgent_surgery", "invasive_procedure_planned", "rapid_increase_needed")
    parts = [str(build_field(f).label) for f in flags if answers.get(f)]
    if answers.get("procedure"):
        parts.append(f"procedure: {answer_text('procedure', answers['procedure'])}")
    return "; ".join(parts) or NONE


SCREENING_FLAGS = (
    "prior_immunoglobulin_anaphylaxis",
    "iga_deficiency_with_antibodies",
    "heart_failure",
)


def _screening(answers: dict) -> str:
    """Rules 2027.1: the immune globulin screening answers, the blood group where known."""
    parts = [str(build_field(f).label) for f in SCREENING_FLAGS if answers.get(f)]
    group = answers.get("blood_group")
    parts.append(f"blood group {group}" if group else "blood group not known")
    return "; ".join(parts)


def _listed(name: str, answers: dict, plan: dict) -> str:
    """What the clinician ticked, then what the plan's rules inferred besides (marked so)."""
    entered = list(answers.get(name) or [])
    if name == "renal_risk_factors" and answers.get("renal_disease"):
        entered.insert(0, PRE_EXISTING_RENAL)
    inferred = [v for v in plan_inputs(plan, name) if v not in entered]
    parts = [answer_text(name, [v]) for v in entered]
    parts += [f"{answer_text(name, [v])} (inferred by the plan)" for v in inferred]
    return ", ".join(parts) or NONE


def plural(count: int, unit: str) -> str:
    return f"{count} {unit}{'' if count == 1 else 's'}"
