"""Writes of the FHIR export: each export is part of the case's audit trail."""

from decisions.cases.audit import audit_record
from decisions.models import AuditEvent

FORMAT = "fhir_r4"


def plan_record_fhir_export(*, assessment, user, by_token: bool) -> None:
    """Record that `user` took the plan away as FHIR (through an API token or the site)."""
    audit_record(
        case=assessment.case,
        actor=user,
        action=AuditEvent.Action.DOWNLOADED,
        number=assessment.number,
        format=FORMAT,
        via="api_token" if by_token else "session",
    )
