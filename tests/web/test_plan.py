"""The plan page shows the stored snapshot; clinicians accept or override each line."""

import pytest

from decisions.models import AuditEvent, PlanSnapshot, RecommendationDecision

from .wizard import GI_BLEED, plan_url, walk

pytestmark = pytest.mark.django_db


def decide(client, case, code, **data):
    case.refresh_from_db()
    return client.post(
        f"/cases/{case.pk}/assessments/1/plan/decisions/{code}/",
        {"version": case.version, **data},
    )


def test_the_plan_shows_roles_doses_with_working_alerts_and_monitoring(browser, case):
    html = walk(browser, case).content.decode()
    assert "Give now" in html
    assert "1 g/kg x 70 kg = 70 g" in html
    assert "In 5 g vials" in html
    assert "70 g a day = 14 vials" in html
    assert "Prednisone 70-140 mg a day" in html
    assert "Platelet transfusion" in html
    assert 'data-code="RENAL_MONITORING"' in html
    assert "Serum creatinine and BUN 24 h after the end of the infusion." in html
    assert "A platelet rise within 24 hours" in html


def test_each_line_offers_the_source_sentence(browser, case):
    html = walk(browser, case).content.decode()
    assert "<details" in html
    assert "Combine IVIG with corticosteroids for life-threatening hemorrhage" in html
    assert "Source [1][3]" in html


def test_the_plan_is_shown_from_the_snapshot_never_recomputed(browser, case):
    walk(browser, case)
    snapshot = PlanSnapshot.objects.get()
    stored = snapshot.plan
    stored["recommendations"][0]["text"] = "Stored text, as produced on the day."
    PlanSnapshot.objects.filter(pk=snapshot.pk).update(plan=stored)
    html = browser.get(plan_url(case)).content.decode()
    assert "Stored text, as produced on the day." in html


def test_a_recommendation_can_be_accepted(browser, case):
    walk(browser, case)
    response = decide(browser, case, "IVIG", decision="accepted")
    assert response.status_code == 302
    made = RecommendationDecision.objects.get()
    assert (made.code, made.decision) == ("IVIG", "accepted")
    assert "Accepted</strong> by dr_who" in browser.get(plan_url(case)).content.decode()
    assert case.audit_events.filter(action=AuditEvent.Action.ACCEPTED).exists()


def test_an_override_needs_a_reason(browser, case):
    walk(browser, case)
    response = decide(browser, case, "PLATELET_TRANSFUSION", decision="overridden")
    assert response.status_code == 400
    assert "Say why you override" in response.content.decode()
    assert not RecommendationDecision.objects.exists()


def test_an_override_is_recorded_with_its_reason(browser, case):
    walk(browser, case)
    decide(
        browser,
        case,
        "PLATELET_TRANSFUSION",
        decision="overridden",
        reason="Refractory to platelets; HLA-matched units ordered",
    )
    html = browser.get(plan_url(case)).content.decode()
    assert "Overridden</strong> by dr_who" in html
    assert "HLA-matched units ordered" in html
    event = case.audit_events.get(action=AuditEvent.Action.OVERRIDDEN)
    assert event.detail["reason"] == "Refractory to platelets; HLA-matched units ordered"


def test_a_decision_with_htmx_returns_only_its_card(browser, case):
    walk(browser, case)
    case.refresh_from_db()
    response = browser.post(
        f"/cases/{case.pk}/assessments/1/plan/decisions/IVIG/",
        {"version": case.version, "decision": "accepted"},
        headers={"HX-Request": "true"},
    )
    html = response.content.decode().lstrip()
    assert html.startswith('<article class="card mb-2 recommendation role-give" id="rec-IVIG"')
    assert "Accepted</strong>" in html


def test_a_decision_a_colleague_made_since_the_page_was_loaded_is_refused_and_named(
    browser, colleague_browser, case
):
    walk(browser, case)
    case.refresh_from_db()
    stale = case.version
    decide(colleague_browser, case, "IVIG", decision="accepted")
    response = browser.post(
        f"/cases/{case.pk}/assessments/1/plan/decisions/IVIG/",
        {"version": stale, "decision": "overridden", "reason": "renal failure"},
    )
    html = response.content.decode()
    assert response.status_code == 409
    assert "Sam Lee accepted this recommendation at" in html
    assert "Your decision was not saved" in html
    assert "renal failure</textarea>" in html  # the reason typed is kept to send again
    assert RecommendationDecision.objects.count() == 1


def test_decisions_on_separate_recommendations_from_one_page_all_go_through(browser, case):
    walk(browser, case)
    case.refresh_from_db()
    page_version = case.version
    for code in ("IVIG", "CORTICOSTEROID", "PLATELET_TRANSFUSION"):
        response = browser.post(
            f"/cases/{case.pk}/assessments/1/plan/decisions/{code}/",
            {"version": page_version, "decision": "accepted"},
            headers={"HX-Request": "true"},
        )
        assert response.status_code == 200
        assert f'id="rec-{code}"' in response.content.decode()
        assert "Accepted</strong> by dr_who" in response.content.decode()
    assert RecommendationDecision.objects.count() == 3


