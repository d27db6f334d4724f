"""The case list's search form, written out in a template for speed, is the markup crispy-forms
would make for it, in every state."""

import re

import pytest
from crispy_forms.utils import render_crispy_form
from django.template.loader import render_to_string

from decisions.cases.forms import CaseSearchForm
from tests.factories import TeamFactory

pytestmark = pytest.mark.django_db


def normalized(html: str) -> str:
    """Whitespace between and inside tags aside, and `/>` read as `>`."""
    html = re.sub(r"\s+", " ", html).replace(" />", ">").replace("/>", ">")
    return re.sub(r"\s*([<>])\s*", r"\1", html).strip()


@pytest.mark.parametrize(
    "data",
    [
        None,
        {"q": "Nakamura", "status": "open"},
        {"q": '"<b>&', "status": ""},
        {"team": "TEAM"},
        {"team": "999999", "status": "bogus", "q": "x"},
    ],
)
def test_it_is_the_markup_crispy_makes(clinician, team, data):
    TeamFactory(name="Neonatal unit", members=[clinician])
    if data and data.get("team") == "TEAM":
        data = {"team": str(team.pk)}
    crispy = CaseSearchForm(data, user=clinician)
    written = CaseSearchForm(data, user=clinician)
    if data is not None:
        crispy.is_valid(), written.is_valid()
    assert normalized(
        render_to_string("decisions/includes/case_search_form.html", {"form": written})
    ) == normalized(render_crispy_form(crispy))


def test_every_field_of_the_form_is_on_the_page(browser, clinician):
    """A field added to the form must be added to the template too."""
    html = browser.get("/cases/").content.decode()
    for name in CaseSearchForm(user=clinician).fields:
        assert f'name="{name}"' in html
