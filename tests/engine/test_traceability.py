"""Every rule traces to the source or a named standard; the rule-set version follows the rules."""

import re
from pathlib import Path

import pytest

from decisions import rules_doc
from decisions.engine import version
from decisions.engine.references import REFERENCES
from decisions.engine.registry import ALL_RULES, plan_with_sources

from .helpers import plan_for

SOURCE = Path(version.__file__).parent / "source" / "ivig-in-thrombocytopenia.txt"


def normalised(text: str) -> str:
    return re.sub(r"\s+", " ", text)


@pytest.mark.parametrize("rule", ALL_RULES, ids=lambda rule: rule.id)
def test_rule_quotes_the_source_word_for_word_or_names_a_standard(rule):
    source = normalised(SOURCE.read_text())
    for sentence in rule.source:
        assert normalised(sentence) in source
    if rule.citations:
        assert rule.source or rule.standard
    assert set(rule.citations) <= set(REFERENCES)


def test_fingerprint_is_recorded_for_this_release():
    assert version.compute_fingerprint() == version.RECORDED_FINGERPRINT, (
        "A rule module changed: name a new RULESET_RELEASE in decisions/engine/version.py, set "
        f"RECORDED_FINGERPRINT = {version.compute_fingerprint()!r} and rebuild docs/rules.md."
    )


def test_ruleset_version_carries_release_and_fingerprint():
    assert version.RULESET_VERSION == (
        f"{version.RULESET_RELEASE}+{version.compute_fingerprint()[:12]}"
    )


def test_docs_rules_md_is_current():
    assert rules_doc.DOC.read_text() == rules_doc.build_markdown(), (
        "run `python -m decisions.rules_doc`"
    )


def test_engine_imports_nothing_from_django():
    engine = Path(version.__file__).parent
    for module in engine.glob("*.py"):
        assert not re.search(r"^\s*(from|import) django", module.read_text(), re.M), module.name


def test_a_recorded_plan_quotes_the_source_beside_each_line():
    data = plan_with_sources(plan_for(platelet_count=12_000, bleeding="life_threatening"))
    ivig = next(r for r in data["recommendations"] if r["code"] == "IVIG")
    assert any("Combine IVIG with corticosteroids" in s for s in ivig["source"])
    assert all("source" in alert for alert in data["alerts"])
    assert data["expected_response"]["source"]
