"""The day-7 review page of a course: the link in its reminder email, behind the login."""

from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from decisions.cases.reads import audited_read
from decisions.cases.versioning import ConcurrentEditError, posted_version
from decisions.engine.response import RESPONSE_RULES, ResponseCategory, repeat_dose_guidance
from decisions.review.forms import CourseReviewForm
from decisions.review.selectors import course_dose_g, draft_assessment, review_get_for_user
from decisions.review.services import ReviewError, baseline_count, review_record

CONFLICT = "Another clinician changed this case meanwhile; nothing was saved. Check it and retry."
DRAFT_CONTINUED = (
    "Assessment {number} was already in draft (started {started:%Y-%m-%d %H:%M}); the repeat dose "
    "continues it rather than start another. Today's count is in it and the bleeding and urgency "
    "questions are to be answered again: check its other answers too."
)
NEW_ASSESSMENT = (
    "Assessment {number} is prefilled from the last one with today's count; answer the bleeding "
    "and urgency questions again for today."
)


def _context(review, form) -> dict:
    response = ResponseCategory(review.response) if review.response else None
    return {
        "review": review,
        "case": review.case,
        "assessment": review.plan.assessment,
        "number": review.plan.assessment.number,
        "form": form,
        "baseline_per_uL": baseline_count(review),
        "dose_g": course_dose_g(review.plan),
        "rules": RESPONSE_RULES,
        "review_days": settings.IVIG_REVIEW_DAYS,
        "guidance": repeat_dose_guidance(response),
    }


@require_http_methods(["GET", "POST"])
@audited_read("day-7 review")
def course_review(request, pk: int, number: int):
    review = review_get_for_user(request.user, pk, number)
    posted = request.method == "POST" and not review.recorded
    form = CourseReviewForm(request.POST if posted else None)
    if posted and form.is_valid():
        draft = draft_assessment(review.case)
        try:
            review_record(
                review=review, user=request.user, expected_version=posted_version(request),
                **form.cleaned_data,
            )  # fmt: skip
        except ReviewError as refused:
            form.add_error(None, str(refused))
        except ConcurrentEditError:
            form.add_error(None, CONFLICT)
        else:
            messages.success(request, "Review recorded.")
            if review.next_assessment_id:
                _say_which_assessment(request, review.next_assessment, draft)
                return redirect("assessment-review", pk=pk, number=review.next_assessment.number)
            return redirect("course-review", pk=pk, number=number)
    status = 400 if posted else 200
    return TemplateResponse(
        request, "decisions/review/review.html", _context(review, form), status=status
    )


def _say_which_assessment(request, assessment, draft) -> None:
    """Whether the repeat dose continues a draft someone had started, or starts a new one."""
    if draft is not None and draft.pk == assessment.pk:
        text = DRAFT_CONTINUED.format(
            number=assessment.number, started=timezone.localtime(draft.created_at)
        )
        messages.warning(request, text)
    else:
        messages.info(request, NEW_ASSESSMENT.format(number=assessment.number))
