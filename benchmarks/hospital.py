"""A whole hospital's worth of cases in PostgreSQL, for the query plans (benchmarks.query_plans).

A few dozen cases go through the services (plans, infusions, renal checks, results, platelet
counts, decisions), so the views have real rows to show; then 100,000 cases are copies of their
rows made with bulk_create, spread over 20 teams, two years, both statuses and every stage of a
course: drafts, plans, infusions, checks scheduled, overdue, sent, done with a result (some with
acute kidney injury), cancelled on closed cases.
"""

import random
import time
import uuid
from dataclasses import dataclass, field
from datetime import timedelta
from decimal import Decimal

from .pages import USERNAME, explicit_timestamps, patient, unused_references

CASES = 100_000
TEAMS = 20
MAIN_TEAM_CASES = 20_000  # the clinician's first team: a big haematology service
SECOND_TEAM_CASES = 5_000  # and a second one
COMPLETED_SHARE = 0.85  # the rest: assessments left in progress
EMERGENCY_SHARE = 0.25  # of completed
INFUSED_SHARE = 0.4  # of completed: a course recorded
CLOSED_SHARE = {True: 0.7, False: 0.1}  # by completed
AKI_SHARE = 0.1  # of results
REAL_PLANS = 24
REAL_DRAFTS = 6
BATCH = 5_000


@dataclass
class Hospital:
    clinician: object
    teams: list
    real_case_pks: list = field(default_factory=list)
    draft_case_pks: list = field(default_factory=list)
    check_pks: list = field(default_factory=list)
    seconds: float = 0.0


def build(rng: random.Random, *, cases: int = CASES) -> Hospital:
    """Fill an empty, migrated database; return who and what to look at."""
    start = time.monotonic()
    hospital = _build_real(rng)
    _build_bulk(rng, hospital, cases - REAL_PLANS - REAL_DRAFTS)
    hospital.seconds = time.monotonic() - start
    return hospital


def load() -> Hospital | None:
    """The hospital `build` made earlier in this database, or None if there is none."""
    from django.contrib.auth import get_user_model

    from decisions.models import Case, RenalCheck, Team

    clinician = get_user_model().objects.filter(username=USERNAME).first()
    if clinician is None or Case.objects.count() < CASES:
        return None
    first = list(
        Case.objects.order_by("pk").values_list("pk", flat=True)[: REAL_PLANS + REAL_DRAFTS]
    )
    return Hospital(
        clinician=clinician,
        teams=list(Team.objects.order_by("name")),
        real_case_pks=first[:REAL_PLANS],
        draft_case_pks=first[REAL_PLANS:],
        check_pks=list(
            RenalCheck.objects.filter(case__in=first[:REAL_PLANS]).values_list("pk", flat=True)
        ),
    )


def _build_real(rng: random.Random) -> Hospital:
    from django.contrib.auth import get_user_model
    from django.db import transaction
    from django.utils import timezone

    from decisions.cases.services import recommendation_decide
    from decisions.models import RenalCheck, Team
    from decisions.monitoring.results import platelet_count_record, renal_result_record
    from tests.factories import case_for
    from tests.reminders.helpers import AT_RENAL_RISK, plan_for, record

    from .pages import PASSWORD

    users = get_user_model().objects
    clinician = users.create_user(USERNAME, password=PASSWORD)
    teams = [Team.objects.create(name=f"Team {i:02d}") for i in range(TEAMS)]
    teams[0].members.add(clinician)
    teams[1].members.add(clinician)
    hospital = Hospital(clinician=clinician, teams=teams)
    now = timezone.now()
    with transaction.atomic():
        for i in range(REAL_PLANS):
            ended = now - timedelta(days=rng.choice([1, 4, 10]), hours=rng.randrange(24))
            snapshot = plan_for(clinician, teams[i % 2], AT_RENAL_RISK, **patient(rng))
            record(snapshot, clinician, ended_at=ended)
            recommendation_decide(plan=snapshot, user=clinician, code="IVIG", decision="accepted")
            case = snapshot.assessment.case
            checks = list(RenalCheck.objects.filter(plan=snapshot).order_by("due_at"))
            first = checks[0]
            if first.due_at < now:
                renal_result_record(
                    renal_check=first,
                    user=clinician,
                    measured_at=first.due_at,
                    creatinine=Decimal("2.10" if i % 3 == 0 else "1.05"),
                    creatinine_unit="mg/dL",
                )
            platelet_count_record(
                case=case,
                plan=snapshot,
                user=clinician,
                measured_at=ended + timedelta(hours=20),
                count_per_uL=45_000,
            )
            hospital.real_case_pks.append(case.pk)
            hospital.check_pks += [c.pk for c in checks]
        for i in range(REAL_DRAFTS):
            hospital.draft_case_pks.append(case_for(clinician, teams[i % 2], **patient(rng)).pk)
    return hospital


