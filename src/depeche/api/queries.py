"""Read-side queries of the desk: pages of events, counts for the timeline, points for the map, documents."""
from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..errors import QueryError
from ..store import Database, EventFilter
from ..store.database import _fts_query, _where
from .params import EventFilters

ORDER = {"date": "e.date IS NULL, e.date {dir}, e.id", "type": "e.type {dir}, e.date DESC, e.id",
         "doc": "e.doc_id {dir}, e.evidence_start, e.id", "factuality": "e.factuality {dir}, e.date DESC, e.id"}
MAP_LIMIT = 5000


class ReadOnlyDatabase(Database):
    """A read connection of its own for one request: WAL lets it read while the single writer commits."""

    def __init__(self, path: str | Path):
        super().__init__(path, readonly=True)

    def refresh_incidents(self) -> int:
        """A reader leaves dispute views to the writer, which refreshes them after every ingest."""
        return 0


def clauses(f: EventFilters) -> tuple[str, list[Any]]:
    """The WHERE clause of a filter: the store's own filters (who says so and which incident among them)."""
    where, params = _where(EventFilter(type=f.type, actor=f.actor, country=f.country, since=f.since, until=f.until,
                                       factuality=f.factuality, text=f.text, claimant=f.claimant, incident=f.incident))
    return " AND ".join(where) or "1", params


def order_by(sort: str) -> str:
    key = sort.lstrip("-")
    return ORDER[key].format(dir="DESC" if sort.startswith("-") else "ASC")


def _run(db: Database, sql: str, params: list[Any]) -> list[sqlite3.Row]:
    try:
        return db.conn.execute(sql, params).fetchall()
    except sqlite3.OperationalError as exc:
        raise QueryError(f"bad query: {exc}") from exc


def _records(rows: list[sqlite3.Row]) -> list[dict[str, Any]]:
    return [{**json.loads(r["record"]), "incident": r["incident"]} for r in rows]


SELECT = ("SELECT e.record, ie.incident_id AS incident FROM events e "
          "LEFT JOIN incident_events ie ON ie.event_id = e.id")


def event_page(db: Database, f: EventFilters, *, sort: str, limit: int, offset: int) -> dict[str, Any]:
    """One page of event records (each with its incident id) and how many match in all."""
    where, params = clauses(f)
    total = _run(db, f"SELECT count(*) FROM events e WHERE {where}", params)[0][0]
    rows = _run(db, f"{SELECT} WHERE {where} ORDER BY {order_by(sort)} LIMIT ? OFFSET ?", [*params, limit, offset])
    return {"total": total, "limit": limit, "offset": offset, "sort": sort, "events": _records(rows)}


def iter_events(db: Database, f: EventFilters, *, sort: str, limit: int) -> Iterator[dict[str, Any]]:
    """Every matching record, for exports; read in batches so a large view is not held in memory at once."""
    where, params = clauses(f)
    sql = f"SELECT e.record FROM events e WHERE {where} ORDER BY {order_by(sort)} LIMIT ?"
    try:
        cursor = db.conn.execute(sql, [*params, limit])
        while batch := cursor.fetchmany(500):
            yield from (json.loads(r[0]) for r in batch)
    except sqlite3.OperationalError as exc:
        raise QueryError(f"bad query: {exc}") from exc


def event(db: Database, event_id: str) -> dict[str, Any] | None:
    rows = _run(db, f"{SELECT} WHERE e.id = ?", [event_id])
    return _records(rows)[0] if rows else None


def map_points(db: Database, f: EventFilters) -> dict[str, Any]:
    """Events with coordinates, as light points; the count of matching events without a place."""
    where, params = clauses(f)
    rows = _run(db, f"SELECT e.record FROM events e WHERE {where} AND e.lat IS NOT NULL AND e.lon IS NOT NULL "
                    f"ORDER BY e.date DESC, e.id LIMIT ?", [*params, MAP_LIMIT])
    total = _run(db, f"SELECT count(*) FROM events e WHERE {where}", params)[0][0]
    points = [_point(json.loads(r[0])) for r in rows]
    return {"points": points, "total": total, "without_place": total - len(points), "truncated": len(rows) == MAP_LIMIT}


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
    where, params = clauses(f)
    rows = _run(db, f"SELECT e.date AS date, e.type AS type, count(*) AS n FROM events e WHERE {where} "
                    f"GROUP BY e.date, e.type", params)
    counts: dict[str, Counter[str]] = {}
    imprecise = 0
    for r in rows:
        if not r["date"] or len(r["date"]) != 10:
            imprecise += r["n"]
            continue
        counts.setdefault(_bucket(r["date"], bucket), Counter())[r["type"]] += r["n"]
    series = [{"date": k, "counts": dict(sorted(v.items())), "total": sum(v.values())} for k, v in sorted(counts.items())]
    types = sorted({t for v in counts.values() for t in v})
    return {"bucket": bucket, "series": series, "types": types, "imprecise_or_undated": imprecise}


def documents(db: Database, *, q: str | None, limit: int, offset: int) -> dict[str, Any]:
    """Stored articles, newest first, or those matching a full-text search, with their event counts."""
    base = ("SELECT d.id, d.title, d.source, d.published, d.lang, (SELECT count(*) FROM events e WHERE "
            "e.doc_id = d.id) AS events FROM documents d")
    if q:
        rows = _run(db, f"{base} JOIN documents_fts ON documents_fts.rowid = d.rowid WHERE documents_fts MATCH ? "
                        f"ORDER BY rank LIMIT ? OFFSET ?", [_fts_query(q), limit, offset])
        total = _run(db, "SELECT count(*) FROM documents_fts WHERE documents_fts MATCH ?", [_fts_query(q)])[0][0]
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
    events = _run(db, f"{SELECT} WHERE e.doc_id = ? ORDER BY e.evidence_start, e.id", [doc_id])
    doc["events"] = _records(events)
    doc["quotes"] = list(db.quotes(doc_id=doc_id))
    return doc


def document_meta(db: Database, doc_id: str) -> dict[str, Any] | None:
    rows = _run(db, "SELECT id, title, source, url, lang, published FROM documents WHERE id = ?", [doc_id])
    return dict(rows[0]) if rows else None
