"""The printed plan as a PDF: WeasyPrint renders the print view's own HTML, and each PDF is kept.

The PDF is the print view's HTML and stylesheet, so paper and screen can never drift apart.
Rendering takes about 0.2 s (benchmarks/pdf.py) and a plan snapshot never changes, so a rendered PDF
is kept in the cache under the snapshot's id and a digest of everything it was made from: the
HTML (template, patient details, decisions, dates), the stylesheet and the WeasyPrint version.
Change any of them and the next download renders afresh; nothing stale is ever served.
"""

import hashlib
import logging
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.cache import cache
from django.http import HttpResponse
from django.template.loader import render_to_string

PRINT_TEMPLATE = "decisions/print/plan.html"
STYLESHEET = "css/print.css"
PDF_CACHE_SECONDS = 30 * 24 * 3600
# Only for resolving the template's root-relative links; nothing is fetched from it.
BASE_URL = "file:///"


class _BrowserOnlyRules(logging.Filter):
    """print.css keeps its browser-only rules in @supports, which WeasyPrint skips on purpose;
    its warning about them would fill the logs on every rendering."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "@supports" not in record.getMessage()


logging.getLogger("weasyprint").addFilter(_BrowserOnlyRules())


def render_print_html(context: dict) -> str:
    """The print view's HTML; the PDF is rendered from exactly this."""
    return render_to_string(PRINT_TEMPLATE, context)


def plan_pdf(html: str, *, snapshot_id: int) -> bytes:
    """The PDF of a print view's HTML, from the cache when it was rendered before."""
    key = pdf_cache_key(html, snapshot_id=snapshot_id)
    pdf = cache.get(key)
    if pdf is None:
        pdf = render_pdf(html)
        cache.set(key, pdf, PDF_CACHE_SECONDS)
    return pdf


def pdf_download(pdf: bytes, filename: str) -> HttpResponse:
    """The PDF as a download named `filename`: the case reference only in it, never a patient's
    name, as downloads folders are not private."""
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def pdf_cache_key(html: str, *, snapshot_id: int) -> str:
    """The snapshot's id and a digest of the HTML, the stylesheet and the WeasyPrint version."""
    import weasyprint

    digest = hashlib.sha256(html.encode())
    digest.update(static_file_path(STYLESHEET).read_bytes())
    digest.update(weasyprint.__version__.encode())
    return f"plan-pdf:{snapshot_id}:{digest.hexdigest()}"


def render_pdf(html: str) -> bytes:
    """Render HTML to PDF with WeasyPrint, its stylesheet read from the static files on disk."""
    # Imported here: WeasyPrint loads Pango and fonts, which only PDF downloads need.
    import weasyprint

    document = weasyprint.HTML(string=html, base_url=BASE_URL, url_fetcher=static_fetcher())
    return document.write_pdf()


def static_fetcher():
    """A WeasyPrint URL fetcher that reads the site's own static files and nothing else.

    Never over HTTP: the PDF must not depend on the site answering itself (or anything else).
    Data URLs are read in place. A file it cannot find stops the rendering: a PDF without its
    stylesheet would have no page header.
    """
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class StaticFilesFetcher(URLFetcher):
        def fetch(self, url, headers=None):
            if url.startswith("data:"):  # the page's empty icon
                return super().fetch(url, headers)
            path = static_file_path(static_name(url))
            content_type = "text/css" if path.suffix == ".css" else "application/octet-stream"
            return URLFetcherResponse(
                url, body=path.read_bytes(), headers={"Content-Type": content_type}
            )

    return StaticFilesFetcher(fail_on_errors=True)


def static_name(url: str) -> str:
    """The static file's name in a URL the template built with {% static %}."""
    parts = urlsplit(url)
    path = unquote(parts.path)
    prefix = urlsplit(staticfiles_storage.base_url).path
    on_disk = parts.scheme == "file" and not parts.netloc  # resolved against BASE_URL
    if not on_disk or not path.startswith(prefix) or ".." in path.split("/"):
        raise ValueError(f"not one of the site's static files: {url}")
    return path.removeprefix(prefix)


def static_file_path(name: str) -> Path:
    """Where a static file lies on disk: the source tree, else the collected files."""
    found = finders.find(name)
    if found:
        return Path(found)
    # After collectstatic the template names hashed copies (css/print.1a2b3c.css).
    if staticfiles_storage.exists(name):
        return Path(staticfiles_storage.path(name))
    raise FileNotFoundError(f"static file not found: {name}")
