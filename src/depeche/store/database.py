"""The one class that owns the SQLite store: migrations, one transaction per document, queries."""
from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import QueryError, StoreError
from ..model import Document
from .incidents import IncidentStore
from .migrations import MIGRATIONS, apply
from .prepare import Prepared, prepare

BATCH = 64  # documents per commit inside `Database.batch`: a commit costs about as much as storing a document


@dataclass(frozen=True)
class EventFilter:
    """Filters for event queries; every value goes to SQL as a parameter."""

    type: str | None = None
    actor: str | None = None
    country: str | None = None
    since: str | None = None
    until: str | None = None
    factuality: str | None = None
    text: str | None = None
    claimant: str | None = None
    incident: str | None = None
    limit: int = 1000
    offset: int = 0


class Database(IncidentStore):
    """SQLite store. Writes go through `add_document`, one transaction per document (a savepoint in a batch)."""

    _batch_size = 0
    # (id, outcome, events) of the documents added since the last commit; a batch gives each its own list
    _pending: Sequence[tuple[str, str, int]] = ()

    def __init__(self, path: str | Path = ":memory:"):
        self.path = str(path)
        try:
            self.conn = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
            self.conn.row_factory = sqlite3.Row
            self.conn.execute("PRAGMA foreign_keys = ON")
            if self.path != ":memory:":
                self.conn.execute("PRAGMA journal_mode = WAL")
                self.conn.execute("PRAGMA synchronous = NORMAL")
                self.conn.execute("PRAGMA cache_size = -65536")  # 64 MB: the indexes of a big store stay in memory
                self.conn.execute("PRAGMA wal_autocheckpoint = 10000")  # fewer, larger checkpoints: pages written once
            self._migrate()
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"cannot open the database: {exc}; is it an SQLite file?", path=self.path) from exc

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Database:
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    def _migrate(self) -> None:
        self.conn.execute("CREATE TABLE IF NOT EXISTS migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL "
                          "DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')))")
        done = {r[0] for r in self.conn.execute("SELECT name FROM migrations")}
        for name, step in MIGRATIONS:
            if name in done:
                continue
            with self.transaction():
                apply(self.conn, step)
                self.conn.execute("INSERT INTO migrations(name) VALUES (?)", (name,))

    def migrations(self) -> list[str]:
        return [r[0] for r in self.conn.execute("SELECT name FROM migrations ORDER BY name")]

    class _Tx:
        """A transaction, or a savepoint when one is open already (a batch): all or nothing either way."""

        def __init__(self, conn: sqlite3.Connection):
            self.conn = conn
            self.nested = conn.in_transaction

        def __enter__(self) -> sqlite3.Connection:
            self.conn.execute("SAVEPOINT tx" if self.nested else "BEGIN IMMEDIATE")
            return self.conn

        def __exit__(self, exc_type: Any, *rest: Any) -> None:
            if not self.nested:
                if not exc_type:
                    self.conn.execute("COMMIT")
                elif self.conn.in_transaction:  # (SQLite may have rolled back already: disk full, I/O error)
                    self.conn.execute("ROLLBACK")
            elif self.conn.in_transaction:  # SQLite itself rolls the whole transaction back on some errors
                if exc_type:
                    self.conn.execute("ROLLBACK TO tx")
                self.conn.execute("RELEASE tx")

    def transaction(self) -> Database._Tx:
        return Database._Tx(self.conn)

    @contextmanager
    def batch(self, size: int = BATCH) -> Iterator[None]:
        """Documents added inside commit `size` at a time, each still all or nothing in its own savepoint; a
        process killed mid-batch loses the uncommitted documents whole (ingesting again adds them)."""
        self._batch_size, self._pending = size, []
        # each document's savepoint journal in memory: on disk it cost 200 writes (400 KB) a document. Only
        # while storing: queries keep their large sorts on disk
        self.conn.execute("PRAGMA temp_store = MEMORY")
        try:
            yield
        finally:
            self._batch_size = 0
            try:
                self._commit_batch()
            finally:
                self.conn.execute("PRAGMA temp_store = DEFAULT")

    def _commit_batch(self, current: str | None = None) -> None:
        """Commit the batch; if that fails, raise with the documents it took with it (`current`: the one being
        stored, which is reported as failed)."""
        pending, self._pending = self._pending, []
        if not self.conn.in_transaction:
            return
        try:
            self.conn.execute("COMMIT")
        except sqlite3.DatabaseError as exc:  # disk full, I/O error: what the batch held is not stored
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            self._reset_index()
            what = f"could not store document {current!r}" if current else "could not commit the last documents"
            raise StoreError(f"{what}: {exc}{_lost_message(pending)}", path=self.path, lost=pending) from exc

    def _lost_batch(self) -> Sequence[tuple[str, str, int]]:
        """After a failure: SQLite rolls the whole transaction back on some errors (disk full, I/O error)."""
        if not (self._batch_size and self._pending and not self.conn.in_transaction):
            return ()
        lost, self._pending = self._pending, []
        return lost

    def _open_batch(self) -> None:
        if self._batch_size and not self.conn.in_transaction:
            self.conn.execute("BEGIN IMMEDIATE")

    def has_hash(self, digest: str) -> bool:
        return self.conn.execute("SELECT 1 FROM documents WHERE content_hash = ?", (digest,)).fetchone() is not None

    def add_document(self, doc: Document, records: list[dict[str, Any]], quotes: Sequence[dict[str, Any]] = ()) -> str:
        """Store a document, its events and quotes atomically. Returns 'added', 'updated' or 'unchanged'."""
        return self.add_prepared(prepare(doc, records, quotes))

    def add_prepared(self, p: Prepared) -> str:
        """`add_document` from what `prepare` made of the document (in an extraction worker, say)."""
        if self.has_hash(p.digest):
            return "unchanged"
        try:
            self._open_batch()
            with self.transaction() as conn:
                touched = self._incidents_of_doc(conn, p.id)
                existed = conn.execute("DELETE FROM documents WHERE id = ?", (p.id,)).rowcount > 0
                if existed:
                    self._reset_index()  # the replaced document's reports are gone from the tables
                conn.execute("INSERT INTO documents(id, content_hash, title, source, url, lang, published, path, text, "
                             "fingerprint, sketch) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", p.row)
                self._insert_events(conn, p)
                touched |= self._link_events(conn, p)
                self._mark_dirty(conn, touched)
            outcome = "updated" if existed else "added"
            if self._batch_size and len(self._pending) + 1 >= self._batch_size:
                self._commit_batch(p.id)
            elif self._batch_size:
                self._pending.append((p.id, outcome, len(p.events)))
        except sqlite3.DatabaseError as exc:
            self._reset_index()
            lost = self._lost_batch()
            raise StoreError(f"could not store document {p.id!r}: {exc}{_lost_message(lost)}", path=self.path,
                             lost=lost) from exc
        except BaseException:
            self._reset_index()  # the transaction rolled back: the index may hold what was not stored
            raise
        return outcome

    def _insert_events(self, conn: sqlite3.Connection, p: Prepared) -> None:
        """The document's events, their actors, recipients and claimants, and its quotes."""
        conn.executemany(
            "INSERT INTO events(id, doc_id, type, mode, date, date_source, factuality, claimant_code, claimant_sector, "
            "claimant_text, location_name, location_country, lat, lon, evidence_start, evidence_end, evidence_text, "
            "record) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", p.events)
        conn.executemany("INSERT INTO event_entities(event_id, role, code, sector, text, name, qid) "
                         "VALUES (?, ?, ?, ?, ?, ?, ?)", p.entities)
        conn.executemany('INSERT INTO quotes(id, doc_id, speaker_code, speaker_sector, speaker_text, speaker_name, '
                         'verb, text, start, "end", record) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)', p.quotes)

    def quotes(self, *, speaker: str | None = None, text: str | None = None, doc_id: str | None = None,
               limit: int = 1000, offset: int = 0) -> Iterator[dict[str, Any]]:
        """Quote records, filtered by speaker (code, name or words of the mention), words, document."""
        where, params = [], []
        if speaker:
            where.append("(upper(speaker_code) = upper(?) OR lower(speaker_name) = lower(?) OR "
                         "lower(speaker_text) LIKE lower(?))")
            params += [speaker, speaker, f"%{speaker}%"]
        if text:
            where.append("lower(text) LIKE lower(?)")
            params.append(f"%{text}%")
        if doc_id:
            where.append("doc_id = ?")
            params.append(doc_id)
        sql = f"SELECT record FROM quotes WHERE {' AND '.join(where) or '1'} ORDER BY doc_id, start LIMIT ? OFFSET ?"
        for row in self.conn.execute(sql, (*params, limit, offset)):
            yield json.loads(row[0])

    def counts(self) -> dict[str, int]:
        return {t: self.conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in ("documents", "events", "quotes")}

    def events(self, f: EventFilter = EventFilter()) -> Iterator[dict[str, Any]]:
        """Event records matching the filter, newest date first."""
        where, params = _where(f)
        sql = (f"SELECT record FROM events e WHERE {' AND '.join(where) or '1'} "
               "ORDER BY e.date IS NULL, e.date DESC, e.id LIMIT ? OFFSET ?")
        try:
            for row in self.conn.execute(sql, (*params, f.limit, f.offset)):
                yield json.loads(row[0])
        except sqlite3.OperationalError as exc:
            raise QueryError(f"bad query: {exc}") from exc

    def search_documents(self, query: str, limit: int = 20) -> list[dict[str, Any]]:
        sql = ("SELECT d.id, d.title, snippet(documents_fts, 1, '[', ']', '…', 12) AS snippet FROM documents_fts "
               "JOIN documents d ON d.rowid = documents_fts.rowid WHERE documents_fts MATCH ? ORDER BY rank LIMIT ?")
        try:
            return [dict(r) for r in self.conn.execute(sql, (_fts_query(query), limit))]
        except sqlite3.OperationalError as exc:
            raise QueryError(f"bad search {query!r}: {exc}") from exc


