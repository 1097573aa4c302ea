"""What the front doors read from the store besides the records themselves: honest counts, the documents' metadata,
an incident as GeoJSON."""
from __future__ import annotations

import sqlite3
from collections.abc import Callable, Mapping
from typing import Any

from .errors import QueryError
from .io.geojson import incident_collection
from .store import Database, EventFilter, reads
from .store.plan import select

COUNT_CAP = 100_000  # matches counted past a page: beyond, the count is a lower bound
ALL = 2**63 - 1  # SQLite's largest LIMIT


def count_events(db: Database, f: EventFilter, cap: int | None = None) -> tuple[int, bool]:
    """How many events match `f` (its limit and offset aside), counted up to `cap`: (count, exact)."""
    try:
        return reads.count(db.conn, select(db.conn, f), cap or COUNT_CAP)
    except sqlite3.OperationalError as exc:
        raise QueryError(f"bad query: {exc}") from exc


def count_incidents(db: Database, cap: int | None = None, **filters: Any) -> tuple[int, bool]:
    """How many incidents `Database.incidents` would list with these filters and no limit, up to `cap`."""
    cap = cap or COUNT_CAP
    n = len(db.incidents(limit=cap + 1, **filters))
    return min(n, cap), n <= cap


class Documents:
    """Documents' metadata (`reads.document_meta`) by id, each read once: a Writer's `documents`."""

    def __init__(self, db: Database):
        self.db = db
        self.known: dict[str, dict[str, Any] | None] = {}

    def __call__(self, doc_id: str) -> Mapping[str, Any] | None:
        if doc_id not in self.known:
            self.known[doc_id] = reads.document_meta(self.db.conn, [doc_id]).get(doc_id)
        return self.known[doc_id]


def incident_geojson(db: Database, incident_id: str) -> dict[str, Any] | None:
    """One incident as a GeoJSON FeatureCollection: its events with their source articles; None if unknown (an old
    id merged into another resolves to it)."""
    inc = db.incident(incident_id)
    if inc is None:
        return None
    records = list(db.events(EventFilter(incident=inc["id"], limit=ALL), incident=True))
    docs = Documents(db)
    return incident_collection(inc, records, {r["doc_id"]: docs(r["doc_id"]) or {} for r in records})


def cut_notice(noun: str, shown: int, offset: int, limit: int, count: Callable[[], tuple[int, bool]]) -> str | None:
    """What to say when a listing shows less than all that matches (cut by --limit or --offset), or nothing
    matches; None when it shows it all. `count()` gives (total, exact), called only when the page is full or
    offset."""
    if shown < limit and not offset:
        return None if shown else f"no {noun} match"
    total, exact = count()
    if exact and total == shown and not offset:
        return None
    of = f"{'at least ' if not exact else ''}{total:,}"
    if not offset:
        return f"showing {shown:,} of {of} {noun}; use --limit to see more"
    if shown:
        return f"showing {noun} {offset + 1:,} to {offset + shown:,} of {of}; use --limit and --offset to see others"
    return f"showing none of {of} {noun}: --offset {offset:,} is past the end"
