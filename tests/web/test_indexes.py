"""The indexes the app's lists and lookups need exist, and PostgreSQL reads the lists through them.

The plans of every query over 100,000 cases are benchmarks/query_plans.py's; here a smaller
hospital (20,000 cases, made once for the module and ANALYZEd) checks the pages that read the
most rows: the dashboard and the case list with each filter, a deep page and the search. The
clinician's team holds a twentieth of the cases, so a sequential scan of the cases or the
assessments is a missing index, not the planner's fair choice over a small table.
"""

import json
import random
import re
from html import unescape

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from benchmarks.pages import patient
from benchmarks.query_plans import walk
from decisions.models import Assessment, Case, Team
from tests.factories import TeamFactory, UserFactory

pytestmark = pytest.mark.django_db
postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="PostgreSQL's indexes and planner (SQLite reads these small test tables whole)",
)

HOSPITAL_CASES = 20_000
TEAMS = 20
# Declared in migration 0004 for PostgreSQL only, so not in any model's Meta.
POSTGRESQL_ONLY = {"decisions_case": {"case_patient_name_trgm": "gin"}}
ANALYZED = ("decisions_case", "decisions_assessment", "decisions_team", "decisions_team_members")
BIG_TABLES = {"decisions_case", "decisions_assessment"}


def constraints_of(table: str) -> dict:
    with connection.cursor() as cursor:
        return connection.introspection.get_constraints(cursor, table)


def declared_indexes():
    from django.apps import apps

    for model in apps.get_app_config("decisions").get_models():
        for index in model._meta.indexes:
            yield model._meta.db_table, index.name


@pytest.mark.parametrize(("table", "name"), list(declared_indexes()))
def test_it_has_every_index_the_models_declare(table, name):
    assert constraints_of(table)[name]["index"]


@postgresql_only
@pytest.mark.parametrize(
    ("table", "name", "kind"),
    [(t, n, k) for t, indexes in POSTGRESQL_ONLY.items() for n, k in indexes.items()],
)
def test_it_has_the_trigram_index_for_the_name_search(table, name, kind):
    assert constraints_of(table)[name]["type"] == kind


@pytest.fixture(scope="module")
def hospital(django_db_setup, django_db_blocker):
    """20,000 cases over twenty teams, one of them the clinician's, one assessment each, a tenth
    of them drafts; committed once for the module (deleted after it) and ANALYZEd, as autovacuum
    would after such a load. Returns the clinician."""
    rng = random.Random(7)  # noqa: S311 (test data, not a secret)
    with django_db_blocker.unblock():
        clinician = UserFactory(username="dr_indexes")
        teams = [TeamFactory(name=f"Index ward {i}") for i in range(TEAMS)]
        teams[0].members.add(clinician)
        cases = Case.objects.bulk_create(
            (
                Case(
                    reference=f"IV-T{i:06d}",
                    team=teams[i % TEAMS],
                    status=rng.choice(["open", "closed"]),
                    created_by=clinician,
                    **patient(rng),
                )
                for i in range(HOSPITAL_CASES)
            ),
            batch_size=5_000,
        )
        Assessment.objects.bulk_create(
            (
                Assessment(
                    case=case,
                    number=1,
                    status="draft" if rng.random() < 0.1 else "complete",
                    created_by=clinician,
                )
                for case in cases
            ),
            batch_size=5_000,
        )
        with connection.cursor() as cursor:
            for table in ANALYZED:
                cursor.execute(f"ANALYZE {table}")
        yield clinician
        Assessment.objects.filter(case__team__in=teams).delete()
        Case.objects.filter(team__in=teams).delete()
        Team.objects.filter(pk__in=[t.pk for t in teams]).delete()
        clinician.delete()


@pytest.fixture
def hospital_browser(hospital):
    client = Client()
    client.force_login(hospital)
    return client


def seq_scanned_big_tables(sql: str) -> set[str]:
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN (FORMAT JSON) " + sql)
        (document,) = cursor.fetchone()
    plan = (json.loads(document) if isinstance(document, str) else document)[0]["Plan"]
    return {
        node["Relation Name"]
        for node in walk(plan)
        if node["Node Type"] == "Seq Scan" and node["Relation Name"] in BIG_TABLES
    }


def page_down(client, url: str, pages: int) -> str:
    """The url of the page `pages` Older links below `url` (or of the last page)."""
    for _ in range(pages):
        older = re.search(r'href="([^"]+)">Older</a>', client.get(url).content.decode())
        if older is None:
            break
        url = "/cases/" + unescape(older.group(1))
    return url


@postgresql_only
@pytest.mark.parametrize(
    ("url", "pages_down"),
    [
        ("/", 0),
        ("/cases/", 0),
        ("/cases/", 99),
        ("/cases/?status=open", 0),
        ("/cases/?q=Nakamura", 0),
        ("/cases/?q=iv-t000120", 0),
        ("/cases/?q=h0012345", 0),
        ("/cases/?status=closed", 9),
    ],
)
def test_it_reads_the_lists_through_indexes_not_whole_tables(hospital_browser, url, pages_down):
    url = page_down(hospital_browser, url, pages_down)
    with CaptureQueriesContext(connection) as captured:
        assert hospital_browser.get(url).status_code == 200
    reads = [q["sql"] for q in captured.captured_queries if q["sql"].startswith("SELECT")]
    assert any("decisions_case" in sql for sql in reads)
    assert {sql: seq_scanned_big_tables(sql) for sql in reads} == {sql: set() for sql in reads}