def _fts_query(text: str) -> str:
    """Quote each word so user text is never read as FTS syntax."""
    return " ".join('"' + w.replace('"', '""') + '"' for w in text.split())


def _where(f: EventFilter) -> tuple[list[str], list[Any]]:
    where: list[str] = []
    params: list[Any] = []
    if f.type:
        where.append("e.type = ?")
        params.append(f.type.upper())
    if f.factuality:
        where.append("e.factuality = ?")
        params.append(f.factuality.lower())
    if f.since:
        where.append("e.date >= ?")
        params.append(f.since)
    if f.until:
        where.append("substr(e.date, 1, length(?)) <= ?")
        params += [f.until, f.until]
    for role, value in (("actor", f.actor), ("claimant", f.claimant)):
        if value:  # a code, a canonical name, or words of the mention
            where.append("e.id IN (SELECT event_id FROM event_entities WHERE role = ? AND "
                         "(upper(code) = upper(?) OR lower(name) = lower(?) OR lower(text) LIKE lower(?)))")
            params += [role, value, value, f"%{value}%"]
    if f.incident:  # an old id merged into another resolves to it
        where.append("e.id IN (SELECT event_id FROM incident_events WHERE incident_id = "
                     "coalesce((SELECT new_id FROM incident_aliases WHERE old_id = ?), ?))")
        params += [f.incident, f.incident]
    if f.country:
        where.append("(e.location_country = upper(?) OR e.id IN (SELECT event_id FROM event_entities WHERE "
                     "role IN ('actor', 'recipient') AND code = upper(?)))")
        params += [f.country, f.country]
    if f.text:
        where.append("(e.evidence_text LIKE ? OR e.doc_id IN (SELECT d.id FROM documents_fts JOIN documents d ON "
                      "d.rowid = documents_fts.rowid WHERE documents_fts MATCH ?))")
        params += [f"%{f.text}%", _fts_query(f.text)]
    return where, params


def _lost_message(lost: Sequence[tuple[str, str, int]]) -> str:
    if not lost:
        return ""
    ids = ", ".join(repr(doc_id) for doc_id, _, _ in lost[:5]) + (f" and {len(lost) - 5} more" if len(lost) > 5 else "")
    return (f"; the {len(lost)} documents stored since the last commit were rolled back with it ({ids}): "
            "ingest them again once the cause is fixed")
