"""What the writer holds of the stored incident reports: whole (type group, day) slices, loaded as linking needs
them and evicted once no recent document used them, so memory follows the stream's window, not the store."""
from __future__ import annotations

import json
import os
import sqlite3
import sys
from collections.abc import Iterator
from typing import Any

from ..errors import StoreError
from ..link import incidents as L
from ..link.index import MONTH, IncidentIndex, lookup_days
from .reads import chunks, linked, marks
from .records import DocInfo

WINDOW_ENV = "DEPECHE_INCIDENT_WINDOW_DAYS"  # overrides L.WINDOW_DAYS, the longest an incident spans
KEEP_DOCUMENTS = 500  # a slice stays in memory while one of the last this many documents used it
EVICT_EVERY = 100  # documents between two sweeps of the slices no longer used
_SETS = ("words", "entities", "actors", "recipients")  # the set fields of a stored report
_NAMES = ("doc_id", "type", "place", "place_country", "place_level", "origin_country", "region_code")  # repeated
Slice = tuple[str | None, int]  # (type group, day ordinal): the unit the writer loads and evicts
Span = tuple[int, int]


def window_days() -> int:
    """The longest an incident spans, in days: `DEPECHE_INCIDENT_WINDOW_DAYS`, else `L.WINDOW_DAYS`. A run
    resumed with another value links its new reports by that value."""
    raw = os.environ.get(WINDOW_ENV, "").strip()
    if not raw:
        return L.WINDOW_DAYS
    if not raw.isdigit() or int(raw) > 3660:
        raise StoreError(f"{WINDOW_ENV}={raw!r} is not a number of days between 0 and 3660; unset it to use "
                         f"{L.WINDOW_DAYS}")
    return int(raw)


