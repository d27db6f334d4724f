import pytest

from decisions.engine.grading import ctcae_grade, platelet_count_per_uL
from decisions.engine.vocabulary import PlateletUnit


@pytest.mark.parametrize(
    ("count_per_uL", "grade"),
    [
        (0, 4),
        (24_999, 4),
        (25_000, 3),
        (49_999, 3),
        (50_000, 2),
        (74_999, 2),
        (75_000, 1),
        (149_999, 1),
        (150_000, 0),
        (400_000, 0),
    ],
)
def test_ctcae_v5_boundaries(count_per_uL, grade):
    assert ctcae_grade(count_per_uL) == grade


def test_x10_9_per_L_is_normalised_to_per_uL():
    assert platelet_count_per_uL(25, PlateletUnit.X10_9_PER_L) == 25_000
    assert platelet_count_per_uL(25_000, PlateletUnit.PER_UL) == 25_000


def test_same_count_in_either_unit_gives_same_grade():
    assert ctcae_grade(platelet_count_per_uL(49.9, PlateletUnit.X10_9_PER_L)) == 3
