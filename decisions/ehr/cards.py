"""The cards' shape and wording (CDS Hooks 2.0, Card Attributes): a summary of at most 140
characters, an indicator, a source naming the product and the rule-set version, and a detail
(GitHub Markdown) citing the rules and references a card rests on, as the plan page does."""

import uuid

from django.conf import settings

from decisions.cases.reference_wording import reference_citation
from decisions.engine import RULESET_VERSION
from decisions.engine.references import REFERENCES

PRODUCT = "IVIG decision support"
SUMMARY_MAX = 140
OVERRIDE_SYSTEM_PATH = "/cds-services/override-reasons"
TOPIC_SYSTEM_PATH = "/cds-services/topics"
# Offered when a card is dismissed (CDS Hooks 2.0, overrideReasons; each with its display).
OVERRIDE_REASONS = (
    ("indication-not-primary-itp", "The indication is not primary ITP"),
    ("bleeding-changes-plan", "The patient is bleeding: the plan differs"),
    ("dose-decided-by-specialist", "Dose decided with a haematologist"),
    ("data-out-of-date", "The EHR's data are out of date"),
)


def source() -> dict:
    return {"label": f"{PRODUCT}, rules {RULESET_VERSION}", "url": settings.SITE_URL}


def card(
    *,
    topic: str,
    topic_display: str,
    summary: str,
    indicator: str,
    detail: str,
    suggestions: list[dict] | None = None,
) -> dict:
    """One card; its topic says which check it is (for filtering and for feedback)."""
    if len(summary) > SUMMARY_MAX:  # the wording below stays shorter; this is only a guard
        summary = summary[: SUMMARY_MAX - 1] + "…"
    made = {
        "uuid": str(uuid.uuid4()),
        "summary": summary,
        "indicator": indicator,
        "detail": detail,
        "source": {
            **source(),
            "topic": {
                "system": settings.SITE_URL + TOPIC_SYSTEM_PATH,
                "code": topic,
                "display": topic_display,
            },
        },
        "overrideReasons": [
            {"system": settings.SITE_URL + OVERRIDE_SYSTEM_PATH, "code": code, "display": text}
            for code, text in OVERRIDE_REASONS
        ],
    }
    if suggestions:
        made["suggestions"] = suggestions
        made["selectionBehavior"] = "at-most-one"
    return made


def update_suggestion(*, label: str, description: str, resource: dict) -> dict:
    return {
        "label": label,
        "uuid": str(uuid.uuid4()),
        "isRecommended": True,
        "actions": [{"type": "update", "description": description, "resource": resource}],
    }


def assessment_link(url: str) -> dict:
    return {
        "label": "Open the full assessment (prefilled from the EHR)",
        "url": url,
        "type": "absolute",
    }


def references_text(numbers) -> str:
    """The source's references as the plan page words them, one Markdown line each."""
    lines = []
    for number in numbers:
        reference = REFERENCES.get(str(number))
        if reference is not None:
            lines.append(f"- [{number}] {reference_citation(reference.to_dict())}")
    return "\n".join(lines)


def basis(*, rule_ids, citations=(), standards=(), source_sentences=()) -> str:
    """The Markdown that ends a card's detail: rules, source sentences, references, standards."""
    parts = [f"**Rules:** {', '.join(rule_ids)} (rule set {RULESET_VERSION})."]
    for sentence in source_sentences:
        parts.append(f"> {sentence}")
    if citations:
        parts.append("**References of the clinical source:**\n" + references_text(citations))
    if standards:
        parts.append("**Standards:** " + "; ".join(standards) + ".")
    return "\n\n".join(parts)
