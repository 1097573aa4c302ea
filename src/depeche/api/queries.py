"""Read-side queries of the desk: pages of events, counts for the timeline, points for the map, documents."""
from __future__ import annotations

import datetime as dt
import sqlite3
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..errors import QueryError
from ..store import Database, reads
from ..store.plan import fts_query, select
from .params import EventFilters

MAP_LIMIT = 5000
POINT_FIELDS = frozenset({"event_id", "type", "date", "location", "factuality", "actor"})
COUNT_CAP = 10_000  # matches counted past a page: beyond, `total` is a lower bound (`total_exact` false)


class ReadOnlyDatabase(Database):
    """A read connection of its own for one request: WAL lets it read while the single writer commits."""

    def __init__(self, path: str | Path):
        super().__init__(path, readonly=True)

    def refresh_incidents(self) -> int:
        """A reader leaves dispute views to the writer, which refreshes them after every ingest."""
        return 0


def _run(db: Database, sql: str, params: list[Any]) -> list[sqlite3.Row]:
    try:
        return db.conn.execute(sql, params).fetchall()
    except sqlite3.OperationalError as exc:
        raise QueryError(f"bad query: {exc}") from exc


def _guard(fn: Any, *args: Any, **kw: Any) -> Any:
    try:
        return fn(*args, **kw)
    except sqlite3.OperationalError as exc:
        raise QueryError(f"bad query: {exc}") from exc


def event_page(db: Database, f: EventFilters, *, sort: str, limit: int, offset: int) -> dict[str, Any]:
    """One page of event records (each with its incident id) and how many match: exactly up to COUNT_CAP, or
    to just past this page when it lies deeper, so that a next page is announced whenever there is one."""
    s = _guard(select, db.conn, f)
    ids = _guard(reads.rowids, db.conn, s, sort=sort, limit=limit, offset=offset)
    total, exact = _guard(reads.count, db.conn, s, max(COUNT_CAP, offset + limit + 1))
    return {"total": total, "total_exact": exact, "limit": limit, "offset": offset, "sort": sort,
            "events": _guard(reads.records, db.conn, ids, incident=True)}


def iter_events(db: Database, f: EventFilters, *, sort: str, limit: int) -> Iterator[dict[str, Any]]:
    """Every matching record, for exports; read in batches so a large view is not held in memory at once."""
    try:
        yield from reads.events(db.conn, f, sort=sort, limit=limit)
    except sqlite3.OperationalError as exc:
        raise QueryError(f"bad query: {exc}") from exc


def event(db: Database, event_id: str) -> dict[str, Any] | None:
    rows = _run(db, "SELECT rowid FROM events WHERE id = ?", [event_id])
    return _guard(reads.records, db.conn, [rows[0][0]], incident=True)[0] if rows else None


def map_points(db: Database, f: EventFilters) -> dict[str, Any]:
    """Events with coordinates, as light points (newest first); how many events match, and how many of them
    have no place (null when the count stopped at COUNT_CAP)."""
    ids = _guard(reads.rowids, db.conn, _guard(select, db.conn, f, row=True), limit=MAP_LIMIT, extra="e.has_point = 1")
    total, exact = _guard(reads.count, db.conn, _guard(select, db.conn, f), COUNT_CAP)
    points = [_point(rec) for rec in _guard(reads.records, db.conn, ids, only=POINT_FIELDS)]
    return {"points": points, "total": total, "total_exact": exact,
            "without_place": total - len(points) if exact else None, "truncated": len(ids) == MAP_LIMIT}


def _point(rec: dict[str, Any]) -> dict[str, Any]:
    loc = rec["location"]
    actors = ",".join(a.get("code") or "?" for a in rec.get("actor") or [])
    return {"event_id": rec["event_id"], "type": rec["type"], "date": rec.get("date"), "lat": loc["lat"],
            "lon": loc["lon"], "place": loc.get("name"), "factuality": rec["factuality"], "actors": actors,
            "precision": loc.get("precision")}


def _bucket(day: str, width: str) -> str:
    if width == "month":
        return day[:7]
    if width == "week":  # weeks start on Monday
        d = dt.date.fromisoformat(day)
        return (d - dt.timedelta(days=d.weekday())).isoformat()
    return day


def timeline(db: Database, f: EventFilters, bucket: str) -> dict[str, Any]:
    """Event counts by day (or week, month) and type; events dated only to a month or year are counted apart."""
    counts: dict[str, Counter[str]] = {}
    imprecise = 0
    for date, etype, n in _guard(reads.day_counts, db.conn, f):
        if not date or len(date) != 10:
            imprecise += n
            continue
        counts.setdefault(_bucket(date, bucket), Counter())[etype] += n
    series = [{"date": k, "counts": dict(sorted(v.items())), "total": sum(v.values())} for k, v in sorted(counts.items())]
    types = sorted({t for v in counts.values() for t in v})
    return {"bucket": bucket, "series": series, "types": types, "imprecise_or_undated": imprecise}


def documents(db: Database, *, q: str | None, limit: int, offset: int) -> dict[str, Any]:
    """Stored articles, newest first, or those matching a full-text search, with their event counts."""
    base = ("SELECT d.id, d.title, d.source, d.published, d.lang, (SELECT count(*) FROM events e WHERE "
            "e.doc_id = d.id) AS events FROM documents d")
    if q:
        rows = _run(db, f"{base} JOIN documents_fts ON documents_fts.rowid = d.rowid WHERE documents_fts MATCH ? "
                        f"ORDER BY rank LIMIT ? OFFSET ?", [fts_query(q), limit, offset])
        total = _run(db, "SELECT count(*) FROM documents_fts WHERE documents_fts MATCH ?", [fts_query(q)])[0][0]
    else:
        rows = _run(db, f"{base} ORDER BY d.published IS NULL, d.published DESC, d.id LIMIT ? OFFSET ?",
                    [limit, offset])
        total = _run(db, "SELECT count(*) FROM documents", [])[0][0]
    return {"total": total, "limit": limit, "offset": offset, "q": q, "documents": [dict(r) for r in rows]}


def document(db: Database, doc_id: str) -> dict[str, Any] | None:
    """One stored article: metadata, text, its events (with incident ids) and quotes."""
    rows = _run(db, "SELECT id, title, source, url, lang, published, text, ingested_at FROM documents WHERE id = ?",
                [doc_id])
    if not rows:
        return None
    doc = dict(rows[0])
    ids = [r[0] for r in _run(db, "SELECT rowid FROM events WHERE doc_id = ? ORDER BY evidence_start, rowid", [doc_id])]
    doc["events"] = _guard(reads.records, db.conn, ids, incident=True)
    doc["quotes"] = list(db.quotes(doc_id=doc_id))
    return doc


def document_meta(db: Database, doc_id: str) -> dict[str, Any] | None:
    rows = _run(db, "SELECT id, title, source, url, lang, published FROM documents WHERE id = ?", [doc_id])
    return dict(rows[0]) if rows else None
