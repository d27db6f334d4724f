"""Platelet counts a procedure needs (rules 2027.1), and whether the count already allows it.

BSH 2016 platelet transfusion guideline: central venous catheter 20 x10^9/L, lumbar puncture 40,
major surgery 50, epidural/spinal insertion or removal 80, neurosurgery or surgery of the posterior
segment of the eye 100 (checked against a summary of the guideline, not its own text). Delivery:
2019 International Consensus Report, 50 x10^9/L (the contract's figure; not confirmed against the
report's text in this review).
"""

from .vocabulary import Procedure

PLATELET_TARGET_PER_UL = {
    Procedure.CENTRAL_VENOUS_CATHETER: 20_000,
    Procedure.LUMBAR_PUNCTURE: 40_000,
    Procedure.MAJOR_SURGERY: 50_000,
    Procedure.DELIVERY: 50_000,
    Procedure.NEURAXIAL_ANAESTHESIA: 80_000,
    Procedure.NEUROSURGERY_OR_POSTERIOR_EYE: 100_000,
}
# Urgent surgery with no procedure named is held to the major-surgery target.
UNNAMED_SURGERY_TARGET_PER_UL = PLATELET_TARGET_PER_UL[Procedure.MAJOR_SURGERY]


def procedure_label(procedure: Procedure) -> str:
    return str(procedure).replace("_", " ")
