"""The stewardship page and its export over 100,000 courses: latency against the bare view in the
same run, and SQL query counts that do not grow with the courses.

Run: DATABASE_URL=postgres://postgres@127.0.0.1:5432/ivig .venv/bin/python -m benchmarks.stewardship
     (COURSES=20000 for a shorter run; SQLite works too, but the figures that matter are
     PostgreSQL's)

In one process, through Django's test client with the benchmark settings (benchmarks/settings.py:
the site plus the bare JSON view), on a throwaway test database (test_<name>_bench_stewardship on
the server DATABASE_URL names):
1. A few courses go through the services (plan, infusion, renal checks, the day-7 review, some
   recorded); the query counts of the page and the CSV export are taken on them.
2. 100,000 courses are added with bulk_create over 20 teams, six indications and two years: one to
   three infusions each with a reaction severity drawn, a day-7 review (recorded for 85% of those
   fallen due, with a response from the counts), renal results for a third (a tenth of them with
   acute kidney injury). The query counts are taken again: they must be the same.
3. Requests alternate with the bare view (same client, same session, same middleware): the page
   ROUNDS times, the CSV export EXPORT_ROUNDS times, the XLSX export XLSX_ROUNDS times; medians
   and the ratio of medians to the bare view's.
"""

import os
import random
import statistics
import time
from datetime import timedelta
from decimal import Decimal

from .in_process import throwaway_test_database

COURSES = int(os.environ.get("COURSES", "100000"))
REAL_COURSES = 12
TEAMS = 20
ROUNDS, EXPORT_ROUNDS, XLSX_ROUNDS = 20, 3, 2
BATCH = 5_000
INDICATIONS = [  # (condition, age group, days, weight)
    ("primary_itp", "adult", 1, 60),
    ("hcv_itp", "adult", 1, 8),
    ("hiv_itp", "adult", 1, 5),
    ("sepsis", "adult", 3, 12),
    ("neonatal_alloimmune", "neonate", 1, 10),
    ("neonatal_maternal_itp", "neonate", 1, 5),
]
SEVERITIES = [("none", 80), ("mild", 12), ("moderate", 5), ("severe", 1), ("", 2)]


def main() -> None:
    with throwaway_test_database("stewardship", settings_module="benchmarks.settings"):
        run(random.Random(2026))


def run(rng: random.Random) -> None:
    from django.db import connection

    steward, doctor, templates = real_courses()
    client = logged_in(steward)
    urls = {
        "page": "/stewardship/",
        "csv": "/stewardship/export.csv",
        "xlsx": "/stewardship/export.xlsx",
    }
    few = {name: queries(client, urls[name]) for name in ("page", "csv")}
    start = time.monotonic()
    bulk_courses(rng, doctor, templates, COURSES - REAL_COURSES)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")  # the planner's statistics, as autovacuum would gather
    print(
        f"{connection.vendor}: {COURSES:,} courses added in {time.monotonic() - start:.0f} s "
        f"({count_rows()})"
    )
    many = {name: queries(client, urls[name]) for name in ("page", "csv")}
    for name in few:
        same = "constant" if few[name] == many[name] else "GROWS"
        print(
            f"queries, {name}: {few[name]} with {REAL_COURSES} courses, {many[name]} with "
            f"{COURSES:,}: {same}"
        )
    for name in ("page", "csv"):
        print(f"slowest queries, {name}:")
        for line in slowest(client, urls[name]):
            print("   ", line)
    bare = "/bench/bare"
    for name, rounds in (("page", ROUNDS), ("csv", EXPORT_ROUNDS), ("xlsx", XLSX_ROUNDS)):
        timed_bare, timed_view = [], []
        timed(client, urls[name])  # warm
        for _ in range(rounds):
            timed_bare.append(timed(client, bare)[0])
            seconds, size = timed(client, urls[name])
            timed_view.append(seconds)
        median, base = statistics.median(timed_view), statistics.median(timed_bare)
        print(
            f"{name:5} median {median * 1000:9.1f} ms  (bare view {base * 1000:5.2f} ms)  "
            f"ratio {median / base:9.0f}x  over {rounds} rounds, {size / 1e6:.1f} MB"
        )


