"""The audit trail is tamper-evident: PostgreSQL refuses to change or delete its rows, and the
hash chain over them lets `manage.py verify_audit` name a row changed, removed or reordered by
someone who got past that (here: by dropping the trigger)."""

import io
import threading

import pytest
from django.core.management import CommandError, call_command
from django.db import DatabaseError, connection, connections, transaction

from decisions.cases.audit import GENESIS, audit_record, audit_verify
from decisions.models import AuditEvent
from tests.factories import case_for

on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the trigger is PostgreSQL's"
)


@pytest.fixture
def trail(db, clinician, team):
    """A case opened (two events) and viewed three times: five events, oldest first."""
    case = case_for(clinician, team)
    for _ in range(3):
        audit_record(case=case, actor=clinician, action=AuditEvent.Action.VIEWED)
    return list(AuditEvent.objects.order_by("id"))


def sql(statement: str, params=()) -> None:
    with connection.cursor() as cursor:
        cursor.execute(statement, params)


def verify_audit() -> str:
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("verify_audit", stdout=out, stderr=err)
    except CommandError as failed:
        return err.getvalue() + str(failed)
    return out.getvalue()


@pytest.fixture
def trigger_dropped(db):
    # Undone with the test's transaction (PostgreSQL's DDL is transactional).
    if connection.vendor == "postgresql":
        sql("DROP TRIGGER audit_append_only ON decisions_auditevent")


def test_each_event_is_chained_to_the_one_before(trail):
    assert trail[0].previous_hash == GENESIS
    for before, after in zip(trail, trail[1:], strict=False):
        assert after.previous_hash == before.chain_hash
    assert len({event.chain_hash for event in trail}) == len(trail)


def test_verify_audit_says_an_untouched_trail_holds(trail):
    last = AuditEvent.objects.order_by("-id").first().chain_hash
    assert verify_audit() == f"The audit trail holds: 5 events chained; last hash {last}.\n"


@on_postgresql
@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE decisions_auditevent SET action = 'closed' WHERE id = %s",
        "UPDATE decisions_auditevent SET detail = '{}' WHERE id = %s",
        "DELETE FROM decisions_auditevent WHERE id = %s",
    ],
    ids=["action changed", "detail changed", "deleted"],
)
def test_postgresql_refuses_to_change_or_delete_an_event(trail, statement):
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        sql(statement, [trail[2].pk])

    assert list(AuditEvent.objects.order_by("id")) == trail
    assert AuditEvent.objects.get(pk=trail[2].pk).action == trail[2].action


def test_a_changed_row_is_named(trail, trigger_dropped):
    sql("UPDATE decisions_auditevent SET action = 'closed' WHERE id = %s", [trail[3].pk])

    report = verify_audit()

    assert f"audit event {trail[3].pk}: changed" in report
    assert "1 of 5 rows" in report


def test_a_removed_row_names_the_one_after_it(trail, trigger_dropped):
    sql("DELETE FROM decisions_auditevent WHERE id = %s", [trail[2].pk])

    report = verify_audit()

    assert f"audit event {trail[3].pk}: a row before it was removed" in report
    assert "1 of 4 rows" in report


def test_reordered_rows_are_named(trail, trigger_dropped):
    # Rows 2 and 3 swap places in the order they were written (their ids).
    first, second = trail[2].pk, trail[3].pk
    sql("UPDATE decisions_auditevent SET id = -1 WHERE id = %s", [first])
    sql("UPDATE decisions_auditevent SET id = %s WHERE id = %s", [first, second])
    sql("UPDATE decisions_auditevent SET id = %s WHERE id = -1", [second])

    _count, breaks = audit_verify()

    assert [found.event_id for found in breaks] == [first, second, trail[4].pk]


@on_postgresql
@pytest.mark.django_db(transaction=True)
def test_events_written_at_the_same_moment_chain_one_after_another(clinician, team):
    case = case_for(clinician, team)
    barrier = threading.Barrier(8)

    def view():
        try:
            barrier.wait()
            audit_record(case=case, actor=clinician, action=AuditEvent.Action.VIEWED)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=view) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert audit_verify() == (10, [])
