"""The audit trail: one function writes it, nothing edits it, and each row is chained to the one
before it (a hash of its content and of that row's hash), so a change is found afterwards."""

import hashlib
import json
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC
from threading import Lock

from django.conf import settings
from django.db import connection, connections, router, transaction
from django.db.models.sql import InsertQuery
from django.utils import timezone

from decisions.models import AuditEvent, Case
from decisions.prepared_queries import PreparedRead

# Where the chain starts: the "previous hash" of the first row.
GENESIS = "0" * 64
# pg_advisory_xact_lock's key for "appending to the audit chain" (any constant of our own).
CHAIN_LOCK = 0x1A0D17


# The chain's last link, read on every write (the case page writes one per visit).
_last_hash = PreparedRead(
    lambda: AuditEvent.objects.order_by("-id").values_list("chain_hash", flat=True)[:1]
)


def audit_record(
    *,
    case: Case | None,
    actor,
    action: str,
    case_version: int | None = None,
    case_id: int | None = None,
    wait_for_disk: bool = True,
    **detail,
) -> AuditEvent:
    """Record that `actor` did `action` to `case`; detail holds clinical facts, no identifiers.

    `case_version` is the version an edit moved the case to (see cases/versioning.py). A read
    whose view has checked access to case `case_id` passes that alone, sparing a query; a
    list's read names no case (case=None) and its detail lists the references shown; so do an
    export of the stewardship data set and an EHR's feedback on a card.

    `wait_for_disk=False` (reads, see `_committed`) answers before the row is flushed to disk."""
    event = AuditEvent(
        case=case,
        case_id=case.pk if case is not None else case_id,
        actor=actor,
        action=action,
        detail=detail,
        case_version=case_version,
        at=timezone.now(),
    )
    with _committed(wait_for_disk=wait_for_disk):
        # Held to the end of the transaction: the next append reads this row as its previous
        # one only once it is committed, so concurrent writers chain one after another.
        _lock_chain()
        last = _last_hash.run()
        event.previous_hash = last[0] if last else GENESIS
        event.chain_hash = audit_hash(event, event.previous_hash)
        _insert(event)
    return event


class _PreparedInsert:
    """One audit row's INSERT, compiled once per database (as a PreparedRead's SELECT is):
    `Model.save()` builds and compiles the same statement on every request. Each call prepares
    the row's values through the fields as `save()` would (JSON, datetimes) and sets its id."""

    def __init__(self):
        self._sql: dict[str, tuple[str, list, bool]] = {}
        self._lock = Lock()

    def __call__(self, event: AuditEvent) -> None:
        alias = router.db_for_write(AuditEvent)
        conn = connections[alias]
        sql, fields, returning = self._sql.get(alias) or self._compile(alias)
        params = [field.get_db_prep_save(field.pre_save(event, True), conn) for field in fields]
        with conn.cursor() as cursor:
            cursor.execute(sql, params)
            if returning:
                event.pk = cursor.fetchone()[0]
            else:
                event.pk = conn.ops.last_insert_id(cursor, AuditEvent._meta.db_table, "id")
        event._state.adding, event._state.db = False, alias

    def _compile(self, alias: str) -> tuple[str, list, bool]:
        with self._lock:
            if alias not in self._sql:
                conn = connections[alias]
                meta = AuditEvent._meta
                fields = [f for f in meta.local_concrete_fields if not f.primary_key]
                query = InsertQuery(AuditEvent)
                query.insert_values(fields, [AuditEvent(at=timezone.now())], raw=False)
                returning = bool(conn.features.can_return_columns_from_insert)
                compiler = query.get_compiler(using=alias)
                compiler.returning_fields = [meta.pk] if returning else None
                ((sql, _params),) = compiler.as_sql()
                self._sql[alias] = (sql, fields, returning)
        return self._sql[alias]


_insert = _PreparedInsert()


@contextmanager
def _committed(*, wait_for_disk: bool):
    """The audit row's transaction. A read's row (every page that shows patient data writes
    one) may commit without waiting for the disk's flush: that wait was a seventh of each
    page's time (benchmarks.pages). A power cut or a crash of the database server can then
    lose the last reads of under a second (PostgreSQL's synchronous_commit off; SQLite's
    synchronous NORMAL in WAL mode), never a change, never the file or the chain, which still
    verifies up to its last kept row. Inside a caller's transaction nothing is relaxed."""
    relaxed = not wait_for_disk and not connection.in_atomic_block
    if relaxed and connection.vendor == "sqlite":
        # A connection's setting, changed outside a transaction and put back after it.
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA synchronous = NORMAL")
        try:
            with transaction.atomic():
                yield
        finally:
            with connection.cursor() as cursor:
                cursor.execute(f"PRAGMA synchronous = {_sqlite_synchronous()}")
        return
    with transaction.atomic():
        if relaxed and connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL synchronous_commit TO OFF")  # this transaction only
        yield


def _sqlite_synchronous() -> str:
    return getattr(settings, "SQLITE_SYNCHRONOUS", "FULL")


def _lock_chain() -> None:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [CHAIN_LOCK])
        elif connection.vendor == "sqlite":
            # A write that changes nothing takes SQLite's one write lock now (waiting its busy
            # timeout for it), before the last row is read: reading first and writing after
            # would fail at once if another process appended in between (WAL's stale snapshot).
            cursor.execute("UPDATE decisions_auditevent SET id = id WHERE 0")


def audit_content(event: AuditEvent) -> bytes:
    """What a row's hash covers, in one canonical form (JSON, sorted keys, UTC time)."""
    content = {
        "case": event.case_id,
        "actor": event.actor_id,
        "action": event.action,
        # Through JSON and back: what the database gives back is what is hashed.
        "detail": json.loads(json.dumps(event.detail)),
        "at": event.at.astimezone(UTC).isoformat(),
        "case_version": event.case_version,
    }
    return json.dumps(content, sort_keys=True, separators=(",", ":")).encode()


def audit_hash(event: AuditEvent, previous_hash: str) -> str:
    return hashlib.sha256(previous_hash.encode() + b"\n" + audit_content(event)).hexdigest()


@dataclass(frozen=True)
class AuditBreak:
    """A row where the chain does not hold, and what is wrong there."""

    event_id: int
    problem: str

    def __str__(self) -> str:
        return f"audit event {self.event_id}: {self.problem}"


def audit_verify() -> tuple[int, list[AuditBreak]]:
    """Walk the trail in the order it was written; return how many rows and every break."""
    breaks: list[AuditBreak] = []
    previous, count = GENESIS, 0
    for event in AuditEvent.objects.order_by("id").iterator(chunk_size=2000):
        count += 1
        if event.chain_hash != audit_hash(event, event.previous_hash):
            breaks.append(AuditBreak(event.pk, "changed: its content does not match its hash"))
        elif event.previous_hash != previous:
            breaks.append(
                AuditBreak(
                    event.pk,
                    "a row before it was removed, or the rows were reordered: it does not "
                    "follow the row before it",
                )
            )
        previous = event.chain_hash
    return count, breaks
