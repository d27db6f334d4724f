"""Recording an infusion picks the product from the catalogue, with its lot, the rate reached and
any reaction; a severe reaction shows on the case page, the dashboard and the patient's later
plans (a later case too)."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from decisions.models import AuditEvent, Infusion
from tests.factories import TeamFactory, clinician_in
from tests.reminders.helpers import infusion_form_fields, plan_for

pytestmark = pytest.mark.django_db


def course_url(plan, name="infusion-record"):
    case = plan.assessment.case
    return reverse(name, kwargs={"pk": case.pk, "number": plan.assessment.number})


def form(plan, **overrides):
    case = plan.assessment.case
    case.refresh_from_db()
    ended = timezone.now() - timedelta(minutes=30)
    return {**infusion_form_fields(ended=ended, version=case.version), **overrides}


SEVERE = {
    "reaction_type": "anaphylaxis",
    "reaction_severity": "severe",
    "reaction_action": "stopped",
}


def record_severe(browser, plan, product):
    fields = form(
        plan, product="", product_ref=product.pk, lot_number="P100234",
        max_rate_mg_kg_min="2", **SEVERE,
    )  # fmt: skip
    response = browser.post(course_url(plan), fields)
    assert response.status_code == 302, response.content.decode()
    return Infusion.objects.get(plan=plan)


def test_the_form_offers_the_catalogues_active_products(browser, plan, stocked):
    page = browser.get(course_url(plan, "infusion-course")).content.decode()
    assert "Octagam 10%" in page and "Gamunex-C" not in page


def test_an_infusion_keeps_product_lot_rate_and_reaction(browser, plan, stocked):
    infusion = record_severe(browser, plan, stocked["Privigen"])
    assert infusion.product == "Privigen" and infusion.product_ref == stocked["Privigen"]
    assert infusion.lot_number == "P100234"
    assert str(infusion.max_rate_mg_kg_min) == "2.00"
    assert (infusion.reaction_type, infusion.reaction_severity, infusion.reaction_action) == (
        "anaphylaxis", "severe", "stopped",
    )  # fmt: skip
    event = plan.assessment.case.audit_events.get(action=AuditEvent.Action.INFUSION_RECORDED)
    assert event.detail["lot_number"] == "P100234"
    assert event.detail["reaction_severity"] == "severe"


def test_a_product_not_in_the_catalogue_can_still_be_named(browser, plan):
    response = browser.post(course_url(plan), form(plan, product="Hospital trial IVIG"))
    assert response.status_code == 302
    assert Infusion.objects.get(plan=plan).product_ref is None


def test_neither_a_catalogue_product_nor_a_name_is_refused(browser, plan, stocked):
    response = browser.post(course_url(plan), form(plan, product=""))
    assert response.status_code == 400
    assert "Choose the product given" in response.content.decode()


REACTION_ERRORS = [
    pytest.param(
        {"reaction_type": "rash", "reaction_severity": "none"}, "severity", id="no-severity"
    ),
    pytest.param(
        {"reaction_type": "none", "reaction_severity": "mild"}, "what the reaction", id="no-type"
    ),
    pytest.param(
        {"reaction_type": "", "reaction_action": "stopped"}, "what reaction slowed", id="no-why"
    ),
]


@pytest.mark.parametrize(("fields", "message"), REACTION_ERRORS)
def test_a_reaction_is_recorded_whole(browser, plan, fields, message):
    response = browser.post(course_url(plan), form(plan, **fields))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Infusion.objects.exists()


def test_a_severe_reaction_shows_on_the_case_the_plan_and_the_dashboard(browser, plan, stocked):
    record_severe(browser, plan, stocked["Privigen"])
    case = plan.assessment.case
    for url in (
        reverse("case-detail", args=[case.pk]),
        reverse("plan-detail", args=[case.pk, 1]),
        reverse("infusion-plan", args=[case.pk, 1]),
    ):
        page = browser.get(url).content.decode()
        assert 'data-testid="severe-reaction"' in page, url
        assert "anaphylaxis with Privigen (lot P100234)" in page
    dashboard = browser.get(reverse("dashboard")).content.decode()
    assert 'data-testid="severe-reactions"' in dashboard
    assert case.reference in dashboard


def test_a_later_case_of_the_same_patient_warns_on_its_plan(
    browser, plan, clinician, team, stocked
):
    record_severe(browser, plan, stocked["Privigen"])
    later = plan_for(clinician, team, patient_identifier="H123456")
    page = browser.get(reverse("plan-detail", args=[later.assessment.case.pk, 1]))
    assert 'data-testid="severe-reaction"' in page.content.decode()


def test_a_mild_reaction_does_not_warn(browser, plan, stocked):
    fields = form(
        plan, product="", product_ref=stocked["Privigen"].pk, reaction_type="headache",
        reaction_severity="mild", reaction_action="slowed",
    )  # fmt: skip
    assert browser.post(course_url(plan), fields).status_code == 302
    page = browser.get(reverse("case-detail", args=[plan.assessment.case.pk])).content.decode()
    assert 'data-testid="severe-reaction"' not in page


def test_another_teams_severe_reaction_is_not_shown(plan, stocked, browser):
    other_team = TeamFactory(name="Cardiology")
    other = clinician_in(other_team)
    theirs = plan_for(other, other_team, patient_identifier="H123456")
    Infusion.objects.create(
        case=theirs.assessment.case, plan=theirs, day=1, started_at=timezone.now(),
        ended_at=timezone.now(), product="Privigen", dose_g=70, recorded_by=other,
        reaction_type="anaphylaxis", reaction_severity="severe",
    )  # fmt: skip
    page = browser.get(reverse("plan-detail", args=[plan.assessment.case.pk, 1])).content.decode()
    assert 'data-testid="severe-reaction"' not in page


def test_the_printed_plan_carries_the_severe_reaction(browser, plan, stocked):
    record_severe(browser, plan, stocked["Privigen"])
    case = plan.assessment.case
    page = browser.get(reverse("plan-print", args=[case.pk, 1])).content.decode()
    assert "SEVERE REACTION TO IVIG BEFORE: anaphylaxis with Privigen" in page


def test_a_correction_keeps_a_product_the_pharmacy_has_since_switched_off(browser, plan, stocked):
    infusion = record_severe(browser, plan, stocked["Privigen"])
    stocked["Privigen"].active = False
    stocked["Privigen"].save()
    url = reverse("infusion-correct", args=[plan.assessment.case.pk, 1, infusion.pk])
    page = browser.get(url)
    assert page.context["form"].fields["product_ref"].queryset.filter(name="Privigen").exists()
    fields = form(plan, product="", product_ref=stocked["Privigen"].pk, lot_number="P999", **SEVERE)
    assert browser.post(url, fields).status_code == 302
    infusion.refresh_from_db()
    assert infusion.lot_number == "P999" and infusion.product_ref == stocked["Privigen"]


def test_the_course_lists_the_lot_and_the_reaction(browser, plan, stocked):
    record_severe(browser, plan, stocked["Privigen"])
    page = browser.get(course_url(plan, "infusion-course")).content.decode()
    assert "Privigen · lot P100234" in page
    assert "Anaphylaxis (severe), infusion stopped" in page
