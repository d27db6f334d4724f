"""Load test: 50 clinicians and an EHR's API client against gunicorn, at a fixed arrival rate.

Run: .venv/bin/python -m benchmarks.load [--seconds 60] [--rate R]
     DATABASE_URL=postgres://postgres@127.0.0.1:5432/ivig_bench_load \
         .venv/bin/python -m benchmarks.load

1. Builds a fresh database (a temporary SQLite file, or the PostgreSQL database of DATABASE_URL,
   dropped and created again; its name must contain "bench"): five teams, 50 clinicians with
   passwords, each team's cases walked to a plan through the services, an API token.
2. Serves it with gunicorn (the project's gunicorn.conf.py when there is one, WEB_CONCURRENCY
   set) pinned with taskset to every core but the last, behind what a TLS proxy would add
   (X-Forwarded-Proto: https, trusted with SECURE_PROXY_SSL_HEADER).
3. Runs the generator (benchmarks/load/generator.py) pinned to the last core: every clinician
   logs in once (counted apart), then browses and walks a new case's assessment to its plan;
   an API client posts evaluations; the bare view is asked in the same run on the clinicians'
   connections. Open loop: latency from each request's intended start.
4. Prints per page: count, errors, p50, p99 and the ratio of p99 to the bare view's p99.
"""

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.api_latency import EVALUATION  # the same evaluation it times
from benchmarks.pages import SURNAMES
from benchmarks.server import ROOT, bench_env, fresh_postgres_database, serve, setup_django_here

from .generator import draft_steps_done, first_request
from .report import print_report, summarise
from .seed import PASSWORD, TEAMS, seed

NEW_PATIENT = {"patient_name": "Load Tester", "date_of_birth": "1970-01-01"}


