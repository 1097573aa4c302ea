"""Incidents in the store: link each new report incrementally, keep ids stable, keep the dispute views current."""
from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from functools import partial
from typing import Any

from ..errors import StoreError
from ..link import incidents as L
from ..link.index import joined
from ..link.sources import by_source
from .prepare import Prepared
from .reads import document_meta
from .views import gists, refresh, view
from .window import Window, window_days

_INCIDENT = 2  # where a pending `incident_events` row of `_link_events` holds its incident id
_UPDATE_STATE = ("view_seq", "source_groups", "state")  # what the refresh keeps to update a view: not the incident's


class IncidentStore:
    """Mixed into Database: every statement here runs on the database's single writer connection.

    Linking reads candidates from an in-memory index of the stored reports near each new report's date
    (`Window`: loaded a (type group, day) slice at a time as needed, evicted once no recent document used it),
    kept in step by this writer. It is dropped when a transaction fails, a document is replaced, or another
    connection has written. What it offers a new report depends only on the stored reports near it, their
    arrival order (the rowid this writer gives each row) and the first and last days of their incidents, so a
    run resumed in a new process links as one run that saw every report arrive."""

    conn: sqlite3.Connection
    _window: Window | None = None
    _data_version: int = -1

    def _reset_index(self) -> None:
        self._window = None

    def _held(self, conn: sqlite3.Connection) -> Window:
        """The reports held in memory, made anew when another connection has written."""
        version = conn.execute("PRAGMA data_version").fetchone()[0]
        if self._window is None or version != self._data_version:
            self._window, self._data_version = Window(window_days()), version
            self._next_id = 1 + conn.execute(
                "SELECT coalesce(max(n), 0) FROM (SELECT CAST(substr(id, 5) AS INTEGER) AS n FROM incidents "
                "UNION ALL SELECT CAST(substr(old_id, 5) AS INTEGER) FROM incident_aliases)").fetchone()[0]
            # the rowid the next `incident_events` row gets, given explicitly: a report's place in arrival order
            self._next_seq = 1 + conn.execute("SELECT coalesce(max(rowid), 0) FROM incident_events").fetchone()[0]
        return self._window

    def _link_events(self, conn: sqlite3.Connection, p: Prepared) -> set[str]:
        """Attach each eligible new event to the best compatible open incident, or open one. Returns touched ids."""
        held = self._held(conn)
        held.next_document(p.id, p.document, bool(p.links))
        index = held.index
        touched: set[str] = set()
        vetoed: dict[str | None, set[str]] = {}  # an article's reports of one kind tell one story
        rows: list[list[Any]] = []  # written at the end, in this order (a merge below moves them to the kept id too)
        alike: dict[str, float] = {}  # likeness to each other document: every report here has p's fingerprint
        for link in p.links:
            rep = link.report
            held.prepare(conn, link.group, rep)
            group = vetoed.setdefault(link.group, set())
            is_open = partial(held.is_open, conn, link.group, link.day)
            candidates = {i: m for i, m in index.candidates(rep, is_open).items() if i not in group}
            scores = {i: L.links(rep, members, alike) for i, members in candidates.items()}
            group.update(i for i, s in scores.items() if s < 0)
            linked = sorted((i for i, s in scores.items() if s >= L.THRESHOLD), key=lambda i: (-scores[i], i))
            if linked:
                incident_id = self._merge(conn, linked, candidates, rows, link.day)
            else:
                incident_id = self._new_incident(conn, link.type)
                index.set_span(incident_id, (link.day, link.day))
            seq, self._next_seq = self._next_seq, self._next_seq + 1
            rows.append([seq, link.event_id, incident_id, link.group, link.day, p.id])
            index.add(incident_id, rep, seq)
            index.set_span(incident_id, joined(held.span(conn, incident_id), (link.day, link.day)))
            touched.add(incident_id)
        conn.executemany("INSERT OR REPLACE INTO incident_events(rowid, event_id, incident_id, grp, day, doc_id) "
                         "VALUES (?, ?, ?, ?, ?, ?)", rows)
        if held.merged:
            conn.executemany("UPDATE incidents SET view_seq = 0 WHERE id = ?", [(i,) for i in sorted(held.merged)])
            held.merged.clear()
        return touched

    def _merge(self, conn: sqlite3.Connection, linked: list[str], candidates: dict[str, list[L.Report]],
               pending: Sequence[list[Any]] = (), day: int | None = None) -> str:
        """Single link: a report joins the incident it is most like, and that incident absorbs the others the
        report links, unless their members veto each other or the incident made one would span more than the
        window (two incidents a window apart stay two, whatever reports of the days between say). The oldest id
        survives; old ids become aliases. `pending`: the document's `incident_events` rows not written yet;
        `day`: the linking report's (no span is checked without it)."""
        group, members = [linked[0]], list(candidates[linked[0]])
        held = self._window
        span = None if day is None or held is None else joined(held.span(conn, linked[0]), (day, day))
        for other in linked[1:]:
            both = None if span is None or held is None else joined(span, held.span(conn, other))
            if both is not None and both[1] - both[0] > held.days:
                continue
            if all(L.links(m, members) >= 0 for m in candidates[other]):
                group.append(other)
                members += candidates[other]
                span = both
        keep = min(group)
        for other in group:
            if other == keep:
                continue
            conn.execute("UPDATE incident_events SET incident_id = ? WHERE incident_id = ?", (keep, other))
            for row in pending:
                if row[_INCIDENT] == other:
                    row[_INCIDENT] = keep
            conn.execute("INSERT OR REPLACE INTO incident_aliases(old_id, new_id) VALUES (?, ?)", (other, keep))
            conn.execute("UPDATE incident_aliases SET new_id = ? WHERE new_id = ?", (keep, other))
            conn.execute("DELETE FROM incidents WHERE id = ?", (other,))
            if self._window is not None:
                self._window.index.merge(keep, other)
        if len(group) > 1 and self._window is not None:  # the reports merged in come among those of `keep` in
            self._window.merged.add(keep)  # arrival order: its view is made anew (`_link_events` notes it)
        return keep

    def _new_incident(self, conn: sqlite3.Connection, etype: str) -> str:
        # ids are never reused, not even those of incidents merged away (their aliases still point somewhere)
        if self._window is None:
            self._held(conn)
        incident_id = f"inc-{self._next_id:06d}"
        self._next_id += 1
        conn.execute("INSERT INTO incidents(id, type) VALUES (?, ?)", (incident_id, etype))
        return incident_id

    def _mark_dirty(self, conn: sqlite3.Connection, ids: set[str]) -> None:
        """Their dispute views are out of date: `refresh_incidents` recomputes them, once per batch."""
        conn.executemany("UPDATE incidents SET dirty = 1 WHERE id = ?", [(i,) for i in sorted(ids)])

    def refresh_incidents(self) -> int:
        """Recompute the dispute view of every incident changed since the last refresh. Returns how many."""
        ids = {r[0] for r in self.conn.execute("SELECT id FROM incidents WHERE dirty = 1")}
        if not ids:
            return 0
        try:
            with self.transaction() as conn:
                refresh(conn, ids)
        except sqlite3.DatabaseError as exc:  # the documents are stored; the views stay marked to do
            raise StoreError(f"could not refresh the dispute views of {len(ids)} incidents: {exc}; the documents "
                             "are stored, and the next ingest refreshes them", path=self.path) from exc
        return len(ids)

    def _incidents_of_doc(self, conn: sqlite3.Connection, doc_id: str) -> set[str]:
        """The incidents of a document about to be stored anew: its reports leave them, so their views are made
        anew at the next refresh rather than updated."""
        ids = {r[0] for r in conn.execute("SELECT ie.incident_id FROM incident_events ie JOIN events e "
                                          "ON e.id = ie.event_id WHERE e.doc_id = ?", (doc_id,))}
        if ids:
            conn.executemany("UPDATE incidents SET view_seq = 0 WHERE id = ?", [(i,) for i in sorted(ids)])
        return ids

    def incidents(self, *, etype: str | None = None, country: str | None = None, since: str | None = None,
                  until: str | None = None, conflicts_only: bool = False, limit: int = 1000,
                  offset: int = 0) -> list[dict[str, Any]]:
        """Incident summaries, newest first; `since`/`until`: those whose dates reach into that range."""
        self.refresh_incidents()
        where, params = [], []
        if etype:
            where.append("type = ?")
            params.append(etype.upper())
        if country:
            where.append("country = upper(?)")
            params.append(country)
        if since:
            where.append("last_date >= ?")
            params.append(since)
        if until:  # '2026-03' takes the days of March: they sort before '2026-03~'
            where.append("first_date <= ?")
            params.append(until + "~")
        if conflicts_only:
            where.append("conflicts > 0")
        sql = (f"SELECT id, type, first_date, last_date, country, reports, documents, sources, conflicts FROM incidents "
               f"WHERE {' AND '.join(where) or '1'} ORDER BY last_date IS NULL, last_date DESC, id LIMIT ? OFFSET ?")
        return [dict(r) for r in self.conn.execute(sql, (*params, limit, offset))]

    def incident_articles(self, dispute: dict[str, Any]) -> list[dict[str, Any]]:
        """An incident's dispute view told article by article (`link.sources.by_source`), with each article's
        title and url."""
        return by_source(dispute, document_meta(self.conn, {c["doc_id"] for c in dispute.get("reports", [])}))

    def incident_gists(self, ids: list[str]) -> dict[str, dict[str, Any]]:
        """Place, actors and outlets of each of these incidents, read from their claims (`link.sources.gist`)."""
        return gists(self.conn, ids)

    def incident(self, incident_id: str) -> dict[str, Any] | None:
        """One incident with its dispute view; an old id merged into another resolves to it."""
        self.refresh_incidents()
        alias = self.conn.execute("SELECT new_id FROM incident_aliases WHERE old_id = ?", (incident_id,)).fetchone()
        row = self.conn.execute("SELECT * FROM incidents WHERE id = ?", (alias[0] if alias else incident_id,)).fetchone()
        if row is None:
            return None
        out = {k: row[k] for k in row.keys() if k not in _UPDATE_STATE}
        out["dispute"] = view(self.conn, out["id"], row["source_groups"])
        return out

    def incident_of_event(self, event_id: str) -> str | None:
        row = self.conn.execute("SELECT incident_id FROM incident_events WHERE event_id = ?", (event_id,)).fetchone()
        return row[0] if row else None
