"""The print view and the PDF download: who may see them, what they record, what they accept."""

import json
import re
from io import BytesIO

import pytest
from django.test import Client
from pypdf import PdfReader

from decisions.models import AuditEvent
from decisions.printing import pdf as printing_pdf

from .plans import EMERGENCY, neonate_case, pdf_url, planned_case, print_url

pytestmark = pytest.mark.django_db

Action = AuditEvent.Action


@pytest.fixture
def planned(browser, clinician, team):
    return planned_case(browser, clinician, team, EMERGENCY)


@pytest.mark.parametrize("url", [print_url, pdf_url])
def test_it_rejects_other_teams_case_with_404(planned, outsider_browser, url):
    assert outsider_browser.get(url(planned)).status_code == 404
    assert not planned.audit_events.filter(action__in=[Action.PRINTED, Action.DOWNLOADED]).exists()


@pytest.mark.parametrize(
    "url", ["/cases/99999/assessments/1/plan/print/", "/cases/99999/assessments/1/plan/pdf/"]
)
def test_it_gives_the_same_404_for_a_case_that_does_not_exist(outsider_browser, url):
    assert outsider_browser.get(url).status_code == 404


@pytest.mark.parametrize("url", [print_url, pdf_url])
def test_it_needs_a_login(planned, url):
    response = Client().get(url(planned))
    assert response.status_code == 302
    assert response["Location"].startswith("/login/")


@pytest.mark.parametrize("url", [print_url, pdf_url])
def test_an_assessment_without_a_plan_has_nothing_to_print(browser, case, url):
    assert browser.get(url(case)).status_code == 404


def test_opening_the_print_view_is_recorded_without_identifiers(browser, planned):
    browser.get(print_url(planned, start="2026-12-01T09:00"))
    event = planned.audit_events.get(action=Action.PRINTED)
    assert event.actor.username == "dr_who"
    assert event.detail == {"number": 1, "start": "2026-12-01T09:00"}


def test_downloading_the_pdf_is_recorded_without_identifiers(browser, planned):
    browser.get(pdf_url(planned, paper="letter"))
    event = planned.audit_events.get(action=Action.DOWNLOADED)
    assert event.detail == {"number": 1, "paper": "letter"}
    recorded = json.dumps(event.detail)
    assert planned.patient_name not in recorded
    assert planned.patient_identifier not in recorded


def test_each_download_is_recorded_even_when_the_pdf_was_kept(browser, planned):
    browser.get(pdf_url(planned))
    browser.get(pdf_url(planned))
    assert planned.audit_events.filter(action=Action.DOWNLOADED).count() == 2


def test_the_pdf_is_an_attachment_named_by_case_reference_only(browser, planned):
    response = browser.get(pdf_url(planned))
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        f'attachment; filename="plan-{planned.reference}-1.pdf"'
    )
    assert "no-store" in response["Cache-Control"]
    assert response.content.startswith(b"%PDF-")


@pytest.mark.parametrize(
    "query", [{"start": "tomorrow"}, {"start": "2026-13-01T09:00"}, {"paper": "a3"}]
)
@pytest.mark.parametrize("url", [print_url, pdf_url])
def test_it_refuses_a_start_or_paper_it_does_not_understand(browser, planned, url, query):
    response = browser.get(url(planned, **query))
    assert response.status_code == 400
    assert not planned.audit_events.filter(action__in=[Action.PRINTED, Action.DOWNLOADED]).exists()


@pytest.mark.parametrize(
    ("paper", "size_pt"), [("a4", (595, 842)), ("letter", (612, 792)), (None, (595, 842))]
)
def test_the_pdf_comes_on_a4_or_us_letter(browser, planned, paper, size_pt):
    query = {"paper": paper} if paper else {}
    reader = PdfReader(BytesIO(browser.get(pdf_url(planned, **query)).content))
    for page in reader.pages:
        assert (round(page.mediabox.width), round(page.mediabox.height)) == size_pt


def test_the_print_view_links_its_own_stylesheet_and_no_navigation(browser, planned):
    html = browser.get(print_url(planned)).content.decode()
    assert '<link rel="stylesheet" href="/static/css/print.css">' in html
    assert "bootstrap" not in html
    assert 'class="navbar' not in html


def test_the_print_view_has_no_inline_script_or_style_for_the_csp_to_block(browser, planned):
    response = browser.get(print_url(planned))
    html = response.content.decode()
    assert "script-src 'self'" in response["Content-Security-Policy"]
    assert "<style" not in html
    assert not re.search(r"\sstyle=", html)
    assert re.findall(r"<script[^>]*>", html) == ['<script src="/static/js/print.js" defer>']


def test_the_pdf_is_rendered_from_exactly_the_print_views_html(browser, planned, monkeypatch):
    rendered = []
    monkeypatch.setattr(printing_pdf, "render_pdf", lambda html: rendered.append(html) or b"%PDF-")
    browser.get(pdf_url(planned, start="2026-12-01T09:00"))
    html = browser.get(print_url(planned, start="2026-12-01T09:00")).content.decode()
    assert rendered == [html]


def test_without_a_start_the_print_view_says_when_dates_appear(browser, planned):
    html = browser.get(print_url(planned)).content.decode()
    assert "1 day; dates appear once the infusion is recorded." in html
    assert html.count("dates appear once the infusion is recorded") == 5  # IVIG and 4 checks


def test_the_print_view_offers_a_planned_start_to_date_the_days(browser, clinician, team):
    case = neonate_case(browser, clinician, team)
    html = browser.get(print_url(case, start="2026-12-01T09:00")).content.decode()
    assert '<input type="datetime-local" id="start" name="start" value="2026-12-01T09:00">' in html
    assert "Sat 5 Dec 2026, 09:00 UTC" in html


def test_the_plan_page_links_to_the_print_view_and_the_pdf(browser, planned):
    html = browser.get(f"/cases/{planned.pk}/assessments/1/plan/").content.decode()
    assert f'href="/cases/{planned.pk}/assessments/1/plan/print/">Print</a>' in html
    assert f'href="/cases/{planned.pk}/assessments/1/plan/pdf/">Download PDF</a>' in html
