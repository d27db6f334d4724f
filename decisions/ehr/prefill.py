"""What a hook call leaves for its card's link: the EHR's data under a random reference, for a
day; and the new case and assessment the link opens from it, after login.

Nothing patient-related goes in a URL: the link carries the reference only. An opened prefill
gives its data to the case and keeps none; an unopened one is deleted once it expires
(`prefills_purge`, run by beat and by `manage.py purge_ehr_prefills`).
"""

import secrets
from datetime import date, timedelta

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from decisions.assessment.services import assessment_save_answers
from decisions.cases.audit import audit_record
from decisions.cases.services import case_create
from decisions.ehr.mapping import MappedPatient
from decisions.models import AuditEvent, Case, EhrPrefill

PREFILL_LIFETIME = timedelta(days=1)  # the issue: "expiring after a day"


def prefill_store(*, mapped: MappedPatient, issuer: str) -> EhrPrefill:
    """Keep what the EHR sent, for a day, under a new random reference."""
    return EhrPrefill.objects.create(
        reference=secrets.token_urlsafe(32),
        patient=mapped.patient,
        answers=mapped.fields,
        issuer=issuer,
        expires_at=timezone.now() + PREFILL_LIFETIME,
    )


def prefill_url(prefill: EhrPrefill) -> str:
    return settings.SITE_URL + reverse("ehr-prefill", args=[prefill.reference])


def prefill_get(reference: str) -> EhrPrefill | None:
    """The prefill under `reference`, if it has not expired (opened ones stay, emptied)."""
    prefill = EhrPrefill.objects.filter(reference=reference).first()
    if prefill is None or (prefill.opened_by_id is None and prefill.expires_at <= timezone.now()):
        return None
    return prefill


def prefill_initial(prefill: EhrPrefill) -> dict:
    """The "New case" form's values from the prefill (the clinician checks them and the team)."""
    patient = prefill.patient
    birth = patient.get("birth_date")
    return {
        "patient_name": patient.get("name", ""),
        "patient_identifier": patient.get("identifier", ""),
        "date_of_birth": date.fromisoformat(birth) if birth else None,
    }


@transaction.atomic
def prefill_open(*, prefill: EhrPrefill, user, case_fields: dict) -> Case:
    """Open a new case and its first assessment with the EHR's answers; the prefill keeps none.

    Claimed with a conditional UPDATE, so the link opened twice at once opens one case."""
    unclaimed = EhrPrefill.objects.filter(pk=prefill.pk, opened_by__isnull=True)
    if unclaimed.update(opened_by=user) != 1:
        prefill.refresh_from_db()
        return prefill.case
    prefill.refresh_from_db()  # the answers as stored, under the claim
    case = case_create(user=user, **case_fields)
    assessment = case.assessments.get()
    assessment_save_answers(assessment=assessment, user=user, answers=prefill.answers)
    audit_record(
        case=case,
        actor=user,
        action=AuditEvent.Action.EHR_PREFILLED,
        fields=sorted(prefill.answers),
    )
    EhrPrefill.objects.filter(pk=prefill.pk).update(case=case, patient={}, answers={})
    return case


def prefills_purge() -> int:
    """Delete the prefills no case was opened from once expired; empty ones go after a day
    more (their link then says it has expired)."""
    now = timezone.now()
    unopened = EhrPrefill.objects.filter(opened_by__isnull=True, expires_at__lte=now)
    opened = EhrPrefill.objects.filter(
        opened_by__isnull=False, expires_at__lte=now - PREFILL_LIFETIME
    )
    return unopened.delete()[0] + opened.delete()[0]
