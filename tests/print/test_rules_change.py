"""A plan printed a year later reads as it did the day it was made, whatever the rules say now."""

import importlib

import pytest
from django.core.cache import cache

from decisions.engine import references, wording
from decisions.engine.references import Reference
from decisions.engine.treatments import Code

from .plans import EMERGENCY, pdf_text, pdf_url, planned_case

pytestmark = pytest.mark.django_db

NEW_TEXT = "A new rule's text for the platelet transfusion."
NEW_VERSION = "2027.1.1+0123456789ab"
NEW_PUBLICATION = "A publication identified after the plan was made"


@pytest.fixture
def rules_changed(monkeypatch):
    """The engine as a later release might have it: new wording, version and reference."""

    def change():
        # The package's `evaluate` is the function; the module is patched by its full name.
        engine_evaluate = importlib.import_module("decisions.engine.evaluate")
        monkeypatch.setattr(engine_evaluate, "RULESET_VERSION", NEW_VERSION)
        monkeypatch.setitem(wording._OTHER_ACTIONS, Code.PLATELET_TRANSFUSION, NEW_TEXT)
        old = references.REFERENCES["3"]
        monkeypatch.setitem(
            references.REFERENCES,
            "3",
            Reference(
                "3", old.supports, "matched", title=NEW_PUBLICATION, journal="Blood", year=2027
            ),
        )

    return change


def test_changing_the_rules_does_not_change_an_old_plans_pdf(
    browser, clinician, team, rules_changed
):
    case = planned_case(browser, clinician, team, EMERGENCY)
    before = pdf_text(browser.get(pdf_url(case)).content)

    rules_changed()
    cache.clear()  # render afresh, not the PDF kept from before
    after = pdf_text(browser.get(pdf_url(case)).content)

    assert after == before
    assert NEW_TEXT not in after
    assert NEW_VERSION not in after
    assert NEW_PUBLICATION not in after


def test_a_plan_made_after_the_change_prints_the_new_rules(browser, clinician, team, rules_changed):
    # The other side of the test above: the change is real, and new plans show it.
    rules_changed()
    case = planned_case(browser, clinician, team, EMERGENCY)
    text = pdf_text(browser.get(pdf_url(case)).content)
    assert NEW_TEXT in text
    assert f"Rule set {NEW_VERSION}" in text
    assert NEW_PUBLICATION in text
