"""Building a day-7 review reminder email (text and HTML). Building only; the reminder code in
decisions/monitoring/reminders.py addresses and sends it, as it does the renal checks.

What it may say: that the course review is due, since when, and a link behind the login with the
case reference. Never the patient's name, birth date or identifier, the diagnosis or the drug.
"""

from datetime import datetime

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.urls import reverse

from decisions.models import CourseReview
from decisions.reminder_email import reminder_email_build


def review_link(review: CourseReview) -> str:
    path = reverse(
        "course-review",
        kwargs={"pk": review.case_id, "number": review.plan.assessment.number},
    )
    return settings.SITE_URL + path


def review_message_build(
    review: CourseReview, *, late: bool, now: datetime
) -> EmailMultiAlternatives:
    """The reminder for `review`, with its fixed Message-ID; the sender sets its recipients."""
    return reminder_email_build(
        review,
        kind="course-review",
        templates="course_review_due",
        context={"days": settings.IVIG_REVIEW_DAYS, "link": review_link(review)},
        late=late,
        now=now,
    )
