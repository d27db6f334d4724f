"""The site's own settings, plus a bare JSON view to measure against (benchmarks only)."""

from ivig_site.settings import *  # noqa: F403

ROOT_URLCONF = "benchmarks.urls"
