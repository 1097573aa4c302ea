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

MAP_LIMIT = 200_000  # points on one map: past this, the newest are drawn and the page says so
COUNT_CAP = 10_000  # matches counted past a page: beyond, `total` is a lower bound (`total_exact` false)
COUNT_SECONDS = 0.04  # and a count that takes longer stops: `total` is then what the page shows (plus one if more)


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
    total, exact = _guard(reads.count, db.conn, s, max(COUNT_CAP, offset + limit + 1), floor=offset + limit,
                          seconds=COUNT_SECONDS)
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
    """The filtered events with coordinates (the newest MAP_LIMIT), as parallel arrays; how many events match
    (counted up to MAP_LIMIT), and how many of them have no coordinates (null when the count stopped there)."""
    s = _guard(select, db.conn, f, row=True)
    rows = [] if s.empty else _guard(reads.points, db.conn, s, MAP_LIMIT + 1)  # one more: are there more?
    truncated, rows = len(rows) > MAP_LIMIT, rows[:MAP_LIMIT]
    total, exact = _guard(reads.count, db.conn, _guard(select, db.conn, f), MAP_LIMIT)
    return {"total": total, "total_exact": exact, "placed": len(rows), "without_place": total - len(rows) if exact else None,
            "truncated": truncated, "limit": MAP_LIMIT, **_columns(rows)}


def _columns(rows: list[tuple[Any, ...]]) -> dict[str, Any]:
    """(id, type, factuality, lat, lon) rows as one array a field: types and factualities as indexes into their
    lists, which a hundred thousand repeated names would cost megabytes more."""
    types, facts = sorted({r[1] for r in rows}), sorted({r[2] for r in rows})
    index_t, index_f = {t: i for i, t in enumerate(types)}, {v: i for i, v in enumerate(facts)}
    points = {"event_id": [r[0] for r in rows], "lat": [r[3] for r in rows], "lon": [r[4] for r in rows],
              "type": [index_t[r[1]] for r in rows], "factuality": [index_f[r[2]] for r in rows]}
    return {"types": types, "factualities": facts, "points": points}


TOP_TYPES = 6  # series a reader can tell apart by colour; the rarer types are summed as "other"
DAY_SPAN, WEEK_SPAN = 92, 731  # the widest spans (in days) drawn by day, by week: some 100 bars at most


def auto_bucket(first: str, last: str) -> str:
    """Day, week or month: the narrowest bar that keeps the span of the data to about a hundred bars."""
    span = (dt.date.fromisoformat(last) - dt.date.fromisoformat(first)).days + 1
    return "day" if span <= DAY_SPAN else "week" if span <= WEEK_SPAN else "month"


def _bucket(day: str, width: str) -> tuple[str, str]:
    """The first and last days of the bar (of `width`) that holds `day`."""
    d = dt.date.fromisoformat(day)
    if width == "month":
        start = d.replace(day=1)
        return start.isoformat(), ((start + dt.timedelta(days=31)).replace(day=1) - dt.timedelta(days=1)).isoformat()
    if width == "week":  # weeks start on Monday
        start = d - dt.timedelta(days=d.weekday())
        return start.isoformat(), (start + dt.timedelta(days=6)).isoformat()
    return day, day


def _top_types(totals: Counter[str]) -> list[str]:
    """The most frequent types, by count then name; all of them when only one more would be left over."""
    ranked = sorted(totals, key=lambda t: (-totals[t], t))
    return ranked if len(ranked) <= TOP_TYPES + 1 else ranked[:TOP_TYPES]


def timeline(db: Database, f: EventFilters, bucket: str = "auto") -> dict[str, Any]:
    """Event counts by bar (day, week or month; `auto` picks it from the span of the dates) and type, the rarer
    types summed as "other"; events dated only to a month or year are counted apart. Each bar has its first
    (`date`) and last (`end`) day, so that it can be opened as a since/until filter."""
    days: dict[str, Counter[str]] = {}
    imprecise = 0
    for date, etype, n in _guard(reads.day_counts, db.conn, f):
        if not date or len(date) != 10:
            imprecise += n
            continue
        days.setdefault(date, Counter())[etype] += n
    width = bucket
    if bucket == "auto":
        width = auto_bucket(min(days), max(days)) if days else "day"
    totals = sum(days.values(), Counter())
    top = _top_types(totals)
    bars: dict[tuple[str, str], Counter[str]] = {}
    for day, counts in days.items():
        bar = bars.setdefault(_bucket(day, width), Counter())
        for etype, n in counts.items():
            bar[etype if etype in top else "other"] += n
    series = [{"date": start, "end": end, "counts": dict(sorted(v.items(), key=lambda kv: _rank(kv[0], top))),
               "total": sum(v.values())} for (start, end), v in sorted(bars.items())]
    types = top + (["other"] if len(top) < len(totals) else [])
    return {"bucket": width, "bucket_requested": bucket, "series": series, "types": types,
            "type_totals": {t: totals[t] for t in sorted(totals, key=lambda t: (-totals[t], t))},
            "first": min(days, default=None), "last": max(days, default=None), "imprecise_or_undated": imprecise}


def _rank(etype: str, top: list[str]) -> int:
    return top.index(etype) if etype in top else len(top)


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
    return _guard(reads.document_meta, db.conn, [doc_id]).get(doc_id)
