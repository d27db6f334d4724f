"""Building a day-7 review reminder email (text and HTML). Building only; the reminder code in
decisions/monitoring/reminders.py addresses and sends it, as it does the renal checks.

What it may say: that the course review is due, since when, and a link behind the login with the
case reference. Never the patient's name, birth date or identifier, the diagnosis or the drug.
"""

from datetime import datetime

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse

from decisions.models import CourseReview


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
    context = {
        "reference": review.case.reference,
        "days": settings.IVIG_REVIEW_DAYS,
        "due_at": review.due_at,
        "late": late,
        "now": now,
        "link": review_link(review),
    }
    subject = render_to_string("emails/course_review_due_subject.txt", context).strip()
    message = EmailMultiAlternatives(
        subject=" ".join(subject.split()),
        body=render_to_string("emails/course_review_due.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        headers={"Message-ID": review.message_id, "X-Reminder": "course-review"},
    )
    message.attach_alternative(
        render_to_string("emails/course_review_due.html", context), "text/html"
    )
    return message
