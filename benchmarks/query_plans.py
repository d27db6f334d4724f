"""The app's queries on PostgreSQL with 100,000 cases: each one's plan and the indexes it uses.

Run: DATABASE_URL=postgres://postgres@127.0.0.1:5432/ivig_bench_plans \
         .venv/bin/python -m benchmarks.query_plans [--brief] [--reuse]

--brief prints the plans of failing queries only; --reuse keeps the database of an earlier run
(migrated again, so a new index is tried in seconds instead of a new build).

1. Drops and creates that database (its name must contain "bench"), migrates it and fills it
   (benchmarks/hospital.py): 100,000 cases over 20 teams, with assessments, plans, decisions,
   audit events, infusions, renal checks (the reminders), results and platelet counts; ANALYZE.
2. Drives the real app in this process and captures its SQL with CaptureQueriesContext: every
   page a clinician opens (dashboard, case list with each filter and a deep page, case, plan,
   print view, infusions, renal check, assessment step and review), the API with a token, the
   reminder dispatcher (due reminders, stuck ones reclaimed, one send) and the writes that look
   rows up (a result, an infusion, closing a case). Writes run in transactions rolled back.
3. For each distinct query (literals aside): EXPLAIN (ANALYZE, BUFFERS), a one-line verdict
   (which indexes, or a sequential scan and on how many rows) and the execution time.

Exits 1 if any query scans sequentially a table of more than 10,000 rows.
"""

import json
import random
import re
import sys
import tempfile
import time
from contextlib import suppress
from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

from .pages import case_list_page_path, test_client
from .server import bench_env, fresh_postgres_database, setup_django_here

BIG_TABLE_ROWS = 10_000
SEARCHED = "Nakamura"


@dataclass
class Query:
    source: str
    sql: str
    plan_text: str = ""
    seq_scans: tuple = ()  # (table, rows) scanned sequentially
    indexes: tuple = ()
    ms: float = 0.0


class _RolledBack(Exception):
    pass


def normalized(sql: str) -> str:
    """The SQL with its literals out, so one query asked for many rows counts once."""
    sql = re.sub(r"'(?:[^']|'')*'", "?", sql)
    sql = re.sub(r"\b\d+(?:\.\d+)?\b", "?", sql)
    return re.sub(r"\?(?:, \?)+", "?", " ".join(sql.split()))


def capture(source: str, action, into: list[Query], *, roll_back: bool = False) -> None:
    """Run `action`, adding the SQL it sends to `into` under `source`."""
    from django.db import connection, transaction
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        try:
            with transaction.atomic():
                action()
                if roll_back:
                    raise _RolledBack
        except _RolledBack:
            pass
    into += [Query(source, q["sql"]) for q in captured.captured_queries]


def _get(client, url: str):
    def action():
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)

    return action


