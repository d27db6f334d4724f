"""The case list's keyset pages: newest activity first, Older and Newer links with a cursor."""

import re
from datetime import timedelta
from html import unescape
from urllib.parse import parse_qs, urlsplit

import pytest
from django.utils import timezone

from decisions.cases.pages import NEWER, Cursor, cursor_decode, cursor_encode
from decisions.models import Case
from tests.factories import case_for

pytestmark = pytest.mark.django_db

START = timezone.now() - timedelta(days=30)


def cases_an_hour_apart(clinician, team, n, *, name="Patient"):
    """n cases, the last one the most recently active; the names say their order."""
    for i in range(n):
        case = case_for(clinician, team, patient_name=f"{name} {i:02d}")
        Case.objects.filter(pk=case.pk).update(updated_at=START + timedelta(hours=i))


def names(response) -> list[str]:
    return [case.patient_name for case in response.context["page"]]


def link(response, label: str) -> str | None:
    """The href of the pagination link with this label, or None."""
    found = re.search(rf'href="([^"]+)">{label}</a>', response.content.decode())
    return unescape(found.group(1)) if found else None


def patients(first: int, last: int, name="Patient") -> list[str]:
    """Names from `first` down to `last`, as the list shows them (newest first)."""
    return [f"{name} {i:02d}" for i in range(first, last - 1, -1)]


def test_the_first_page_shows_the_newest_25_and_an_older_link(browser, clinician, team):
    cases_an_hour_apart(clinician, team, 60)
    response = browser.get("/cases/")
    assert names(response) == patients(59, 35)
    assert link(response, "Older")
    assert link(response, "Newer") is None


def test_older_then_newer_come_back_to_the_same_pages(browser, clinician, team):
    cases_an_hour_apart(clinician, team, 60)
    second = browser.get("/cases/" + link(browser.get("/cases/"), "Older"))
    assert names(second) == patients(34, 10)
    back = browser.get("/cases/" + link(second, "Newer"))
    assert names(back) == patients(59, 35)
    assert link(back, "Newer") is None


def test_the_last_page_has_no_older_link(browser, clinician, team):
    cases_an_hour_apart(clinician, team, 60)
    response = browser.get("/cases/")
    for _ in range(2):
        response = browser.get("/cases/" + link(response, "Older"))
    assert names(response) == patients(9, 0)
    assert link(response, "Older") is None
    assert link(response, "Newer")


def test_a_newer_page_near_the_top_is_the_full_first_page(browser, clinician, team):
    cases_an_hour_apart(clinician, team, 30)
    second = browser.get("/cases/" + link(browser.get("/cases/"), "Older"))
    assert names(second) == patients(4, 0)
    back = browser.get("/cases/" + link(second, "Newer"))
    assert names(back) == patients(29, 5)


def test_pages_stay_put_when_cases_are_opened_meanwhile(browser, clinician, team):
    cases_an_hour_apart(clinician, team, 60)
    older = link(browser.get("/cases/"), "Older")
    before = names(browser.get("/cases/" + older))
    case_for(clinician, team, patient_name="Newly admitted")
    assert names(browser.get("/cases/" + older)) == before


def test_cases_with_the_same_time_are_split_by_id_without_loss(browser, clinician, team):
    cases_an_hour_apart(clinician, team, 40)
    Case.objects.update(updated_at=START)  # one timestamp for all: only the id orders them
    seen = names(browser.get("/cases/"))
    seen += names(browser.get("/cases/" + link(browser.get("/cases/"), "Older")))
    assert sorted(seen) == sorted(patients(39, 0))


def test_the_search_is_kept_in_the_links_and_pages_the_matches(browser, clinician, team):
    cases_an_hour_apart(clinician, team, 30, name="Grace")
    cases_an_hour_apart(clinician, team, 30, name="Alan")
    first = browser.get("/cases/", {"q": "grace"})
    older = link(first, "Older")
    assert parse_qs(urlsplit(older).query)["q"] == ["grace"]
    assert names(browser.get("/cases/" + older)) == patients(4, 0, name="Grace")


def test_the_links_name_no_patient(browser, clinician, team):
    cases_an_hour_apart(clinician, team, 30)
    cursor = parse_qs(urlsplit(link(browser.get("/cases/"), "Older")).query)["cursor"][0]
    assert "Patient" not in cursor
    assert "H123456" not in cursor


@pytest.mark.parametrize(
    "cursor",
    ["garbage", "", "%%%", "bz" * 200, cursor_encode(Cursor("x", START, 1))[:-2] + "!!"],
)
def test_a_bad_cursor_gives_the_first_page(browser, clinician, team, cursor):
    cases_an_hour_apart(clinician, team, 30)
    response = browser.get("/cases/", {"cursor": cursor})
    assert response.status_code == 200
    assert names(response) == patients(29, 5)


def test_a_cursor_without_a_time_zone_is_refused():
    naive = cursor_encode(Cursor(NEWER, START.replace(tzinfo=None), 1))
    assert cursor_decode(naive) is None


def test_an_old_page_number_gives_the_first_page(browser, clinician, team):
    cases_an_hour_apart(clinician, team, 30)
    response = browser.get("/cases/", {"page": 2})
    assert names(response) == patients(29, 5)
    assert "page=" not in link(response, "Older")


def test_one_page_of_cases_has_no_links(browser, clinician, team):
    cases_an_hour_apart(clinician, team, 3)
    html = browser.get("/cases/").content.decode()
    assert 'aria-label="Pages"' not in html
