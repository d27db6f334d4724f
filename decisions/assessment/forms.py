"""One form per step of the guided assessment.

Each field is checked alone by Django, then the answers so far are checked together by the
API's own validation (api_request), so the forms and the API can never disagree on what is valid.
"""

from crispy_forms.helper import FormHelper
from django import forms

from decisions.assessment.form_wording import clinician_message
from decisions.assessment.request import (
    SUSPICIOUS_CHECKS,
    WEIGHT_RANGE_KG,
    InvalidRequest,
    parse_evaluate_request,
)
from decisions.assessment.steps import CONDITIONS, Step, field_matters, prune
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
    Sex,
    SteroidContraindication,
    ThrombosisRiskFactor,
)

YES_NO = [("true", "Yes"), ("false", "No")]
GROUP_WORDS = {"neonate": "a neonate", "child": "a child", "adult": "an adult"}

# A weight this far from the age group's usual range is possible but more often a typo
# (grams for kilograms, a neonate's weight in pounds); the clinician confirms it.
USUAL_WEIGHT_KG = {"neonate": (1.0, 5.5), "child": (2.5, 120.0), "adult": (35.0, 200.0)}

LABELS = {
    "renal_risk_factors": {
        "diabetes": "Diabetes",
        "age_over_65": "Age over 65",
        "volume_depletion": "Volume depletion",
        "sepsis": "Sepsis",
        "paraproteinaemia": "Paraproteinaemia",
        "nephrotoxic_drugs": "Nephrotoxic drugs",
    },
    "condition": {
        "primary_itp": "Primary immune thrombocytopenia (ITP)",
        "hcv_itp": "HCV-associated ITP",
        "hiv_itp": "HIV-associated ITP",
        "neonatal_alloimmune": "Neonatal alloimmune thrombocytopenia",
        "neonatal_maternal_itp": "Neonatal thrombocytopenia from maternal ITP",
        "sepsis": "Septic thrombocytopenia",
    },
    "platelet_unit": {"per_uL": "per µL", "x10^9/L": "×10⁹/L"},
    "blood_group": {"O": "O", "A": "A", "B": "B", "AB": "AB"},
    "procedure": {
        "central_venous_catheter": "Central venous catheter (target 20,000/µL)",
        "lumbar_puncture": "Lumbar puncture (target 40,000/µL)",
        "major_surgery": "Major surgery (target 50,000/µL)",
        "delivery": "Delivery (target 50,000/µL)",
        "neuraxial_anaesthesia": "Epidural or spinal anaesthesia (target 80,000/µL)",
        "neurosurgery_or_posterior_eye": "Neurosurgery or posterior eye surgery (target "
        "100,000/µL)",
    },
    "bleeding_sites": {
        "cns": "Central nervous system",
        "gi": "Gastrointestinal",
        "gu": "Genitourinary",
        "mucosal": "Mucosal",
        "skin": "Skin",
        "other": "Other",
    },
}


def _choices(field: str, values) -> list[tuple[str, str]]:
    labels = LABELS.get(field, {})
    return [(str(v), labels.get(str(v), str(v).replace("_", " ").capitalize())) for v in values]


def _yes_no(label: str, help_text: str = "") -> forms.TypedChoiceField:
    return forms.TypedChoiceField(
        label=label,
        choices=YES_NO,
        coerce=lambda v: v == "true",
        widget=forms.RadioSelect,
        help_text=help_text,
    )


def _flag(label: str) -> forms.BooleanField:
    return forms.BooleanField(label=label, required=False)


def _many(field: str, values, label: str) -> forms.MultipleChoiceField:
    return forms.MultipleChoiceField(
        label=label,
        choices=_choices(field, values),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )


