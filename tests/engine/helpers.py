"""Build plans in tests the way the API does: from the contract's field names."""

from decisions.assessment.request import parse_evaluate_request
from decisions.engine import evaluate
from decisions.engine.plan import Plan

ADULT = {"weight_kg": 70, "age_group": "adult", "condition": "primary_itp", "bleeding": "none"}


def plan_for(**fields) -> Plan:
    return evaluate(parse_evaluate_request({**ADULT, **fields}))


def roles(plan: Plan) -> dict[str, str]:
    return {r.code: str(r.role) for r in plan.recommendations}


def alert_codes(plan: Plan) -> set[str]:
    return {a.code for a in plan.alerts}
