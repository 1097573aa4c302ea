"""Named, ordered schema migrations; each runs once, in one transaction with its record in the `migrations`
table. A migration is SQL, or a function of the connection when it must rewrite data SQL cannot (JSON)."""
from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterator

from ..errors import StoreError
from ..link.dispute import fold, pack_sketch
from .layout import INSERT_EVENT, INSERT_QUOTE, keys_sql, part_id
from .records import DocInfo, Parts, bind, compact, pack_event, pack_quote
from .views import refresh

Step = str | Callable[[sqlite3.Connection], None]

# How 004_incident_blocking stored a report in `incident_events.report`: a JSON array of these fields, in
# this order. Frozen here, as the rows written then are, whatever `Report` becomes.
_POSITIONAL_004 = ("event_id", "doc_id", "type", "date", "day_precise", "place", "place_country", "place_precise",
                   "place_level", "origin_country", "actors", "recipients", "entities", "words", "point",
                   "region_code")
_CHUNK = 10_000  # rows rewritten at a time: a big store's reports need not all be in memory at once


def _named_reports(conn: sqlite3.Connection) -> None:
    """Rewrite each positional report as the JSON object `report_record` writes now, value for value (the
    stored values are kept rather than recomputed, so the store links new reports as it did). Rows keep their
    rowid, which is the arrival order linking reads them in."""
    last = 0
    while rows := conn.execute("SELECT rowid, report FROM incident_events WHERE rowid > ? AND report LIKE '[%' "
                               "ORDER BY rowid LIMIT ?", (last, _CHUNK)).fetchall():
        conn.executemany("UPDATE incident_events SET report = ? WHERE rowid = ?",
                         [(_named(rowid, text), rowid) for rowid, text in rows])
        last = rows[-1][0]


def _named(rowid: int, text: str) -> str:
    try:  # strict: an array of another length is no report of 004, and is better refused than misread
        return json.dumps(dict(zip(_POSITIONAL_004, json.loads(text), strict=True)), ensure_ascii=False)
    except ValueError as exc:  # the whole migration rolls back: the store stays as it was
        raise StoreError(f"cannot name the fields of the report in row {rowid} of incident_events ({exc}): "
                         f"{text[:200]}") from exc


# 006_lean_store: events and quotes without text stored twice (spans as offsets into the document, entities,
# places and weapons once in `parts`), `event_entities` a view over them
_LEAN_EVENTS = """CREATE TABLE events_lean (
    rowid INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    type TEXT NOT NULL, date TEXT, factuality TEXT NOT NULL, has_point INTEGER NOT NULL DEFAULT 0,
    evidence_start INTEGER NOT NULL, evidence_end INTEGER NOT NULL, trigger_start INTEGER, trigger_end INTEGER,
    record TEXT NOT NULL
)"""
_LEAN_QUOTES = """CREATE TABLE quotes_lean (
    id TEXT PRIMARY KEY,
    doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    start INTEGER NOT NULL, "end" INTEGER NOT NULL, record TEXT NOT NULL
)"""
_PARTS = """CREATE TABLE parts (
    id INTEGER PRIMARY KEY, kind TEXT NOT NULL, value TEXT NOT NULL, UNIQUE (kind, value)
)"""
_ENTITIES_VIEW = """CREATE VIEW event_entities(event_id, role, code, sector, text, name, qid) AS
WITH refs(event_id, role, part) AS (
    SELECT e.id, 'actor', j.value FROM events AS e, json_each(e.record, '$."@actor"') AS j
    UNION ALL SELECT e.id, 'recipient', j.value FROM events AS e, json_each(e.record, '$."@recipient"') AS j
    UNION ALL SELECT e.id, 'claimant', json_extract(e.record, '$."@claimant"') FROM events AS e)
SELECT r.event_id, r.role, json_extract(p.value, '$.code'), json_extract(p.value, '$.sector'),
       json_extract(p.value, '$.text'), json_extract(p.value, '$.name'), json_extract(p.value, '$.qid')
FROM refs AS r JOIN parts AS p ON p.id = r.part"""


