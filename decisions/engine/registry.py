"""Every rule table in one place: for documents, and for plans that quote their sources."""

from .monitoring import MONITORING_RULES
from .plan import Plan
from .rules import MODIFIER_RULES, TREATMENT_RULES
from .safety_alerts import ALL_ALERT_RULES
from .steroids import DOSE_RULES

RULE_TABLES = (
    ("Treatment rules (first row that applies decides)", TREATMENT_RULES),
    ("Modifier rules (applied in order)", MODIFIER_RULES),
    ("Alert rules", ALL_ALERT_RULES),
    ("Monitoring and expected-response rules", MONITORING_RULES),
    ("Dose rules (shown beside the source's doses)", DOSE_RULES),
)
ALL_RULES = tuple(rule for _, rules in RULE_TABLES for rule in rules)
RULES_BY_ID = {rule.id: rule for rule in ALL_RULES}


def source_sentences(rule_ids) -> list[str]:
    """The source's own sentences behind these rules, each once, in order."""
    sentences = (sentence for rule_id in rule_ids for sentence in RULES_BY_ID[rule_id].source)
    return list(dict.fromkeys(sentences))


def plan_with_sources(plan: Plan) -> dict:
    """The plan as JSON, each line carrying the source sentences it rests on (for the record)."""
    data = plan.to_dict()
    for item in data["recommendations"]:
        item["source"] = source_sentences(item["rule_ids"])
    for key in ("alerts", "monitoring"):
        for item in data[key]:
            item["source"] = source_sentences([item["rule_id"]])
    data["expected_response"]["source"] = source_sentences([data["expected_response"]["rule_id"]])
    return data
