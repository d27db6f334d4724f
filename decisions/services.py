"""Writes: every change to a case goes through here, is atomic, and leaves an audit event.

Edits name the case version their page showed; if another clinician changed the same thing
since, `ConcurrentEditError` is raised instead of silently overwriting their work
(edit_conflicts: never against the clinician's own changes, nor others' changes elsewhere).
"""

import secrets
from datetime import date

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F, Max
from django.utils import timezone

from .api_request import parse_evaluate_request
from .assessment_steps import prune
from .audit import audit_record
from .edit_conflicts import (
    STATUS,
    ConcurrentEditError,
    answer_field,
    decision_on,
    every_answer,
    version_claim,
)
from .engine import EngineOptions, evaluate
from .engine.registry import plan_with_sources
from .models import Assessment, AuditEvent, Case, PlanSnapshot, RecommendationDecision, Team

Action = AuditEvent.Action
# No 0/O or 1/I: references are read aloud on the phone.
REFERENCE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"


class AssessmentCompleteError(ValueError):
    """A completed assessment is never changed; start a new one."""


def engine_options() -> EngineOptions:
    return EngineOptions(
        vial_size_g=settings.IVIG_VIAL_SIZE_G,
        renal_check_hours=settings.IVIG_RENAL_CHECK_HOURS,
        renal_risk_extra_hours=settings.IVIG_RENAL_RISK_EXTRA_HOURS,
    )


def _new_reference() -> str:
    return "IV-" + "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(6))


def _bump_version(case: Case, expected_version: int | None) -> None:
    """Claim the next version of the case, or fail if anyone at all got there first.

    Strict, for the infusion records; the assessment and the plan use version_claim."""
    cases = Case.objects.filter(pk=case.pk)
    if expected_version is not None:
        cases = cases.filter(version=expected_version)
    if cases.update(version=F("version") + 1, updated_at=timezone.now()) != 1:
        raise ConcurrentEditError(case.reference)
    case.refresh_from_db(fields=["version", "updated_at"])


@transaction.atomic
def case_create(
    *,
    user,
    team: Team,
    patient_name: str,
    patient_identifier: str,
    date_of_birth: date | None = None,
) -> Case:
    """Open a case for a patient, with its first (empty) assessment."""
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
                )
            break
        except IntegrityError:  # the random reference was taken; draw again
            continue
    else:
        raise RuntimeError("could not draw a free case reference")
    audit_record(case=case, actor=user, action=Action.CREATED, team=team.name)
    Assessment.objects.create(case=case, number=1, created_by=user)
    audit_record(case=case, actor=user, action=Action.ASSESSMENT_STARTED, number=1)
    return case


@transaction.atomic
def assessment_start(*, case: Case, user) -> Assessment:
    """Reassess: a new numbered draft starting from the last answers; old ones stay as they are."""
    draft = case.assessments.filter(status=Assessment.Status.DRAFT).first()
    if draft is not None:
        return draft
    _bump_version(case, None)
    last = case.assessments.filter(status=Assessment.Status.COMPLETE).order_by("-number").first()
    number = (case.assessments.aggregate(n=Max("number"))["n"] or 0) + 1
    assessment = Assessment.objects.create(
        case=case,
        number=number,
        answers=dict(last.answers) if last else {},
        created_by=user,
    )
    audit_record(case=case, actor=user, action=Action.ASSESSMENT_STARTED, number=number)
    return assessment


@transaction.atomic
def assessment_save_answers(
    *,
    assessment: Assessment,
    user,
    answers: dict,
    dropped: tuple[str, ...] = (),
    confirmed: tuple[str, ...] = (),
    expected_version: int | None = None,
) -> Assessment:
    """Merge one step's answers into a draft; `dropped` are fields no longer relevant.

    `answers` and `dropped` are what this clinician changed on the page; a field someone else
    changed since `expected_version` is refused (ConcurrentEditError), the rest never is.
    """
    touches = [answer_field(assessment.number, name) for name in {*answers, *dropped}]
    version = version_claim(
        assessment.case, user=user, expected_version=expected_version, touches=touches
    )
    # Re-read under the claim: another clinician may have saved other fields meanwhile.
    assessment.refresh_from_db(fields=["status", "answers", "confirmed"])
    if assessment.status != Assessment.Status.DRAFT:
        raise AssessmentCompleteError(assessment)
    before = assessment.answers
    merged = prune({**{k: v for k, v in before.items() if k not in dropped}, **answers})
    changed = sorted(k for k, v in merged.items() if before.get(k) != v)
    gone = sorted(k for k in before if k not in merged)
    assessment.answers = merged
    assessment.confirmed = sorted(set(assessment.confirmed) | set(confirmed))
    assessment.save(update_fields=["answers", "confirmed"])
    if changed or gone:
        audit_record(
            case=assessment.case,
            actor=user,
            action=Action.ASSESSMENT_CHANGED,
            case_version=version,
            number=assessment.number,
            fields=changed,
            dropped=gone,
        )
    return assessment


@transaction.atomic
def assessment_complete(
    *, assessment: Assessment, user, expected_version: int | None = None
) -> PlanSnapshot:
    """Run the engine on the answers and keep its plan, exactly as produced, for good.

    Refused (ConcurrentEditError) if someone else changed an answer since `expected_version`;
    raises api_request.InvalidRequest (nothing saved) when the answers are not complete.
    """
    version = version_claim(
        assessment.case,
        user=user,
        expected_version=expected_version,
        touches=[every_answer(assessment.number)],
    )
    assessment.refresh_from_db(fields=["status", "answers", "confirmed"])
    if assessment.status == Assessment.Status.COMPLETE:
        return assessment.plan  # made by this clinician a moment ago (a second click)
    engine_input = parse_evaluate_request(assessment.answers, confirmed=assessment.confirmed)
    plan = evaluate(engine_input, engine_options())
    snapshot = PlanSnapshot.objects.create(
        assessment=assessment,
        ruleset_version=plan.ruleset_version,
        plan=plan_with_sources(plan),
        emergency=plan.life_threatening_bleeding,
    )
    assessment.status = Assessment.Status.COMPLETE
    assessment.completed_at = timezone.now()
    assessment.save(update_fields=["status", "completed_at"])
    Case.objects.filter(pk=assessment.case_id).update(emergency=snapshot.emergency)
    audit_record(
        case=assessment.case,
        actor=user,
        action=Action.PLAN_CREATED,
        case_version=version,
        number=assessment.number,
        ruleset_version=plan.ruleset_version,
        emergency=snapshot.emergency,
    )
    return snapshot


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
    """Close or reopen a case."""
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
    if status == Case.Status.CLOSED:
        from .services_infusions import renal_checks_cancel_for_case

        renal_checks_cancel_for_case(case=case, user=user, reason="case closed")
    return case


def case_record_view(*, case: Case, user) -> None:
    """Viewing a case is part of its audit trail."""
    audit_record(case=case, actor=user, action=Action.VIEWED)
