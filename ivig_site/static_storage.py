"""Static files as WhiteNoise serves them in production, each URL worked out once per process."""

from whitenoise.storage import CompressedManifestStaticFilesStorage


class ManifestStorageWithURLCache(CompressedManifestStaticFilesStorage):
    """A file's hashed URL is fixed while the process runs (the manifest is read at start):
    `{% static %}` looked it up and joined it on every page, five times in base.html alone,
    about a fifth of that template's time (benchmarks.pages, issue 9)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._urls: dict[tuple[str, bool], str] = {}

    def url(self, name, force=False):
        key = (name, force)
        found = self._urls.get(key)
        if found is None:
            found = self._urls[key] = super().url(name, force)
        return found
