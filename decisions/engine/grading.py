"""Platelet count normalisation and CTCAE v5 grading of "platelet count decreased"."""

from decimal import Decimal

from .vocabulary import PlateletUnit

PER_UL_PER_10_9_PER_L = 1000  # 25 x10^9/L = 25,000 per uL

# CTCAE v5.0 "Platelet count decreased": lower bound (per uL) of each grade, worst first.
CTCAE_GRADE_FLOORS_PER_UL = ((4, 0), (3, 25_000), (2, 50_000), (1, 75_000))
CTCAE_LOWER_LIMIT_OF_NORMAL_PER_UL = 150_000


def platelet_count_per_uL(count: float, unit: PlateletUnit) -> float:
    """The count in platelets per microlitre, whichever unit it was given in."""
    if unit == PlateletUnit.X10_9_PER_L:
        # In decimal, so that 16.1 x10^9/L is 16,100 per uL, not 16,100.000000000002.
        return float(Decimal(str(count)) * PER_UL_PER_10_9_PER_L)
    return count


def ctcae_grade(count_per_uL: float) -> int:
    """CTCAE v5 grade: 4 below 25,000; 3 below 50,000; 2 below 75,000; 1 below 150,000; else 0."""
    if count_per_uL >= CTCAE_LOWER_LIMIT_OF_NORMAL_PER_UL:
        return 0
    for grade, floor in CTCAE_GRADE_FLOORS_PER_UL[::-1]:
        if count_per_uL >= floor:
            return grade
    return 4
