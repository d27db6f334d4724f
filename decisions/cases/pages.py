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
from collections.abc import Callable
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


def window(cases: QuerySet, direction: str | None, edge: Cursor | None) -> QuerySet:
    """The rows of `cases` (ordered by -updated_at, -pk) past the edge: OLDER ones newest first,
    NEWER ones nearest first (oldest first); all of them from the top without an edge."""
    if edge is None:
        return cases
    if direction == NEWER:
        return (
            cases.filter(updated_at__gte=edge.updated_at)
            .filter(Q(updated_at__gt=edge.updated_at) | Q(pk__gt=edge.pk))
            .order_by("updated_at", "pk")
        )
    # updated_at__lte bounds the index range; the OR alone would leave it unbounded.
    return cases.filter(updated_at__lte=edge.updated_at).filter(
        Q(updated_at__lt=edge.updated_at) | Q(pk__lt=edge.pk)
    )


def case_page(cases: QuerySet, token: str | None, *, size: int) -> CasePage:
    """The page of `cases` (ordered by -updated_at, -pk) that `token` points at."""
    return case_page_of(
        lambda edge: list(window(cases, edge and edge.direction, edge)[: size + 1]),
        token,
        size=size,
    )


def case_page_of(
    rows: Callable[[Cursor | None], list], token: str | None, *, size: int
) -> CasePage:
    """The page that `token` points at, from `rows(edge)`: the first `size` + 1 rows of
    `window(cases, edge.direction, edge)` (or from the top, for None)."""
    cursor = cursor_decode(token)
    if cursor is not None and cursor.direction == NEWER:
        # Walk up from the cursor, nearest first, then show them newest first.
        above = rows(cursor)
        if len(above) > size:
            page = above[:size][::-1]
            return CasePage(page, older=_edge(page[-1], OLDER), newer=_edge(page[0], NEWER))
        cursor = None  # the top is within reach: the first page, full, as a fresh visit shows it
    found = rows(cursor)
    if cursor is not None and not found:
        cursor = None  # nothing left below (the cases were closed or moved): start again
        found = rows(None)
    more = len(found) > size
    found = found[:size]
    return CasePage(
        found,
        older=_edge(found[-1], OLDER) if more else None,
        newer=_edge(found[0], NEWER) if cursor is not None and found else None,
    )