def _team_slots(rng: random.Random, teams: list, count: int) -> list:
    rest = (count - MAIN_TEAM_CASES - SECOND_TEAM_CASES) // (len(teams) - 2)
    slots = [teams[0]] * MAIN_TEAM_CASES + [teams[1]] * SECOND_TEAM_CASES
    slots += [team for team in teams[2:] for _ in range(rest)]
    slots += [teams[-1]] * (count - len(slots))
    rng.shuffle(slots)
    return slots


def _build_bulk(rng: random.Random, hospital: Hospital, count: int) -> None:
    from django.db import transaction
    from django.utils import timezone

    from decisions.models import (
        Assessment,
        AuditEvent,
        Case,
        PlanSnapshot,
        RecommendationDecision,
    )

    real = PlanSnapshot.objects.select_related("assessment").order_by("pk").first()
    draft_answers = {"age_group": "adult", "weight_kg": 70}
    user = hospital.clinician
    now = timezone.now()
    reference = unused_references(rng)

    rows = []  # (case, completed, times)
    for team in _team_slots(rng, hospital.teams, count):
        completed = rng.random() < COMPLETED_SHARE
        closed = rng.random() < CLOSED_SHARE[completed]
        created = now - timedelta(seconds=rng.uniform(3_600, 730 * 86_400))
        times = [created + timedelta(minutes=5 * k) for k in range(4 + rng.randrange(4))]
        emergency = completed and rng.random() < EMERGENCY_SHARE
        case = Case(
            reference=reference(),
            team=team,
            **patient(rng),
            status=Case.Status.CLOSED if closed else Case.Status.OPEN,
            emergency=emergency,
            created_by=user,
            created_at=created,
            updated_at=times[-1],
        )
        rows.append((case, completed, times))

    with transaction.atomic(), explicit_timestamps():
        Case.objects.bulk_create([case for case, _, _ in rows], batch_size=BATCH)
        assessments = [
            Assessment(
                case=case,
                number=1,
                status=Assessment.Status.COMPLETE if done else Assessment.Status.DRAFT,
                answers=real.assessment.answers if done else draft_answers,
                created_by=user,
                created_at=times[0],
                completed_at=times[-2] if done else None,
            )
            for case, done, times in rows
        ]
        Assessment.objects.bulk_create(assessments, batch_size=BATCH)
        plans = _copy_plans(real, [a for a in assessments if a.status == "complete"])
        AuditEvent.objects.bulk_create(
            (
                AuditEvent(case=case, actor=user, action=action, at=at)
                for case, _done, times in rows
                for action, at in zip(_actions(case, len(times)), times, strict=True)
            ),
            batch_size=BATCH,
        )
        RecommendationDecision.objects.bulk_create(
            (
                RecommendationDecision(plan=p, code="IVIG", decision="accepted", decided_by=user)
                for p in plans
            ),
            batch_size=BATCH,
        )
        _build_courses(rng, plans, now, user)


# The real plan copied inside PostgreSQL: 85,000 copies of a 9 kB JSON document sent through the
# ORM would take most of the build.
COPY_PLANS_SQL = """
    INSERT INTO decisions_plansnapshot (assessment_id, ruleset_version, plan, emergency, created_at)
    SELECT a.id, real.ruleset_version, real.plan, c.emergency, a.completed_at
    FROM decisions_assessment a
    JOIN decisions_case c ON c.id = a.case_id
    CROSS JOIN decisions_plansnapshot real
    WHERE real.id = %s AND a.id = ANY(%s)
    RETURNING id, assessment_id, created_at
"""


