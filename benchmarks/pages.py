"""The clinician's pages over 10,000 cases: latency against a bare view, and SQL query counts.

Run: .venv/bin/python -m benchmarks.pages
     DATABASE_URL=postgres://postgres@127.0.0.1:5432/ivig_bench .venv/bin/python -m benchmarks.pages

1. Builds a fresh database (a temporary SQLite file, or the PostgreSQL database of DATABASE_URL,
   dropped and created again; its name must contain "bench"): 10,000 cases over four teams,
   8,000 of them in the team of the one clinician measured, a third with a completed assessment
   and its plan. A few hundred go through the services as the wizard would; the rest are copies
   of those rows (cases, assessments, plans, audit events) made with bulk_create.
2. Serves it with gunicorn (one sync worker) and logs in as the clinician: a real POST to
   /login/ when the site has that page, else a session made here with the auth keys.
3. Times each page alternating with the bare JSON view (same worker, same session cookie, so
   both pass the same middleware): median, p90, p99, and the ratio of medians.
4. Counts the SQL queries of each page in this process (test Client, same database) with the
   10,000 cases, then again after deleting down to 100 cases; a count that grows is flagged.
"""

import random
import re
import statistics
import tempfile
import time
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, timedelta
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode

from .server import (
    bench_env,
    fetch,
    fresh_postgres_database,
    percentile,
    request,
    serve,
    setup_django_here,
)

CASES = 10_000
TEAMS = {  # name -> cases; the first is the clinician's
    "Haematology": 8_000,
    "Emergency department": 900,
    "Paediatrics": 600,
    "Obstetrics": 500,
}
COMPLETED = CASES // 3
REAL_PLANS = 300  # through the services, in the clinician's team
REAL_DRAFTS = 30
EMERGENCY_SHARE = 0.25  # of completed assessments: life-threatening bleeding
KEEP = 100  # cases left for the second query count
ROUNDS = 500  # per page, each request paired with one to the bare view
WARMUP = 10
DEEP_PAGE = 300
GOAL_RATIO = 3.0  # issue 9: every page's median within 3x the bare view's, in the same run
LOGIN_PATH = "/login/"
USERNAME, PASSWORD = "dr_bench", "bench-password-4-a-real-login"
FIRST_NAMES = [
    "Ada",
    "Amara",
    "Ben",
    "Chen",
    "Chloe",
    "Daniel",
    "Eva",
    "Farah",
    "Grace",
    "Hamid",
    "Ines",
    "Ivan",
    "Jonas",
    "Kofi",
    "Lena",
    "Luis",
    "Maya",
    "Omar",
    "Priya",
    "Zoe",
]
SURNAMES = [
    "Adeyemi",
    "Bauer",
    "Costa",
    "Dubois",
    "Eriksen",
    "Fischer",
    "Garcia",
    "Haddad",
    "Ivanova",
    "Jensen",
    "Kowalski",
    "Larsen",
    "Moreau",
    "Nakamura",
    "Okafor",
    "Petrov",
    "Quinn",
    "Rossi",
    "Schmidt",
    "Tanaka",
    "Varga",
    "Weber",
    "Yilmaz",
    "Zhang",
    "Silva",
]
SEARCHED = "Nakamura"


@dataclass
class Template:
    """One real case's rows, to be copied."""

    answers: dict
    confirmed: list
    version: int
    events: list  # (action, detail) oldest first
    plan: dict | None = None
    ruleset_version: str = ""
    emergency: bool = False


@dataclass
class World:
    clinician: object
    main_team: object
    real_plan_pks: list = field(default_factory=list)
    seconds: float = 0.0


def scenario_steps(emergency: bool, weight_kg: int) -> list[tuple[str, dict]]:
    """Per step, the answers the wizard would save (the step's form cleans what is typed)."""
    from decisions.assessment.forms import StepForm
    from decisions.assessment.steps import STEPS, prune
    from tests.web.wizard import GI_BLEED

    typed = {step: dict(data) for step, data in GI_BLEED.items()}
    typed["patient"]["weight_kg"] = str(weight_kg)
    if not emergency:
        typed["platelets"] = {
            "platelet_count": "25000",
            "platelet_unit": "per_uL",
            "bleeding": "none",
        }
    answers, steps = {}, []
    for step in STEPS:
        form = StepForm(typed.get(step.slug, {}), step=step, saved=answers)
        assert form.is_valid(), (step.slug, form.errors)
        steps.append((step.slug, form.answers()))
        answers = prune({**answers, **form.answers()})
    return steps