def build_field(name: str) -> forms.Field:
    """The form field for one API field (labels and units for people, names for the engine)."""
    return {
        "age_group": lambda: forms.ChoiceField(
            label="Age group",
            choices=_choices("age_group", AgeGroup),
            widget=forms.RadioSelect,
            help_text="Neonate: 28 days old or younger.",
        ),
        "age_years": lambda: forms.FloatField(
            label="Age (years)",
            required=False,
            min_value=0,
            max_value=130,
            error_messages={
                "min_value": "An age cannot be negative.",
                "max_value": "An age is at most 130 years.",
                "invalid": "Enter the age as a number of years.",
            },
        ),
        "sex": lambda: forms.ChoiceField(
            label="Sex",
            choices=[("", "Not recorded"), *_choices("sex", Sex)],
            required=False,
            widget=forms.RadioSelect,
        ),
        "weight_kg": lambda: forms.FloatField(
            label="Weight (kg)",
            min_value=0.1,
            error_messages={
                "min_value": "A weight must be more than 0 kg.",
                "invalid": "Enter the weight as a number of kilograms.",
            },
        ),
        "height_cm": lambda: forms.FloatField(
            label="Height (cm)",
            required=False,
            help_text="With sex, allows ideal and adjusted body weight.",
        ),
        "pregnant": lambda: _yes_no("Pregnant?"),
        "platelet_count": lambda: forms.FloatField(
            label="Platelet count",
            min_value=0,
            error_messages={
                "min_value": "A platelet count cannot be negative.",
                "invalid": "Enter the count as a number.",
            },
        ),
        "platelet_unit": lambda: forms.ChoiceField(
            label="Unit",
            choices=_choices("platelet_unit", PlateletUnit),
            widget=forms.RadioSelect,
            initial=PlateletUnit.PER_UL,
        ),
        "bleeding": lambda: forms.ChoiceField(
            label="Bleeding",
            choices=_choices("bleeding", Bleeding),
            widget=forms.RadioSelect,
        ),
        "bleeding_sites": lambda: forms.MultipleChoiceField(
            label="Where is the bleeding?",
            choices=_choices("bleeding_sites", BleedingSite),
            widget=forms.CheckboxSelectMultiple,
            help_text="A CNS bleed is treated as life-threatening.",
        ),
        "bleeding_risk": lambda: _flag("High bleeding risk without active bleeding"),
        "condition": lambda: forms.ChoiceField(
            label="Cause of the thrombocytopenia",
            choices=_choices("condition", Condition),
            widget=forms.RadioSelect,
        ),
        "dic": lambda: _yes_no("Disseminated intravascular coagulation (DIC)?"),
        "urgent_surgery": lambda: _flag("Urgent surgery that cannot wait for a slow rise"),
        "invasive_procedure_planned": lambda: _flag("Invasive procedure planned"),
        "procedure": lambda: forms.ChoiceField(
            label="Which procedure?",
            choices=[("", "Not named"), *_choices("procedure", Procedure)],
            required=False,
            widget=forms.RadioSelect,
            help_text="A count already at the procedure's target needs no treatment for it "
            "(BSH 2016; delivery: 2019 International Consensus Report).",
        ),
        "rapid_increase_needed": lambda: _flag("A rapid platelet rise is needed"),
        "steroid_contraindications": lambda: _many(
            "steroid_contraindications",
            SteroidContraindication,
            "Corticosteroid contraindications",
        ),
        "prior_immunoglobulin_anaphylaxis": lambda: _flag(
            "Anaphylaxis or a severe systemic reaction to human immunoglobulin before"
        ),
        "iga_deficiency_with_antibodies": lambda: _flag(
            "IgA deficiency with antibodies against IgA"
        ),
        "blood_group": lambda: forms.ChoiceField(
            label="ABO blood group, if known",
            choices=[("", "Not known"), *_choices("blood_group", BloodGroup)],
            required=False,
            widget=forms.RadioSelect,
            help_text="Groups A, B and AB are at higher risk of IVIG haemolysis.",
        ),
        "heart_failure": lambda: _flag(
            "Heart failure, or another reason a volume load is not tolerated"
        ),
        "renal_disease": lambda: _flag("Pre-existing kidney disease"),
        "renal_risk_factors": lambda: _many(
            "renal_risk_factors",
            sorted(RENAL_RISK_FACTORS_ACCEPTED),
            "Renal risk factors (FDA boxed warning)",
        ),
        "thrombosis_risk_factors": lambda: _many(
            "thrombosis_risk_factors",
            ThrombosisRiskFactor,
            "Thrombosis risk factors (FDA boxed warning)",
        ),
        "pa_igg_molecules_per_platelet": lambda: forms.FloatField(
            label="Platelet-associated IgG (molecules per platelet), if known",
            required=False,
            min_value=0,
            error_messages={"min_value": "A number of molecules is 0 or more."},
        ),
        "dosing_weight": lambda: forms.ChoiceField(
            label="Dose by",
            choices=[
                (DosingWeight.ACTUAL, "Actual body weight"),
                (DosingWeight.ADJUSTED, "Adjusted body weight (obese adults)"),
            ],
            widget=forms.RadioSelect,
            initial=DosingWeight.ACTUAL,
        ),
    }[name]()


def field_label(name: str) -> str:
    """A field as the forms name it ("Weight (kg)" for weight_kg)."""
    try:
        return str(build_field(name).label)
    except KeyError:
        return name.replace("_", " ").capitalize()


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
