"""Reading records back: event rows with their documents and parts made whole again, and quotes."""
from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from .layout import EVENT_COLUMNS
from .plan import BATCH, Filter, Selection, contains, date_range, select
from .records import DocInfo, part_ids, unpack_event, unpack_quote

# the fields of a record that the document gives
DOC_FIELDS = frozenset({"evidence", "trigger", "lang", "published", "source"})

_EVENT = ", ".join(f"e.{c}" for c in EVENT_COLUMNS)


def chunks(ids: list[Any], size: int = BATCH) -> Iterator[list[Any]]:
    for i in range(0, len(ids), size):
        yield ids[i:i + size]


def marks(n: int) -> str:
    return ", ".join("?" * n)


def documents(conn: sqlite3.Connection, ids: Iterable[str]) -> dict[str, DocInfo]:
    """What the records of these documents take from them: text, language, publication date, source."""
    out = {}
    for chunk in chunks(sorted(set(ids))):
        for r in conn.execute(f"SELECT id, text, lang, published, source FROM documents WHERE id IN ({marks(len(chunk))})",
                              chunk):
            out[r[0]] = DocInfo(*r[1:])
    return out


DOCUMENT_META = ("id", "title", "source", "url", "lang", "published")


def document_meta(conn: sqlite3.Connection, ids: Iterable[str]) -> dict[str, dict[str, Any]]:
    """The metadata of these documents (id, title, outlet, url, language, date) by id; unknown ids are left out."""
    out = {}
    for chunk in chunks(sorted(set(ids))):
        for r in conn.execute(f"SELECT {', '.join(DOCUMENT_META)} FROM documents WHERE id IN ({marks(len(chunk))})",
                              chunk):
            out[r[0]] = dict(zip(DOCUMENT_META, r, strict=True))
    return out


def _parts(conn: sqlite3.Connection, ids: set[int]) -> dict[int, str]:
    out = {}
    for chunk in chunks(sorted(ids)):
        out.update(conn.execute(f"SELECT id, value FROM parts WHERE id IN ({marks(len(chunk))})", chunk).fetchall())
    return out


def _reader(parts: dict[int, str]) -> Callable[[int], Any]:
    """A part's value, a copy for each record (records share no dict a caller might change): parsed once, and
    copied as a dict when it is flat, as entities, places and weapons are, else parsed again."""
    parsed = {i: json.loads(v) for i, v in parts.items()}
    flat = {i for i, v in parsed.items() if isinstance(v, dict) and not any(isinstance(x, (dict, list))
                                                                             for x in v.values())}
    return lambda i: dict(parsed[i]) if i in flat else json.loads(parts[i])


def _shared(conn: sqlite3.Connection, ids: set[int], parts: dict[int, Any]) -> Callable[[int], Any]:
    """A part's value, parsed once and kept in `parts` (parts never change once stored)."""
    parts.update((i, json.loads(v)) for i, v in _parts(conn, ids - parts.keys()).items())
    return parts.__getitem__


def records(conn: sqlite3.Connection, rowids: list[int], *, incident: bool = False,
            only: frozenset[str] | None = None) -> list[dict[str, Any]]:
    """The event records of these rowids, in this order; `incident`: each with its incident id added; `only`:
    just these fields (the documents are read only when one of them comes from the document)."""
    return [rec for rec, _ in with_documents(conn, rowids, incident=incident, only=only)]


def with_documents(conn: sqlite3.Connection, rowids: list[int], *, incident: bool = False,
                   only: frozenset[str] | None = None, parts: dict[int, Any] | None = None
                   ) -> Iterator[tuple[dict[str, Any], DocInfo]]:
    """Each record of `records`, with what its document gives it. `parts`: parsed parts kept from one call to
    the next and shared by the records, for a caller that only reads them."""
    texts = only is None or bool(only & DOC_FIELDS)
    for chunk in chunks(rowids):
        sql = (f"SELECT e.rowid, {_EVENT}, ie.incident_id AS incident FROM events AS e LEFT JOIN incident_events AS ie "
               f"ON ie.event_id = e.id WHERE e.rowid IN ({marks(len(chunk))})") if incident else \
              f"SELECT e.rowid, {_EVENT} FROM events AS e WHERE e.rowid IN ({marks(len(chunk))})"
        rows = {r["rowid"]: r for r in conn.execute(sql, chunk)}
        fields = {rowid: json.loads(r["record"]) for rowid, r in rows.items()}
        docs = documents(conn, (r["doc_id"] for r in rows.values())) if texts else {}
        part = _reader(_parts(conn, {i for f in fields.values() for i in part_ids(f)})) if parts is None else \
            _shared(conn, {i for f in fields.values() for i in part_ids(f)}, parts)
        for rowid in chunk:
            r = rows[rowid]
            doc = docs.get(r["doc_id"], DocInfo(None))
            rec = unpack_event(r, doc, part, fields[rowid], only)
            if incident:
                rec["incident"] = r["incident"]
            yield rec, doc


