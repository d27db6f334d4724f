"""The guided assessment, step by step, as plain forms (no JavaScript) and with htmx."""

import json
import re
from html import unescape

import pytest

from decisions.models import Assessment, AuditEvent, PlanSnapshot

from .wizard import GI_BLEED, plan_url, post_step, review_url, step_url, walk

pytestmark = pytest.mark.django_db


def test_opening_a_case_starts_its_first_assessment(browser, team):
    response = browser.post(
        "/cases/new/",
        {"patient_name": "Grace Hopper", "patient_identifier": "H42", "team": team.pk},
    )
    case = team.cases.get()
    assert response.status_code == 302
    assert response["Location"] == step_url(case, "patient")
    assert case.assessments.get().status == Assessment.Status.DRAFT
    assert list(case.audit_events.values_list("action", flat=True)) == [
        "assessment_started",
        "created",
    ]


def test_opening_a_case_names_each_missing_field(browser):
    response = browser.post("/cases/new/", {})
    assert response.status_code == 400
    form = response.context["form"]
    assert set(form.errors) == {"patient_name", "patient_identifier", "team"}


def test_each_step_leads_to_the_next_and_then_to_review(browser, case):
    expected = {
        "patient": step_url(case, "platelets"),
        "platelets": step_url(case, "context"),
        "context": step_url(case, "risks"),
        "risks": review_url(case),
    }
    for step, data in GI_BLEED.items():
        response = post_step(browser, case, step, data)
        assert response.status_code == 302
        assert response["Location"] == expected[step]


def test_walking_an_emergency_case_gives_the_emergency_plan(browser, case):
    response = walk(browser, case)
    html = response.content.decode()
    assert response.status_code == 200
    assert "EMERGENCY: life-threatening bleeding" in html
    plan = PlanSnapshot.objects.get(assessment__case=case).plan
    doses = {r["code"]: r for r in plan["recommendations"]}
    assert doses["IVIG"]["daily_dose_g"] == 70
    assert doses["CORTICOSTEROID"]["daily_dose_mg"] == [70, 140]
    assert doses["PLATELET_TRANSFUSION"]["role"] == "give"
    assert "70 g" in html and "70-140 mg" in html
    case.refresh_from_db()
    assert case.emergency


@pytest.mark.parametrize(
    ("step", "data", "field", "words"),
    [
        ("patient", {}, "age_group", "required"),
        ("patient", {"age_group": "adult"}, "weight_kg", "required"),
        ("patient", {"age_group": "adult", "weight_kg": "abc"}, "weight_kg", "number"),
        ("patient", {"age_group": "adult", "weight_kg": "700"}, "weight_kg", "plausible"),
        ("patient", {"age_group": "neonate", "weight_kg": "70"}, "weight_kg", "plausible"),
        (
            "patient",
            {"age_group": "adult", "weight_kg": "70", "age_years": "12"},
            "age_years",
            "adult",
        ),
        (
            "patient",
            {"age_group": "adult", "weight_kg": "70", "height_cm": "5"},
            "height_cm",
            "between",
        ),
        (
            "patient",
            {"age_group": "adult", "weight_kg": "70", "sex": "female"},
            "pregnant",
            "required",
        ),
        (
            "platelets",
            {"platelet_unit": "per_uL", "bleeding": "none"},
            "platelet_count",
            "required",
        ),
        (
            "platelets",
            {"platelet_count": "-3", "platelet_unit": "per_uL", "bleeding": "none"},
            "platelet_count",
            "cannot be negative",
        ),
        (
            "platelets",
            {"platelet_count": "12", "platelet_unit": "per_uL", "bleeding": "none"},
            "platelet_count",
            "Choose the unit ×10⁹/L",
        ),
        (
            "platelets",
            {"platelet_count": "9000", "platelet_unit": "x10^9/L", "bleeding": "none"},
            "platelet_count",
            "not a possible",
        ),
        (
            "platelets",
            {"platelet_count": "12000", "platelet_unit": "per_uL", "bleeding": "minor"},
            "bleeding_sites",
            "required",
        ),
        (
            "platelets",
            {"platelet_count": "12000", "platelet_unit": "per_uL"},
            "bleeding",
            "required",
        ),
        ("context", {}, "condition", "required"),
        ("context", {"condition": "sepsis"}, "dic", "required"),
        (
            "risks",
            {"dosing_weight": "actual", "pa_igg_molecules_per_platelet": "-1"},
            "pa_igg_molecules_per_platelet",
            "0",
        ),
    ],
)
def test_each_bad_value_is_named_beside_its_field(browser, case, step, data, field, words):
    if step != "patient":
        post_step(browser, case, "patient", GI_BLEED["patient"])
    response = post_step(browser, case, step, data)
    assert response.status_code == 400
    errors = response.context["form"].errors[field]
    assert any(words in error for error in errors), errors
    assert f'id="error_1_id_{field}"' in response.content.decode() or field in str(errors)