def _lean_store(conn: sqlite3.Connection) -> None:
    """Rewrite events and quotes in the lean layout, row for row (an event keeps its rowid, so its place in the
    listing order). The old tables are dropped: with foreign keys on, dropping `events` would first delete every
    row of `incident_events` that refers to it, so this refuses to run then (`Database` turns them off)."""
    if conn.execute("PRAGMA foreign_keys").fetchone()[0]:
        raise StoreError("006_lean_store must run with foreign keys off (it rebuilds tables others refer to)")
    conn.execute(_PARTS)
    conn.execute(_LEAN_EVENTS)
    _copy_events(conn)
    conn.execute("DROP TABLE events")
    conn.execute("ALTER TABLE events_lean RENAME TO events")
    conn.execute("CREATE INDEX events_doc ON events(doc_id)")
    conn.execute("DROP TABLE event_entities")
    conn.execute(_ENTITIES_VIEW)
    conn.execute(_LEAN_QUOTES)
    _copy_quotes(conn)
    conn.execute("DROP TABLE quotes")
    conn.execute("ALTER TABLE quotes_lean RENAME TO quotes")
    conn.execute("CREATE INDEX quotes_doc ON quotes(doc_id)")


def _old_rows(conn: sqlite3.Connection, table: str) -> Iterator[list[tuple]]:
    """The rows of an old-layout table with their document, a chunk at a time, in rowid order."""
    last = 0
    while rows := conn.execute(f"SELECT t.rowid, t.record, d.text, d.lang, d.published, d.source FROM {table} AS t "
                               "LEFT JOIN documents AS d ON d.id = t.doc_id WHERE t.rowid > ? ORDER BY t.rowid "
                               "LIMIT ?", (last, _CHUNK)).fetchall():
        yield rows
        last = rows[-1][0]


def _copy_events(conn: sqlite3.Connection) -> None:
    ids: dict[tuple[str, str], int] = {}  # one transaction: an id found stays valid to its end
    insert = INSERT_EVENT.replace("events(", "events_lean(rowid, ").replace("VALUES (", "VALUES (?, ")
    for rows in _old_rows(conn, "events"):
        out = []
        for rowid, record, *doc in rows:
            parts = Parts()
            packed = pack_event(json.loads(record), DocInfo(*doc), parts)
            found = [ids[p] if p in ids else ids.setdefault(p, part_id(conn, *p)) for p in parts.items()]
            out.append((rowid, *packed[:-1], bind(packed.fields, found)))
        conn.executemany(insert, out)


def _copy_quotes(conn: sqlite3.Connection) -> None:
    insert = INSERT_QUOTE.replace("quotes(", "quotes_lean(")
    for rows in _old_rows(conn, "quotes"):
        conn.executemany(insert, [pack_quote(json.loads(record), DocInfo(*doc)) for _, record, *doc in rows])


def _query_indexes(conn: sqlite3.Connection) -> None:
    """007: the keys every filter of the listing reads in order (see `layout`), and the date order itself."""
    conn.execute("CREATE TABLE event_keys (key TEXT NOT NULL, date TEXT NOT NULL, event INTEGER NOT NULL, "
                 "PRIMARY KEY (key, date DESC, event)) WITHOUT ROWID")
    conn.execute(f"INSERT INTO event_keys(key, date, event) {keys_sql('1')}")
    conn.execute("CREATE INDEX events_date ON events(date DESC)")