def test_a_colleagues_decision_on_another_recommendation_is_no_conflict(
    browser, colleague_browser, case
):
    walk(browser, case)
    case.refresh_from_db()
    page_version = case.version
    decide(colleague_browser, case, "IVIG", decision="accepted")
    response = browser.post(
        f"/cases/{case.pk}/assessments/1/plan/decisions/CORTICOSTEROID/",
        {"version": page_version, "decision": "accepted"},
    )
    assert response.status_code == 302
    assert RecommendationDecision.objects.count() == 2


def test_an_htmx_conflict_answers_with_the_card_only(browser, colleague_browser, case):
    walk(browser, case)
    case.refresh_from_db()
    stale = case.version
    decide(colleague_browser, case, "IVIG", decision="overridden", reason="renal failure")
    response = browser.post(
        f"/cases/{case.pk}/assessments/1/plan/decisions/IVIG/",
        {"version": stale, "decision": "accepted"},
        headers={"HX-Request": "true"},
    )
    html = response.content.decode()
    assert response.status_code == 409
    assert html.lstrip().startswith('<article class="card')
    assert "Sam Lee overrode this recommendation at" in html
    case.refresh_from_db()
    assert f'name="version" value="{case.version}"' in html  # deciding again goes through


def test_an_htmx_override_without_a_reason_answers_with_the_card_and_says_why(browser, case):
    walk(browser, case)
    case.refresh_from_db()
    response = browser.post(
        f"/cases/{case.pk}/assessments/1/plan/decisions/IVIG/",
        {"version": case.version, "decision": "overridden", "reason": " "},
        headers={"HX-Request": "true"},
    )
    html = response.content.decode()
    assert response.status_code == 422  # not 400, which django-htmx's debug script takes over
    assert html.lstrip().startswith('<article class="card')
    assert 'aria-describedby="reason-error-IVIG"' in html
    assert "Say why you override this recommendation." in html


def test_an_unknown_recommendation_is_404(browser, case):
    walk(browser, case)
    assert decide(browser, case, "ANTI_D", decision="accepted").status_code == 404


def test_free_text_is_shown_as_text(browser, case):
    walk(browser, case)
    decide(browser, case, "IVIG", decision="overridden", reason="<script>alert(1)</script>")
    html = browser.get(plan_url(case)).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_a_non_emergency_plan_has_no_emergency_banner(browser, case):
    calm = {
        **GI_BLEED,
        "platelets": {"platelet_count": "60000", "platelet_unit": "per_uL", "bleeding": "none"},
    }
    html = walk(browser, case, calm).content.decode()
    assert "EMERGENCY" not in html
    assert "Prednisone" in html


def test_the_plan_links_to_recording_its_infusion(browser, case):
    html = walk(browser, case).content.decode()
    assert "Record the infusion" in html
    assert f'href="/cases/{case.pk}/assessments/1/infusions/#infusions"' in html


def test_a_closed_case_offers_no_infusion_to_record(browser, case):
    walk(browser, case)
    case.refresh_from_db()
    browser.post(f"/cases/{case.pk}/status/", {"status": "closed", "version": case.version})
    assert "Record the infusion" not in browser.get(plan_url(case)).content.decode()


NEONATE = {
    "patient": {"age_group": "neonate", "weight_kg": "3.2"},
    "platelets": {"platelet_count": "20000", "platelet_unit": "per_uL", "bleeding": "none"},
    "context": {"condition": "neonatal_alloimmune"},
    "risks": {},
}


def test_a_neonates_doses_are_shown_in_exact_mg_with_the_sum_of_the_exact_days(browser, case):
    html = walk(browser, case, NEONATE).content.decode()
    assert '<td data-testid="daily-dose">1280 mg</td>' in html
    assert '<td data-testid="total-dose">6400 mg</td>' in html
    assert "1.3 g" not in html and "6.5 g" not in html


def test_the_baseline_creatinine_is_listed_before_the_checks_after_the_infusion(browser, case):
    html = walk(browser, case).content.decode()
    baseline = html.index("Serum creatinine and BUN before the first infusion, as the baseline.")
    assert baseline < html.index("Serum creatinine and BUN 24 h after the end of the infusion.")


def test_the_emergency_reason_is_said_once_not_on_every_card(browser, case):
    html = walk(browser, case).content.decode()
    reason = "Why: Life-threatening (or CNS) bleeding"
    assert html.count(reason) == 1
    assert "Give IVIG 1 g/kg as a single dose: 70 g.</p>" in html


def test_references_read_as_citations_with_not_identified_said_once(browser, case):
    html = walk(browser, case).content.decode()
    assert "Blood. 2011;117(16):4190-4207" in html
    assert "Publication not identified: the source describes it as a clinical review." in html
    assert "not identified (" not in html and "(probable)" not in html