def test_a_neonatal_condition_is_offered_only_for_a_neonate(browser, case):
    post_step(browser, case, "patient", GI_BLEED["patient"])
    adult = browser.get(step_url(case, "context")).content.decode()
    assert "neonatal_alloimmune" not in adult
    post_step(browser, case, "patient", {"age_group": "neonate", "weight_kg": "3.2"})
    neonate = browser.get(step_url(case, "context")).content.decode()
    assert "neonatal_alloimmune" in neonate


def test_pregnancy_is_asked_only_of_a_female_patient_who_is_not_a_neonate(browser, case):
    male = post_step(browser, case, "patient", {"age_group": "adult", "weight_kg": "70"})
    assert male.status_code == 302
    female = post_step(
        browser, case, "patient", {"age_group": "adult", "weight_kg": "70", "sex": "female"}
    )
    assert "pregnant" in female.context["form"].fields
    neonate = post_step(
        browser, case, "patient", {"age_group": "neonate", "weight_kg": "3", "sex": "female"}
    )
    assert "pregnant" not in neonate.context["form"].fields if neonate.status_code == 400 else True


def test_sites_are_dropped_when_bleeding_becomes_none(browser, case):
    post_step(browser, case, "platelets", GI_BLEED["platelets"])
    post_step(
        browser,
        case,
        "platelets",
        {"platelet_count": "12000", "platelet_unit": "per_uL", "bleeding": "none"},
    )
    answers = case.assessments.get().answers
    assert "bleeding_sites" not in answers
    assert answers["bleeding"] == "none"


def test_a_suspicious_count_can_be_confirmed(browser, case):
    data = {"platelet_count": "800", "platelet_unit": "per_uL", "bleeding": "none"}
    asked = post_step(browser, case, "platelets", data)
    assert "confirm_platelet_count" in asked.context["form"].fields
    confirmed = post_step(browser, case, "platelets", {**data, "confirm_platelet_count": "on"})
    assert confirmed.status_code == 302
    assert case.assessments.get().confirmed == ["platelet_count"]


def test_an_unusual_weight_can_be_confirmed(browser, case):
    data = {"age_group": "adult", "weight_kg": "30"}
    asked = post_step(browser, case, "patient", data)
    assert asked.status_code == 400
    assert "unusual" in asked.context["form"].errors["weight_kg"][0]
    confirmed = post_step(browser, case, "patient", {**data, "confirm_weight_kg": "on"})
    assert confirmed.status_code == 302


def test_an_age_outside_its_age_group_can_be_confirmed(browser, case):
    # Some services treat 16- and 17-year-olds as adults; the exact age still decides the rules.
    data = {"age_group": "adult", "weight_kg": "70", "age_years": "17"}
    asked = post_step(browser, case, "patient", data)
    assert asked.status_code == 400
    assert "18 years or older" in asked.context["form"].errors["age_years"][0]
    confirmed = post_step(browser, case, "patient", {**data, "confirm_age_years": "on"})
    assert confirmed.status_code == 302
    assert case.assessments.get().confirmed == ["age_years"]


def test_going_back_keeps_what_was_typed(browser, case):
    post_step(browser, case, "patient", GI_BLEED["patient"])
    response = post_step(
        browser,
        case,
        "platelets",
        {"platelet_count": "12000", "platelet_unit": "per_uL", "nav": "back"},
    )
    assert response["Location"] == step_url(case, "patient")
    page = browser.get(step_url(case, "platelets")).content.decode()
    assert 'value="12000"' in page
    assert 'value="70"' in browser.get(step_url(case, "patient")).content.decode()


