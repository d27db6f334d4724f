"""Every scenario of the clinical source prints: each line with its role, title and decision."""

import pytest

from decisions.assessment.services import assessment_complete, assessment_save_answers
from decisions.snapshot import CODE_TITLES
from tests.engine.helpers import ADULT
from tests.engine.test_scenarios import SCENARIOS

from .plans import print_url

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("inputs", [pytest.param(p.values[0], id=p.id) for p in SCENARIOS])
def test_the_print_view_shows_every_line_of_the_plan(browser, case, clinician, inputs):
    assessment = case.assessments.get()
    assessment_save_answers(assessment=assessment, user=clinician, answers={**ADULT, **inputs})
    snapshot = assessment_complete(assessment=assessment, user=clinician)

    html = browser.get(print_url(case, start="2026-12-01T09:00")).content.decode()

    for line in snapshot.plan["recommendations"]:
        assert (
            f'<span class="role-word">{line["role"].upper()}</span> {CODE_TITLES[line["code"]]}'
            in html
        )
    assert html.count("Decision:</strong> none recorded yet") == len(
        snapshot.plan["recommendations"]
    )
    for alert in snapshot.plan["alerts"]:
        assert f'data-code="{alert["code"]}"' in html
    assert ("EMERGENCY PLAN" in html) == snapshot.emergency