def timed(client, url: str) -> tuple[float, int]:
    start = time.perf_counter()
    response = client.get(url)
    seconds = time.perf_counter() - start
    assert response.status_code == 200, (url, response.status_code)
    return seconds, len(response.content)


def queries(client, url: str, repeats: int = 3) -> int:
    """The queries of the last of `repeats` requests (the first may also refresh the session)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for _ in range(repeats):
        with CaptureQueriesContext(connection) as captured:
            timed(client, url)
    return len(captured)


def slowest(client, url: str, top: int = 3) -> list[str]:
    """The slowest queries of one request (time, then the SQL cut short)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        timed(client, url)
    found = sorted(captured.captured_queries, key=lambda q: -float(q["time"]))[:top]
    return [f"{float(q['time']) * 1000:7.0f} ms  {q['sql'][:150]}" for q in found]


def logged_in(user):
    from django.test import Client

    client = Client()
    client.force_login(user)
    return client


def real_courses():
    """A steward and a doctor; a dozen courses made through the services, to copy."""
    from django.contrib.auth.models import Group
    from django.utils import timezone

    from decisions.models import CourseReview, RenalCheck
    from decisions.monitoring.results import renal_result_record
    from decisions.review.services import review_record
    from tests.factories import TeamFactory, clinician_in
    from tests.reminders.helpers import ADULT_GI_BLEED, SEPSIS, plan_for, record

    steward = clinician_in(TeamFactory(name="Pharmacy"), username="bench_steward")
    steward.groups.add(Group.objects.get_or_create(name="Stewardship")[0])
    team = TeamFactory(name="Team 00")
    doctor = clinician_in(team, username="bench_doctor", email="bench@example.org")
    templates = []
    now = timezone.now()
    for i in range(REAL_COURSES):
        answers = SEPSIS if i % 4 == 3 else ADULT_GI_BLEED
        plan = plan_for(doctor, team, answers, patient_name=f"Real {i}", patient_identifier=f"R{i}")
        record(plan, doctor, ended_at=now - timedelta(days=3 + 5 * i))
        check = RenalCheck.objects.filter(plan=plan).order_by("due_at").first()
        renal_result_record(
            renal_check=check, user=doctor, measured_at=check.due_at,
            creatinine=Decimal("2.4" if i % 5 == 0 else "1.0"), creatinine_unit="mg/dL",
        )  # fmt: skip
        review = CourseReview.objects.select_related("case", "plan__assessment").get(plan=plan)
        if review.due_at <= now and i % 3:
            review_record(
                review=review, user=doctor, measured_at=now - timedelta(hours=1),
                count_per_uL=[15_000, 45_000, 130_000][i % 3], bleeding="stopped",
                adverse_events=False, decision="no_further",
            )  # fmt: skip
        templates.append(plan)
    return steward, doctor, templates


def _weighted(rng: random.Random, pairs):
    return rng.choices([p[0] for p in pairs], weights=[p[-1] for p in pairs])[0]


def bulk_courses(rng: random.Random, doctor, templates, count: int) -> None:
    """`count` courses copied with bulk_create, in batches."""
    from decisions.models import Team

    teams = [Team.objects.get(name="Team 00")] + Team.objects.bulk_create(
        Team(name=f"Team {i:02d}") for i in range(1, TEAMS)
    )
    done = 0
    while done < count:
        size = min(BATCH, count - done)
        _bulk_batch(rng, doctor, teams, templates[0], done, size)
        done += size


