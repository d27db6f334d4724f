"""A benchmark that runs the site in its own process, through Django's test client: Django set up
here and a throwaway test database around the run (SQLite in memory, or test_<name>_bench_<what>
on the server DATABASE_URL names, so a test run on the same server keeps its own)."""

import os
import warnings
from contextlib import contextmanager


@contextmanager
def throwaway_test_database(what: str, *, settings_module: str):
    """Django set up with `settings_module` and a fresh test database for the `with` block."""
    os.environ["DJANGO_SETTINGS_MODULE"] = settings_module
    # A log line per request or send would bury the figures; LOG_LEVEL=INFO shows them.
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    import django

    django.setup()
    from django.conf import settings
    from django.test.utils import (
        setup_databases,
        setup_test_environment,
        teardown_databases,
        teardown_test_environment,
    )

    # WhiteNoise warns that STATIC_ROOT is missing; like the tests, the run needs no collectstatic.
    warnings.filterwarnings("ignore", "No directory at", UserWarning)
    database = settings.DATABASES["default"]
    if "sqlite" not in database["ENGINE"]:
        # Its own test database: never drop the one a test run on the same server is using.
        database.setdefault("TEST", {})["NAME"] = f"test_{database['NAME']}_bench_{what}"
    setup_test_environment(debug=False)
    databases = setup_databases(verbosity=0, interactive=False)
    try:
        yield
    finally:
        teardown_databases(databases, verbosity=0)
        teardown_test_environment()
