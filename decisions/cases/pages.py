"""Keyset pages of the case list: newest activity first, each page found from its neighbour's
edge row instead of counted from the top.

OFFSET makes the database read and drop every row before the page (page 300 of 8,000 cases read
7,475 rows to show 25), and a case updated while the clinician reads shifts every later page by
one. A cursor names the edge row by its sort key, (updated_at, id), so the next page is one index
seek away and stays where it was however many cases are opened meanwhile.

The cursor is opaque to the browser (base64 of the direction and the key); it names no patient.
One that cannot be read gives the first page, as a stale bookmark should.
"""

import base64
import binascii
from dataclasses import dataclass
from datetime import datetime

from django.db.models import Q, QuerySet

OLDER, NEWER = "o", "n"


@dataclass(frozen=True)
class Cursor:
    direction: str  # OLDER: the rows after this key; NEWER: the rows before it
    updated_at: datetime
    pk: int


@dataclass
class CasePage:
    cases: list
    older: str | None  # the cursor of the next page down, if there is one
    newer: str | None  # the cursor of the page above, unless this is the first

    def __iter__(self):
        return iter(self.cases)

    def __len__(self):
        return len(self.cases)


def cursor_encode(cursor: Cursor) -> str:
    raw = f"{cursor.direction}|{cursor.updated_at.isoformat()}|{cursor.pk}".encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def cursor_decode(token: str | None) -> Cursor | None:
    """The cursor in `token`, or None for a missing or unreadable one."""
    if not token or len(token) > 100:
        return None
    try:
        raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4)).decode()
        direction, updated_at, pk = raw.split("|")
        cursor = Cursor(direction, datetime.fromisoformat(updated_at), int(pk))
    except (binascii.Error, UnicodeDecodeError, ValueError):
        return None
    if cursor.direction not in (OLDER, NEWER) or cursor.updated_at.tzinfo is None:
        return None
    return cursor


def _edge(case, direction: str) -> str:
    return cursor_encode(Cursor(direction, case.updated_at, case.pk))


def _below(cases: QuerySet, cursor: Cursor | None) -> QuerySet:
    if cursor is None:
        return cases
    # updated_at__lte bounds the index range; the OR alone would leave it unbounded.
    return cases.filter(updated_at__lte=cursor.updated_at).filter(
        Q(updated_at__lt=cursor.updated_at) | Q(pk__lt=cursor.pk)
    )


def case_page(cases: QuerySet, token: str | None, *, size: int) -> CasePage:
    """The page of `cases` (ordered by -updated_at, -pk) that `token` points at."""
    cursor = cursor_decode(token)
    if cursor is not None and cursor.direction == NEWER:
        # Walk up from the cursor, nearest first, then show them newest first.
        above = list(
            cases.filter(updated_at__gte=cursor.updated_at)
            .filter(Q(updated_at__gt=cursor.updated_at) | Q(pk__gt=cursor.pk))
            .order_by("updated_at", "pk")[: size + 1]
        )
        if len(above) > size:
            rows = above[:size][::-1]
            return CasePage(rows, older=_edge(rows[-1], OLDER), newer=_edge(rows[0], NEWER))
        cursor = None  # the top is within reach: the first page, full, as a fresh visit shows it
    rows = list(_below(cases, cursor)[: size + 1])
    if cursor is not None and not rows:
        cursor = None  # nothing left below (the cases were closed or moved): start again
        rows = list(cases[: size + 1])
    more = len(rows) > size
    rows = rows[:size]
    return CasePage(
        rows,
        older=_edge(rows[-1], OLDER) if more else None,
        newer=_edge(rows[0], NEWER) if cursor is not None and rows else None,
    )
