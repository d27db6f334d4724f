"""The form field of each answer: its label, choices, help text and unit, for people; the API's
field names, for the engine. The step forms (forms.py), the review page and the printed plan
all name an answer through here, so it is put the same way everywhere.
"""

from functools import cache

from django import forms

from decisions.engine.vocabulary import (
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


@cache  # a field's label never changes; building the field each time cost the case page
def field_label(name: str) -> str:
    """A field as the forms name it ("Weight (kg)" for weight_kg)."""
    try:
        return str(build_field(name).label)
    except KeyError:
        return name.replace("_", " ").capitalize()
