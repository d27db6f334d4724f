"""Drill: the backup restores. Cases and their audit trail made in the PostgreSQL test database
are dumped with pg_dump, restored with pg_restore into a database made afresh with createdb,
and served from there by gunicorn (as deployed, DEBUG off): `verify_audit` finds the chain
whole with the same count and last hash, a clinician logs in and reads the case, and the
read is audited in the restored trail. The README's "Backups" section gives the same steps.

PostgreSQL only (the README's test command with no configuration runs on SQLite: skipped).
"""

import os
import shutil
import subprocess
import uuid
from pathlib import Path

import pytest
from django.db import connection

from benchmarks.server import manage, serve
from decisions.cases.audit import audit_verify
from decisions.cases.reads import audit_list_read, audit_read
from decisions.models import AuditEvent
from tests.factories import TeamFactory, UserFactory
from tests.reminders.helpers import plan_for

from .services import PASSWORD, Clinician, site_env

pytestmark = [pytest.mark.faults, pytest.mark.django_db(transaction=True)]

TOOLS = ("pg_dump", "pg_restore", "createdb", "dropdb")


@pytest.fixture
def postgres_only():
    if connection.vendor != "postgresql":
        pytest.skip("the restore drill needs PostgreSQL (DATABASE_URL); this run is on SQLite")
    missing = [tool for tool in TOOLS if shutil.which(tool) is None]
    if missing:
        pytest.skip(f"no {', '.join(missing)} on PATH")


def client_options() -> list[str]:
    """How pg_dump, createdb and friends reach the test database's server."""
    config = connection.settings_dict
    options = ["--username", config["USER"] or "postgres", "--no-password"]
    if config["HOST"]:
        options += ["--host", config["HOST"]]
    if config["PORT"]:
        options += ["--port", str(config["PORT"])]
    return options


def client_env() -> dict[str, str]:
    password = connection.settings_dict["PASSWORD"]
    return {"PGPASSWORD": password} if password else {}


def run(*command: str) -> str:
    env = {**os.environ, **client_env()}
    done = subprocess.run(command, check=True, capture_output=True, text=True, env=env)  # noqa: S603
    return done.stdout


def database_url(name: str) -> str:
    config = connection.settings_dict
    credentials = config["USER"] + (f":{config['PASSWORD']}" if config["PASSWORD"] else "")
    return (
        f"postgres://{credentials}@{config['HOST'] or '127.0.0.1'}:{config['PORT'] or 5432}/{name}"
    )


@pytest.fixture
def restored_name(postgres_only):
    """The name of a database the drill restores into; dropped afterwards, whatever happened."""
    name = f"{connection.settings_dict['NAME']}_restored_{uuid.uuid4().hex[:8]}"
    yield name
    run("dropdb", *client_options(), "--if-exists", "--force", name)


@pytest.fixture
def records(postgres_only, settings):
    """Cases, plans and audit events (changes and reads), committed; the clinician's password
    hashed as the served site checks it (the suite's fast hasher is not in its settings)."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.PBKDF2PasswordHasher"]
    team = TeamFactory(name="Ward R")
    clinician = UserFactory(username="dr_restore", password=PASSWORD)
    team.members.add(clinician)
    plan = plan_for(clinician, team, patient_name="Rosalind Franklin", patient_identifier="R-1920")
    other = plan_for(clinician, team, patient_name="Marie Curie", patient_identifier="R-1867")
    case = plan.assessment.case
    audit_read(user=clinician, page="case", case=case)
    audit_list_read(user=clinician, page="case list", references=[case.reference, "unlisted"])
    return case, other.assessment.case


def test_a_dump_restored_into_a_fresh_database_serves_its_cases_and_keeps_its_audit_chain(
    records, restored_name, tmp_path
):
    case, other = records
    count, breaks = audit_verify()
    assert breaks == [] and count >= 8
    last_hash = AuditEvent.objects.order_by("-id").values_list("chain_hash", flat=True).first()

    dump = tmp_path / "ivig.dump"
    source = connection.settings_dict["NAME"]
    run("pg_dump", *client_options(), "--format=custom", "--no-owner", f"--file={dump}", source)
    run("createdb", *client_options(), restored_name)
    run(
        "pg_restore",
        *client_options(),
        "--no-owner",
        "--exit-on-error",
        "-d",
        restored_name,
        str(dump),
    )

    env = site_env(
        tmp_path, database_url=database_url(restored_name), redis_url="redis://127.0.0.1:1/0"
    )
    Path(env["BENCH_STATIC_ROOT"]).mkdir()
    held = f"The audit trail holds: {count} events chained; last hash {last_hash}."
    assert held in manage(env, "verify_audit")

    manage(env, "collectstatic", "--noinput")  # DEBUG is off: pages name hashed assets
    with serve(env, workers=1) as port:
        reader = Clinician(port, "dr_restore")
        reader.log_in()
        page = reader.expect("GET", f"/cases/{case.pk}/", 200)
        listed = reader.expect("GET", "/cases/?q=Curie", 200)

    assert b"Rosalind Franklin" in page.body and b"R-1920" in page.body
    assert b"Who has seen this patient" in page.body
    assert other.reference.encode() in listed.body
    # The reads on the restored site were audited, chained after the restored rows.
    assert f"The audit trail holds: {count + 2} events chained; " in manage(env, "verify_audit")
