"""The day-7 review: scheduled with the first infusion, recorded with a computed response, the
repeat dose's new assessment, and the dashboard's due and overdue reviews."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from decisions.models import Assessment, AuditEvent, CourseReview, PlateletCount
from decisions.monitoring.infusions import infusion_cancel, infusion_correct
from decisions.review.services import ReviewError, review_record
from tests.reminders.helpers import SEPSIS, plan_for, record

pytestmark = pytest.mark.django_db


def review_url(plan):
    return reverse(
        "course-review", kwargs={"pk": plan.assessment.case_id, "number": plan.assessment.number}
    )


def form(*, count="45000", unit="per_uL", decision="no_further", measured=None, **extra):
    measured = timezone.localtime(measured or timezone.now() - timedelta(minutes=5))
    return {
        "measured_at": measured.strftime("%Y-%m-%dT%H:%M"),
        "platelet_count": count,
        "platelet_unit": unit,
        "bleeding": "stopped",
        "adverse_events": "no",
        "decision": decision,
        **extra,
    }


def test_the_first_infusion_schedules_the_review_seven_days_later(plan, clinician):
    infusion = record(plan, clinician)
    review = CourseReview.objects.get(plan=plan)
    assert review.due_at == infusion.started_at + timedelta(days=7)
    assert review.status == "scheduled"
    assert review.responsible == clinician


def test_the_review_day_comes_from_the_setting(plan, clinician, settings):
    settings.IVIG_REVIEW_DAYS = 5
    infusion = record(plan, clinician)
    assert CourseReview.objects.get(plan=plan).due_at == infusion.started_at + timedelta(days=5)


def test_a_later_day_of_the_course_keeps_the_review_on_the_first(clinician, team):
    plan = plan_for(clinician, team, SEPSIS)  # a 3-day course
    first = record(plan, clinician, ended_at=timezone.now() - timedelta(days=1))
    record(plan, clinician)
    review = CourseReview.objects.get(plan=plan)
    assert review.first_infusion_at == first.started_at
    assert review.due_at == first.started_at + timedelta(days=7)


def test_a_corrected_start_moves_the_review(plan, clinician):
    infusion = record(plan, clinician)
    earlier = infusion.started_at - timedelta(hours=3)
    infusion_correct(
        infusion=infusion, user=clinician, started_at=earlier, ended_at=infusion.ended_at,
        product=infusion.product, dose_g=infusion.dose_g,
        baseline_creatinine=infusion.baseline_creatinine,
        baseline_creatinine_unit=infusion.baseline_creatinine_unit,
    )  # fmt: skip
    assert CourseReview.objects.get(plan=plan).due_at == earlier + timedelta(days=7)


def test_cancelling_the_only_infusion_cancels_the_review(plan, clinician):
    infusion = record(plan, clinician)
    infusion_cancel(infusion=infusion, user=clinician, reason="entered on the wrong case")
    review = CourseReview.objects.get(plan=plan)
    assert review.status == "cancelled"
    assert AuditEvent.objects.filter(action="review_cancelled").count() == 1


def test_the_response_is_computed_from_the_count_not_typed(plan, clinician, browser):
    record(plan, clinician, ended_at=timezone.now() - timedelta(days=7))
    # Baseline 12,000/uL (the assessment's): 45,000 is >= 30,000 and more than doubled.
    response = browser.post(review_url(plan), form(count="45000", response="complete"))
    assert response.status_code == 302
    review = CourseReview.objects.get(plan=plan)
    assert (review.response, review.baseline_count_per_uL) == ("response", 12000)
    assert review.status == "done" and review.reviewed_by == clinician
    assert 6.5 < review.days_to_response < 7.5
    page = browser.get(review_url(plan)).content.decode()
    assert "Response" in page and 'data-testid="review-outcome"' in page


def test_time_to_response_reads_the_counts_entered_after_the_course(plan, clinician):
    infusion = record(plan, clinician, ended_at=timezone.now() - timedelta(days=7))
    PlateletCount.objects.create(
        case=plan.assessment.case, plan=plan, entered_by=clinician, count_per_uL=35000,
        measured_at=infusion.started_at + timedelta(days=2),
    )  # fmt: skip
    review = review_record(
        review=CourseReview.objects.select_related("plan__assessment", "case").get(plan=plan),
        user=clinician, measured_at=timezone.now(), count_per_uL=120000, bleeding="stopped",
        adverse_events=False, decision="no_further",
    )  # fmt: skip
    assert review.response == "complete"
    assert review.days_to_response == 2.0


def test_a_repeat_dose_opens_the_next_assessment_prefilled(plan, clinician, browser):
    record(plan, clinician, ended_at=timezone.now() - timedelta(days=7))
    response = browser.post(review_url(plan), form(count="15000", decision="repeat_dose"))
    review = CourseReview.objects.get(plan=plan)
    assert review.response == "none"
    following = Assessment.objects.get(case=plan.assessment.case, number=2)
    assert review.next_assessment == following
    assert response.headers["Location"] == reverse(
        "assessment-review", kwargs={"pk": following.case_id, "number": 2}
    )
    assert following.status == "draft"
    assert following.answers["weight_kg"] == 70  # prefilled from the last one
    assert following.answers["platelet_count"] == 15000  # the review's count is today's


def test_the_next_plan_notes_the_earlier_course(plan, clinician, browser):
    infusion = record(plan, clinician, ended_at=timezone.now() - timedelta(days=7))
    browser.post(review_url(plan), form(count="15000", decision="repeat_dose"))
    following = Assessment.objects.get(case=plan.assessment.case, number=2)
    from decisions.assessment.services import assessment_complete, assessment_save_answers

    # The day-0 bleeding is not carried into the repeat dose: it is answered again for today.
    assessment_save_answers(assessment=following, user=clinician, answers={"bleeding": "none"})
    assessment_complete(assessment=following, user=clinician)
    page = browser.get(
        reverse("plan-detail", kwargs={"pk": following.case_id, "number": 2})
    ).content.decode()
    date = timezone.localtime(infusion.started_at).strftime("%Y-%m-%d")
    assert f"Earlier course: IVIG 70 g from {date}" in page
    assert "no response" in page


def test_another_treatment_must_be_named(plan, clinician, browser):
    record(plan, clinician, ended_at=timezone.now() - timedelta(days=7))
    response = browser.post(review_url(plan), form(decision="other_treatment"))
    assert response.status_code == 400
    assert CourseReview.objects.get(plan=plan).reviewed_at is None


def test_a_review_is_recorded_once(plan, clinician):
    record(plan, clinician, ended_at=timezone.now() - timedelta(days=7))
    review = CourseReview.objects.select_related("plan__assessment", "case").get(plan=plan)
    fields = {
        "user": clinician, "measured_at": timezone.now(), "count_per_uL": 50000,
        "bleeding": "stopped", "adverse_events": False, "decision": "no_further",
    }  # fmt: skip
    review_record(review=review, **fields)
    with pytest.raises(ReviewError):
        review_record(review=review, **fields)


def test_the_page_shows_the_nhs_england_repeat_dose_criterion(plan, clinician, browser):
    record(plan, clinician, ended_at=timezone.now() - timedelta(days=7))
    page = browser.get(review_url(plan)).content.decode()
    assert "only if the platelet count is not haemostatically adequate" in page


def test_another_teams_review_is_a_404(plan, clinician, outsider_browser):
    record(plan, clinician)
    assert outsider_browser.get(review_url(plan)).status_code == 404


def test_no_review_before_the_first_infusion(plan, browser):
    assert browser.get(review_url(plan)).status_code == 404


def test_the_dashboard_shows_reviews_due_and_overdue(clinician, team, browser):
    due = plan_for(clinician, team, patient_name="Due Patient", patient_identifier="D1")
    late = plan_for(clinician, team, patient_name="Late Patient", patient_identifier="L1")
    later = plan_for(clinician, team, patient_name="Later Patient", patient_identifier="F1")
    record(due, clinician, ended_at=timezone.now() - timedelta(days=7))
    record(late, clinician, ended_at=timezone.now() - timedelta(days=10))
    record(later, clinician)
    page = browser.get("/").content.decode()
    overdue = page.split('data-testid="reviews-overdue"')[1].split("</ul>")[0]
    pending = page.split('data-testid="reviews-due"')[1].split("</ul>")[0]
    assert late.assessment.case.reference in overdue and due.assessment.case.reference in pending
    assert due.assessment.case.reference not in overdue
    sections = page.split("Course reviews overdue")[1].split("Recently active cases")[0]
    assert later.assessment.case.reference not in sections


def test_the_course_page_links_to_its_review(plan, clinician, browser):
    record(plan, clinician)
    page = browser.get(
        reverse("infusion-course", kwargs={"pk": plan.assessment.case_id, "number": 1})
    ).content.decode()
    assert review_url(plan) in page


def test_the_audit_trail_words_the_review(plan, clinician, browser):
    record(plan, clinician, ended_at=timezone.now() - timedelta(days=7))
    browser.post(review_url(plan), form(count="15000", decision="repeat_dose"))
    page = browser.get(reverse("case-detail", args=[plan.assessment.case_id])).content.decode()
    assert "platelets 15,000/µL, no response; decided a repeat dose." in page
