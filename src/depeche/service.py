"""Library entry points shared by the CLI and the HTTP API: extract, ingest, query."""
from __future__ import annotations

import os
import sqlite3
import sys
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from typing import Any, NamedTuple

from .errors import CorruptStoreError, DepecheError, InputError, LanguageWarning, MissingStoreError, StoreError
from .io.readers import ReadOptions, iter_documents
from .io.writers import event_record, quote_record
from .model import Document
from .pipeline import process
from .store import Database
from .store.migrations import MIGRATIONS
from .store.prepare import Prepared, content_hash, prepare


class ProcessingError(DepecheError):
    """The pipeline failed on one document (a bug): the document is skipped, the batch goes on."""

    code = "E900"


def extract_document(doc: Document) -> list[dict[str, Any]]:
    """Run the pipeline on one document and return its event records."""
    try:
        process(doc)
    except DepecheError:
        raise
    except Exception as exc:  # a bug must not stop a batch of thousands of articles
        raise ProcessingError(f"internal error while processing document {doc.id!r}: "
                              f"{type(exc).__name__}: {exc} (please report)", path=doc.path) from exc
    return [event_record(doc, ev) for ev in doc.events]


def quote_records(doc: Document) -> list[dict[str, Any]]:
    """The quotes of a processed document as records."""
    return [quote_record(doc, n, q) for n, q in enumerate(doc.quotes, 1)]


def extract_text(text: str, **meta: Any) -> list[dict[str, Any]]:
    """Events of one article given as a string: `extract_text(text, lang="fr", published="2025-12-30")`."""
    doc = Document(id=str(meta.pop("id", "doc")), text=text, **meta)
    return extract_document(doc)


def extract_paths(paths: list[str], opts: ReadOptions = ReadOptions()
                  ) -> Iterator[tuple[Document, list[dict[str, Any]]] | DepecheError]:
    """For each input document: (document, records), or the error that stopped it."""
    for item in iter_documents(paths, opts):
        if isinstance(item, InputError):
            yield item
            continue
        try:
            yield item, extract_document(item)
        except DepecheError as err:
            yield err


@dataclass
class IngestReport:
    """What an ingest did: counts by outcome, one line per failed input, and one per document left out because
    it is in a language depeche has no tables for (a warning: the ingest still succeeds)."""

    added: int = 0
    updated: int = 0
    unchanged: int = 0
    events: int = 0
    errors: list[str] = field(default_factory=list)
    unsupported: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


def _extract_for_store(doc: Document) -> Prepared | DepecheError:
    """What the writer needs of one document, its rows and JSON made here: with several workers, the
    writer is left only what needs the database (linking into incidents) and the statements."""
    try:
        return prepare(doc, extract_document(doc), quote_records(doc))
    except DepecheError as err:
        return err


class Unchanged(NamedTuple):
    """A document the store holds already, same content hash: not extracted again, so that running an ingest
    again after an interruption costs only reading and hashing what the last run stored."""

    id: str


_INHERITED: list[Any] = []
_STORE: list[Database] = []  # in an extraction process: its own read-only connection to the store, if a file


def _worker_init(db_path: str | None = None) -> None:
    """Each extraction process opens its own gazetteer connection, and one to the store to skip what it holds.
    A gazetteer connection inherited across a fork is kept but never used: dropping it would close it, which
    SQLite forbids in a child."""
    from .geo import gazetteer

    if gazetteer._DEFAULT is not None:
        _INHERITED.append(gazetteer._DEFAULT)
    gazetteer._DEFAULT = None
    if db_path:
        try:
            _STORE.append(Database(db_path, readonly=True))
        except DepecheError:  # then every document is extracted, and the writer finds the stored ones unchanged
            pass


def _start_method() -> str:
    """fork where it is safe (Linux, no other thread): workers start at once with the tables this process has
    loaded. spawn elsewhere: a fork copies the locks other threads hold, and macOS does not allow it."""
    import threading

    return "fork" if sys.platform.startswith("linux") and threading.active_count() == 1 else "spawn"


def _extracted(paths: list[str], opts: ReadOptions, workers: int, db: Database) -> Iterator[Any]:
    """Extraction results in input order, each document read only when the writer is ready for more; with several
    workers, extraction runs in that many processes."""
    docs = iter_documents(paths, opts)
    if workers <= 1:
        yield from (_extract_or_pass(doc, db) for doc in docs)
        return
    import multiprocessing as mp

    path = None if db.path == ":memory:" else db.path
    with mp.get_context(_start_method()).Pool(workers, initializer=_worker_init, initargs=(path,)) as pool:
        yield from _in_order(pool, docs, batches=workers * BATCHES_PER_WORKER)


BATCH = 4  # documents sent to a worker at once: fewer round trips, and still an even share of the work
BATCHES_PER_WORKER = 4  # queued ahead: a worker finds its next batch waiting, and memory stays a few documents


