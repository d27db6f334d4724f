"""Beat's hourly purge of what hook calls left (decisions/ehr/prefill.py, jwt_check.py)."""

from celery import shared_task

from decisions.ehr.jwt_check import used_jwt_ids_prune
from decisions.ehr.prefill import prefills_purge

PURGE_TASK = "decisions.tasks.ehr_purge"


@shared_task(name=PURGE_TASK, ignore_result=True)
def ehr_purge() -> int:
    """Delete expired prefills and JWT ids; safe to run twice."""
    return prefills_purge() + used_jwt_ids_prune()