def patient(rng: random.Random) -> dict:
    return {
        "patient_name": f"{rng.choice(FIRST_NAMES)} {rng.choice(SURNAMES)}",
        "patient_identifier": f"H{rng.randrange(10**7):07d}",
        "date_of_birth": date(1930, 1, 1) + timedelta(days=rng.randrange(33_000)),
    }


def unused_references(rng: random.Random) -> Callable[[], str]:
    """A maker of case references that no case has yet, for rows made with bulk_create."""
    from decisions.cases.services import REFERENCE_ALPHABET
    from decisions.models import Case

    taken = set(Case.objects.values_list("reference", flat=True))

    def reference() -> str:
        while True:
            candidate = "IV-" + "".join(rng.choice(REFERENCE_ALPHABET) for _ in range(6))
            if candidate not in taken:
                taken.add(candidate)
                return candidate

    return reference


@contextmanager
def explicit_timestamps():
    """Let bulk_create keep the timestamps given (auto_now would stamp every row 'now')."""
    from decisions.models import Assessment, AuditEvent, Case, PlanSnapshot

    fields = [
        Case._meta.get_field("created_at"),
        Case._meta.get_field("updated_at"),
        Assessment._meta.get_field("created_at"),
        PlanSnapshot._meta.get_field("created_at"),
        AuditEvent._meta.get_field("at"),
    ]
    saved = [(f, f.auto_now, f.auto_now_add) for f in fields]
    for f in fields:
        f.auto_now = f.auto_now_add = False
    try:
        yield
    finally:
        for f, auto_now, auto_now_add in saved:
            f.auto_now, f.auto_now_add = auto_now, auto_now_add


def template_of(case, *, with_plan: bool) -> Template:
    assessment = case.assessments.get()
    case.refresh_from_db()
    template = Template(
        answers=assessment.answers,
        confirmed=assessment.confirmed,
        version=case.version,
        events=list(case.audit_events.order_by("at", "id").values_list("action", "detail")),
    )
    if with_plan:
        snapshot = assessment.plan
        template.plan = snapshot.plan
        template.ruleset_version = snapshot.ruleset_version
        template.emergency = snapshot.emergency
    return template