def _copy_plans(real, assessments: list) -> list:
    """A plan snapshot per completed assessment, a copy of `real`; returned without their JSON."""
    from django.db import connection

    from decisions.models import PlanSnapshot

    by_pk = {a.pk: a for a in assessments}
    with connection.cursor() as cursor:
        cursor.execute(COPY_PLANS_SQL, [real.pk, list(by_pk)])
        return [
            PlanSnapshot(pk=pk, assessment=by_pk[assessment_pk], created_at=created_at)
            for pk, assessment_pk, created_at in cursor.fetchall()
        ]


def _actions(case, count: int) -> list[str]:
    from decisions.models import AuditEvent

    Action = AuditEvent.Action
    middle = [Action.ASSESSMENT_CHANGED] * (count - 3) + [Action.VIEWED]
    last = Action.CLOSED if case.status == "closed" else Action.VIEWED
    return [Action.CREATED, Action.ASSESSMENT_STARTED, *middle][: count - 1] + [last]


def _build_courses(rng: random.Random, plans: list, now, user) -> None:
    """Infusions, their renal checks, results and platelet counts for a share of the plans."""
    from decisions.models import Infusion, PlateletCount, RenalCheck, RenalResult

    infusions, checks, counts = [], [], []
    for snapshot in plans:
        if rng.random() >= INFUSED_SHARE:
            continue
        case = snapshot.assessment.case
        ended = snapshot.created_at + timedelta(hours=rng.randrange(2, 48))
        infusion = Infusion(
            case=case,
            plan=snapshot,
            day=1,
            started_at=ended - timedelta(hours=3),
            ended_at=ended,
            product="Privigen",
            dose_g=Decimal("70"),
            baseline_creatinine=Decimal("1.00"),
            baseline_creatinine_unit="mg/dL",
            recorded_by=user,
        )
        infusions.append(infusion)
        for hours in (24, 72, 168):
            due = ended + timedelta(hours=hours)
            if case.status == "closed":
                status = rng.choice([RenalCheck.Status.DONE] * 4 + [RenalCheck.Status.CANCELLED])
            elif due > now:
                status = RenalCheck.Status.SCHEDULED
            else:
                status = rng.choice([RenalCheck.Status.DONE] * 6 + [RenalCheck.Status.SENT] * 3)
                status = RenalCheck.Status.SCHEDULED if rng.random() < 0.01 else status
            checks.append(
                RenalCheck(
                    case=case,
                    plan=snapshot,
                    infusion=infusion,
                    hours_after_infusion=hours,
                    due_at=due,
                    responsible=user,
                    status=status,
                    message_id=f"<renal-check.{uuid.uuid4().hex}@bench>",
                    sent_at=due if status in ("sent", "done") else None,
                )
            )
        counts += [
            PlateletCount(
                case=case,
                plan=snapshot,
                measured_at=ended + timedelta(hours=hours),
                count_per_uL=rng.randrange(5_000, 150_000),
                entered_by=user,
            )
            for hours in (20, 72)
        ]
    Infusion.objects.bulk_create(infusions, batch_size=BATCH)
    RenalCheck.objects.bulk_create(checks, batch_size=BATCH)
    PlateletCount.objects.bulk_create(counts, batch_size=BATCH)
    RenalResult.objects.bulk_create(
        (
            RenalResult(
                case=check.case,
                renal_check=check,
                measured_at=check.due_at,
                creatinine=Decimal("2.10") if (aki := rng.random() < AKI_SHARE) else Decimal("1.1"),
                creatinine_unit="mg/dL",
                creatinine_mg_dL=2.1 if aki else 1.1,
                aki_stage=2 if aki else 0,
                entered_by=user,
            )
            for check in checks
            if check.status == "done"
        ),
        batch_size=BATCH,
    )


def summary() -> str:
    from django.db import connection

    from decisions.models import (
        Assessment,
        AuditEvent,
        Case,
        Infusion,
        PlanSnapshot,
        PlateletCount,
        RenalCheck,
        RenalResult,
    )

    counts = ", ".join(
        f"{model.objects.count():,} {model._meta.verbose_name_plural}"
        for model in (
            Case,
            Assessment,
            PlanSnapshot,
            AuditEvent,
            Infusion,
            RenalCheck,
            RenalResult,
            PlateletCount,
        )
    )
    return f"{counts} [{connection.vendor}]"
