"""Library entry points shared by the CLI and the HTTP API: extract, ingest, query."""
from __future__ import annotations

import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from .errors import DepecheError, InputError, StoreError
from .io.readers import ReadOptions, iter_documents
from .io.writers import event_record, quote_record
from .model import Document
from .pipeline import process
from .store import Database
from .store.prepare import Prepared, prepare


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
    """What an ingest did: counts by outcome, and one line per failed input."""

    added: int = 0
    updated: int = 0
    unchanged: int = 0
    events: int = 0
    errors: list[str] = field(default_factory=list)
    rolled_back: int = 0  # documents stored, then rolled back with a failed batch (named in `errors`)

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


_INHERITED: list[Any] = []


def _worker_init() -> None:
    """Each extraction process opens its own gazetteer connection. One inherited across a fork is kept but
    never used: dropping it would close it, which SQLite forbids in a child."""
    from .geo import gazetteer

    if gazetteer._DEFAULT is not None:
        _INHERITED.append(gazetteer._DEFAULT)
    gazetteer._DEFAULT = None


def _start_method() -> str:
    """fork where it is safe (Linux, no other thread): workers start at once with the tables this process has
    loaded. spawn elsewhere: a fork copies the locks other threads hold, and macOS does not allow it."""
    import threading

    return "fork" if sys.platform.startswith("linux") and threading.active_count() == 1 else "spawn"


def _extracted(paths: list[str], opts: ReadOptions, workers: int) -> Iterator[Any]:
    """Extraction results in input order; with several workers, extraction runs in that many processes."""
    docs = iter_documents(paths, opts)
    if workers <= 1:
        yield from map(_extract_or_pass, docs)
        return
    import multiprocessing as mp

    with mp.get_context(_start_method()).Pool(workers, initializer=_worker_init) as pool:
        yield from pool.imap(_extract_or_pass, docs, chunksize=4)


def _extract_or_pass(item: Any) -> Any:
    """A reader's error passes through; a document is extracted."""
    return item if isinstance(item, InputError) else _extract_for_store(item)


def ingest_paths(paths: list[str], db: Database, opts: ReadOptions = ReadOptions(), *, workers: int = 1) -> IngestReport:
    """Extract and store each document in its own transaction; failures are reported, not fatal.
    With `workers` > 1, extraction runs in that many processes and this process alone writes, in input order,
    so the database is the same as with one worker."""
    report = IngestReport()
    try:
        with db.batch():
            for item in _extracted(paths, opts, workers):
                _store(db, item, report)
    except StoreError as err:  # the last commit failed
        _failed(report, err)
    try:
        db.refresh_incidents()
    except StoreError as err:
        report.errors.append(str(err))
    return report


def _failed(report: IngestReport, err: DepecheError) -> None:
    """A failure to report; documents counted as stored that a rolled-back batch took with it are not."""
    report.errors.append(str(err))
    for _, outcome, events in getattr(err, "lost", ()):
        setattr(report, outcome, getattr(report, outcome) - 1)
        report.events -= events
        report.rolled_back += 1


def _store(db: Database, item: Any, report: IngestReport) -> None:
    if isinstance(item, DepecheError):
        report.errors.append(str(item))
        return
    try:
        outcome = db.add_prepared(item)
    except DepecheError as err:
        _failed(report, err)
        return
    setattr(report, outcome, getattr(report, outcome) + 1)
    report.events += len(item.events) if outcome != "unchanged" else 0
