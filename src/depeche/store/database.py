"""The one class that owns the SQLite store: migrations, one transaction per document, queries."""
from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote

from ..errors import QueryError, StoreError
from ..model import Document
from .incidents import IncidentStore
from .migrations import MIGRATIONS, applied, apply
from .migrations import TABLE as MIGRATIONS_TABLE
from .prepare import Prepared, prepare

BUSY_TIMEOUT = 30.0  # seconds a writer waits for another to let go of the file before giving up


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
    """SQLite store. Writes go through `add_document`, one committed transaction per document."""

    def __init__(self, path: str | Path = ":memory:", *, readonly: bool = False):
        self.path = str(path)
        try:
            if readonly:  # never creates the file, never migrates: a reader cannot change what it reads
                uri = f"file:{quote(str(Path(path).resolve()))}?mode=ro"
                self.conn = sqlite3.connect(uri, uri=True, isolation_level=None, check_same_thread=False)
            else:
                self.conn = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
            self.conn.row_factory = sqlite3.Row
            self.conn.execute("PRAGMA foreign_keys = ON")
            if readonly:
                return
            self.conn.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT * 1000)}")  # another writer: wait for it
            if self.path != ":memory:":
                self._file_pragmas()
            self._migrate()
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"cannot open the database: {exc}; is it an SQLite file?", path=self.path) from exc

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Database:
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    def _file_pragmas(self) -> None:
        """WAL: readers never wait for the writer. synchronous NORMAL: in WAL mode a commit is durable against a
        crash of the process (SIGKILL, OOM), but not against a power cut or OS crash, which may undo the commits
        since the last checkpoint (never half a document: the file stays consistent). FULL would fsync the log
        at every commit."""
        self._locked_retry("PRAGMA journal_mode = WAL")
        self.conn.execute("PRAGMA synchronous = NORMAL")
        self.conn.execute("PRAGMA cache_size = -65536")  # 64 MB: the indexes of a big store stay in memory
        self.conn.execute("PRAGMA wal_autocheckpoint = 10000")  # fewer, larger checkpoints: pages written once

    def _locked_retry(self, sql: str) -> None:
        """Run `sql`, retrying while the file is locked: turning a new file to WAL needs it alone, and SQLite
        answers 'locked' at once there instead of waiting in the busy handler."""
        deadline = time.monotonic() + BUSY_TIMEOUT
        while True:
            try:
                self.conn.execute(sql)
                return
            except sqlite3.OperationalError as exc:
                if not _busy(exc):
                    raise
                if time.monotonic() > deadline:
                    raise self._lock_error(exc) from exc
                time.sleep(0.005)

    def _lock_error(self, exc: sqlite3.Error) -> StoreError:
        return StoreError(f"another process has held the database's write lock for over {BUSY_TIMEOUT:g} s ({exc}): "
                          "an ingest is running? Try again once it is done", path=self.path)

    def _migrate(self) -> None:
        """Apply the migrations the file lacks. Processes may open a new file together: each migration takes the
        write lock (BEGIN IMMEDIATE) and reads what is applied again under it, so one process applies it and the
        others, once the lock is theirs, find it done."""
        if applied(self.conn) >= {name for name, _ in MIGRATIONS}:  # read without the lock: no wait for a writer
            return
        for name, step in MIGRATIONS:
            try:
                with self.transaction() as conn:
                    conn.execute(MIGRATIONS_TABLE)
                    if name not in applied(conn):
                        apply(conn, step)
                        conn.execute("INSERT INTO migrations(name) VALUES (?)", (name,))
            except sqlite3.OperationalError as exc:
                if _busy(exc):
                    raise self._lock_error(exc) from exc
                raise

    def migrations(self) -> list[str]:
        return [r[0] for r in self.conn.execute("SELECT name FROM migrations ORDER BY name")]

    class _Tx:
        """A transaction, or a savepoint when the caller holds one open: all or nothing either way."""

        def __init__(self, conn: sqlite3.Connection):
            self.conn = conn
            self.nested = conn.in_transaction

        def __enter__(self) -> sqlite3.Connection:
            self.conn.execute("SAVEPOINT tx" if self.nested else "BEGIN IMMEDIATE")
            return self.conn

        def _commit(self) -> None:
            try:
                self.conn.execute("COMMIT")
            except sqlite3.DatabaseError:  # (disk full): a transaction left open would refuse the next BEGIN
                if self.conn.in_transaction:
                    self.conn.execute("ROLLBACK")
                raise

        def __exit__(self, exc_type: Any, *rest: Any) -> None:
            if not self.nested:
                if not exc_type:
                    self._commit()
                elif self.conn.in_transaction:  # (SQLite may have rolled back already: disk full, I/O error)
                    self.conn.execute("ROLLBACK")
            elif self.conn.in_transaction:  # SQLite itself rolls the whole transaction back on some errors
                if exc_type:
                    self.conn.execute("ROLLBACK TO tx")
                self.conn.execute("RELEASE tx")

    def transaction(self) -> Database._Tx:
        return Database._Tx(self.conn)

    @contextmanager
    def batch(self) -> Iterator[None]:
        """An ingest: documents added inside are each committed as they are stored, as outside, so that a
        process killed at any point loses at most the document in flight (ingesting again adds it)."""
        # each statement's rollback journal in memory: on disk it cost 200 writes (400 KB) a document. Only
        # while storing: queries keep their large sorts on disk
        self.conn.execute("PRAGMA temp_store = MEMORY")
        try:
            yield
        finally:
            self.conn.execute("PRAGMA temp_store = DEFAULT")

    def has_hash(self, digest: str) -> bool:
        return self.conn.execute("SELECT 1 FROM documents WHERE content_hash = ?", (digest,)).fetchone() is not None

    def add_document(self, doc: Document, records: list[dict[str, Any]], quotes: Sequence[dict[str, Any]] = ()) -> str:
        """Store a document, its events and quotes atomically. Returns 'added', 'updated' or 'unchanged'."""
        return self.add_prepared(prepare(doc, records, quotes))

    def add_prepared(self, p: Prepared) -> str:
        """`add_document` from what `prepare` made of the document (in an extraction worker, say). The document
        is committed when this returns, unless the caller holds a transaction open (then it is a savepoint)."""
        if self.has_hash(p.digest):  # read without the write lock: ingesting a stored corpus again never waits
            return "unchanged"
        try:
            with self.transaction() as conn:
                if self.has_hash(p.digest):  # another process stored it meanwhile: checked again under the lock
                    return "unchanged"
                touched = self._incidents_of_doc(conn, p.id)
                existed = conn.execute("DELETE FROM documents WHERE id = ?", (p.id,)).rowcount > 0
                if existed:
                    self._reset_index()  # the replaced document's reports are gone from the tables
                conn.execute("INSERT INTO documents(id, content_hash, title, source, url, lang, published, path, text, "
                             "fingerprint, sketch) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", p.row)
                self._insert_events(conn, p)
                touched |= self._link_events(conn, p)
                self._mark_dirty(conn, touched)
        except sqlite3.DatabaseError as exc:  # disk full, I/O error, a lock held too long: this document only
            self._reset_index()
            raise StoreError(f"could not store document {p.id!r}: {exc}", path=self.path) from exc
        except BaseException:
            self._reset_index()  # the transaction rolled back: the index may hold what was not stored
            raise
        return "updated" if existed else "added"

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
                         "lower(speaker_text) LIKE lower(?) ESCAPE '\\')")
            params += [speaker, speaker, _contains(speaker)]
        if text:
            where.append("lower(text) LIKE lower(?) ESCAPE '\\'")
            params.append(_contains(text))
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


