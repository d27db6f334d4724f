"""Pages show times in the site's zone, with its name; the database keeps them in UTC."""

from zoneinfo import ZoneInfo

import pytest

from decisions.monitoring.forms import InfusionForm, PlateletCountForm, RenalResultForm

from .wizard import plan_url, walk

pytestmark = pytest.mark.django_db
PARIS = ZoneInfo("Europe/Paris")


@pytest.fixture
def in_paris(settings):
    settings.TIME_ZONE = "Europe/Paris"


def test_the_case_page_shows_its_times_in_the_sites_zone(in_paris, browser, case):
    html = browser.get(f"/cases/{case.pk}/").content.decode()
    created = case.audit_events.order_by("at").first().at
    assert created.utcoffset().total_seconds() == 0  # stored in UTC
    assert created.astimezone(PARIS).strftime("%Y-%m-%d %H:%M:%S CET") in html


def test_the_case_list_and_the_plan_name_the_zone_of_their_times(in_paris, browser, case):
    walk(browser, case)
    case.refresh_from_db()
    listed = case.updated_at.astimezone(PARIS).strftime("%Y-%m-%d %H:%M CET")
    assert listed in browser.get("/cases/").content.decode()
    assert " CET by " in browser.get(plan_url(case)).content.decode()


def test_time_fields_say_their_zone(in_paris):
    for form in (InfusionForm(), RenalResultForm(), PlateletCountForm()):
        times = [f for f in form.fields.values() if f.widget.input_type == "datetime-local"]
        assert times and all(f.help_text == "Local time (Europe/Paris)." for f in times)