def test_htmx_change_saves_and_reveals_the_field_that_now_matters(browser, case):
    post_step(browser, case, "patient", GI_BLEED["patient"])
    response = post_step(
        browser,
        case,
        "platelets",
        {"platelet_count": "12000", "platelet_unit": "per_uL", "bleeding": "significant"},
        headers={"HX-Request": "true", "HX-Trigger": "slot-bleeding"},
    )
    html = response.content.decode()
    assert response.status_code == 200
    # Only the field left and the field that appeared are swapped, out of band.
    assert '<div id="slot-bleeding" hx-swap-oob="true"' in html
    assert '<div id="slot-bleeding_sites" hx-swap-oob="true"' in html
    assert 'id="slot-platelet_count"' not in html
    assert "Where is the bleeding?" in html
    assert "This field is required" not in html  # sites not touched yet: no complaint
    assert 'id="step-version" value="3" hx-swap-oob="true"' in html
    assert case.assessments.get().answers["bleeding"] == "significant"


def test_htmx_change_removes_a_field_that_stopped_mattering(browser, case):
    post_step(browser, case, "platelets", GI_BLEED["platelets"])
    response = post_step(
        browser,
        case,
        "platelets",
        {
            "platelet_count": "12000",
            "platelet_unit": "per_uL",
            "bleeding": "none",
            "shown": "bleeding_sites",
        },
        headers={"HX-Request": "true", "HX-Trigger": "slot-bleeding"},
    )
    html = response.content.decode()
    assert re.search(r'<div id="slot-bleeding_sites" hx-swap-oob="true"[^>]*></div>', html)
    assert "bleeding_sites" not in case.assessments.get().answers


def test_htmx_save_of_a_field_a_colleague_changed_shows_theirs_beside_it(
    browser, colleague_browser, case
):
    stale_version = case.version
    post_step(colleague_browser, case, "patient", GI_BLEED["patient"])  # weight 70
    response = browser.post(
        step_url(case, "patient"),
        {"age_group": "adult", "weight_kg": "95", "version": stale_version, "seen": "{}"},
        headers={"HX-Request": "true", "HX-Trigger": "slot-weight_kg"},
    )
    html = response.content.decode()
    assert response.status_code == 409
    assert '<div id="slot-weight_kg" hx-swap-oob="true"' in html
    assert 'value="70"' in html
    assert "Sam Lee changed this to 70 at" in html
    assert "Yours (95) was not saved" in html
    case.refresh_from_db()
    assert f'id="step-version" value="{case.version}" hx-swap-oob="true"' in html
    assert case.assessments.get().answers["weight_kg"] == 70


def test_htmx_change_names_a_bad_value_as_it_is_left(browser, case):
    response = post_step(
        browser,
        case,
        "patient",
        {"age_group": "adult", "weight_kg": "7000"},
        headers={"HX-Request": "true", "HX-Trigger-Name": "weight_kg"},
    )
    assert "not a plausible weight" in response.content.decode()


def test_preview_shows_grade_and_dose_as_typed(browser, case):
    post_step(browser, case, "patient", GI_BLEED["patient"])
    response = browser.post(
        f"/cases/{case.pk}/assessments/1/preview/",
        {"platelet_count": "12000", "platelet_unit": "per_uL"},
        headers={"HX-Request": "true"},
    )
    html = response.content.decode()
    assert "CTCAE grade 4" in html
    assert "= 70 g" in html
    assert "70-140 mg" in html


def test_review_lists_what_is_missing_with_a_link_to_its_step(browser, case):
    post_step(browser, case, "patient", GI_BLEED["patient"])
    response = browser.get(review_url(case))
    html = response.content.decode()
    assert "Before the plan can be made" in html
    assert step_url(case, "platelets") in html
    case.refresh_from_db()
    refused = browser.post(review_url(case), {"version": case.version})
    assert refused.status_code == 400
    assert not PlanSnapshot.objects.exists()


