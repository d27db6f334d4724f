"""The audit trail: one function writes it, nothing edits it."""

from decisions.models import AuditEvent, Case


def audit_record(*, case: Case, actor, action: str, **detail) -> AuditEvent:
    """Record that `actor` did `action` to `case`; detail holds clinical facts, no identifiers."""
    return AuditEvent.objects.create(case=case, actor=actor, action=action, detail=detail)
