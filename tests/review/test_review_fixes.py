"""The review's fixes: the count in either unit with the plausibility refusal beside it, bleeding
that makes no response (IWG 2009), the repeat dose that asks the day-0 answers again, and the
shared date-time widget."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from decisions.assessment.services import assessment_start
from decisions.cases.widgets import LocalDateTimeInput
from decisions.models import Assessment, CourseReview
from decisions.review.forms import CourseReviewForm
from tests.reminders.helpers import record
from tests.review.test_review import form, review_url

pytestmark = pytest.mark.django_db


# (typed, unit, saved per uL): the engine's conversion of each unit.
SAVED = [
    ("45", "x10^9/L", 45_000),
    ("16.1", "x10^9/L", 16_100),
    ("45000", "per_uL", 45_000),
    ("1000", "per_uL", 1_000),
    ("3000", "x10^9/L", 3_000_000),
]


@pytest.mark.parametrize(("typed", "unit", "per_uL"), SAVED)
def test_the_count_is_saved_per_uL_whichever_unit_it_was_typed_in(
    plan, clinician, browser, typed, unit, per_uL
):
    record(plan, clinician, ended_at=timezone.now() - timedelta(days=7))
    response = browser.post(review_url(plan), form(count=typed, unit=unit))
    assert response.status_code == 302
    assert CourseReview.objects.get(plan=plan).count_per_uL == per_uL


# (typed, unit, words beside the field): refused, nothing saved.
REFUSED = [
    ("45", "per_uL", "45 per µL is almost surely a count in ×10⁹/L (45 ×10⁹/L = 45,000 per µL)"),
    ("999", "per_uL", "Choose the unit ×10⁹/L, or enter the count per µL."),
    ("3001", "x10^9/L", "It looks like a count per µL: choose the unit per µL."),
    ("3000001", "per_uL", "is not a possible platelet count (at most 3,000,000 per µL)"),
    ("-1", "per_uL", "A platelet count cannot be negative."),
]


@pytest.mark.parametrize(("typed", "unit", "says"), REFUSED)
def test_an_implausible_count_is_refused_beside_the_field(
    plan, clinician, browser, typed, unit, says
):
    record(plan, clinician, ended_at=timezone.now() - timedelta(days=7))
    response = browser.post(review_url(plan), form(count=typed, unit=unit))
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert list(errors) == ["platelet_count"]
    assert says in errors["platelet_count"][0]
    assert CourseReview.objects.get(plan=plan).reviewed_at is None


def test_the_form_offers_both_units():
    page = CourseReviewForm().as_div()
    assert 'value="per_uL"' in page and 'value="x10^9/L"' in page and "×10⁹/L" in page


# (bleeding at the review, count per uL, response): baseline 12,000 per uL.
BLEEDING = [
    ("continuing", "150000", "none"),
    ("continuing", "45000", "none"),
    ("stopped", "150000", "complete"),
    ("stopped", "45000", "response"),
    ("none", "45000", "response"),
]


@pytest.mark.parametrize(("bleeding", "count", "response"), BLEEDING)
def test_bleeding_at_the_review_is_no_response(plan, clinician, browser, bleeding, count, response):
    record(plan, clinician, ended_at=timezone.now() - timedelta(days=7))
    browser.post(review_url(plan), form(count=count, bleeding=bleeding))
    review = CourseReview.objects.get(plan=plan)
    assert review.response == response
    assert (review.days_to_response is None) == (response == "none")


DAY_ZERO = ("bleeding", "bleeding_sites", "bleeding_risk", "rapid_increase_needed")


def test_a_repeat_dose_asks_the_day_zero_bleeding_and_urgency_again(plan, clinician, browser):
    first = plan.assessment
    first.answers.update(bleeding_risk="high", rapid_increase_needed=True)
    first.save(update_fields=["answers"])
    record(plan, clinician, ended_at=timezone.now() - timedelta(days=7))
    response = browser.post(
        review_url(plan), form(count="15000", decision="repeat_dose"), follow=True
    )
    following = Assessment.objects.get(case=plan.assessment.case, number=2)
    assert not set(DAY_ZERO) & set(following.answers)
    assert following.answers["weight_kg"] == 70 and following.answers["platelet_count"] == 15000
    page = response.content.decode()
    assert "answer the bleeding and urgency questions again for today" in page


def test_a_repeat_dose_says_it_continues_a_draft_already_started(plan, clinician, browser):
    record(plan, clinician, ended_at=timezone.now() - timedelta(days=7))
    draft = assessment_start(case=plan.assessment.case, user=clinician)
    response = browser.post(
        review_url(plan), form(count="15000", decision="repeat_dose"), follow=True
    )
    review = CourseReview.objects.get(plan=plan)
    assert review.next_assessment == draft
    assert response.redirect_chain[-1][0] == reverse(
        "assessment-review", kwargs={"pk": draft.case_id, "number": draft.number}
    )
    page = response.content.decode()
    assert f"Assessment {draft.number} was already in draft" in page
    assert not set(DAY_ZERO) & set(Assessment.objects.get(pk=draft.pk).answers)


def test_the_review_uses_the_shared_date_time_widget():
    assert type(CourseReviewForm().fields["measured_at"].widget) is LocalDateTimeInput
