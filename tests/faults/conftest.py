"""One PostgreSQL cluster of the drills' own (a fresh database per drill, copied from a migrated
template), and the site under gunicorn on it."""

import contextlib
import uuid
from dataclasses import dataclass

import pytest

from benchmarks.server import serve
from tests.reminders.infra import RedisServer, redis_server_binary

from .services import PostgresCluster, gunicorn_master, postgres_available, prepare_template

TEMPLATE = "drill_template"


@pytest.fixture(scope="session")
def postgres():
    if not postgres_available():
        pytest.skip("no PostgreSQL 15 binaries (initdb, pg_ctl) to start a cluster with")
    cluster = PostgresCluster()
    try:
        cluster.init()
        yield cluster
    finally:
        cluster.destroy()


@pytest.fixture(scope="session")
def site_env(postgres, tmp_path_factory):
    return prepare_template(postgres, tmp_path_factory.mktemp("drill-site"), TEMPLATE)


@pytest.fixture
def database(postgres, site_env):
    """A fresh copy of the migrated template, with the drill clinicians in it."""
    if not postgres.running():  # a drill that failed half-way through a restart
        postgres.start()
    name = f"drill_{uuid.uuid4().hex[:10]}"
    postgres.create_database(name, template=TEMPLATE)
    return name


@pytest.fixture
def redis_server(tmp_path):
    if redis_server_binary() is None:
        pytest.skip("no redis-server to start")
    server = RedisServer(tmp_path)
    server.start()
    yield server
    server.stop()


@dataclass
class Site:
    port: int
    master_pid: int
    database_url: str
    cluster: PostgresCluster

    def connect(self):
        """A connection to the site's database, to check what it wrote."""
        return self.cluster.connect(self.database_url.rsplit("/", 1)[1])


@pytest.fixture
def site(postgres, site_env, database):
    """Call with the broker's URL (and any more settings) to serve the site with gunicorn."""
    with contextlib.ExitStack() as stack:

        def start(*, redis_url="redis://127.0.0.1:1/0", workers=2, **settings) -> Site:
            url = postgres.url(database)
            env = {**site_env, "DATABASE_URL": url, "REDIS_URL": redis_url, **settings}
            port = stack.enter_context(serve(env, workers=workers))
            return Site(port, gunicorn_master(port), url, postgres)

        yield start
