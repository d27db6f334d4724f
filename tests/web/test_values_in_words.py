"""A value the forms refuse is said in a clinician's words, a confirmation is offered only when
it can make the value acceptable, and the preview never shows doses for another value."""

import pytest

from decisions.assessment.form_wording import clinician_message

from .wizard import GI_BLEED, post_step, review_url, walk

pytestmark = pytest.mark.django_db
PLATELETS = {"platelet_unit": "per_uL", "bleeding": "none"}


def preview(client, case, **typed):
    response = client.post(
        f"/cases/{case.pk}/assessments/1/preview/", typed, headers={"HX-Request": "true"}
    )
    return response.content.decode()


def test_a_count_in_the_wrong_unit_is_said_with_the_forms_words_and_a_box(browser, case):
    response = post_step(browser, case, "platelets", {**PLATELETS, "platelet_count": "12"})
    [error] = response.context["form"].errors["platelet_count"]
    assert "Choose the unit ×10⁹/L, or enter the count per µL." in error
    assert "platelet_unit" not in error and "send" not in error
    assert "tick the box below" in error
    assert "confirm_platelet_count" in response.context["form"].fields


def test_an_impossible_count_offers_no_box_to_tick(browser, case):
    response = post_step(browser, case, "platelets", {**PLATELETS, "platelet_count": "12000000"})
    [error] = response.context["form"].errors["platelet_count"]
    assert "12,000,000 per µL is not a possible platelet count" in error
    assert "tick" not in error
    assert "confirm_platelet_count" not in response.context["form"].fields


def test_a_negative_weight_is_said_plainly_and_the_old_box_goes(browser, case):
    unusual = post_step(browser, case, "patient", {"age_group": "adult", "weight_kg": "30"})
    assert "confirm_weight_kg" in unusual.context["form"].fields
    negative = post_step(browser, case, "patient", {"age_group": "adult", "weight_kg": "-5"})
    assert negative.context["form"].errors["weight_kg"] == ["A weight must be more than 0 kg."]
    assert "confirm_weight_kg" not in negative.context["form"].fields


def test_an_impossible_weight_offers_no_confirmation_it_would_refuse(browser, case):
    response = post_step(browser, case, "patient", {"age_group": "adult", "weight_kg": "700"})
    [error] = response.context["form"].errors["weight_kg"]
    assert error.startswith("700 kg is not a plausible weight for an adult (25-400 kg).")
    assert "age group 'adult'" not in error
    assert "confirm_weight_kg" not in response.context["form"].fields


def test_ticking_the_confirmation_of_an_unusual_weight_takes_it_through_to_the_plan(browser, case):
    heavy = {**GI_BLEED["patient"], "weight_kg": "250"}
    asked = post_step(browser, case, "patient", heavy)
    assert "tick the box below" in asked.context["form"].errors["weight_kg"][0]
    html = walk(browser, case, {**GI_BLEED, "patient": {**heavy, "confirm_weight_kg": "on"}})
    assert "1 g/kg x 250 kg = 250 g" in html.content.decode()


def test_the_page_refused_a_weight_shows_no_dose_for_the_weight_saved_before(browser, case):
    post_step(browser, case, "patient", GI_BLEED["patient"])
    response = post_step(browser, case, "patient", {**GI_BLEED["patient"], "weight_kg": "700"})
    html = response.content.decode()
    assert 'value="700"' in html
    assert "70 kg" not in html and "= 70 g" not in html
    assert 'data-testid="weight-refused"' in html


@pytest.mark.parametrize(
    ("typed", "shown"),
    [
        pytest.param({"weight_kg": "700"}, None, id="impossible"),
        pytest.param({"weight_kg": "250"}, None, id="unusual-not-confirmed"),
        pytest.param({"weight_kg": "250", "confirm_weight_kg": "on"}, "= 250 g", id="confirmed"),
        pytest.param({"weight_kg": "-5"}, None, id="negative"),
        pytest.param({"weight_kg": ""}, None, id="cleared"),
        pytest.param({"weight_kg": "80"}, "= 80 g", id="usual"),
    ],
)
def test_the_live_preview_shows_doses_only_for_the_weight_in_the_field(browser, case, typed, shown):
    post_step(browser, case, "patient", GI_BLEED["patient"])  # 70 kg saved
    html = preview(browser, case, age_group="adult", **typed)
    assert "= 70 g" not in html
    if shown:
        assert shown in html
    else:
        assert 'data-testid="dose-preview"' not in html


def test_the_review_names_problems_by_their_labels(browser, case):
    post_step(browser, case, "patient", GI_BLEED["patient"])
    html = browser.get(review_url(case)).content.decode()
    assert "Platelet count: This is required." in html
    assert "platelet_count" not in html.split("Before the plan can be made")[1].split("</ul>")[0]


@pytest.mark.parametrize(
    ("field", "api_message", "answers", "words"),
    [
        pytest.param(
            "condition",
            "'neonatal_alloimmune' is a neonatal condition; age_group must be 'neonate'.",
            {"condition": "neonatal_alloimmune", "age_group": "adult"},
            "Neonatal alloimmune thrombocytopenia is a condition of neonates: choose the age "
            "group Neonate or another cause.",
            id="neonatal-condition",
        ),
        pytest.param(
            "age_years",
            "An adult is 18 years or older; check age_group and age_years.",
            {},
            "An adult is 18 years or older: check the age group and the age.",
            id="age",
        ),
        pytest.param(
            "platelet_count",
            "9000 x10^9/L is not a possible platelet count (it looks like a count per uL; "
            "set platelet_unit to 'per_uL').",
            {"platelet_count": 9000.0, "platelet_unit": "x10^9/L"},
            "9,000 ×10⁹/L is not a possible platelet count. It looks like a count per µL: "
            "choose the unit per µL.",
            id="count-per-uL-as-x10-9",
        ),
    ],
)
def test_api_messages_are_said_in_the_forms_words(field, api_message, answers, words):
    assert clinician_message(field, api_message, answers) == words
