"""The audit trail: one function writes it, nothing edits it."""

from decisions.models import AuditEvent, Case


def audit_record(
    *, case: Case, actor, action: str, case_version: int | None = None, **detail
) -> AuditEvent:
    """Record that `actor` did `action` to `case`; detail holds clinical facts, no identifiers.

    `case_version` is the version an edit moved the case to (see cases/versioning.py)."""
    return AuditEvent.objects.create(
        case=case, actor=actor, action=action, detail=detail, case_version=case_version
    )