class Window:
    """The incident index and what it holds, kept in step by the single writer.

    A slice is held whole or not at all; before the index is asked anything, the slices it will read are
    loaded: those of the buckets a new report looks up (`lookup_days`), then, for each candidate incident
    still open to it, those its reports lie on. What linking sees is then the same whatever else is held, and
    whatever was evicted: the stored reports near the new one, their arrival order and their incidents' spans."""

    def __init__(self, days: int):
        self.index = IncidentIndex()
        self.days = days  # the longest an incident spans (`window_days`)
        self.used: dict[Slice, int] = {}  # every slice held, with the clock of the last document that read it
        self.fingerprints: dict[str, frozenset[str]] = {}  # of the documents whose reports are held
        self.sets: dict[tuple[str, ...], frozenset[str]] = {}  # sets of the reports loaded, to share (`_report`)
        self.parts: dict[int, Any] = {}  # parsed parts of the records read, never changed (`reads.with_documents`)
        self.clock = 0  # documents linked so far
        self.merged: set[str] = set()  # incidents the document being linked merged others into
        self.ready: tuple[str | None, int, int] = (None, 0, -1)  # group and days `prepare` loaded last

    def next_document(self, doc_id: str, fingerprint: frozenset[str], linked: bool) -> None:
        """A new document is linked (`linked`: it has reports to link): evict, now and then, what the last
        `KEEP_DOCUMENTS` documents did not use."""
        self.clock += 1
        if self.clock % EVICT_EVERY == 0:
            self.evict()
        if linked:  # its reports are held from now on: loaded again, they share its fingerprint
            self.fingerprints[doc_id] = fingerprint

    def prepare(self, conn: sqlite3.Connection, group: str | None, r: L.Report) -> None:
        """Load the slices whose buckets `IncidentIndex.candidates` reads for r."""
        days = lookup_days(r, self.days)
        for first, last in days:
            self.ensure(conn, group, first, last)
        self.ready = (group, *days[0])  # the days around r: held now (most incidents r meets lie within)

    def is_open(self, conn: sqlite3.Connection, group: str | None, day: int, incident_id: str) -> bool:
        """Whether a report dated `day` may still join the incident; if so, its reports within the month that
        linking compares are loaded (an open incident's reports are all within the window of `day`)."""
        span = self.span(conn, incident_id)
        if not L.within_window(span, day, self.days):
            return False
        first, last = max(span[0], day - MONTH), min(span[1], day + MONTH)
        if not (self.ready[0] == group and self.ready[1] <= first and last <= self.ready[2]):
            self.ensure(conn, group, first, last)
        return True

    def span(self, conn: sqlite3.Connection, incident_id: str) -> Span:
        """The first and last days of all an incident's reports, held or not."""
        span = self.index.span(incident_id)
        if span is None:  # an incident met in a slice: its reports are all stored. Those of the document being
            # linked are not yet, but linking one set the span, and nothing is evicted before the next document
            first, last = conn.execute("SELECT min(day), max(day) FROM incident_events WHERE incident_id = ?",
                                       (incident_id,)).fetchone()
            span = (first, last)
            self.index.set_span(incident_id, span)
        return span

    def ensure(self, conn: sqlite3.Connection, group: str | None, first: int, last: int) -> None:
        """Load the slices of `group` from day `first` to `last` the index lacks; all of them count as used."""
        missing = []
        for day in range(first, last + 1):
            if (group, day) not in self.used:
                missing.append(day)
            self.used[(group, day)] = self.clock
        for lo, hi in _runs(missing) if missing else ():
            found = linked(conn, "ie.grp = ? AND ie.day BETWEEN ? AND ?", (group, lo, hi), only=L.REPORT_FIELDS,
                           parts=self.parts)
            self._fetch_fingerprints(conn, {row["doc_id"] for row, _, _ in found})
            for row, rec, doc in found:
                self.index.add(row["incident_id"], self._report(rec, doc), row["seq"])

    def _report(self, rec: dict[str, Any], doc: DocInfo) -> L.Report:
        """A stored report, made again from its event's record as the writer made it, its sets shared with the
        reports held that have the same (the events of one sentence have its words, an article's repeat its
        names and codes) and its names interned: with the slots of `Report`, a month of reports takes 2.5 times
        less memory."""
        stored = L.report_record(rec, doc.published)
        for name in _SETS:
            values = tuple(stored[name])
            found = self.sets.get(values)
            if found is None:
                found = self.sets[values] = frozenset(values)
            stored[name] = found  # which `from_record` keeps as it is: frozenset(x) is x for a frozenset
        for name in _NAMES:
            if stored[name]:
                stored[name] = sys.intern(stored[name])
        return L.Report.from_record(stored, self.fingerprints.get(rec["doc_id"], frozenset()))

    def _fetch_fingerprints(self, conn: sqlite3.Connection, doc_ids: set[str]) -> None:
        """Each document's fingerprint, read once while its reports are held (the store keeps it per document)."""
        for chunk in chunks(sorted(doc_ids - self.fingerprints.keys())):
            for doc_id, fp in conn.execute(f"SELECT id, fingerprint FROM documents WHERE id IN ({marks(len(chunk))})",
                                           chunk):
                self.fingerprints[doc_id] = frozenset(json.loads(fp or "[]"))

    def evict(self) -> None:
        """Forget the slices none of the last `KEEP_DOCUMENTS` documents read. Linking loads a slice again
        before it reads it, so eviction changes what memory holds, never what linking sees."""
        horizon = self.clock - KEEP_DOCUMENTS
        gone = {where for where, used in self.used.items() if used <= horizon}
        if not gone:
            return
        for where in gone:
            del self.used[where]
        for doc_id in self.index.evict(gone):
            self.fingerprints.pop(doc_id, None)
        self.sets.clear()  # reports held keep theirs; those loaded from now on share afresh
        self.parts.clear()


def _runs(days: list[int]) -> Iterator[tuple[int, int]]:
    """The first and last of each run of consecutive days in a sorted list."""
    start = 0
    for i in range(1, len(days) + 1):
        if i == len(days) or days[i] != days[i - 1] + 1:
            yield days[start], days[i - 1]
            start = i