def build(rng: random.Random) -> World:
    from django.contrib.auth import get_user_model
    from django.db import transaction
    from django.utils import timezone

    from decisions.assessment.services import assessment_complete, assessment_save_answers
    from decisions.cases.services import case_create
    from decisions.models import Assessment, AuditEvent, Case, PlanSnapshot, Team

    start = time.monotonic()
    users = get_user_model().objects
    clinician = users.create_user(USERNAME, password=PASSWORD)
    teams = {name: Team.objects.create(name=name) for name in TEAMS}
    main_team = teams[next(iter(TEAMS))]
    main_team.members.add(clinician)
    creators = {main_team.name: clinician}
    for i, team in enumerate(list(teams.values())[1:]):
        creators[team.name] = users.create_user(f"colleague{i}")
        team.members.add(creators[team.name])
    world = World(clinician=clinician, main_team=main_team)

    # Through the services, as the wizard does: one save per step, then the plan.
    with transaction.atomic():
        emergency_template = routine_template = draft_template = None
        for i in range(REAL_PLANS):
            emergency = i % round(1 / EMERGENCY_SHARE) == 0
            case = case_create(user=clinician, team=main_team, **patient(rng))
            assessment = case.assessments.get()
            for _slug, answers in scenario_steps(emergency, rng.randrange(45, 120)):
                assessment_save_answers(assessment=assessment, user=clinician, answers=answers)
            assessment_complete(assessment=assessment, user=clinician)
            world.real_plan_pks.append(case.pk)
            if emergency and emergency_template is None:
                emergency_template = template_of(case, with_plan=True)
            if not emergency and routine_template is None:
                routine_template = template_of(case, with_plan=True)
        for _ in range(REAL_DRAFTS):
            case = case_create(user=clinician, team=main_team, **patient(rng))
            first_step = scenario_steps(False, rng.randrange(45, 120))[0][1]
            assessment = case.assessments.get()
            assessment_save_answers(assessment=assessment, user=clinician, answers=first_step)
            if draft_template is None:
                draft_template = template_of(case, with_plan=False)

    # The rest: copies of those rows, spread over the last two years.
    reference = unused_references(rng)

    slots = []  # one per case still to make: its team
    for name, count in TEAMS.items():
        made = REAL_PLANS + REAL_DRAFTS if teams[name] == main_team else 0
        slots += [teams[name]] * (count - made)
    completed = set(rng.sample(range(len(slots)), COMPLETED - REAL_PLANS))
    now = timezone.now()
    rows = []  # (case, template, created_at, event times, events, completed)
    for index, team in enumerate(slots):
        is_complete = index in completed
        if is_complete:
            template = emergency_template if rng.random() < EMERGENCY_SHARE else routine_template
        else:
            template = draft_template
        events = [
            (action, {"team": team.name} if action == AuditEvent.Action.CREATED else detail)
            for action, detail in template.events
        ]
        events += [(AuditEvent.Action.VIEWED, {})] * rng.randrange(4)
        closed = rng.random() < (0.7 if is_complete else 0.1)
        if closed:
            events.append((AuditEvent.Action.CLOSED, {}))
        created = now - timedelta(seconds=rng.uniform(3_600, 730 * 86_400))
        times = [created + timedelta(minutes=3 * k) for k in range(len(events))]
        case = Case(
            reference=reference(),
            team=team,
            **patient(rng),
            status=Case.Status.CLOSED if closed else Case.Status.OPEN,
            emergency=template.emergency,
            created_by=creators[team.name],
            created_at=created,
            updated_at=times[-1],
            version=template.version + closed,
        )
        rows.append((case, template, times, events, is_complete))

    with transaction.atomic(), explicit_timestamps():
        Case.objects.bulk_create([row[0] for row in rows], batch_size=1000)
        assessments = [
            Assessment(
                case=case,
                number=1,
                status=Assessment.Status.COMPLETE if done else Assessment.Status.DRAFT,
                answers=template.answers,
                confirmed=template.confirmed,
                created_by=case.created_by,
                created_at=times[0],
                completed_at=times[len(template.events) - 1] if done else None,
            )
            for case, template, times, _events, done in rows
        ]
        Assessment.objects.bulk_create(assessments, batch_size=1000)
        PlanSnapshot.objects.bulk_create(
            [
                PlanSnapshot(
                    assessment=assessment,
                    ruleset_version=template.ruleset_version,
                    plan=template.plan,
                    emergency=template.emergency,
                    created_at=assessment.completed_at,
                )
                for assessment, (_c, template, _t, _e, done) in zip(assessments, rows, strict=True)
                if done
            ],
            batch_size=500,
        )
        AuditEvent.objects.bulk_create(
            [
                AuditEvent(case=case, actor=case.created_by, action=action, detail=detail, at=at)
                for case, _template, times, events, _done in rows
                for (action, detail), at in zip(events, times, strict=True)
            ],
            batch_size=2000,
        )
    world.seconds = time.monotonic() - start
    return world


def database_summary(world: World) -> str:
    from django.db import connection

    from decisions.models import Assessment, AuditEvent, Case, PlanSnapshot

    visible = Case.objects.filter(team=world.main_team)
    found = visible.filter(patient_name__icontains=SEARCHED).count()
    return (
        f"{Case.objects.count():,} cases ({visible.count():,} in {world.main_team.name}, seen by "
        f"{USERNAME}; {found:,} of them named {SEARCHED}), {Assessment.objects.count():,} "
        f"assessments, "
        f"{PlanSnapshot.objects.count():,} plans, {AuditEvent.objects.count():,} audit events "
        f"[{connection.vendor}]"
    )


# Logging in ---------------------------------------------------------------------------------


def cookies_of(headers: list[tuple[str, str]]) -> dict[str, str]:
    jar = SimpleCookie()
    for name, value in headers:
        if name.lower() == "set-cookie":
            jar.load(value)
    return {name: morsel.value for name, morsel in jar.items()}


