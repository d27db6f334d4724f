"""Writes of the guided assessment: drafts, their answers, and the plan the engine makes of them.

Each is atomic, claims the case version (decisions/cases/versioning.py) and leaves an audit event.
"""

from django.conf import settings
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from decisions.assessment.emergency import (
    assumptions_as_recorded,
    build_engine_input,
    decided_by_emergency_rule,
)
from decisions.assessment.request import parse_evaluate_request
from decisions.assessment.steps import prune
from decisions.cases.audit import audit_record
from decisions.cases.versioning import answer_field, case_version_bump, every_answer, version_claim
from decisions.engine import EngineOptions, evaluate
from decisions.engine.registry import plan_with_sources
from decisions.models import Assessment, AuditEvent, Case, PlanSnapshot

Action = AuditEvent.Action


class AssessmentCompleteError(ValueError):
    """A completed assessment is never changed; start a new one."""


class NotAnEmergency(Exception):
    """The fast path was asked for, but the engine's emergency rule does not decide the plan."""


def engine_options() -> EngineOptions:
    return EngineOptions(
        vial_size_g=settings.IVIG_VIAL_SIZE_G,
        renal_check_hours=settings.IVIG_RENAL_CHECK_HOURS,
        renal_risk_extra_hours=settings.IVIG_RENAL_RISK_EXTRA_HOURS,
    )


@transaction.atomic
def assessment_start(*, case: Case, user) -> Assessment:
    """Reassess: a new numbered draft starting from the last answers; old ones stay as they are."""
    draft = case.assessments.filter(status=Assessment.Status.DRAFT).first()
    if draft is not None:
        return draft
    case_version_bump(case, None)
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


def _plan_claim(assessment: Assessment, user, expected_version: int | None) -> int:
    """Claim the case version for making the assessment's plan; refused (ConcurrentEditError)
    if someone else changed an answer since `expected_version`."""
    version = version_claim(
        assessment.case,
        user=user,
        expected_version=expected_version,
        touches=[every_answer(assessment.number)],
    )
    assessment.refresh_from_db(fields=["status", "answers", "confirmed"])
    return version


@transaction.atomic
def assessment_complete(
    *, assessment: Assessment, user, expected_version: int | None = None
) -> PlanSnapshot:
    """Run the engine on the answers and keep its plan, exactly as produced, for good.

    Refused (ConcurrentEditError) if someone else changed an answer since `expected_version`;
    raises api_request.InvalidRequest (nothing saved) when the answers are not complete.
    """
    version = _plan_claim(assessment, user, expected_version)
    if assessment.status == Assessment.Status.COMPLETE:
        return assessment.plan  # made by this clinician a moment ago (a second click)
    engine_input = parse_evaluate_request(assessment.answers, confirmed=assessment.confirmed)
    plan = evaluate(engine_input, engine_options())
    return _plan_keep(assessment=assessment, user=user, plan=plan, version=version)


@transaction.atomic
def assessment_complete_emergency(
    *, assessment: Assessment, user, expected_version: int | None = None
) -> PlanSnapshot:
    """The emergency fast path: the plan from the answers so far, the others assumed and listed.

    Raises InvalidRequest when the engine cannot run even with the assumptions (no weight, say),
    NotAnEmergency when the engine's emergency rule does not decide the plan (nothing saved).
    """
    version = _plan_claim(assessment, user, expected_version)
    if assessment.status == Assessment.Status.COMPLETE:
        return assessment.plan  # a second click on the fast path
    engine_input, assumed = build_engine_input(assessment.answers, assessment.confirmed)
    plan = evaluate(engine_input, engine_options())
    if not decided_by_emergency_rule(plan):
        raise NotAnEmergency(assessment.case.reference)
    return _plan_keep(
        assessment=assessment,
        user=user,
        plan=plan,
        version=version,
        assumptions=assumptions_as_recorded(assumed),
    )


def _plan_keep(
    *,
    assessment: Assessment,
    user,
    plan,
    version: int,
    assumptions: list[dict] | None = None,
) -> PlanSnapshot:
    """Store the plan as the assessment's snapshot and close the assessment."""
    snapshot = PlanSnapshot.objects.create(
        assessment=assessment,
        ruleset_version=plan.ruleset_version,
        plan=plan_with_sources(plan),
        emergency=plan.life_threatening_bleeding,
        assumptions=assumptions or [],
    )
    assessment.status = Assessment.Status.COMPLETE
    assessment.completed_at = timezone.now()
    assessment.save(update_fields=["status", "completed_at"])
    Case.objects.filter(pk=assessment.case_id).update(emergency=snapshot.emergency)
    detail = {"partial": True, "assumed": [a["field"] for a in assumptions]} if assumptions else {}
    audit_record(
        case=assessment.case,
        actor=user,
        action=Action.PLAN_CREATED,
        case_version=version,
        number=assessment.number,
        ruleset_version=plan.ruleset_version,
        emergency=snapshot.emergency,
        **detail,
    )
    return snapshot