def arguments(argv=None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.load", description=__doc__)
    parser.add_argument("--seconds", type=float, default=60, help="timed run (default 60)")
    parser.add_argument(
        "--warmup", type=float, default=5, help="seconds at the same rate before, not counted"
    )
    parser.add_argument(
        "--rate", type=float, default=30, help="requests per second, all in all (default 30)"
    )
    parser.add_argument("--clinicians", type=int, default=50)
    parser.add_argument("--cases-per-team", type=int, default=30, help=f"{len(TEAMS)} teams")
    parser.add_argument("--api-share", type=float, default=0.1, help="of the rate, for the API")
    # Enough that one connection's interval stays above a slow answer: a single connection at
    # a fixed rate falls ever further behind once one answer takes longer than its interval.
    parser.add_argument("--api-connections", type=int, default=5)
    parser.add_argument("--workers", type=int, help="WEB_CONCURRENCY (default 2 per core + 1)")
    parser.add_argument("--timeout", type=float, default=10, help="seconds before a request fails")
    parser.add_argument("--json", type=Path, help="also write the report here, as JSON")
    return parser.parse_args(argv)


def pinning() -> tuple[str | None, str | None]:
    """(server cores, generator core) for taskset: the last core for the generator."""
    cores = sorted(os.sched_getaffinity(0))
    if len(cores) < 2:
        return None, None
    return ",".join(map(str, cores[:-1])), str(cores[-1])


def processes_on(port: int) -> dict[int, set[int]]:
    """The gunicorn master listening on `port` and its workers: pid -> cores they may run on."""
    found = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            command = (entry / "cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        if b"gunicorn" in b" ".join(command) and f"127.0.0.1:{port}".encode() in command:
            master = int(entry.name)
            children = Path(f"/proc/{master}/task/{master}/children").read_text().split()
            for pid in [master, *map(int, children)]:
                found[pid] = os.sched_getaffinity(pid)
    return found


def plan_for(args, port: int, hospital) -> dict:
    from tests.web.wizard import GI_BLEED

    return {
        "port": port,
        "rate": args.rate,
        "seconds": args.seconds,
        "warmup_s": args.warmup,
        "timeout_s": args.timeout,
        "login_concurrency": args.workers,
        "api_share": args.api_share,
        "api_connections": args.api_connections,
        "seed": 20240611,
        "users": [
            {
                "index": index,
                "username": clinician.username,
                "password": PASSWORD,
                "team_pk": clinician.team_pk,
                "case_pks": clinician.case_pks,
                "draft_path": clinician.draft_path,
                "page_two_path": clinician.page_two_path,
            }
            for index, clinician in enumerate(hospital.clinicians)
        ],
        "api_token": hospital.api_token,
        "api_body": EVALUATION,
        "surnames": SURNAMES,
        "new_patient": NEW_PATIENT,
        "steps": list(GI_BLEED.items()),
    }


def main(argv=None) -> None:
    args = arguments(argv)
    server_cores, generator_core = pinning()
    started = time.monotonic()
    with tempfile.TemporaryDirectory() as tmp:
        env = bench_env(Path(tmp))
        workers = args.workers = args.workers or 2 * len((server_cores or "0").split(",")) + 1
        env.update(
            {
                "WEB_CONCURRENCY": str(workers),
                # Behind a TLS proxy, as in production: HTTPS-only settings stay on.
                "SECURE_PROXY_SSL_HEADER": "true",
                "STATIC_ROOT": env["BENCH_STATIC_ROOT"],
            }
        )
        fresh_postgres_database(env["DATABASE_URL"])
        setup_django_here(env)
        from django.core.management import call_command
        from django.db import connection, connections

        call_command("migrate", interactive=False, verbosity=0)
        collect_static()
        hospital = seed(
            clinicians=args.clinicians,
            cases_per_team=args.cases_per_team,
            drafts=[
                draft_steps_done(first_request(index, args.clinicians))
                for index in range(args.clinicians)
            ],
            rng=random.Random(20240611),
        )
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        vendor = connection.vendor
        print(
            f"set up in {time.monotonic() - started:.1f} s: {args.clinicians} clinicians in "
            f"{len(TEAMS)} teams, {hospital.cases} cases (drafts to start on, the rest with "
            f"plans), an API token [{vendor}]"
        )
        connections.close_all()

        # A JSON line per request, as in production (benchmarks/settings.py logs less).
        server_env = {**env, "LOG_LEVEL": os.environ.get("LOG_LEVEL", "INFO")}
        config = ROOT / "gunicorn.conf.py"
        server_log = Path(tmp) / "gunicorn.log"
        with (
            server_log.open("w") as log,
            serve(server_env, workers, cores=server_cores, stderr=log) as port,
        ):
            print(
                f"gunicorn: {workers} sync workers (WEB_CONCURRENCY={workers}), "
                + (
                    f"config {config.name} (gunicorn reads it from the project root)"
                    if config.exists()
                    else "no gunicorn.conf.py: gunicorn's defaults"
                )
                + f"; its log in {server_log.name}"
            )
            for pid, cores in sorted(processes_on(port).items()):
                print(f"  pid {pid} pinned to cores {sorted(cores)}")
            if generator_core is None:
                print("  one core only: server and generator NOT pinned apart")
            plan_path, results_path = Path(tmp) / "plan.json", Path(tmp) / "results.json"
            plan_path.write_text(json.dumps(plan_for(args, port, hospital)))
            pinned = ["taskset", "-c", generator_core] if generator_core else []
            print(
                f"generator: one process on core {generator_core}, {args.clinicians} clinicians "
                f"+ {args.api_connections} API connections ({args.api_share:.0%} of the rate), "
                f"{args.rate:g} requests/s for {args.seconds:g} s"
                + ("" if vendor != "postgresql" else "; PostgreSQL (shared server) not pinned")
            )
            generator = [sys.executable, "-m", "benchmarks.load.generator"]
            subprocess.run(
                [*pinned, *generator, plan_path, results_path],
                cwd=ROOT,
                env={**os.environ, "PYTHONPATH": str(ROOT)},
                check=True,
            )
            results = json.loads(results_path.read_text())
        log_lines = server_log.read_text().splitlines()
        errors_logged = sum(1 for line in log_lines if '"ERROR"' in line or "Traceback" in line)
        # Every patient of the run is named NEW_PATIENT or has a surname of SURNAMES.
        names = [NEW_PATIENT["patient_name"], *SURNAMES]
        naming = sum(1 for line in log_lines if any(name in line for name in names))
        summary = summarise(results)
        summary["server_log"] = {
            "lines": len(log_lines),
            "errors": errors_logged,
            "naming_a_patient": naming,
        }
        print_report(summary)
        print(
            f"server log: {len(log_lines)} lines, {errors_logged} errors, {naming} naming a "
            f"patient; after the run: {database_summary_of()}"
        )
        if args.json:
            args.json.write_text(json.dumps(summary, indent=1))
    print(f"total run time {time.monotonic() - started:.0f} s")


def collect_static() -> None:
    """Hashed names as in production, without whitenoise's compressed copies: the load test
    asks for no static file (a browser keeps them), and brotli would take half a minute."""
    from django.conf import settings
    from django.core.management import call_command
    from django.test import override_settings

    manifest = "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"
    with override_settings(STORAGES={**settings.STORAGES, "staticfiles": {"BACKEND": manifest}}):
        call_command("collectstatic", interactive=False, verbosity=0)


def database_summary_of() -> str:
    from decisions.models import Assessment, Case, PlanSnapshot

    return (
        f"{Case.objects.count()} cases, {Assessment.objects.count()} assessments "
        f"({Assessment.objects.filter(status=Assessment.Status.DRAFT).count()} drafts), "
        f"{PlanSnapshot.objects.count()} plans"
    )


if __name__ == "__main__":
    main()