def linked(conn: sqlite3.Connection, where: str, params: Iterable[Any], *, only: frozenset[str] | None = None,
           parts: dict[int, Any] | None = None) -> list[tuple[sqlite3.Row, dict[str, Any], DocInfo]]:
    """The `incident_events` rows that match `where` (on its columns, as `ie`), in arrival order, each with its
    event's record (`only` and `parts` as `with_documents` reads them) and what the record's document gives it."""
    rows = conn.execute(f"SELECT ie.rowid AS seq, ie.incident_id, ie.doc_id, ie.grp, ie.day, e.rowid AS event FROM "
                        f"incident_events AS ie JOIN events AS e ON e.id = ie.event_id WHERE {where} ORDER BY ie.rowid",
                        tuple(params)).fetchall()
    found = with_documents(conn, [r["event"] for r in rows], only=only, parts=parts)
    return [(row, rec, doc) for row, (rec, doc) in zip(rows, found, strict=True)]


# a record's place is a part ('@location'), or, in a record kept whole, its own field under '=' (`records`): read
# in one statement, as the part's id or the place's JSON, since unpacking 100,000 records would cost seconds
_POINTS = ("WITH s(d, r) AS ({selection}) SELECT e.id, e.type, e.factuality, coalesce(json_extract(e.record, "
           "'$.\"@location\"'), json_extract(e.record, '$.\"=\".location')) FROM s CROSS JOIN events AS e ON "
           "e.rowid = s.r ORDER BY s.d DESC, s.r")


def points(conn: sqlite3.Connection, s: Selection, limit: int) -> list[tuple[str, str, str, float, float]]:
    """(event id, type, factuality, lat, lon) of the selected events that have coordinates, newest first, at most
    `limit` of them (`s` made with `row=True`), lat and lon to 4 decimals (11 m)."""
    cursor = conn.cursor()
    cursor.row_factory = None  # plain tuples: a Row object a point would double the time
    rows = cursor.execute(_POINTS.format(selection=s.sql(extra="e.has_point = 1")), (*s.params, limit, 0)).fetchall()
    refs = {r[3] for r in rows}
    ids = sorted(x for x in refs if isinstance(x, int))
    values = dict(conn.execute("SELECT p.id, p.value FROM json_each(?) AS j CROSS JOIN parts AS p ON p.id = j.value",
                               (json.dumps(ids),)).fetchall()) if ids else {}
    values.update((x, x) for x in refs if isinstance(x, str))
    at = {ref: _lat_lon(value) for ref, value in values.items()}
    return [(r[0], r[1], r[2], *at[r[3]]) for r in rows]


def _lat_lon(value: str) -> tuple[float, float]:
    place = json.loads(value)
    return round(float(place["lat"]), 4), round(float(place["lon"]), 4)


def rowids(conn: sqlite3.Connection, s: Selection, *, sort: str = "-date", limit: int, offset: int = 0,
           extra: str = "") -> list[int]:
    if s.empty:
        return []
    return [r[1] for r in conn.execute(s.sql(sort=sort, extra=extra), (*s.params, limit, offset))]


def events(conn: sqlite3.Connection, f: Filter, *, sort: str = "-date", limit: int, offset: int = 0,
           incident: bool = False) -> Iterator[dict[str, Any]]:
    """Matching records in `sort` order, read a batch at a time."""
    s = select(conn, f)
    if s.empty:
        return
    cursor = conn.execute(s.sql(sort=sort), (*s.params, limit, offset))
    while batch := cursor.fetchmany(BATCH):
        yield from records(conn, [r[1] for r in batch], incident=incident)


