"""The day-7 review reminder goes out once, through the same reminder code as the renal checks:
a real Celery worker on the machine's Redis, a real SMTP server (as tests/reminders/ do)."""

from datetime import timedelta

from django.utils import timezone

from decisions.models import AuditEvent, CourseReview, RenalCheck
from decisions.monitoring.tasks import reminders_dispatch
from tests.reminders.helpers import record
from tests.reminders.infra import worker_thread
from tests.reminders.worker_fixtures import WORKER_MARKS, wait_for_status

pytestmark = WORKER_MARKS


def test_the_review_reminder_is_mailed_once_without_patient_data(broker, smtp, plan, clinician):
    case = plan.assessment.case
    # A two-hour infusion that started seven days and a minute ago: the review is due a minute
    # ago. Its renal checks are done, so the only reminder due is the review's.
    record(plan, clinician, ended_at=timezone.now() - timedelta(days=7, minutes=1, hours=-2))
    RenalCheck.objects.update(status=RenalCheck.Status.DONE)
    with worker_thread():
        reminders_dispatch.delay()
        reminders_dispatch.delay()  # a second beat, or a retry: still one email
        [message] = smtp.wait_for(1)
        review = wait_for_status(CourseReview.objects.get(plan=plan), "sent")
        assert smtp.stays_at(1, seconds=1.0)

    assert message["Message-ID"] == review.message_id
    assert message["X-Reminder"] == "course-review"
    assert message["Subject"] == f"Course review due for case {case.reference}"
    assert smtp.recipients() == [["dr.who@example.org", "haem-team@example.org"]]
    text = message.as_string()
    assert f"/cases/{case.pk}/assessments/1/course-review/" in text
    for identifier in (case.patient_name, case.patient_identifier, "IVIG", "immunoglobulin",
                       "ITP", "thrombocytopenia"):  # fmt: skip
        assert identifier.lower() not in text.lower()
    assert AuditEvent.objects.filter(action="review_reminder_sent").count() == 1
    assert review.attempts == 1
