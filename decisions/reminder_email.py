"""Building a "reminder is due" email (text and HTML) for any reminder row: a renal check
(decisions/monitoring/email.py) or a day-7 course review (decisions/review/email.py). Building
only; decisions/monitoring/reminders.py sends.

What it may say: what is due, since when, and a link behind the login with the case reference.
Never the patient's name, birth date or identifier, the diagnosis or the drug: the templates
(templates/emails/reminder_due.*, extended per kind) get the case reference and nothing else of
the case.
"""

from collections.abc import Iterable
from datetime import datetime

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string


def reminder_email_build(
    row,
    *,
    kind: str,
    templates: str,
    context: dict,
    late: bool,
    now: datetime,
    to: Iterable[str] = (),
) -> EmailMultiAlternatives:
    """The reminder for `row` (a Reminder: case, due_at, message_id), with its fixed Message-ID
    so a resend is recognisably the same; `templates` names emails/<templates>{_subject.txt,
    .txt,.html}, `kind` the X-Reminder header, `context` what the kind's templates add."""
    context = {
        **context,
        "reference": row.case.reference,
        "due_at": row.due_at,
        "late": late,
        "now": now,
    }
    subject = render_to_string(f"emails/{templates}_subject.txt", context).strip()
    message = EmailMultiAlternatives(
        subject=" ".join(subject.split()),
        body=render_to_string(f"emails/{templates}.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=list(to),
        headers={"Message-ID": row.message_id, "X-Reminder": kind},
    )
    message.attach_alternative(render_to_string(f"emails/{templates}.html", context), "text/html")
    return message