def _lean_incidents(conn: sqlite3.Connection) -> None:
    """009: an incident keeps `fold`'s summary of its claims, not its whole dispute view, and a report is no
    longer stored beside its event: both are made again from the event's record. Sketches become 4 bytes a
    hash. Every summary is folded from the claims the old view holds, so no view is made anew."""
    conn.execute("ALTER TABLE incidents ADD COLUMN state TEXT")
    last = ""
    while rows := conn.execute("SELECT id, dispute FROM incidents WHERE id > ? AND dispute IS NOT NULL ORDER BY id "
                               "LIMIT ?", (last, _CHUNK // 10)).fetchall():
        conn.executemany("UPDATE incidents SET state = ? WHERE id = ?",
                         [(compact(fold(json.loads(view).get("reports", []))), i) for i, view in rows])
        last = rows[-1][0]
    last = 0
    while rows := conn.execute("SELECT rowid, sketch FROM documents WHERE rowid > ? AND typeof(sketch) = 'text' "
                               "ORDER BY rowid LIMIT ?", (last, _CHUNK)).fetchall():
        conn.executemany("UPDATE documents SET sketch = ? WHERE rowid = ?",
                         [(pack_sketch(json.loads(text)), rowid) for rowid, text in rows])
        last = rows[-1][0]
    # a view made before 008 has no groups of copies kept with it, which reading a view now needs: made anew
    unkept = {r[0] for r in conn.execute("SELECT id FROM incidents WHERE state IS NOT NULL AND source_groups IS NULL")}
    for table, column in (("incidents", "dispute"), ("incident_events", "report"), ("incident_events", "claim")):
        conn.execute(f"ALTER TABLE {table} DROP COLUMN {column}")
    refresh(conn, unkept)


TABLE = ("CREATE TABLE IF NOT EXISTS migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL "
         "DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')))")


def applied(conn: sqlite3.Connection) -> set[str]:
    """Names of the migrations the file has had (none when it has no `migrations` table yet). Reads only."""
    if conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'migrations'").fetchone() is None:
        return set()
    return {r[0] for r in conn.execute("SELECT name FROM migrations")}


def apply(conn: sqlite3.Connection, step: Step) -> None:
    """Run one migration on `conn` (inside the caller's transaction)."""
    if callable(step):
        step(conn)
        return
    for statement in _statements(step):
        conn.execute(statement)


def _statements(sql: str) -> list[str]:
    """Split a migration into statements, keeping trigger bodies whole."""
    out, buf = [], []
    for line in sql.strip().splitlines():
        buf.append(line)
        joined = "\n".join(buf).strip()
        trigger = joined.upper().startswith("CREATE TRIGGER")
        if joined.endswith(";") and (not trigger or joined.upper().endswith("END;")):
            out.append(joined)
            buf = []
    if "".join(buf).strip():
        out.append("\n".join(buf))
    return out


MIGRATIONS: list[tuple[str, Step]] = [
    ("001_documents_events", """
CREATE TABLE documents (
    rowid INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    content_hash TEXT NOT NULL,
    title TEXT, source TEXT, url TEXT, lang TEXT, published TEXT, path TEXT,
    text TEXT NOT NULL,
    ingested_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
CREATE TABLE events (
    id TEXT PRIMARY KEY,
    doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    type TEXT NOT NULL, mode TEXT, date TEXT, date_source TEXT, factuality TEXT NOT NULL,
    claimant_code TEXT, claimant_sector TEXT, claimant_text TEXT,
    location_name TEXT, location_country TEXT, lat REAL, lon REAL,
    evidence_start INTEGER NOT NULL, evidence_end INTEGER NOT NULL, evidence_text TEXT NOT NULL,
    record TEXT NOT NULL
);
CREATE INDEX events_doc ON events(doc_id);
CREATE INDEX events_type_date ON events(type, date);
CREATE TABLE event_entities (
    event_id TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    role TEXT NOT NULL CHECK (role IN ('actor', 'recipient', 'claimant')),
    code TEXT, sector TEXT, text TEXT, name TEXT, qid TEXT
);
CREATE INDEX event_entities_code ON event_entities(code, role);
CREATE INDEX event_entities_event ON event_entities(event_id);
CREATE VIRTUAL TABLE documents_fts USING fts5(
    title, text, content='documents', content_rowid='rowid', tokenize='unicode61 remove_diacritics 2'
);
CREATE TRIGGER documents_ai AFTER INSERT ON documents BEGIN
    INSERT INTO documents_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
END;
CREATE TRIGGER documents_ad AFTER DELETE ON documents BEGIN
    INSERT INTO documents_fts(documents_fts, rowid, title, text) VALUES ('delete', old.rowid, old.title, old.text);
END;
"""),
    ("002_quotes", """
CREATE TABLE quotes (
    id TEXT PRIMARY KEY,
    doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    speaker_code TEXT, speaker_sector TEXT, speaker_text TEXT, speaker_name TEXT, verb TEXT,
    text TEXT NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL, record TEXT NOT NULL
);
CREATE INDEX quotes_doc ON quotes(doc_id);
CREATE INDEX quotes_speaker ON quotes(speaker_code);
"""),
    ("003_incidents", """
CREATE TABLE incidents (
    id TEXT PRIMARY KEY,
    type TEXT NOT NULL, first_date TEXT, last_date TEXT, country TEXT,
    reports INTEGER NOT NULL DEFAULT 0, documents INTEGER NOT NULL DEFAULT 0, sources INTEGER NOT NULL DEFAULT 0,
    conflicts INTEGER NOT NULL DEFAULT 0, dispute TEXT,
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
CREATE TABLE incident_events (
    event_id TEXT PRIMARY KEY REFERENCES events(id) ON DELETE CASCADE,
    incident_id TEXT NOT NULL REFERENCES incidents(id)
);
CREATE INDEX incident_events_incident ON incident_events(incident_id);
CREATE TABLE incident_aliases (old_id TEXT PRIMARY KEY, new_id TEXT NOT NULL);
ALTER TABLE documents ADD COLUMN fingerprint TEXT;
"""),
    ("004_incident_blocking", """
ALTER TABLE incident_events ADD COLUMN grp TEXT;
ALTER TABLE incident_events ADD COLUMN day INTEGER;
ALTER TABLE incident_events ADD COLUMN doc_id TEXT;
ALTER TABLE incident_events ADD COLUMN report TEXT;
ALTER TABLE incident_events ADD COLUMN claim TEXT;
CREATE INDEX incident_events_block ON incident_events(grp, day);
ALTER TABLE incidents ADD COLUMN dirty INTEGER NOT NULL DEFAULT 0;
CREATE INDEX incidents_dirty ON incidents(dirty) WHERE dirty = 1;
ALTER TABLE documents ADD COLUMN sketch TEXT;
CREATE INDEX documents_hash ON documents(content_hash);
"""),
    # one shape per stored report: named JSON, never an array read back by position
    ("005_named_reports", _named_reports),
    ("006_lean_store", _lean_store),
    ("007_query_indexes", _query_indexes),
    # linking reads an incident's first and last days, and a merge repoints the aliases of the incident merged
    # away: both by index, not by a scan of tables that grow with the store. A dispute view is updated from the
    # reports after the last it holds (view_seq), its groups of copies kept with it (0: made anew)
    ("008_incident_windows", """
CREATE INDEX incident_events_span ON incident_events(incident_id, day);
DROP INDEX incident_events_incident;
CREATE INDEX incident_aliases_new ON incident_aliases(new_id);
ALTER TABLE incidents ADD COLUMN view_seq INTEGER NOT NULL DEFAULT 0;
ALTER TABLE incidents ADD COLUMN source_groups TEXT;
"""),
    ("009_lean_incidents", _lean_incidents),
    # the article's words indexed without their positions (a fifth of the size): a search is words anywhere in
    # the title or text, which is all `plan.fts_query` asks; snippets still show where they are
    ("010_fts_words", """
DROP TRIGGER documents_ai;
DROP TRIGGER documents_ad;
DROP TABLE documents_fts;
CREATE VIRTUAL TABLE documents_fts USING fts5(
    title, text, content='documents', content_rowid='rowid', tokenize='unicode61 remove_diacritics 2', detail='none'
);
INSERT INTO documents_fts(documents_fts) VALUES ('rebuild');
CREATE TRIGGER documents_ai AFTER INSERT ON documents BEGIN
    INSERT INTO documents_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
END;
CREATE TRIGGER documents_ad AFTER DELETE ON documents BEGIN
    INSERT INTO documents_fts(documents_fts, rowid, title, text) VALUES ('delete', old.rowid, old.title, old.text);
END;
"""),
]
