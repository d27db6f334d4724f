"""FHIR to the API's fields: the age group from the birth date, the units of count and weight."""

from datetime import date

import pytest

from decisions.ehr.fhir_read import EhrRecord
from decisions.ehr.mapping import age_fields, map_record

from .fhir import patient, platelets, weight

TODAY = date(2026, 12, 2)


@pytest.mark.parametrize(
    ("birth", "group", "years"),
    [
        (date(2026, 12, 2), "neonate", 0.0),
        (date(2026, 11, 4), "neonate", 0.0766),  # 28 days: still a neonate (contract)
        (date(2026, 11, 3), "child", 0.08),  # 29 days
        (date(2008, 12, 3), "child", 17.99),  # the day before the 18th birthday
        (date(2008, 12, 2), "adult", 18.0),
        (date(2008, 2, 29), "adult", 18.75),  # born on 29 February
        (date(1926, 12, 1), "adult", 100.0),
    ],
)
def test_the_age_group_comes_from_the_birth_date(birth, group, years):
    fields = age_fields(birth, TODAY)

    assert fields["age_group"] == group
    assert fields["age_years"] == pytest.approx(years, abs=0.01)


@pytest.mark.parametrize(
    ("observation", "count", "unit", "per_uL"),
    [
        (platelets(12, "10*3/uL"), 12, "x10^9/L", 12_000),
        (platelets(12.5, "10*9/L"), 12.5, "x10^9/L", 12_500),
        (platelets(12000, "/uL"), 12000, "per_uL", 12_000),
    ],
)
def test_the_count_is_read_in_its_ucum_unit(observation, count, unit, per_uL):
    record = EhrRecord(patient=patient("1980-01-01"), platelets=observation, weight=weight(70))

    mapped = map_record(record, today=TODAY)

    assert mapped.fields["platelet_count"] == count
    assert mapped.fields["platelet_unit"] == unit
    assert mapped.count_per_uL == per_uL


@pytest.mark.parametrize(("observation", "kg"), [(weight(70, "kg"), 70), (weight(3250, "g"), 3.25)])
def test_the_weight_is_read_in_kg_or_g(observation, kg):
    record = EhrRecord(patient=patient("1980-01-01"), platelets=platelets(12), weight=observation)

    assert map_record(record, today=TODAY).fields["weight_kg"] == kg


@pytest.mark.parametrize("birth_date", [None, "1980", "1980-06", "not a date"])
def test_a_missing_or_partial_birth_date_is_missing(birth_date):
    record = EhrRecord(patient=patient(birth_date), platelets=platelets(12), weight=weight(70))

    mapped = map_record(record, today=TODAY)

    assert mapped.missing == ("birth date",)
    assert "age_group" not in mapped.fields
