"""Concurrency guards against another person, never against oneself (edit_conflicts).

A stale version is a conflict only when someone else changed the same thing since it.
"""

import pytest

from decisions.assessment.services import assessment_complete, assessment_save_answers
from decisions.cases.services import case_set_status, recommendation_decide
from decisions.cases.versioning import ConcurrentEditError
from decisions.models import Assessment, RecommendationDecision
from tests.factories import clinician_in

from .wizard import GI_BLEED, walk

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(case):
    return case.assessments.get()


def save(assessment, user, version, **answers):
    assessment = Assessment.objects.get(pk=assessment.pk)
    return assessment_save_answers(
        assessment=assessment, user=user, answers=answers, expected_version=version
    )


def test_it_takes_the_same_clinicians_save_from_a_stale_version(draft, clinician, case):
    page_version = case.version
    save(draft, clinician, page_version, weight_kg=70)
    save(draft, clinician, page_version, weight_kg=72)
    assert Assessment.objects.get(pk=draft.pk).answers["weight_kg"] == 72


def test_it_takes_another_clinicians_save_of_a_different_field(draft, clinician, colleague, case):
    page_version = case.version
    save(draft, colleague, page_version, weight_kg=70)
    save(draft, clinician, page_version, age_years=54)
    answers = Assessment.objects.get(pk=draft.pk).answers
    assert (answers["weight_kg"], answers["age_years"]) == (70, 54)


def test_it_refuses_another_clinicians_save_of_the_same_field_naming_the_change(
    draft, clinician, colleague, case
):
    page_version = case.version
    save(draft, colleague, page_version, weight_kg=70)
    with pytest.raises(ConcurrentEditError) as refused:
        save(draft, clinician, page_version, weight_kg=95, age_years=54)
    (change,) = refused.value.changes
    assert (change.subject, change.actor) == ("weight_kg", colleague)
    answers = Assessment.objects.get(pk=draft.pk).answers
    assert answers == {"weight_kg": 70}  # nothing half-saved
    case.refresh_from_db()
    assert case.version == page_version + 1  # the refused edit claimed no version


def test_it_takes_a_save_from_the_version_after_the_colleagues_change(
    draft, clinician, colleague, case
):
    save(draft, colleague, case.version, weight_kg=70)
    case.refresh_from_db()
    save(draft, clinician, case.version, weight_kg=95)  # seen their change; replaces it
    assert Assessment.objects.get(pk=draft.pk).answers["weight_kg"] == 95


def test_it_refuses_a_plan_from_answers_a_colleague_changed_since_the_review(
    browser, clinician, colleague, case
):
    for step, data in GI_BLEED.items():
        case.refresh_from_db()
        browser.post(f"/cases/{case.pk}/assessments/1/{step}/", {**data, "version": case.version})
    case.refresh_from_db()
    review_version = case.version
    save(case.assessments.get(), colleague, review_version, weight_kg=80)
    with pytest.raises(ConcurrentEditError):
        assessment_complete(
            assessment=case.assessments.get(), user=clinician, expected_version=review_version
        )
    assert case.assessments.get().status == Assessment.Status.DRAFT


def test_a_second_produce_the_plan_by_the_same_clinician_returns_the_plan(browser, clinician, case):
    walk(browser, case)
    plan = assessment_complete(
        assessment=case.assessments.get(), user=clinician, expected_version=1
    )
    assert plan == case.assessments.get().plan


@pytest.fixture
def plan(browser, case):
    walk(browser, case)
    case.refresh_from_db()
    return case.assessments.get().plan


def decide(plan, user, code, version, decision="accepted", reason=""):
    return recommendation_decide(
        plan=plan,
        user=user,
        code=code,
        decision=decision,
        reason=reason,
        expected_version=version,
    )


def test_decisions_on_different_recommendations_never_conflict(plan, clinician, colleague, case):
    page_version = case.version
    decide(plan, colleague, "IVIG", page_version)
    decide(plan, clinician, "CORTICOSTEROID", page_version)
    decide(plan, clinician, "PLATELET_TRANSFUSION", page_version)
    assert RecommendationDecision.objects.count() == 3


def test_the_same_clinician_may_change_a_decision_from_the_same_page(plan, clinician, case):
    page_version = case.version
    decide(plan, clinician, "IVIG", page_version)
    decide(plan, clinician, "IVIG", page_version, "overridden", "renal failure")
    assert RecommendationDecision.objects.count() == 2


def test_a_colleagues_decision_on_the_same_recommendation_is_refused_and_named(
    plan, clinician, colleague, case
):
    page_version = case.version
    decide(plan, colleague, "IVIG", page_version, "overridden", "renal failure")
    with pytest.raises(ConcurrentEditError) as refused:
        decide(plan, clinician, "IVIG", page_version)
    (change,) = refused.value.changes
    assert (change.subject, change.actor, change.action) == ("IVIG", colleague, "overridden")
    assert RecommendationDecision.objects.get().decided_by == colleague


def test_answers_of_another_assessment_do_not_conflict_with_a_decision(
    plan, clinician, colleague, case
):
    page_version = case.version
    decide(plan, colleague, "IVIG", page_version)
    other_team_member = clinician_in(case.team)
    decide(plan, other_team_member, "CORTICOSTEROID", page_version)
    assert RecommendationDecision.objects.count() == 2


def test_a_colleagues_close_refuses_a_reopen_from_an_older_page(clinician, colleague, case):
    page_version = case.version
    case_set_status(case=case, user=colleague, status="closed", expected_version=page_version)
    case.status = "closed"
    with pytest.raises(ConcurrentEditError):
        case_set_status(case=case, user=clinician, status="open", expected_version=page_version)
