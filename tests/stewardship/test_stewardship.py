"""The stewardship page and export on a generated hospital: figures checked against the rows
made, no identifiers, audited exports, 404 without the group, constant queries."""

import csv
import io
from collections import Counter

import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from decisions.models import AuditEvent
from decisions.stewardship.export import HEADERS
from decisions.stewardship.selectors import stewardship_figures

from .hospital import hospital

pytestmark = pytest.mark.django_db
PAGE = "/stewardship/"


def test_the_figures_match_the_rows_made():
    made = hospital(courses=10)
    figures = stewardship_figures()
    c, r = figures["courses"], figures["reactions"]
    reviewed = len(made.reviews)
    fallen_due = [x for x in made.courses if x[2] > 7]
    assert c["courses"] == len(made.courses)
    assert c["expected"] == len(fallen_due)  # every review made was of a course past day 7
    assert c["recorded"] == reviewed
    assert c["due"] + c["overdue"] == len(fallen_due) - reviewed
    responses = Counter(made.reviews)
    assert (c["complete_responses"], c["responses"], c["no_responses"]) == (
        responses["complete"], responses["response"], responses["none"],
    )  # fmt: skip
    assert c["aki_courses"] == made.aki
    assert r["infusions"] == len(made.courses)
    for severity in ("mild", "moderate", "severe"):
        assert r[severity] == made.reactions.get(severity, 0)
    assert r["not_recorded"] == made.reactions.get("", 0)
    by_indication = Counter()
    for _team, indication, _days, grams, month in made.courses:
        by_indication[(month, indication)] += grams
    assert {
        (row["month"].date() if hasattr(row["month"], "date") else row["month"], row["group"]):
        row["grams"] for row in figures["by_indication"]
    } == dict(by_indication)  # fmt: skip
    by_team = Counter()
    for team, *_rest, grams, _month in made.courses:
        by_team[team] += grams
    totals = Counter()
    for row in figures["by_team"]:
        totals[row["group"]] += row["grams"]
    assert totals == by_team


def test_the_page_shows_the_figures_and_svg_charts(steward_browser):
    made = hospital(courses=6)
    page = steward_browser.get(PAGE).content.decode()
    assert f'data-testid="courses">{len(made.courses)}<' in page
    assert "<svg" in page and 'data-testid="indication-chart"' in page
    assert "90% target" in page
    assert "<script" not in page.split("<main")[-1].split("</main>")[0]
    assert " style=" not in page


def test_the_page_names_no_patient(steward_browser):
    made = hospital(courses=5)
    page = steward_browser.get(PAGE).content.decode()
    for name, identifier in made.patients:
        assert name not in page and identifier not in page


@pytest.mark.parametrize("url", [PAGE, "/stewardship/export.csv", "/stewardship/export.xlsx"])
def test_a_clinician_without_the_permission_gets_404(browser, url):
    assert browser.get(url).status_code == 404


def test_an_unknown_format_is_404(steward_browser):
    assert steward_browser.get("/stewardship/export.pdf").status_code == 404


def test_export_links_are_on_the_page(steward_browser):
    page = steward_browser.get(PAGE).content.decode()
    assert 'href="/stewardship/export.csv"' in page and 'href="/stewardship/export.xlsx"' in page


def test_the_csv_export_reads_back_one_row_per_course_without_identifiers(steward_browser):
    made = hospital(courses=8)
    response = steward_browser.get(reverse("stewardship-export-csv"))
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    text = response.content.decode()
    rows = list(csv.DictReader(io.StringIO(text)))
    assert tuple(rows[0].keys()) == HEADERS
    assert len(rows) == len(made.courses)
    assert Counter(r["indication"] for r in rows) == Counter(x[1] for x in made.courses)
    assert sum(float(r["dose_g"]) for r in rows) == float(sum(x[3] for x in made.courses))
    assert Counter(r["response_iwg"] for r in rows if r["response_iwg"]) == Counter(made.reviews)
    for name, identifier in made.patients:
        assert name not in text and identifier not in text
    assert "Zebedee" not in text  # the adverse event note is free text: left out


def test_the_xlsx_export_reads_back(steward_browser):
    made = hospital(courses=6)
    response = steward_browser.get(reverse("stewardship-export-xlsx"))
    book = openpyxl.load_workbook(io.BytesIO(response.content), read_only=True)
    rows = list(book.active.iter_rows(values_only=True))
    assert rows[0] == HEADERS
    assert len(rows) - 1 == len(made.courses)
    cells = " ".join(str(v) for row in rows for v in row if v is not None)
    for name, identifier in made.patients:
        assert name not in cells and identifier not in cells
    assert {row[1] for row in rows[1:]} <= {
        e.case.reference for e in AuditEvent.objects.filter(action="created")
    }


def test_each_export_is_in_the_audit_trail(steward_browser, steward):
    made = hospital(courses=3)
    steward_browser.get(reverse("stewardship-export-csv"))
    steward_browser.get(reverse("stewardship-export-xlsx"))
    events = AuditEvent.objects.filter(action="exported").order_by("id")
    assert [(e.actor, e.case, e.detail) for e in events] == [
        (steward, None, {"format": "csv", "courses": len(made.courses)}),
        (steward, None, {"format": "xlsx", "courses": len(made.courses)}),
    ]


def queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.mark.parametrize("url", [PAGE, "/stewardship/export.csv"])
def test_the_queries_do_not_grow_with_the_courses(steward_browser, url):
    hospital(courses=2, seed=1)
    few = queries(steward_browser, url)
    hospital(courses=9, seed=2, prefix="North ")  # more courses, more teams, more months
    assert queries(steward_browser, url) == few


def test_a_team_name_is_never_a_formula_in_the_export(steward_browser):
    from decisions.models import Team

    hospital(courses=2)
    Team.objects.filter(name="Haematology").update(name="=HYPERLINK(1)")
    Team.objects.filter(name="Critical care").update(name="+SUM(1)")
    text = steward_browser.get(reverse("stewardship-export-csv")).content.decode()
    rows = list(csv.DictReader(io.StringIO(text)))
    assert {r["team"] for r in rows} <= {"'=HYPERLINK(1)", "'+SUM(1)"}
    book = openpyxl.load_workbook(
        io.BytesIO(steward_browser.get(reverse("stewardship-export-xlsx")).content)
    )
    formulas = [c for row in book.active.iter_rows() for c in row if c.data_type == "f"]
    assert formulas == []
