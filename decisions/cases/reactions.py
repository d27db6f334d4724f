"""Severe infusion reactions (CTCAE grade 3 or more) of a patient, for the warning line on the
case page, the patient's plans and the infusion chart, and for the dashboard.

A patient may have more than one case (a new episode): reactions are found by the hospital
number across the cases the user may see, so a later case's plan warns too.
"""

from datetime import datetime, timedelta

from django.contrib.auth import get_user_model
from django.db.models import QuerySet
from django.utils import timezone

from decisions.cases.selectors import case_visible, cases_visible_to, with_identifier
from decisions.models import Infusion
from decisions.models.infusions import ReactionSeverity
from decisions.prepared_queries import PreparedRead

DASHBOARD_DAYS = 30
LIMIT = 10  # rows shown, newest first


def _severe() -> QuerySet[Infusion]:
    return Infusion.objects.filter(
        reaction_severity=ReactionSeverity.SEVERE, status=Infusion.Status.GIVEN
    )


def _user(pk: int):
    return get_user_model()(pk=pk)


# What a patient's warning line shows (includes/severe_reactions.html, the print and chart
# notices). With every column of the infusion, case, plan, assessment and product (two JSON
# documents among them) SQLite took 0.44 ms to answer even with no row; 0.07 ms with these.
_WARNING_FIELDS = (
    "case__reference",
    "plan__assessment__number",
    "day",
    "started_at",
    "product",
    "lot_number",
    "max_rate_mg_kg_min",
    "reaction_type",
    "reaction_action",
)

# Built and compiled once per process (decisions/prepared_queries.py): the case page, the plan
# page and the dashboard each run one of these per request.
_of_patient = PreparedRead(
    lambda user_id, identifier: (
        _severe()
        .filter(case__in=with_identifier(cases_visible_to(_user(user_id)), identifier))
        .select_related("case", "plan__assessment")
        .only(*_WARNING_FIELDS)
        .order_by("-started_at")[:LIMIT]
    ),
    user_id=int,
    identifier=str,
)
# The dashboard's rows: only the columns they show (decisions/overview/selectors.py).
_recent = PreparedRead(
    lambda user_id, since: (
        _severe()
        .filter(case_visible(_user(user_id)), started_at__gte=since)
        .order_by("-started_at")
        .values(
            "case_id",
            "case__patient_name",
            "case__reference",
            "case__team__name",
            "reaction_type",
            "product",
            "started_at",
        )[:LIMIT]
    ),
    user_id=int,
    since=datetime,
)


def severe_reactions_of_patient(user, case, *, limit: int = LIMIT) -> list[Infusion]:
    """The patient's severe reactions, newest first, in the cases `user` may see."""
    rows = _of_patient.run(user_id=user.pk, identifier=case.patient_identifier.upper())
    return rows[:limit]


def recent_severe_reactions_for(user, *, days: int = DASHBOARD_DAYS, limit: int = LIMIT):
    """Severe reactions of the last `days` days in the user's teams, for the dashboard: values()
    rows of the case (id, patient, reference, team's name) and the reaction, newest first."""
    since = timezone.now() - timedelta(days=days)
    return _recent.run(user_id=user.pk, since=since)[:limit]
