"""The shipped catalogue: loaded by migration 0013, switched off, valid for the admin, each entry
cited, and docs/products.md current."""

import pytest
from django.core.exceptions import ValidationError

from decisions.models import Product
from decisions.models.products import validate_rates_mg_kg_min
from decisions.products import catalogue_doc
from decisions.products.catalogue import PRODUCTS

pytestmark = pytest.mark.django_db


def test_the_migration_ships_every_catalogue_product_switched_off():
    assert set(Product.objects.values_list("name", flat=True)) == {p["name"] for p in PRODUCTS}
    assert not Product.objects.filter(active=True).exists()


@pytest.mark.parametrize("entry", PRODUCTS, ids=[p["name"] for p in PRODUCTS])
def test_each_entry_is_valid_cited_and_says_what_it_left_out(entry):
    product = Product.objects.get(name=entry["name"])
    product.full_clean()
    assert entry["citation"]
    if entry["start_rate_mg_kg_min"] is None or entry["max_rate_mg_kg_min"] is None:
        assert "not confirmed" in entry["citation_note"]
    if entry["at_risk_max_rate_mg_kg_min"] is not None:
        assert entry["at_risk_max_rate_mg_kg_min"] < entry["max_rate_mg_kg_min"]
    steps = entry["rate_steps_mg_kg_min"]
    assert all(entry["start_rate_mg_kg_min"] < rate for rate in steps)
    assert not steps or steps[-1] == entry["max_rate_mg_kg_min"]


def test_rate_steps_must_rise():
    with pytest.raises(ValidationError):
        validate_rates_mg_kg_min([2, 4, 3])
    with pytest.raises(ValidationError):
        validate_rates_mg_kg_min([2, "fast"])
    validate_rates_mg_kg_min([])


def test_docs_products_md_is_current():
    assert catalogue_doc.main(["--check"]) == 0, "run python -m decisions.products.catalogue_doc"
