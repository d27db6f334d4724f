"""Writes of the guided assessment: drafts, their answers, and the plan the engine makes of them.

Each is atomic, moves the case version on and leaves an audit event.
"""

from django.conf import settings
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from decisions.assessment.request import parse_evaluate_request
from decisions.cases.audit import audit_record
from decisions.cases.versioning import case_version_bump
from decisions.engine import EngineOptions, evaluate
from decisions.engine.registry import plan_with_sources
from decisions.models import Assessment, AuditEvent, Case, PlanSnapshot

Action = AuditEvent.Action


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
    """Merge one step's answers into a draft; `dropped` are fields no longer relevant."""
    if assessment.status != Assessment.Status.DRAFT:
        raise ValueError("a completed assessment is never changed; start a new one")
    case_version_bump(assessment.case, expected_version)
    merged = {k: v for k, v in assessment.answers.items() if k not in dropped}
    changed = sorted(k for k, v in answers.items() if merged.get(k) != v)
    merged.update(answers)
    assessment.answers = merged
    assessment.confirmed = sorted(set(assessment.confirmed) | set(confirmed))
    assessment.save(update_fields=["answers", "confirmed"])
    if changed or dropped:
        audit_record(
            case=assessment.case,
            actor=user,
            action=Action.ASSESSMENT_CHANGED,
            number=assessment.number,
            fields=changed,
            dropped=sorted(dropped),
        )
    return assessment


@transaction.atomic
def assessment_complete(
    *, assessment: Assessment, user, expected_version: int | None = None
) -> PlanSnapshot:
    """Run the engine on the answers and keep its plan, exactly as produced, for good.

    Raises assessment.request.InvalidRequest (nothing saved) when the answers are not complete.
    """
    engine_input = parse_evaluate_request(assessment.answers, confirmed=assessment.confirmed)
    plan = evaluate(engine_input, engine_options())
    case_version_bump(assessment.case, expected_version)
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
        number=assessment.number,
        ruleset_version=plan.ruleset_version,
        emergency=snapshot.emergency,
    )
    return snapshot
