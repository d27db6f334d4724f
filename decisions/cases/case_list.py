"""The case list's page: the search of selectors.case_search, a keyset window of it
(pages.py), its query built and compiled once per process for each shape of request."""

from datetime import datetime

from django.contrib.auth import get_user_model

from decisions.cases.pages import CasePage, Cursor, case_page_of, window
from decisions.cases.selectors import case_search, list_row_values, list_rows
from decisions.prepared_queries import PreparedRead

# One read per shape: which filters the clinician set, and where the window starts.
_READS: dict[tuple, PreparedRead] = {}
_KINDS = {
    "user_id": int,
    "query": str,
    "team_id": int,
    "status": str,
    "edge_at": datetime,
    "edge_pk": int,
}


def _read(names: tuple[str, ...], direction: str | None, limit: int) -> PreparedRead:
    key = (names, direction, limit)
    read = _READS.get(key)
    if read is None:

        def build(user_id, query="", team_id=None, status="", edge_at=None, edge_pk=None):
            cases = case_search(
                get_user_model()(pk=user_id), query=query, team_id=team_id, status=status
            )
            edge = Cursor(direction, edge_at, edge_pk) if edge_at is not None else None
            return list_row_values(window(cases, direction, edge)[:limit])

        read = _READS.setdefault(key, PreparedRead(build, **{name: _KINDS[name] for name in names}))
    return read


def case_list_page(
    user, *, query: str = "", team_id: int | None = None, status: str = "", token, size: int
) -> CasePage:
    """The page of the user's cases (filtered as the clinician asked) that `token` points at."""
    filters = {"user_id": user.pk, "query": query, "team_id": team_id, "status": status}
    filters = {name: value for name, value in filters.items() if value}

    def rows(edge: Cursor | None) -> list:
        values = dict(filters)
        if edge is not None:
            values.update(edge_at=edge.updated_at, edge_pk=edge.pk)
        direction = edge.direction if edge is not None else None
        return list_rows(_read(tuple(values), direction, size + 1).run(**values))

    return case_page_of(rows, token, size=size)