def http_login(port: int) -> str | None:
    """The session cookie from a real POST to the login page, or None if there is no such page."""
    from django.conf import settings

    status, headers, body = fetch(port, "GET", LOGIN_PATH)
    if status != 200:
        return None
    csrf_cookie = cookies_of(headers).get(settings.CSRF_COOKIE_NAME, "")
    hidden = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', body)
    form = {"username": USERNAME, "password": PASSWORD, "next": "/"}
    if hidden:
        form["csrfmiddlewaretoken"] = hidden.group(1).decode()
    status, headers, _ = fetch(
        port,
        "POST",
        LOGIN_PATH,
        urlencode(form).encode(),
        {
            "Content-Type": "application/x-www-form-urlencoded",
            "Cookie": f"{settings.CSRF_COOKIE_NAME}={csrf_cookie}",
            "Referer": f"http://127.0.0.1:{port}{LOGIN_PATH}",
        },
    )
    session = cookies_of(headers).get(settings.SESSION_COOKIE_NAME)
    if status not in (302, 303) or not session:
        raise RuntimeError(f"POST {LOGIN_PATH} answered {status} without a session: check the form")
    return f"{settings.SESSION_COOKIE_NAME}={session}"


def crafted_session(user) -> str:
    """A session as django.contrib.auth.login() would store it, without any login page."""
    from importlib import import_module

    from django.conf import settings
    from django.contrib.auth import (
        BACKEND_SESSION_KEY,
        HASH_SESSION_KEY,
        SESSION_KEY,
        load_backend,
    )

    # The first backend that can load users (django-axes' comes first and cannot).
    backend = next(
        path
        for path in settings.AUTHENTICATION_BACKENDS
        if hasattr(load_backend(path), "get_user")
        and load_backend(path).get_user(user.pk) is not None
    )
    session = import_module(settings.SESSION_ENGINE).SessionStore()
    session[SESSION_KEY] = user._meta.pk.value_to_string(user)
    session[BACKEND_SESSION_KEY] = backend
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.save()
    return f"{settings.SESSION_COOKIE_NAME}={session.session_key}"


def log_in(port: int, user) -> tuple[str, str]:
    """(Cookie header, how) for the clinician on the running site; checked on the dashboard."""
    cookie = http_login(port)
    how = f"POST {LOGIN_PATH}"
    if cookie is None:
        cookie, how = crafted_session(user), f"session made here (no {LOGIN_PATH} page)"
    status, _, _ = fetch(port, "GET", "/", headers={"Cookie": cookie})
    if status != 200:
        raise RuntimeError(f"logged in by {how}, yet the dashboard answered {status}")
    return cookie, how


def test_client(user):
    from django.test import Client

    client = Client(HTTP_HOST="127.0.0.1")
    if client.get(LOGIN_PATH).status_code == 200:
        response = client.post(LOGIN_PATH, {"username": USERNAME, "password": PASSWORD})
        assert response.status_code in (302, 303), response.status_code
    else:
        client.force_login(user)
    return client


# Measuring ----------------------------------------------------------------------------------


