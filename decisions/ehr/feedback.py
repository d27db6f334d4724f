"""CDS Hooks 2.0 feedback: each item (`card`, `outcome` accepted or overridden, its accepted
suggestions or override reason, `outcomeTimestamp`) recorded in the audit trail."""

from django.db import transaction

from decisions.cases.audit import audit_record
from decisions.models import AuditEvent

OUTCOMES = ("accepted", "overridden")
COMMENT_MAX = 500
SHORT_MAX = 200


class InvalidFeedback(ValueError):
    pass


def _short(value) -> str | None:
    return value[:SHORT_MAX] if isinstance(value, str) and value else None


def _item(raw) -> dict:
    if not isinstance(raw, dict):
        raise InvalidFeedback("Each feedback item must be an object.")
    if not _short(raw.get("card")):
        raise InvalidFeedback("feedback.card (the card's uuid) is required.")
    if raw.get("outcome") not in OUTCOMES:
        raise InvalidFeedback("feedback.outcome must be 'accepted' or 'overridden'.")
    if not _short(raw.get("outcomeTimestamp")):
        raise InvalidFeedback("feedback.outcomeTimestamp is required.")
    item = {
        "card": raw["card"][:SHORT_MAX],
        "outcome": raw["outcome"],
        "outcome_timestamp": raw["outcomeTimestamp"][:SHORT_MAX],
    }
    accepted = raw.get("acceptedSuggestions")
    if raw["outcome"] == "accepted":
        if not isinstance(accepted, list) or not accepted:
            raise InvalidFeedback("An accepted outcome needs acceptedSuggestions.")
        item["accepted_suggestions"] = [
            _short(s.get("id")) for s in accepted if isinstance(s, dict) and _short(s.get("id"))
        ]
    reason = raw.get("overrideReason")
    if isinstance(reason, dict):
        coding = reason.get("reason") if isinstance(reason.get("reason"), dict) else {}
        item["override_reason"] = {
            k: _short(coding.get(k)) for k in ("system", "code", "display") if _short(coding.get(k))
        }
        if isinstance(reason.get("userComment"), str):
            item["override_comment"] = reason["userComment"][:COMMENT_MAX]
    return item


def feedback_read(body) -> list[dict]:
    if not isinstance(body, dict) or not isinstance(body.get("feedback"), list):
        raise InvalidFeedback('The body must be {"feedback": [...]}.')
    if not body["feedback"]:
        raise InvalidFeedback("feedback is empty.")
    return [_item(raw) for raw in body["feedback"]]


@transaction.atomic
def feedback_record(*, service_id: str, issuer: str, items: list[dict]) -> None:
    """One audit event per item; no case (a card is about an EHR's patient, not a case here)."""
    for item in items:
        audit_record(
            case=None,
            actor=None,
            action=AuditEvent.Action.CDS_FEEDBACK,
            service=service_id,
            client=issuer,
            **item,
        )
