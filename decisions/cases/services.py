"""Writes of cases: every change goes through here, is atomic, and leaves an audit event.

Edits name the case version their page showed; if another clinician changed the same thing
since, `ConcurrentEditError` is raised instead of silently overwriting their work
(decisions/cases/versioning.py: never against the clinician's own changes, nor others' changes
elsewhere). The assessment's own writes are in decisions/assessment/services.py.
"""

import secrets
from datetime import date

from django.db import IntegrityError, transaction

from decisions.cases.audit import audit_record
from decisions.cases.selectors import case_opened_by_form
from decisions.cases.versioning import STATUS, decision_on, version_claim
from decisions.models import (
    Assessment,
    AuditEvent,
    Case,
    PlanSnapshot,
    RecommendationDecision,
    Team,
)

Action = AuditEvent.Action
# No 0/O or 1/I: references are read aloud on the phone.
REFERENCE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"


def _new_reference() -> str:
    return "IV-" + "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(6))


@transaction.atomic
def case_create(
    *,
    user,
    team: Team,
    patient_name: str,
    patient_identifier: str,
    date_of_birth: date | None = None,
    form_token: str = "",
) -> Case:
    """Open a case for a patient, with its first (empty) assessment.

    `form_token`: the "New case" form's one-time token; if that form already opened a case
    (posted twice, even at the same moment), that case is returned and nothing is added."""
    for _attempt in range(5):
        try:
            with transaction.atomic():
                case = Case.objects.create(
                    reference=_new_reference(),
                    team=team,
                    patient_name=patient_name,
                    patient_identifier=patient_identifier,
                    date_of_birth=date_of_birth,
                    created_by=user,
                    form_token=form_token,
                )
            break
        except IntegrityError:
            # The form's token was used (its first post committed meanwhile, the unique index
            # made this insert wait for it), or the random reference was taken: draw again.
            opened = case_opened_by_form(user=user, form_token=form_token)
            if opened is not None:
                return opened
            continue
    else:
        raise RuntimeError("could not draw a free case reference")
    audit_record(case=case, actor=user, action=Action.CREATED, team=team.name)
    Assessment.objects.create(case=case, number=1, created_by=user)
    audit_record(case=case, actor=user, action=Action.ASSESSMENT_STARTED, number=1)
    return case


@transaction.atomic
def recommendation_decide(
    *,
    plan: PlanSnapshot,
    user,
    code: str,
    decision: str,
    reason: str = "",
    expected_version: int | None = None,
) -> RecommendationDecision:
    """Record the clinician's acceptance or override (with its reason) of one recommendation."""
    codes = {r["code"] for r in plan.plan["recommendations"]}
    if code not in codes:
        raise ValueError(f"the plan has no recommendation {code}")
    if decision == RecommendationDecision.Decision.OVERRIDDEN and not reason.strip():
        raise ValueError("an override needs a reason")
    case = plan.assessment.case
    number = plan.assessment.number
    version = version_claim(
        case, user=user, expected_version=expected_version, touches=[decision_on(number, code)]
    )
    made = RecommendationDecision.objects.create(
        plan=plan, code=code, decision=decision, reason=reason.strip(), decided_by=user
    )
    action = Action.ACCEPTED if decision == made.Decision.ACCEPTED else Action.OVERRIDDEN
    audit_record(
        case=case,
        actor=user,
        action=action,
        case_version=version,
        number=number,
        code=code,
        reason=made.reason,
    )
    return made


@transaction.atomic
def case_set_status(*, case: Case, user, status: str, expected_version: int | None = None) -> Case:
    """Close or reopen a case (decisions/overview/services.py also cancels its checks)."""
    if status == case.status:
        return case
    version = version_claim(case, user=user, expected_version=expected_version, touches=[STATUS])
    case.refresh_from_db(fields=["status"])
    if status == case.status:
        return case  # made so meanwhile by this clinician (a second click, another tab)
    Case.objects.filter(pk=case.pk).update(status=status)
    case.status = status
    action = Action.CLOSED if status == Case.Status.CLOSED else Action.REOPENED
    audit_record(case=case, actor=user, action=action, case_version=version)
    return case


def plan_record_print(*, assessment: Assessment, user, download: bool, options: dict) -> None:
    """Printing a plan, or downloading its PDF, is part of the case's audit trail."""
    action = Action.DOWNLOADED if download else Action.PRINTED
    audit_record(
        case=assessment.case, actor=user, action=action, number=assessment.number, **options
    )