def _in_order(pool: Any, docs: Iterator[Any], *, batches: int) -> Iterator[Any]:
    """Results of the workers, in input order, with at most `batches` batches read and not yet handed to the
    writer. Pool.imap would not do: its feeder reads ahead as fast as it can, and it keeps every result the
    writer has not taken yet, so memory would grow with the input."""
    pending: deque[Any] = deque()
    while batch := list(islice(docs, BATCH)):
        pending.append(pool.apply_async(_extract_batch, (batch,)))
        if len(pending) >= batches:
            yield from pending.popleft().get()
    while pending:
        yield from pending.popleft().get()


def _extract_batch(items: list[Any]) -> list[Any]:
    return [_extract_in_worker(item) for item in items]


def _extract_in_worker(item: Any) -> Any:
    try:
        return _extract_or_pass(item, _STORE[0] if _STORE else None)
    except sqlite3.Error:  # the store cannot be read from here: extract all, the writer skips what it holds
        _STORE.clear()
        return _extract_or_pass(item, None)


def _extract_or_pass(item: Any, store: Database | None) -> Any:
    """A reader's error passes through; a document the store holds is skipped; another is extracted."""
    if isinstance(item, InputError):
        return item
    if store is not None and store.has_hash(content_hash(item)):
        return Unchanged(item.id)
    return _extract_for_store(item)


REFRESH_EVERY = 5000  # documents stored between two refreshes of the dispute views in one ingest


def ingest_paths(paths: list[str], db: Database, opts: ReadOptions = ReadOptions(), *, workers: int = 1,
                 progress: Callable[[IngestReport], None] | None = None) -> IngestReport:
    """Extract and store each document in its own transaction, committed before the next is stored (a crash
    loses at most the document in flight); failures are reported, not fatal. With `workers` > 1, extraction
    runs in that many processes and this process alone writes, in input order, so the database is the same as
    with one worker. The incidents' dispute views are refreshed every REFRESH_EVERY documents stored and at the
    end (a run killed before leaves them marked, and the next run or read refreshes them). `progress`, if given,
    is called with the report so far after each document."""
    report, refreshed = IngestReport(), 0
    with db.batch():
        for item in _extracted(paths, opts, workers, db):
            _store(db, item, report)
            if progress is not None:
                progress(report)
            if report.added + report.updated >= refreshed + REFRESH_EVERY:
                _refresh(db, report)  # a long run's views as it goes: the last refresh stays a batch's worth
                refreshed = report.added + report.updated
    _refresh(db, report)
    return report


def _refresh(db: Database, report: IngestReport) -> None:
    try:
        db.refresh_incidents()
    except StoreError as err:
        report.errors.append(str(err))


def _store(db: Database, item: Any, report: IngestReport) -> None:
    if isinstance(item, LanguageWarning):
        report.unsupported.append(str(item))
        return
    if isinstance(item, DepecheError):
        report.errors.append(str(item))
        return
    if isinstance(item, Unchanged):
        report.unchanged += 1
        return
    try:
        outcome = db.add_prepared(item)
    except DepecheError as err:  # this document only: those before it are committed
        report.errors.append(str(err))
        return
    setattr(report, outcome, getattr(report, outcome) + 1)
    report.events += len(item.events) if outcome != "unchanged" else 0


SQL_INT_MAX = 2**63 - 1  # SQLite's largest integer: a LIMIT or OFFSET beyond it cannot even be sent


def _corrupt(path: str, why: object) -> CorruptStoreError:
    return CorruptStoreError(f"the database is not a depeche database or is corrupted: {why}; restore it from a "
                             "backup, or ingest the articles again into a new file", path=path)


def store_failure(path: str, exc: BaseException) -> StoreError:
    """The coded error for an SQLite failure met while reading the database at `path`."""
    name = getattr(exc, "sqlite_errorname", "")  # Python 3.11+
    damaged = name.startswith(("SQLITE_CORRUPT", "SQLITE_NOTADB")) or (not name and type(exc) is sqlite3.DatabaseError)
    if damaged or "no such table" in str(exc):
        return _corrupt(path, exc)
    return StoreError(f"could not read the database: {exc}", path=path)


def open_store(path: str, *, readonly: bool = False) -> Database:
    """An existing depeche database. A missing file, a file SQLite cannot read and an SQLite file of another
    program are refused with a coded error naming the file, before anything is written to it."""
    if not os.path.isfile(path):
        raise MissingStoreError(f"no such database; create it with `depeche ingest FILES --db {path}`", path=path)
    try:
        with Database(path, readonly=True) as probe:
            applied = set(probe.migrations())
    except sqlite3.DatabaseError as exc:
        raise store_failure(path, exc) from exc
    if not applied:
        raise _corrupt(path, "it has no depeche tables")
    if readonly and not {name for name, _ in MIGRATIONS} <= applied:  # a reader cannot bring the schema up to date
        raise StoreError("the database was written by an older depeche; update it once with `depeche ingest` "
                         "(any file) or a server started with a token", path=path)
    return Database(path, readonly=readonly)