def app_queries(hospital) -> list[Query]:
    """Every query the app makes for the pages, the API and the reminders, as captured."""
    from django.core.mail import get_connection
    from django.test import Client
    from django.utils import timezone

    from decisions.api.tokens import api_token_issue
    from decisions.models import Case, RenalCheck
    from decisions.monitoring.infusions import InfusionError, infusion_record
    from decisions.monitoring.reminders import (
        reminder_send,
        reminders_claim_due,
        reminders_dispatch,
    )
    from decisions.monitoring.results import renal_result_record
    from decisions.overview.services import case_status_change
    from tests.reminders.helpers import ADULT_GI_BLEED

    client = test_client(hospital.clinician)
    case = Case.objects.get(pk=hospital.real_case_pks[-1])
    draft = Case.objects.get(pk=hospital.draft_case_pks[-1])
    other = hospital.teams[1]
    overdue = RenalCheck.objects.filter(case=case).order_by("due_at").last()
    base, plan = f"/cases/{case.pk}/", f"/cases/{case.pk}/assessments/1/"
    pages = {
        "dashboard": "/",
        "case list": "/cases/",
        "case list, page 500": case_list_page_path(hospital.clinician, 500),
        f"case search ?q={SEARCHED}": f"/cases/?q={SEARCHED}",
        "case search by identifier": f"/cases/?q={case.patient_identifier.lower()}",
        "case search by reference": f"/cases/?q={case.reference.lower()}",
        "case list ?status=open": "/cases/?status=open",
        "case list ?team=&status=closed": f"/cases/?team={other.pk}&status=closed",
        "new case form": "/cases/new/",
        "case page": base,
        "assessment step": f"/cases/{draft.pk}/assessments/1/patient/",
        "assessment review": f"/cases/{draft.pk}/assessments/1/review/",
        "plan page": plan + "plan/",
        "print view": plan + "plan/print/",
        "infusions page": plan + "infusions/",
        "renal check page": f"/cases/{case.pk}/checks/{overdue.pk}/",
    }
    queries: list[Query] = []
    for name, url in pages.items():
        capture(name, _get(client, url), queries)

    token = api_token_issue(user=hospital.clinician, name="bench")

    def api():
        response = Client(HTTP_HOST="127.0.0.1").post(
            "/api/v1/evaluate",
            json.dumps(ADULT_GI_BLEED),
            content_type="application/json",
            headers={"authorization": f"Bearer {token}"},
        )
        assert response.status_code == 200, response.content

    capture("API evaluate", api, queries)

    now = timezone.now()
    capture("reminders: dispatch", lambda: reminders_dispatch(now=now), queries, roll_back=True)

    def send_one():
        claimed = reminders_claim_due(now=now, limit=1)
        mail = get_connection("django.core.mail.backends.locmem.EmailBackend")
        reminder_send(reminder_id=claimed[0], now=now, mail_connection=mail)

    capture("reminders: send", send_one, queries, roll_back=True)
    later = now + timedelta(days=1)
    capture(
        "reminders: stuck reclaimed",
        lambda: reminders_dispatch(now=later),
        queries,
        roll_back=True,
    )

    def result():
        check = RenalCheck.objects.select_related("case", "plan").get(pk=overdue.pk)
        renal_result_record(
            renal_check=check,
            user=hospital.clinician,
            measured_at=now - timedelta(minutes=5),
            creatinine=Decimal("1.2"),
            creatinine_unit="mg/dL",
        )

    capture("renal result entered", result, queries, roll_back=True)

    def infusion_and_close():
        fresh = Case.objects.get(pk=case.pk)
        snapshot = fresh.assessments.get(number=1).plan
        ended = now - timedelta(minutes=10)
        with suppress(InfusionError):  # a complete course: its lookups ran all the same
            infusion_record(
                case=fresh,
                plan=snapshot,
                user=hospital.clinician,
                started_at=ended - timedelta(hours=1),
                ended_at=ended,
                product="Privigen",
                dose_g=Decimal("70"),
            )
        case_status_change(case=fresh, user=hospital.clinician, status=Case.Status.CLOSED)

    capture("infusion recorded, case closed", infusion_and_close, queries, roll_back=True)
    return queries


def distinct(queries: list[Query]) -> list[Query]:
    """One per normalized SQL, reads and writes that look rows up (no bare INSERT, no SAVEPOINT)."""
    seen, kept = {}, []
    for query in queries:
        head = query.sql.lstrip().split(None, 1)[0].upper()
        if head not in ("SELECT", "UPDATE", "DELETE"):
            continue
        key = normalized(query.sql)
        if key in seen:
            seen[key].source += f"; {query.source}" if query.source not in seen[key].source else ""
            continue
        seen[key] = query
        kept.append(query)
    return kept