def _bulk_batch(rng, doctor, teams, template, offset: int, size: int) -> None:
    from django.utils import timezone

    from decisions.models import (
        Assessment,
        Case,
        CourseReview,
        Infusion,
        PlanSnapshot,
        RenalCheck,
        RenalResult,
    )
    from decisions.review.schedule import review_due_at

    now = timezone.now()
    cases = Case.objects.bulk_create(
        Case(
            reference=f"BX-{offset + i:08d}",
            team=rng.choice(teams),
            patient_name=f"Bulk {i}",
            patient_identifier=f"B{offset + i:08d}",
            created_by=doctor,
        )  # fmt: skip
        for i in range(size)
    )
    kinds = [_weighted(rng, [(k, k[3]) for k in INDICATIONS]) for _ in cases]
    assessments = Assessment.objects.bulk_create(
        Assessment(
            case=case,
            number=1,
            status="complete",
            created_by=doctor,
            completed_at=now,
            answers={**template.assessment.answers, "condition": kind[0], "age_group": kind[1]},
        )  # fmt: skip
        for case, kind in zip(cases, kinds, strict=True)
    )
    baseline = [rng.choice([5_000, 12_000, 20_000, 28_000]) for _ in cases]
    plans = PlanSnapshot.objects.bulk_create(
        PlanSnapshot(
            assessment=a,
            ruleset_version=template.ruleset_version,
            plan={"platelet_count_per_uL": b, "recommendations": [], "monitoring": []},
        )  # fmt: skip
        for a, b in zip(assessments, baseline, strict=True)
    )
    starts = [now - timedelta(minutes=rng.randrange(2 * 365 * 24 * 60)) for _ in cases]
    infusions, reviews, checks = [], [], []
    for case, plan, kind, start, base in zip(cases, plans, kinds, starts, baseline, strict=True):
        for day in range(kind[2]):
            began = start + timedelta(days=day)
            infusions.append(
                Infusion(
                    case=case,
                    plan=plan,
                    day=day + 1,
                    started_at=began,
                    ended_at=began + timedelta(hours=3),
                    product="Privigen",
                    dose_g=Decimal("70") / kind[2] if kind[1] == "adult" else Decimal("3"),
                    recorded_by=doctor,
                    reaction_severity=_weighted(rng, SEVERITIES),
                )  # fmt: skip
            )
        reviews.append(_review(rng, case, plan, start, base, doctor, review_due_at(start), now))
        if rng.random() < 0.33:
            checks.append(
                RenalCheck(
                    case=case,
                    plan=plan,
                    hours_after_infusion=72,
                    due_at=start + timedelta(days=3),
                    responsible=doctor,
                    status="done",
                    message_id=f"<bench.{case.reference}>",
                )  # fmt: skip
            )
    made = Infusion.objects.bulk_create(infusions)
    first_of = {i.plan_id: i for i in made if i.day == 1}
    for check in checks:
        check.infusion = first_of[check.plan.pk]
    CourseReview.objects.bulk_create(reviews)
    RenalCheck.objects.bulk_create(checks)
    RenalResult.objects.bulk_create(
        RenalResult(
            case=c.case,
            renal_check=c,
            measured_at=c.due_at,
            creatinine=Decimal("1.0"),
            creatinine_unit="mg/dL",
            creatinine_mg_dL=1.0,
            entered_by=doctor,
            aki_stage=rng.choice([1, 2, 3]) if rng.random() < 0.1 else 0,
        )  # fmt: skip
        for c in checks
    )


def _review(rng, case, plan, start, baseline, doctor, due_at, now):
    from decisions.engine.response import response_category
    from decisions.models import CourseReview

    review = CourseReview(
        case=case, plan=plan, first_infusion_at=start, due_at=due_at, responsible=doctor,
        message_id=f"<bench-review.{case.reference}>",
        status="sent" if due_at <= now else "scheduled",
    )  # fmt: skip
    if due_at <= now and rng.random() < 0.85:
        count = rng.choice([8_000, 25_000, 45_000, 90_000, 150_000])
        review.status, review.reviewed_at, review.reviewed_by = "done", due_at, doctor
        review.measured_at, review.count_per_uL = due_at, count
        review.baseline_count_per_uL = baseline
        bleeding = rng.random() < 0.05  # a few still bleed: no response (IWG 2009)
        review.response = response_category(
            baseline_per_uL=baseline, count_per_uL=count, bleeding=bleeding
        )
        if review.response != "none":
            review.days_to_response = rng.choice([1.0, 2.5, 4.0, 7.0])
        review.bleeding = "continuing" if bleeding else "stopped"
        review.adverse_events = rng.random() < 0.1
        review.decision = "repeat_dose" if review.response == "none" else "no_further"
    return review


def count_rows() -> str:
    from decisions.models import CourseReview, Infusion, RenalResult

    return (
        f"{CourseReview.objects.count():,} reviews, {Infusion.objects.count():,} infusions, "
        f"{RenalResult.objects.count():,} renal results"
    )


if __name__ == "__main__":
    main()
