"""The site as benchmarks serve it, with hashed static names but without compressing them:
compression costs half a minute of collectstatic and plays no part in any drill."""

from benchmarks.settings import *  # noqa: F403

STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"},
}
