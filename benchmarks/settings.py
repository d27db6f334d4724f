"""The site's own settings, plus a bare JSON view to measure against (benchmarks only)."""

import os

from ivig_site.settings import *  # noqa: F403

ROOT_URLCONF = "benchmarks.urls"

# A benchmark that renders pages runs collectstatic into its temporary directory (the manifest
# storage of DEBUG off needs it) rather than into the project's staticfiles/.
if os.environ.get("BENCH_STATIC_ROOT"):
    STATIC_ROOT = os.environ["BENCH_STATIC_ROOT"]