def test_reassessing_makes_a_new_version_and_keeps_the_old_plan(browser, case):
    walk(browser, case)
    old_plan = PlanSnapshot.objects.get().plan
    response = browser.post(f"/cases/{case.pk}/assess/")
    assert response["Location"] == step_url(case, "patient", number=2)
    second = {**GI_BLEED, "platelets": {**GI_BLEED["platelets"], "bleeding": "none"}}
    second["platelets"].pop("bleeding_sites")
    walk(browser, case, second, number=2)
    assert PlanSnapshot.objects.get(assessment__number=1).plan == old_plan
    assert browser.get(plan_url(case, 1)).status_code == 200
    assert not PlanSnapshot.objects.get(assessment__number=2).emergency


def test_a_completed_assessment_cannot_be_edited(browser, case):
    walk(browser, case)
    response = post_step(browser, case, "patient", {"age_group": "adult", "weight_kg": "90"})
    assert response["Location"] == plan_url(case)
    assert case.assessments.get().answers["weight_kg"] == 70


def test_a_stale_form_does_not_overwrite_a_colleagues_change(browser, colleague_browser, case):
    stale_version = case.version
    post_step(colleague_browser, case, "patient", GI_BLEED["patient"])  # the colleague saves first
    response = browser.post(
        step_url(case, "patient"),
        {"age_group": "adult", "weight_kg": "95", "version": stale_version},
    )
    html = response.content.decode()
    assert response.status_code == 409
    assert "Sam Lee changed this to 70 at" in html
    assert "Yours (95) was not saved" in html
    assert case.assessments.get().answers["weight_kg"] == 70


def test_a_refused_step_keeps_the_other_fields_as_typed_and_saves_none(
    browser, colleague_browser, case
):
    stale_version = case.version
    post_step(colleague_browser, case, "patient", {"age_group": "adult", "weight_kg": "70"})
    response = browser.post(
        step_url(case, "patient"),
        {"age_group": "adult", "weight_kg": "95", "age_years": "61", "version": stale_version},
    )
    assert response.status_code == 409
    assert 'value="61"' in response.content.decode()  # still in its box, to be sent again
    assert "age_years" not in case.assessments.get().answers  # nothing half-saved


def test_a_field_saved_as_it_is_left_does_not_refuse_the_same_pages_next(browser, case):
    page_version = case.version
    # The field's own save (htmx, as it is left) reaches the server first...
    post_step(
        browser,
        case,
        "patient",
        {"age_group": "adult", "weight_kg": "70", "seen": "{}"},
        headers={"HX-Request": "true", "HX-Trigger": "slot-weight_kg"},
    )
    # ...then the Next clicked at once, carrying the version the page was loaded with.
    response = browser.post(
        step_url(case, "patient"),
        {"age_group": "adult", "weight_kg": "70", "version": page_version, "seen": "{}"},
    )
    assert response.status_code == 302
    assert response["Location"] == step_url(case, "platelets")


def test_two_tabs_of_one_clinician_never_conflict(browser, case):
    page_version = case.version
    post_step(browser, case, "patient", GI_BLEED["patient"])  # the first tab
    response = browser.post(  # the second tab, loaded before
        step_url(case, "patient"),
        {"age_group": "adult", "weight_kg": "72", "version": page_version},
    )
    assert response.status_code == 302
    assert case.assessments.get().answers["weight_kg"] == 72


def test_a_colleagues_change_to_another_field_of_the_step_is_kept(browser, colleague_browser, case):
    post_step(browser, case, "patient", GI_BLEED["patient"])
    case.refresh_from_db()
    page_version, seen = case.version, json.dumps(case.assessments.get().answers)
    post_step(colleague_browser, case, "patient", {**GI_BLEED["patient"], "age_years": "55"})
    response = browser.post(  # the page still shows age 54; only the weight was changed here
        step_url(case, "patient"),
        {**GI_BLEED["patient"], "weight_kg": "72", "version": page_version, "seen": seen},
    )
    assert response.status_code == 302, response.content.decode()
    answers = case.assessments.get().answers
    assert (answers["weight_kg"], answers["age_years"]) == (72, 55)


