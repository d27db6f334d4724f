"""Building a renal-check reminder email (text and HTML). Building only; services send.

What it may say: which check is due, since when, and a link to the case behind the login, with
the case reference. Never the patient's name, birth date or identifier, the diagnosis or the drug.
"""

from datetime import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMultiAlternatives
from django.core.validators import validate_email
from django.urls import reverse

from decisions.models import RenalCheck
from decisions.reminder_email import reminder_email_build


def _addresses(check: RenalCheck) -> list[str]:
    addresses = [check.responsible.email, check.case.team.email]
    return list(dict.fromkeys(a.strip() for a in addresses if a and a.strip()))


def _well_formed(address: str) -> bool:
    try:
        validate_email(address)
    except ValidationError:
        return False
    return True


def reminder_recipients(check: RenalCheck) -> list[str]:
    """The responsible clinician, and the team's shared address when it has one.

    Only well-formed addresses: one stored before addresses were checked (a CR/LF in it, say)
    would make Django refuse the whole message, and the others would never get it."""
    return [address for address in _addresses(check) if _well_formed(address)]


def reminder_recipients_refused(check: RenalCheck) -> list[str]:
    """The addresses of `check` no message can go to, for the operator to correct."""
    return [address for address in _addresses(check) if not _well_formed(address)]


def reminder_link(check: RenalCheck) -> str:
    path = reverse("renal-check", kwargs={"pk": check.case_id, "check_pk": check.pk})
    return settings.SITE_URL + path


def _hours_label(hours: int) -> str:
    if hours >= 72 and hours % 24 == 0:
        return f"{hours // 24} days"
    return f"{hours} hours"


def reminder_message_build(
    check: RenalCheck, *, late: bool, now: datetime
) -> EmailMultiAlternatives:
    """The reminder for `check`, with its fixed Message-ID, so a resend is recognisably the same."""
    return reminder_email_build(
        check,
        kind="renal-check",
        templates="renal_check_due",
        context={
            "what": check.what,
            "after": _hours_label(check.hours_after_infusion),
            "before_day": check.before_day,
            "link": reminder_link(check),
        },
        late=late,
        now=now,
        to=reminder_recipients(check),
    )
