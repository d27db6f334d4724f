"""One form per step of the guided assessment.

Each field (built in fields.py) is checked alone by Django, then the answers so far are checked
together by the API's own validation (request.py), so the forms and the API can never disagree on
what is valid.
"""

from crispy_forms.helper import FormHelper
from django import forms

from decisions.assessment.fields import GROUP_WORDS, USUAL_WEIGHT_KG, build_field
from decisions.assessment.form_wording import clinician_message
from decisions.assessment.request import (
    SUSPICIOUS_CHECKS,
    WEIGHT_RANGE_KG,
    InvalidRequest,
    parse_evaluate_request,
)
from decisions.assessment.steps import CONDITIONS, Step, field_matters, prune
from decisions.engine.vocabulary import NEONATAL_CONDITIONS, AgeGroup, SteroidContraindication


class StepForm(forms.Form):
    """The fields of one step that matter for these answers, checked as the API checks them."""

    def __init__(self, *args, step: Step, saved: dict, confirmed=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.step = step
        self.saved = saved
        self.already_confirmed = set(confirmed)
        current = {**saved, **self._typed()}
        for name in step.fields:
            if field_matters(name, current):
                self.fields[name] = build_field(name)
        self._narrow_choices(current)
        for name in step.fields:
            if name in self.fields and name in self.suspicious(current):
                self.fields[f"confirm_{name}"] = forms.BooleanField(
                    label="I have checked this value: it is correct", required=False
                )
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True

    def _typed(self) -> dict:
        """Raw values on the page right now, to decide which fields to show."""
        if not self.is_bound:
            return {}
        typed = {}
        for name in self.step.fields:
            if name in self.data:
                typed[name] = self.data.get(name)
        return typed

    def _narrow_choices(self, current: dict) -> None:
        if "condition" in self.fields and current.get("age_group") != AgeGroup.NEONATE:
            self.fields["condition"].choices = [
                c for c in self.fields["condition"].choices if c[0] not in NEONATAL_CONDITIONS
            ]
        contraindications = self.fields.get("steroid_contraindications")
        if contraindications is not None and not _truthy(current.get("pregnant")):
            contraindications.choices = [
                c for c in contraindications.choices if c[0] != SteroidContraindication.PREGNANCY
            ]

    def suspicious(self, answers: dict) -> dict[str, str]:
        return suspicious_values(answers)

    def clean(self):
        cleaned = super().clean()
        merged = prune({**self.saved, **self.answers()})
        confirmed = self.confirmed_fields()
        suspicious = self.suspicious(merged)
        try:
            parse_evaluate_request(merged, confirmed=confirmed)
        except InvalidRequest as invalid:
            values = as_engine_values(merged)
            for name, messages in invalid.errors.items():
                if name in self.fields and name not in self.errors:
                    for message in messages:
                        if message == "This field is required.":
                            continue  # said by Django already, or asked on a later step
                        if name in suspicious and message == SUSPICIOUS_CHECKS[name](values):
                            continue  # asked below, with the box to confirm it
                        self.add_error(name, clinician_message(name, message, values))
        for name, message in suspicious.items():
            if name in self.fields and name not in confirmed and name not in self.errors:
                if f"confirm_{name}" in self.fields:
                    message += " If it is correct, tick the box below to confirm it."
                self.add_error(name, message)
        return cleaned

    def confirmed_fields(self) -> set[str]:
        ticked = {
            name.removeprefix("confirm_")
            for name, value in (self.cleaned_data or {}).items()
            if name.startswith("confirm_") and value
        }
        return self.already_confirmed | ticked

    def answers(self) -> dict:
        """The step's valid answers, empty ones left out."""
        answers = {}
        for name in self.step.fields:
            if name not in self.fields or name in self.errors:
                continue
            value = (self.cleaned_data or {}).get(name)
            if value in (None, "") or (name in CONDITIONS and value == []):
                continue
            answers[name] = _json_value(value)
        return answers


def suspicious_values(answers: dict) -> dict[str, str]:
    """Field -> why its value looks like a slip, for values that are possible (so that a
    confirmation can make them acceptable); an impossible value is an error, never asked."""
    found = {}
    typed = as_engine_values(answers)
    for name, check in SUSPICIOUS_CHECKS.items():
        message = check(typed)
        if message:
            found[name] = clinician_message(name, message, typed)
    weight, group = typed.get("weight_kg"), typed.get("age_group")
    if isinstance(weight, float) and group in USUAL_WEIGHT_KG:
        low, high = USUAL_WEIGHT_KG[group]
        possible_low, possible_high = WEIGHT_RANGE_KG[group]
        if possible_low <= weight <= possible_high and not low <= weight <= high:
            found["weight_kg"] = (
                f"{weight:g} kg is unusual for {GROUP_WORDS[group]} (usually {low:g}-{high:g} kg)."
            )
    return found


def _truthy(value) -> bool:
    return value is True or value == "true"


def _json_value(value):
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def as_engine_values(answers: dict) -> dict:
    """Numbers as floats, whether typed (strings) or saved (numbers)."""
    values = dict(answers)
    for name in ("weight_kg", "platelet_count", "age_years"):
        try:
            values[name] = float(values[name])
        except (KeyError, TypeError, ValueError):
            values.pop(name, None)
    return values


def hide_untouched_errors(form: StepForm, trigger_name: str | None, keep=()) -> None:
    """While a form is filled in live, complain only about fields already answered."""
    for name in list(form.errors):
        if name in keep or name in (trigger_name, "__all__"):
            continue
        if not form.data.get(name):
            del form.errors[name]


def posted_values(answer) -> list[str]:
    """A saved answer as the browser would post it, to put it back into a posted form."""
    if answer is None:
        return []
    if isinstance(answer, bool):
        return ["true" if answer else "false"]
    if isinstance(answer, list):
        return [str(value) for value in answer]
    return [str(answer)]


def field_slots(form: StepForm) -> list[dict]:
    """One slot per field of the step, present or not, so htmx can swap each on its own."""
    return [
        {
            "name": name,
            "field": form[name] if name in form.fields else None,
            "confirm": form[f"confirm_{name}"] if f"confirm_{name}" in form.fields else None,
        }
        for name in form.step.fields
    ]


def shown_conditional_fields(form: StepForm) -> list[str]:
    return [name for name in form.step.fields if name in CONDITIONS and name in form.fields]
