"""A rendered PDF is kept and served again until anything it was made from changes."""

import pytest

from decisions.printing import pdf as printing_pdf

from .plans import EMERGENCY, decide, pdf_url, planned_case

pytestmark = pytest.mark.django_db


@pytest.fixture
def renders(monkeypatch):
    """Count WeasyPrint renderings."""
    made = []
    render = printing_pdf.render_pdf

    def counted(html):
        made.append(html)
        return render(html)

    monkeypatch.setattr(printing_pdf, "render_pdf", counted)
    return made


@pytest.fixture
def planned(browser, clinician, team):
    return planned_case(browser, clinician, team, EMERGENCY)


def test_a_pdf_is_rendered_once_and_then_served_as_kept(browser, planned, renders):
    first = browser.get(pdf_url(planned)).content
    second = browser.get(pdf_url(planned)).content
    assert len(renders) == 1
    assert second == first


def test_a_new_decision_renders_the_pdf_afresh(browser, planned, renders):
    browser.get(pdf_url(planned))
    decide(browser, planned, "IVIG", decision="accepted")
    browser.get(pdf_url(planned))
    assert len(renders) == 2


def test_another_planned_start_or_paper_is_another_pdf(browser, planned, renders):
    browser.get(pdf_url(planned))
    browser.get(pdf_url(planned, start="2026-12-01T09:00"))
    browser.get(pdf_url(planned, paper="letter"))
    assert len(renders) == 3


def test_a_changed_template_or_stylesheet_changes_the_key(tmp_path, monkeypatch):
    html = "<p>plan</p>"
    key = printing_pdf.pdf_cache_key(html, snapshot_id=7)
    assert key.startswith("plan-pdf:7:")
    assert printing_pdf.pdf_cache_key(html + " ", snapshot_id=7) != key
    stylesheet = tmp_path / "print.css"
    stylesheet.write_text("p { color: black }")
    monkeypatch.setattr(printing_pdf, "static_file_path", lambda name: stylesheet)
    assert printing_pdf.pdf_cache_key(html, snapshot_id=7) != key
