"""Writes that span the case and its monitoring."""

from django.db import transaction

from decisions.cases.services import case_set_status
from decisions.models import Case
from decisions.monitoring.infusions import renal_checks_cancel_for_case


@transaction.atomic
def case_status_change(*, case: Case, user, status: str, expected_version: int | None = None):
    """Close or reopen a case; closing it cancels the renal checks still to come."""
    was_open = case.status != Case.Status.CLOSED
    case = case_set_status(case=case, user=user, status=status, expected_version=expected_version)
    if was_open and case.status == Case.Status.CLOSED:
        renal_checks_cancel_for_case(case=case, user=user, reason="case closed")
    return case