STEPS_BETWEEN_CHECKS = 1000  # SQLite VM instructions between two looks at the clock


def count(conn: sqlite3.Connection, s: Selection, cap: int, extra: str = "", *, floor: int = 0,
          seconds: float | None = None) -> tuple[int, bool]:
    """How many events the selection holds, counted up to `cap`: (count, exact). With `seconds`, a count that
    takes longer stops there, and only `floor` + 1 events are counted (enough to tell whether a page follows):
    a bound, not a total. (A count of sparse matches reads many events for each: in a big store, two common
    filters that rarely meet would otherwise cost a page hundreds of milliseconds.)"""
    if s.empty:
        return 0, True
    try:
        n = _timed(conn, seconds, s.count_sql(extra), (*s.params, cap + 1))
    except sqlite3.OperationalError as exc:
        if "interrupt" not in str(exc):
            raise
        n = conn.execute(s.count_sql(extra), (*s.params, floor + 1)).fetchone()[0]
        return n, False
    return min(n, cap), n <= cap


def _timed(conn: sqlite3.Connection, seconds: float | None, sql: str, params: tuple[Any, ...]) -> int:
    """The count, interrupted once it has run `seconds`."""
    if seconds is None:
        return conn.execute(sql, params).fetchone()[0]
    deadline = time.perf_counter() + seconds
    conn.set_progress_handler(lambda: int(time.perf_counter() > deadline), STEPS_BETWEEN_CHECKS)
    try:
        return conn.execute(sql, params).fetchone()[0]
    finally:
        conn.set_progress_handler(None, 0)


def day_counts(conn: sqlite3.Connection, f: Filter) -> list[tuple[Any, str, int]]:
    """(date, type, events) of the matching events. Filtered by type and dates only (or not at all), they are
    counted from the type keys alone, an index read without touching an event."""
    if any((f.actor, f.country, f.factuality, f.text, f.claimant, f.incident)):
        s = select(conn, f)
        if s.empty:
            return []
        sql = f"SELECT date, type, count(*) FROM events WHERE rowid IN ({s.rowids_sql()}) GROUP BY date, type"
        return conn.execute(sql, s.params).fetchall()
    where, params = date_range(f, "date", keyed=True)
    where.insert(0, "key = ?" if f.type else "key >= 't:' AND key < 't;'")
    params[:0] = ["t:" + f.type.upper()] if f.type else []
    sql = (f"SELECT nullif(date, ''), substr(key, 3), count(*) FROM event_keys WHERE {' AND '.join(where)} "
           "GROUP BY key, date")
    return conn.execute(sql, params).fetchall()


_SPEAKER = ("(upper(json_extract(q.record, '$.speaker.code')) = upper(?) OR "
            "lower(json_extract(q.record, '$.speaker.name')) = lower(?) OR "
            "lower(json_extract(q.record, '$.speaker.text')) LIKE lower(?) ESCAPE '\\')")
# a quote's words are the document's between its offsets (unless the record gave others, kept in its JSON)
_WORDS = "coalesce(json_extract(q.record, '$.text'), substr(d.text, q.start + 1, q.\"end\" - q.start))"


def quotes(conn: sqlite3.Connection, *, speaker: str | None = None, text: str | None = None,
           doc_id: str | None = None, limit: int = 1000, offset: int = 0) -> Iterator[dict[str, Any]]:
    """Quote records, filtered by speaker (code, name or words of the mention), words, document."""
    where, params = [], []
    if speaker:
        where.append(_SPEAKER)
        params += [speaker, speaker, contains(speaker)]
    if text:
        where.append(f"lower({_WORDS}) LIKE lower(?) ESCAPE '\\'")
        params.append(contains(text))
    if doc_id:
        where.append("q.doc_id = ?")
        params.append(doc_id)
    sql = (f'SELECT q.id, q.doc_id, q.start, q."end", q.record, d.text, d.lang, d.published FROM quotes AS q '
           f"LEFT JOIN documents AS d ON d.id = q.doc_id WHERE {' AND '.join(where) or '1'} "
           "ORDER BY q.doc_id, q.start LIMIT ? OFFSET ?")
    for r in conn.execute(sql, (*params, limit, offset)):
        yield unpack_quote(r, DocInfo(r["text"], r["lang"], r["published"]))
