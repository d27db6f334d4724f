"""The site's own settings, plus a bare JSON view to measure against (benchmarks only)."""

import os

from ivig_site.settings import *  # noqa: F403

ROOT_URLCONF = "benchmarks.urls"

# A benchmark that renders pages runs collectstatic into its temporary directory (the manifest
# storage of DEBUG off needs it) rather than into the project's staticfiles/.
if os.environ.get("BENCH_STATIC_ROOT"):
    STATIC_ROOT = os.environ["BENCH_STATIC_ROOT"]

# Benchmarks speak plain HTTP on loopback, with no TLS proxy in front to redirect to.
SECURE_SSL_REDIRECT = False
# A line per request would bury the report; LOG_LEVEL=INFO shows them.
LOGGING = logging_config(log_format=LOG_FORMAT, level=os.environ.get("LOG_LEVEL", "WARNING"))  # noqa: F405
