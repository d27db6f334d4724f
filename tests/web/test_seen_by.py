"""The case page says who has seen this patient: each read's person, time and page, the latest
first and limited, with the totals; the trail of changes beside it lists no reads."""

import re
from html import unescape

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from decisions.cases.reads import SEEN_LIMIT
from decisions.models import AuditEvent
from tests.factories import UserFactory, clinician_in
from tests.reminders.helpers import plan_for, record
from tests.two_factor import force_login_verified

pytestmark = pytest.mark.django_db


def seen_rows(client, case) -> list[list[str]]:
    """The rows of "Who has seen this patient" on the case page, as text cells."""
    html = client.get(f"/cases/{case.pk}/").content.decode()
    table = re.search(r'data-testid="seen-by">(.*?)</table>', html, re.S).group(1)
    rows = re.findall(r"<tr>(.*?)</tr>", table.split("<tbody>")[1], re.S)
    return [[unescape(cell) for cell in re.findall(r"<td>(.*?)</td>", row, re.S)] for row in rows]


def totals(client, case) -> str:
    html = client.get(f"/cases/{case.pk}/").content.decode()
    return " ".join(re.search(r'data-testid="seen-totals">(.*?)</p>', html, re.S).group(1).split())


@pytest.fixture
def course(clinician, team):
    plan = plan_for(clinician, team)
    record(plan, clinician)
    return plan


def test_the_case_page_lists_who_saw_which_page_latest_first(browser, clinician, team, course):
    case = course.assessment.case
    colleague = clinician_in(team, username="dr_ng", first_name="Mei", last_name="Ng")
    other = Client()
    other.force_login(colleague)
    other.get(f"/cases/{case.pk}/assessments/1/plan/")
    other.get(f"/cases/{case.pk}/assessments/1/infusions/")
    root = UserFactory(username="root", is_staff=True, is_superuser=True)
    admin = force_login_verified(Client(), root)
    admin.get(f"/admin/decisions/case/{case.pk}/change/")

    rows = seen_rows(browser, case)

    who_what = [(row[0], row[2]) for row in rows]
    assert who_what[:4] == [
        ("Julia Hart", "The case page"),  # this very view
        ("root (administrator)", "The admin's record: case"),
        ("Mei Ng", "The infusion course (assessment 1)"),
        ("Mei Ng", "The plan (assessment 1)"),
    ]
    assert all(re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d UTC", row[1]) for row in rows)


def test_printing_and_downloading_count_as_seeing(browser, course):
    case = course.assessment.case
    browser.get(f"/cases/{case.pk}/assessments/1/plan/print/")

    assert ("Julia Hart", "Printed the plan (assessment 1)") in [
        (row[0], row[2]) for row in seen_rows(browser, case)
    ]


def test_the_list_is_limited_and_says_how_many_there_are(browser, team, course):
    case = course.assessment.case
    colleague = Client()
    colleague.force_login(clinician_in(team, username="dr_ng"))
    for _ in range(SEEN_LIMIT + 5):
        colleague.get(f"/cases/{case.pk}/assessments/1/plan/")

    assert len(seen_rows(browser, case)) == SEEN_LIMIT
    # The colleague's 30 reads, and this clinician's two case pages (this one among them).
    assert totals(browser, case).startswith(f"{SEEN_LIMIT + 5 + 2} views by 2 people; the ")


def test_the_trail_of_changes_lists_no_reads(browser, course):
    case = course.assessment.case
    browser.get(f"/cases/{case.pk}/assessments/1/plan/")
    html = browser.get(f"/cases/{case.pk}/").content.decode()

    trail = html.split('<h2 class="h5 mt-4">Audit trail</h2>')[1]
    assert "Viewed the case" not in trail
    assert "Recorded an infusion" in trail


def test_the_case_page_does_not_grow_with_its_reads(browser, team, course):
    case = course.assessment.case
    with CaptureQueriesContext(connection) as few:
        browser.get(f"/cases/{case.pk}/")
    for i in range(12):
        reader = Client()
        reader.force_login(clinician_in(team, username=f"reader{i}"))
        reader.get(f"/cases/{case.pk}/")
        reader.get(f"/cases/{case.pk}/assessments/1/plan/")
    with CaptureQueriesContext(connection) as many:
        browser.get(f"/cases/{case.pk}/")

    assert len(many) == len(few)
    assert AuditEvent.objects.filter(case=case, action="viewed").count() == 26
