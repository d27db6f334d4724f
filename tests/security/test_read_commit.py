"""A read's audit row commits without waiting for the disk's flush; a change's row waits.

Each page that shows patient data writes one read row, and waiting for the flush was a seventh
of a page's time. Losing the last second of reads to a power cut is accepted; losing a change
is not. These run outside pytest-django's wrapping transaction (transaction=True), as a
request does: inside a caller's transaction nothing is relaxed.
"""

import pytest
from django.db import connection, transaction

from decisions.cases.audit import audit_record, audit_verify
from decisions.cases.reads import audit_list_read, audit_read
from decisions.models import AuditEvent
from tests.factories import TeamFactory, case_for, clinician_in

pytestmark = pytest.mark.django_db(transaction=True)

RELAXED = {
    "postgresql": "SET LOCAL synchronous_commit TO OFF",
    "sqlite": "PRAGMA synchronous = NORMAL",
}


@pytest.fixture
def clinician_and_case():
    team = TeamFactory()
    clinician = clinician_in(team)
    return clinician, case_for(clinician, team)


def statements_of(write) -> list[str]:
    executed = []

    def record(execute, sql, params, many, context):
        executed.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(record):
        write()
    return executed


def synchronous_setting() -> int | None:
    if connection.vendor != "sqlite":
        return None
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA synchronous")
        return cursor.fetchone()[0]


@pytest.mark.parametrize("read", ["case page", "list"])
def test_a_read_commits_without_waiting_for_the_disk(clinician_and_case, read):
    clinician, case = clinician_and_case
    before = synchronous_setting()
    if read == "case page":
        executed = statements_of(lambda: audit_read(user=clinician, page="case", case=case))
    else:
        executed = statements_of(
            lambda: audit_list_read(user=clinician, page="case list", references=[case.reference])
        )
    assert RELAXED[connection.vendor] in executed
    # The row is there, chained; on SQLite the connection's setting is back as configured.
    assert AuditEvent.objects.order_by("-id").first().action in (
        AuditEvent.Action.VIEWED,
        AuditEvent.Action.LISTED,
    )
    assert audit_verify()[1] == []
    assert synchronous_setting() == before


def test_a_change_waits_for_the_disk(clinician_and_case):
    clinician, case = clinician_and_case
    executed = statements_of(
        lambda: audit_record(case=case, actor=clinician, action=AuditEvent.Action.CLOSED)
    )
    assert RELAXED[connection.vendor] not in executed


def test_a_read_inside_a_callers_transaction_relaxes_nothing(clinician_and_case):
    clinician, case = clinician_and_case

    def read_in_a_transaction():
        with transaction.atomic():
            audit_read(user=clinician, page="case", case=case)

    assert RELAXED[connection.vendor] not in statements_of(read_in_a_transaction)
