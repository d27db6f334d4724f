"""Hypothesis strategies for valid evaluation requests (the contract's field names)."""

from hypothesis import strategies as st

from decisions.engine.vocabulary import (
    RENAL_RISK_FACTORS_ACCEPTED,
    BleedingSite,
    SteroidContraindication,
    ThrombosisRiskFactor,
)

WEIGHTS = {"neonate": (0.3, 8.0), "child": (1.5, 200.0), "adult": (25.0, 400.0)}
CONDITIONS = {
    "neonate": [
        "neonatal_alloimmune",
        "neonatal_maternal_itp",
        "primary_itp",
        "hcv_itp",
        "hiv_itp",
        "sepsis",
    ],
    "child": ["primary_itp", "hcv_itp", "hiv_itp", "sepsis"],
    "adult": ["primary_itp", "hcv_itp", "hiv_itp", "sepsis"],
}


def _subset(values):
    return st.lists(st.sampled_from(sorted(str(v) for v in values)), unique=True)


@st.composite
def evaluation_requests(draw) -> dict:
    age_group = draw(st.sampled_from(["adult", "child", "neonate"]))
    low, high = WEIGHTS[age_group]
    request = {
        "age_group": age_group,
        "weight_kg": draw(st.floats(low, high, allow_nan=False).map(lambda w: round(w, 1))),
        "condition": draw(st.sampled_from(CONDITIONS[age_group])),
        "bleeding": draw(st.sampled_from(["none", "minor", "significant", "life_threatening"])),
    }
    if draw(st.booleans()):
        request["platelet_unit"] = "x10^9/L"
        request["platelet_count"] = draw(st.integers(0, 600))
    else:
        request["platelet_count"] = draw(st.integers(1000, 600_000))
    for flag in (
        "bleeding_risk",
        "rapid_increase_needed",
        "urgent_surgery",
        "invasive_procedure_planned",
        "dic",
        "renal_disease",
    ):
        if draw(st.booleans()):
            request[flag] = draw(st.booleans())
    request["bleeding_sites"] = draw(_subset(BleedingSite))
    contraindications = draw(_subset(SteroidContraindication))
    female_adult = age_group == "adult" and draw(st.booleans())
    if not female_adult:
        contraindications = [c for c in contraindications if c != "pregnancy"]
    else:
        request["sex"] = "female"
        request["pregnant"] = draw(st.booleans()) or "pregnancy" in contraindications
    request["steroid_contraindications"] = contraindications
    request["renal_risk_factors"] = draw(_subset(RENAL_RISK_FACTORS_ACCEPTED))
    request["thrombosis_risk_factors"] = draw(_subset(ThrombosisRiskFactor))
    if draw(st.booleans()):
        request["pa_igg_molecules_per_platelet"] = draw(st.integers(0, 20_000))
    if age_group == "adult" and draw(st.booleans()):
        request["age_years"] = draw(st.integers(18, 100))
        request.setdefault("sex", draw(st.sampled_from(["female", "male"])))
        request["height_cm"] = draw(st.integers(140, 210))
        request["dosing_weight"] = draw(st.sampled_from(["actual", "adjusted"]))
    return request


PROCEDURES = [
    "central_venous_catheter",
    "lumbar_puncture",
    "major_surgery",
    "delivery",
    "neuraxial_anaesthesia",
    "neurosurgery_or_posterior_eye",
]


@st.composite
def safety_requests(draw) -> dict:
    """Valid requests that may also carry the fields of rules 2027.1 (procedure, screening)."""
    request = draw(evaluation_requests())
    if draw(st.booleans()):
        request["procedure"] = draw(st.sampled_from(PROCEDURES))
    for flag in ("prior_immunoglobulin_anaphylaxis", "iga_deficiency_with_antibodies"):
        if draw(st.booleans()):
            request[flag] = draw(st.booleans())
    if draw(st.booleans()):
        request["heart_failure"] = draw(st.booleans())
    if draw(st.booleans()):
        request["blood_group"] = draw(st.sampled_from(["O", "A", "B", "AB"]))
    return request