def _busy(exc: sqlite3.Error) -> bool:
    """SQLITE_BUSY: another connection holds the lock (its message is the same in every SQLite version)."""
    return "database is locked" in str(exc)


def _fts_query(text: str) -> str:
    """Quote each word so user text is never read as FTS syntax."""
    return " ".join('"' + w.replace('"', '""') + '"' for w in text.split())


def _contains(text: str) -> str:
    """A LIKE pattern for text anywhere in a value: the user's '%' and '_' are characters, not wildcards."""
    return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


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
                         "(upper(code) = upper(?) OR lower(name) = lower(?) OR lower(text) LIKE lower(?) ESCAPE '\\'))")
            params += [role, value, value, _contains(value)]
    if f.incident:  # an old id merged into another resolves to it
        where.append("e.id IN (SELECT event_id FROM incident_events WHERE incident_id = "
                     "coalesce((SELECT new_id FROM incident_aliases WHERE old_id = ?), ?))")
        params += [f.incident, f.incident]
    if f.country:
        where.append("(e.location_country = upper(?) OR e.id IN (SELECT event_id FROM event_entities WHERE "
                     "role IN ('actor', 'recipient') AND code = upper(?)))")
        params += [f.country, f.country]
    if f.text:
        where.append("(e.evidence_text LIKE ? ESCAPE '\\' OR e.doc_id IN (SELECT d.id FROM documents_fts JOIN documents d "
                     "ON d.rowid = documents_fts.rowid WHERE documents_fts MATCH ?))")
        params += [_contains(f.text), _fts_query(f.text)]
    return where, params