def vacuum_analyze() -> None:
    """Fresh statistics and visibility map, as autovacuum leaves them after a bulk load (without
    the map an index-only scan still reads every row's page)."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    print("VACUUM ANALYZE run")


def table_rows() -> dict[str, int]:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT relname, reltuples::bigint FROM pg_class WHERE relkind = 'r'")
        return dict(cursor.fetchall())


def walk(node: dict):
    yield node
    for child in node.get("Plans", []):
        yield from walk(child)


def explain(query: Query, rows: dict[str, int]) -> None:
    """Fill in the plan (EXPLAIN ANALYZE, in a transaction rolled back), its scans and time."""
    from django.db import connection, transaction

    try:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) " + query.sql)
            (document,) = cursor.fetchone()
            cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + query.sql)
            query.plan_text = "\n".join(row[0] for row in cursor.fetchall())
            raise _RolledBack
    except _RolledBack:
        pass
    top = (json.loads(document) if isinstance(document, str) else document)[0]
    nodes = list(walk(top["Plan"]))
    query.ms = top["Execution Time"]
    query.seq_scans = tuple(
        (n["Relation Name"], rows.get(n["Relation Name"], 0))
        for n in nodes
        if n["Node Type"] == "Seq Scan"
    )
    query.indexes = tuple(dict.fromkeys(n["Index Name"] for n in nodes if "Index Name" in n))


def verdict(query: Query) -> str:
    big = [f"{t} ({r:,} rows)" for t, r in query.seq_scans if r > BIG_TABLE_ROWS]
    if big:
        return "SEQ SCAN ON A BIG TABLE: " + ", ".join(big)
    said = "index: " + ", ".join(query.indexes) if query.indexes else "no index"
    small = [f"{t} ({r:,} rows)" for t, r in query.seq_scans]
    return said + ("; seq scan of small " + ", ".join(small) if small else "")


def main() -> int:
    brief, reuse = ("--brief" in sys.argv[1:]), ("--reuse" in sys.argv[1:])
    started = time.monotonic()
    with tempfile.TemporaryDirectory() as tmp:
        # The test Client speaks plain HTTP; the production defaults would redirect it to HTTPS.
        env = {**bench_env(Path(tmp)), "SECURE_SSL_REDIRECT": "false"}
        env["SESSION_COOKIE_SECURE"] = "false"
        url = env["DATABASE_URL"]
        if not url.startswith("postgres") or "bench" not in url.rpartition("/")[2]:
            raise SystemExit("set DATABASE_URL to a PostgreSQL database whose name has 'bench'")
        if not reuse:
            fresh_postgres_database(url)
        setup_django_here(env)
        from django.core.management import call_command

        from . import hospital as hospital_data

        call_command("migrate", interactive=False, verbosity=0)
        call_command("collectstatic", interactive=False, verbosity=0)
        hospital = hospital_data.load() if reuse else None
        if hospital is None:
            hospital = hospital_data.build(random.Random(20240611))
            print(f"built in {hospital.seconds:.1f} s: {hospital_data.summary()}")
        else:
            print(f"reused: {hospital_data.summary()}")
        vacuum_analyze()
        queries = distinct(app_queries(hospital))
        rows = table_rows()
        for query in queries:
            explain(query, rows)
    failed = [q for q in queries if any(r > BIG_TABLE_ROWS for _, r in q.seq_scans)]
    for number, query in enumerate(queries, 1):
        print(f"\n#{number} [{query.source}] {query.ms:.3f} ms — {verdict(query)}")
        if not brief or query in failed:
            print(" ".join(query.sql.split()))
            print(query.plan_text)
    print(f"\n{'#':>3} {'time':>10}  verdict  (source)")
    for number, query in enumerate(queries, 1):
        print(f"{number:>3} {query.ms:>7.3f} ms  {verdict(query)}  ({query.source})")
    print(
        f"\n{len(queries)} distinct queries; {len(failed)} scan a table of more than "
        f"{BIG_TABLE_ROWS:,} rows sequentially; build {hospital.seconds:.1f} s, "
        f"total {time.monotonic() - started:.0f} s"
    )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
