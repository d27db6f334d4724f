"""Severe infusion reactions (CTCAE grade 3 or more) of a patient, for the warning line on the
case page, the patient's plans and the infusion chart, and for the dashboard.

A patient may have more than one case (a new episode): reactions are found by the hospital
number across the cases the user may see, so a later case's plan warns too.
"""

from datetime import timedelta

from django.db.models import QuerySet
from django.utils import timezone

from decisions.cases.selectors import case_visible, cases_visible_to
from decisions.models import Infusion
from decisions.models.infusions import ReactionSeverity

DASHBOARD_DAYS = 30


def _severe() -> QuerySet[Infusion]:
    return Infusion.objects.filter(
        reaction_severity=ReactionSeverity.SEVERE, status=Infusion.Status.GIVEN
    ).select_related("case", "product_ref", "plan__assessment")


def severe_reactions_of_patient(user, case, *, limit: int = 10) -> list[Infusion]:
    """The patient's severe reactions, newest first, in the cases `user` may see."""
    cases = cases_visible_to(user).filter(patient_identifier__iexact=case.patient_identifier)
    return list(_severe().filter(case__in=cases).order_by("-started_at")[:limit])


def recent_severe_reactions_for(user, *, days: int = DASHBOARD_DAYS, limit: int = 10):
    """Severe reactions of the last `days` days in the user's teams, for the dashboard."""
    since = timezone.now() - timedelta(days=days)
    return list(
        _severe()
        .filter(case_visible(user), started_at__gte=since)
        .select_related("case__team")
        .order_by("-started_at")[:limit]
    )
