"""Named, ordered schema migrations; each runs once, in one transaction with its record in the `migrations`
table. A migration is SQL, or a function of the connection when it must rewrite data SQL cannot (JSON)."""
from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable

from ..errors import StoreError

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
]
