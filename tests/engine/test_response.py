"""The response by the International Working Group's definitions (Rodeghiero, Blood 2009):
complete >= 100 x10^9/L and no bleeding; response >= 30 x10^9/L, at least doubled and no
bleeding; no response otherwise (under 30, not doubled, or bleeding)."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from decisions.engine.response import (
    ResponseCategory,
    TimedCount,
    days_to_response,
    repeat_dose_guidance,
    response_category,
)

C, R, N = ResponseCategory.COMPLETE, ResponseCategory.RESPONSE, ResponseCategory.NONE

# (baseline x10^9/L, count x10^9/L, category): each boundary from both sides, without bleeding.
BOUNDARIES = [
    (5, 29, N),  # under 30 however much it rose
    (5, 30, R),  # 30 and more than doubled
    (10, 30, R),
    (15, 30, R),  # exactly doubled counts
    (16, 30, N),  # 30 but not doubled
    (20, 39, N),
    (20, 40, R),  # exactly double
    (49, 99, R),
    (50, 99, N),  # 99 is less than double 50
    (50, 100, C),  # 100 is complete whatever the baseline
    (60, 100, C),
    (99, 100, C),
    (0, 0, N),
    (0, 30, R),
    (0, 29, N),
    (150, 120, C),  # complete, even below the baseline
    (5, 99, R),
]


@pytest.mark.parametrize(("baseline", "count", "category"), BOUNDARIES)
def test_the_category_of_each_boundary(baseline, count, category):
    found = response_category(
        baseline_per_uL=baseline * 1000, count_per_uL=count * 1000, bleeding=False
    )
    assert found is category


# (baseline x10^9/L, count x10^9/L, bleeding, category): IWG 2009, CR and R need no bleeding.
WITH_BLEEDING = [
    (50, 100, True, N),  # complete by the count, but bleeding
    (50, 100, False, C),
    (150, 1000, True, N),
    (10, 30, True, N),  # a response by the count, but bleeding
    (10, 30, False, R),
    (10, 29, True, N),
    (0, 0, True, N),
]


@pytest.mark.parametrize(("baseline", "count", "bleeding", "category"), WITH_BLEEDING)
def test_bleeding_is_no_response_whatever_the_count(baseline, count, bleeding, category):
    found = response_category(
        baseline_per_uL=baseline * 1000, count_per_uL=count * 1000, bleeding=bleeding
    )
    assert found is category


@pytest.mark.parametrize("bleeding", [False, True])
def test_a_negative_count_is_refused(bleeding):
    with pytest.raises(ValueError):
        response_category(baseline_per_uL=10_000, count_per_uL=-1, bleeding=bleeding)


counts = st.integers(min_value=0, max_value=1_500_000)


@given(baseline=counts, count=counts, bleeding=st.booleans())
def test_complete_is_exactly_a_count_of_100_or_more_without_bleeding(baseline, count, bleeding):
    category = response_category(baseline_per_uL=baseline, count_per_uL=count, bleeding=bleeding)
    assert (category is C) == (count >= 100_000 and not bleeding)


@given(baseline=counts, count=counts, bleeding=st.booleans())
def test_a_response_is_at_least_30_and_doubled_without_bleeding(baseline, count, bleeding):
    category = response_category(baseline_per_uL=baseline, count_per_uL=count, bleeding=bleeding)
    if category is R:
        assert 30_000 <= count < 100_000 and count >= 2 * baseline and not bleeding
    if category is N:
        assert bleeding or count < 30_000 or (count < 2 * baseline and count < 100_000)


@given(baseline=counts, count=counts)
def test_bleeding_is_always_no_response(baseline, count):
    assert response_category(baseline_per_uL=baseline, count_per_uL=count, bleeding=True) is N


@given(
    baseline=counts,
    count=counts,
    more=st.integers(min_value=0, max_value=500_000),
    bleeding=st.booleans(),
)
def test_a_higher_count_never_ranks_lower(baseline, count, more, bleeding):
    rank = {N: 0, R: 1, C: 2}
    low = response_category(baseline_per_uL=baseline, count_per_uL=count, bleeding=bleeding)
    high = response_category(baseline_per_uL=baseline, count_per_uL=count + more, bleeding=bleeding)
    assert rank[high] >= rank[low]


def test_time_to_response_is_the_first_count_that_responded():
    series = [TimedCount(3.0, 45_000), TimedCount(1.0, 12_000), TimedCount(2.0, 31_000)]
    assert days_to_response(baseline_per_uL=10_000, counts=series) == 2.0


def test_a_count_with_bleeding_is_not_the_time_of_response():
    series = [TimedCount(2.0, 45_000, bleeding=True), TimedCount(7.0, 45_000)]
    assert days_to_response(baseline_per_uL=10_000, counts=series) == 7.0
    assert days_to_response(baseline_per_uL=10_000, counts=series[:1]) is None


def test_no_time_to_response_without_a_response():
    series = [TimedCount(1.0, 12_000), TimedCount(7.0, 25_000)]
    assert days_to_response(baseline_per_uL=10_000, counts=series) is None


@given(st.lists(st.tuples(st.floats(0, 30), counts, st.booleans()), max_size=8), counts)
def test_time_to_response_is_when_a_counted_response_came(series, baseline):
    timed = [TimedCount(d, c, bleeding=b) for d, c, b in series]
    days = days_to_response(baseline_per_uL=baseline, counts=timed)
    responded = [
        t.days_after_start
        for t in timed
        if response_category(
            baseline_per_uL=baseline, count_per_uL=t.count_per_uL, bleeding=t.bleeding
        )
        is not N
    ]
    assert (days is None) == (not responded)
    if responded:
        assert days == round(min(responded), 1)


@pytest.mark.parametrize(
    ("category", "says"),
    [
        (None, "not haemostatically adequate."),
        (N, "No response by the IWG definitions"),
        (R, "needs a reason the count is not adequate"),
        (C, "needs a reason the count is not adequate"),
    ],
)
def test_the_repeat_dose_criterion_is_beside_the_decision(category, says):
    text = repeat_dose_guidance(category)
    assert "NHS England" in text and says in text
