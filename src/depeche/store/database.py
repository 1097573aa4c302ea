"""The one class that owns the SQLite store: migrations, one transaction per document, queries."""
from __future__ import annotations

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
from . import reads
from .incidents import IncidentStore
from .layout import INSERT_EVENT, INSERT_QUOTE, KEYS_OF_DOC, part_ids
from .migrations import MIGRATIONS, applied, apply
from .migrations import TABLE as MIGRATIONS_TABLE
from .plan import fts_query
from .prepare import Prepared, prepare
from .records import bind

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
        # 8 KB pages: an article of 2 KB or more fills a 4 KB page alone, half of it empty (a no-op once the file
        # has tables: an older store keeps its pages until a VACUUM)
        self.conn.execute("PRAGMA page_size = 8192")
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
        # a migration that rebuilds a table drops the old one: with foreign keys on, that would first delete the
        # rows of other tables that refer to it (ON DELETE CASCADE). The switch only works between transactions
        self.conn.execute("PRAGMA foreign_keys = OFF")
        try:
            for name, step in MIGRATIONS:
                self._apply(name, step)
        finally:
            self.conn.execute("PRAGMA foreign_keys = ON")

    def _apply(self, name: str, step: Any) -> None:
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
                existed = self._delete_document(conn, p.id)
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

    def _delete_document(self, conn: sqlite3.Connection, doc_id: str) -> bool:
        """Delete a document (its events and quotes go with it) and its events' keys, found from the events
        themselves, as they were written: the keys have no index by event. True when there was one."""
        if conn.execute("SELECT 1 FROM events WHERE doc_id = ? LIMIT 1", (doc_id,)).fetchone():  # (a new one has none)
            conn.execute(f"DELETE FROM event_keys WHERE (key, date, event) IN ({KEYS_OF_DOC})", (doc_id,))
        return conn.execute("DELETE FROM documents WHERE id = ?", (doc_id,)).rowcount > 0

    def _insert_events(self, conn: sqlite3.Connection, p: Prepared) -> None:
        """The document's events (with the ids of their parts), their keys, and its quotes."""
        ids = part_ids(conn, p.parts)
        conn.executemany(INSERT_EVENT, [(*ev[:-1], bind(ev.fields, ids)) for ev in p.events])
        conn.execute(f"INSERT INTO event_keys(key, date, event) {KEYS_OF_DOC}", (p.id,))
        conn.executemany(INSERT_QUOTE, p.quotes)

    def quotes(self, *, speaker: str | None = None, text: str | None = None, doc_id: str | None = None,
               limit: int = 1000, offset: int = 0) -> Iterator[dict[str, Any]]:
        """Quote records, filtered by speaker (code, name or words of the mention), words, document."""
        try:
            yield from reads.quotes(self.conn, speaker=speaker, text=text, doc_id=doc_id, limit=limit, offset=offset)
        except sqlite3.OperationalError as exc:
            raise QueryError(f"bad query: {exc}") from exc

    def counts(self) -> dict[str, int]:
        return {t: self.conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in ("documents", "events", "quotes")}

    def events(self, f: EventFilter = EventFilter(), *, incident: bool = False) -> Iterator[dict[str, Any]]:
        """Event records matching the filter, newest date first (then in the order stored); `incident`: each with
        its incident id."""
        try:
            yield from reads.events(self.conn, f, limit=f.limit, offset=f.offset, incident=incident)
        except sqlite3.OperationalError as exc:
            raise QueryError(f"bad query: {exc}") from exc

    def search_documents(self, query: str, limit: int = 20) -> list[dict[str, Any]]:
        sql = ("SELECT d.id, d.title, snippet(documents_fts, 1, '[', ']', '…', 12) AS snippet FROM documents_fts "
               "JOIN documents d ON d.rowid = documents_fts.rowid WHERE documents_fts MATCH ? ORDER BY rank LIMIT ?")
        try:
            return [dict(r) for r in self.conn.execute(sql, (fts_query(query), limit))]
        except sqlite3.OperationalError as exc:
            raise QueryError(f"bad search {query!r}: {exc}") from exc


def _busy(exc: sqlite3.Error) -> bool:
    """SQLITE_BUSY: another connection holds the lock (its message is the same in every SQLite version)."""
    return "database is locked" in str(exc)
