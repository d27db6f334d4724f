"""WeasyPrint reads the print stylesheet from the static files on disk, never over HTTP."""

import pytest

from decisions.printing.pdf import static_fetcher, static_file_path, static_name


def test_a_static_url_names_a_file_on_disk():
    assert static_name("file:///static/css/print.css") == "css/print.css"
    assert static_file_path("css/print.css").read_text().startswith("/* The printed plan")


@pytest.mark.parametrize(
    "url",
    [
        "https://example.org/static/css/print.css",
        "file:///etc/passwd",
        "file:///static/../decisions/settings.py",
        "file:///static/css/missing.css",
    ],
)
def test_anything_else_is_refused(url):
    with pytest.raises((ValueError, FileNotFoundError)):
        static_fetcher().fetch(url)


def test_the_fetcher_hands_weasyprint_the_stylesheet():
    response = static_fetcher().fetch("file:///static/css/print.css")
    assert response.content_type == "text/css"
    assert b"@page" in response.read()


def test_weasyprint_reads_the_stylesheet_without_a_warning(caplog):
    from decisions.printing.pdf import render_pdf

    html = '<link rel="stylesheet" href="/static/css/print.css"><p>plan</p>'
    with caplog.at_level("WARNING", logger="weasyprint"):
        assert render_pdf(html).startswith(b"%PDF-")
    assert caplog.records == []