def test_an_htmx_save_brings_in_a_colleagues_change_to_the_step(browser, colleague_browser, case):
    post_step(browser, case, "patient", GI_BLEED["patient"])
    case.refresh_from_db()
    page_version, seen = case.version, json.dumps(case.assessments.get().answers)
    post_step(colleague_browser, case, "patient", {**GI_BLEED["patient"], "age_years": "55"})
    response = browser.post(
        step_url(case, "patient"),
        {**GI_BLEED["patient"], "weight_kg": "72", "version": page_version, "seen": seen},
        headers={"HX-Request": "true", "HX-Trigger": "slot-weight_kg"},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert '<div id="slot-age_years" hx-swap-oob="true"' in html
    assert 'value="55"' in html
    assert "Sam Lee changed this at" in html
    assert '"age_years":55' in html.replace("&quot;", '"')  # the page now knows it saw 55


def test_an_htmx_save_leaves_a_field_the_clinicians_other_tab_saved_as_this_page_shows_it(
    browser, case
):
    """This page may be typing in that field: swapping the other tab's value in would replace
    what is being typed. The page keeps what it saw, so its own value, once typed, wins."""
    page_version = case.version
    post_step(browser, case, "patient", {"age_group": "adult", "weight_kg": "70"})  # other tab
    response = browser.post(  # this tab leaves the age field; its weight box is being typed in
        step_url(case, "patient"),
        {"age_years": "54", "weight_kg": "", "version": page_version, "seen": "{}"},
        headers={"HX-Request": "true", "HX-Trigger": "slot-age_years"},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="slot-weight_kg"' not in html  # the weight box is left alone
    seen = unescape(re.search(r'id="step-seen" value="([^"]*)"', html).group(1))
    assert "weight_kg" not in json.loads(seen)  # nor is the page told it saw 70 there
    case.refresh_from_db()
    response = browser.post(  # Next, with the weight typed in this tab meanwhile
        step_url(case, "patient"),
        {"age_years": "54", "weight_kg": "72", "version": case.version, "seen": seen},
    )
    assert response.status_code == 302, response.content.decode()
    answers = case.assessments.get().answers
    assert (answers["age_group"], answers["weight_kg"], answers["age_years"]) == ("adult", 72, 54)


def test_a_field_the_other_tab_saved_is_kept_when_this_page_left_it_untouched(browser, case):
    page_version = case.version
    post_step(browser, case, "patient", {"age_group": "adult", "weight_kg": "70"})  # other tab
    response = browser.post(
        step_url(case, "patient"),
        {"age_years": "54", "weight_kg": "", "version": page_version, "seen": "{}"},
        headers={"HX-Request": "true", "HX-Trigger": "slot-age_years"},
    )
    seen = re.search(r'id="step-seen" value="([^"]*)"', response.content.decode()).group(1)
    case.refresh_from_db()
    response = browser.post(  # Next with the weight box still as this page showed it: empty
        step_url(case, "patient"),
        {"age_years": "54", "weight_kg": "", "version": case.version, "seen": unescape(seen)},
    )
    assert response.status_code == 302, response.content.decode()
    assert case.assessments.get().answers["weight_kg"] == 70


def test_step_changes_are_in_the_audit_trail(browser, case):
    post_step(browser, case, "patient", GI_BLEED["patient"])
    event = case.audit_events.filter(action=AuditEvent.Action.ASSESSMENT_CHANGED).get()
    assert set(event.detail["fields"]) == {"age_group", "age_years", "sex", "weight_kg"}
    assert "Ada" not in str(event.detail)


def test_a_plan_from_a_review_older_than_a_colleagues_change_is_refused_and_named(
    browser, colleague_browser, case
):
    for step, data in GI_BLEED.items():
        post_step(browser, case, step, data)
    case.refresh_from_db()
    review_version = case.version
    post_step(colleague_browser, case, "patient", {**GI_BLEED["patient"], "weight_kg": "80"})
    response = browser.post(review_url(case), {"version": review_version})
    html = response.content.decode()
    assert response.status_code == 409
    assert "Sam Lee changed Weight (kg) at" in html
    assert not PlanSnapshot.objects.exists()
    case.refresh_from_db()
    assert browser.post(review_url(case), {"version": case.version}).status_code == 302


def test_a_second_produce_the_plan_from_the_same_review_shows_the_plan(browser, case):
    for step, data in GI_BLEED.items():
        post_step(browser, case, step, data)
    case.refresh_from_db()
    review_version = case.version
    browser.post(review_url(case), {"version": review_version})
    response = browser.post(review_url(case), {"version": review_version})
    assert response["Location"] == plan_url(case)
    assert PlanSnapshot.objects.count() == 1