def case_list_page_path(user, number: int) -> str:
    """The case list's page `number` (or its last, if fewer) as its Older links reach it: the
    cursor of the row just above, the one the link from the page before would carry."""
    from decisions.cases.pages import OLDER, Cursor, cursor_encode
    from decisions.cases.selectors import case_search
    from decisions.overview.views import CASES_PER_PAGE

    cases = case_search(user)
    number = min(number, -(-cases.count() // CASES_PER_PAGE))
    if number <= 1:
        return "/cases/"
    edge = cases[(number - 1) * CASES_PER_PAGE - 1]
    return f"/cases/?cursor={cursor_encode(Cursor(OLDER, edge.updated_at, edge.pk))}"


def pages(case_pk: int, deep_path: str) -> list[tuple[str, str]]:
    return [
        ("dashboard", "/"),
        ("case list, page 1", "/cases/"),
        (f"case list, page {DEEP_PAGE}", deep_path),
        (f"case search ?q={SEARCHED}", f"/cases/?q={SEARCHED}"),
        ("case page", f"/cases/{case_pk}/"),
        ("plan page", f"/cases/{case_pk}/assessments/1/plan/"),
    ]


def time_pages(
    port: int, cookie: str, case_pks: list[int], deep_path: str
) -> dict[str, list[float]]:
    """Seconds per page; each page request follows a bare-view request with the same cookie."""
    headers = {"Cookie": cookie}
    samples: dict[str, list[float]] = {"bare JSON view": []}
    for i in range(WARMUP + ROUNDS):
        # Case and plan pages rotate over the real plans, as clinicians open different cases.
        for name, path in pages(case_pks[i % len(case_pks)], deep_path):
            status_bare, seconds_bare = request(port, "GET", "/bench/bare", headers=headers)
            status, seconds = request(port, "GET", path, headers=headers)
            assert (status_bare, status) == (200, 200), (path, status_bare, status)
            if i >= WARMUP:
                samples["bare JSON view"].append(seconds_bare)
                samples.setdefault(name, []).append(seconds)
    return samples


@dataclass
class Queries:
    count: int
    sql_seconds: float  # all the page's queries, median of the repeats
    page_seconds: float  # the whole request in this process, median of the repeats
    slowest: tuple[float, str]  # in the last repeat


def count_queries(client, case_pk: int, deep_path: str, repeats: int = 5) -> dict[str, Queries]:
    """Per page: its queries (counted by CaptureQueriesContext), and their time."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    timed: list[tuple[float, str]] = []

    def timer(execute, sql, params, many, context):
        start = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            timed.append((time.perf_counter() - start, sql))

    counts = {}
    for name, path in pages(case_pk, deep_path):
        assert client.get(path).status_code == 200, path  # first visit effects out of the way
        runs = []
        for _ in range(repeats):
            timed.clear()
            with CaptureQueriesContext(connection) as captured, connection.execute_wrapper(timer):
                start = time.perf_counter()
                assert client.get(path).status_code == 200, path
                page_seconds = time.perf_counter() - start
            # The count is Django's, as the tests count; the times are the wrapper's. (Once, after
            # the shrink on SQLite, the two differed by one query; the count stays Django's.)
            runs.append(
                Queries(
                    count=len(captured),
                    sql_seconds=sum(seconds for seconds, _ in timed),
                    page_seconds=page_seconds,
                    slowest=max(timed),
                )
            )
        assert len({run.count for run in runs}) == 1, (path, [run.count for run in runs])
        counts[name] = Queries(
            count=runs[0].count,
            sql_seconds=statistics.median(run.sql_seconds for run in runs),
            page_seconds=statistics.median(run.page_seconds for run in runs),
            slowest=runs[-1].slowest,
        )
    return counts


def analyze() -> str:
    """PostgreSQL: fresh statistics, as autovacuum would have after a bulk load (without them
    the planner guesses a handful of rows per table and picks nested loops over thousands)."""
    from django.db import connection

    if connection.vendor != "postgresql":
        return "no ANALYZE (SQLite keeps no statistics unless asked, and Django never asks)"
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return "ANALYZE run"


@contextmanager
def audit_trigger_off():
    """The benchmark's own database only: its owner lifts the audit's append-only trigger
    (migration 0009) for the length of a transaction, to delete the cases it seeded."""
    from django.db import connection

    if connection.vendor != "postgresql":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("ALTER TABLE decisions_auditevent DISABLE TRIGGER audit_append_only")
        yield
        cursor.execute("ALTER TABLE decisions_auditevent ENABLE TRIGGER audit_append_only")


def shrink_to(world: World, keep: int, also_keep: int) -> None:
    """Delete every case but the clinician's `keep` most recent (and `also_keep`)."""
    from django.db import transaction

    from decisions.models import Assessment, AuditEvent, Case, PlanSnapshot, RecommendationDecision

    recent = Case.objects.filter(team=world.main_team).exclude(pk=also_keep)
    kept = [
        also_keep,
        *recent.order_by("-updated_at", "-pk").values_list("pk", flat=True)[: keep - 1],
    ]
    with transaction.atomic(), audit_trigger_off():
        doomed = Case.objects.exclude(pk__in=kept)
        RecommendationDecision.objects.filter(plan__assessment__case__in=doomed).delete()
        PlanSnapshot.objects.filter(assessment__case__in=doomed).delete()
        Assessment.objects.filter(case__in=doomed).delete()
        AuditEvent.objects.filter(case__in=doomed).delete()
        doomed.delete()


def shorten(sql: str) -> str:
    """The SQL without its column list, and its middle when long: what it reads, how it ends."""
    sql, depth = " ".join(sql.split()), 0
    for index, char in enumerate(sql):
        depth += {"(": 1, ")": -1}.get(char, 0)
        if depth == 0 and sql.startswith(" FROM ", index):
            sql = "SELECT …" + sql[index:]
            break
    return sql if len(sql) <= 190 else f"{sql[:110]} … {sql[-75:]}"


def verdict(name: str, median: float, bare: float) -> str:
    ratio = median / bare
    word = "PASS" if ratio <= GOAL_RATIO else "FAIL"
    return f"{word} {name:34} {ms(median)} = {ratio:5.2f}x the bare view (goal {GOAL_RATIO:g}x)"


def ms(seconds: float) -> str:
    return f"{seconds * 1000:7.2f} ms"


def main() -> None:
    started = time.monotonic()
    with tempfile.TemporaryDirectory() as tmp:
        env = bench_env(Path(tmp))
        fresh_postgres_database(env["DATABASE_URL"])
        setup_django_here(env)
        from django.core.management import call_command
        from django.db import connection, connections

        call_command("migrate", interactive=False, verbosity=0)
        call_command("collectstatic", interactive=False, verbosity=0)
        world = build(random.Random(20240611))
        print(f"built in {world.seconds:.1f} s: {database_summary(world)}; {analyze()}")
        connections.close_all()

        deep_path = case_list_page_path(world.clinician, DEEP_PAGE)
        connections.close_all()
        with serve(env) as port:
            cookie, how = log_in(port, world.clinician)
            print(f"logged in as {USERNAME} by {how}")
            samples = time_pages(port, cookie, world.real_plan_pks, deep_path)
        connections.close_all()

        bare = statistics.median(samples["bare JSON view"])
        print(
            f"\nlatency, gunicorn 1 sync worker, {ROUNDS} requests per page, each after one to "
            f"the bare view ({len(samples['bare JSON view'])} bare requests):"
        )
        print(f"{'page':34} {'median':>10} {'p90':>10} {'p99':>10}   ratio of medians")
        for name, values in samples.items():
            ratio = (
                ""
                if values is samples["bare JSON view"]
                else f"{statistics.median(values) / bare:6.2f}x"
            )
            print(
                f"{name:34} {ms(statistics.median(values))} {ms(percentile(values, 0.9))} "
                f"{ms(percentile(values, 0.99))}   {ratio}"
            )
        print(f"\ngoal: each page's median within {GOAL_RATIO:g}x the bare view's ({ms(bare)})")
        for name, values in samples.items():
            if values is not samples["bare JSON view"]:
                print(verdict(name, statistics.median(values), bare))

        case_pk = world.real_plan_pks[-1]
        client = test_client(world.clinician)
        many = count_queries(client, case_pk, deep_path)
        cases_before = database_summary(world)
        shrink_to(world, KEEP, case_pk)
        analyze()
        few = count_queries(client, case_pk, case_list_page_path(world.clinician, DEEP_PAGE))
        print(
            f"\nSQL queries per page (test Client in this process, {connection.vendor}; "
            "times: median of 5 requests):"
        )
        print(f"  before: {cases_before}\n  after:  {database_summary(world)}")
        print(f"{'':34} {'queries':>19}   {'SQL time (all queries)':>22}   {'whole page':>10}")
        print(
            f"{'page':34} {f'{CASES:,}':>8} {KEEP:>10}   {f'{CASES:,}':>10} {KEEP:>11}   "
            f"{f'{CASES:,}':>10}"
        )
        grew = []
        for name, big in many.items():
            small = few[name]
            flag = "" if big.count <= small.count else "   QUERIES GROW WITH THE CASES"
            if flag:
                grew.append(name)
            print(
                f"{name:34} {big.count:>8} {small.count:>10}   "
                f"{ms(big.sql_seconds)} {ms(small.sql_seconds):>11}   {ms(big.page_seconds)}{flag}"
            )
        print("query counts: constant" if not grew else f"query counts GROW on: {', '.join(grew)}")
        print(f"\nslowest query of each page at {CASES:,} cases (in-process):")
        for name, big in many.items():
            seconds, sql = big.slowest
            print(f"{name:34} {ms(seconds)}  {shorten(sql)}")
    print(f"\ntotal run time {time.monotonic() - started:.0f} s")


if __name__ == "__main__":
    main()
