"""Incidents in the store: link each new report incrementally, keep ids stable, store the dispute view."""
from __future__ import annotations

import json
import sqlite3
from collections import Counter
from collections.abc import Sequence
from typing import Any

from ..errors import StoreError
from ..link import incidents as L
from ..link.dispute import sketch
from ..link.dispute import view as dispute_view
from ..link.index import MONTH, IncidentIndex
from .prepare import Prepared

INDEX_LIMIT = 200_000  # reports held in memory before the index is dropped and reloaded as needed
_INCIDENT = 2  # where a pending `incident_events` row of `_link_events` holds its incident id


class IncidentStore:
    """Mixed into Database: every statement here runs on the database's single writer connection.

    Linking reads candidates from an in-memory index of the reports near each new report's date, loaded
    from `incident_events` as needed and kept in step by this writer; it is dropped when a transaction
    fails, a document is replaced, or another connection has written. What it offers a new report depends
    only on the stored reports within a month of it and their arrival order (the rowid this writer gives
    each row), so a run resumed in a new process links as one run that saw every report arrive."""

    conn: sqlite3.Connection
    _index: IncidentIndex | None = None
    _data_version: int = -1

    def _reset_index(self) -> None:
        self._index = None

    def _incident_index(self, conn: sqlite3.Connection) -> IncidentIndex:
        version = conn.execute("PRAGMA data_version").fetchone()[0]
        if self._index is None or self._index.size > INDEX_LIMIT or version != self._data_version:
            self._index, self._data_version = IncidentIndex(), version
            self._loaded: set[tuple[str | None, int]] = set()
            self._windows: set[tuple[str | None, int]] = set()  # (group, day) whose whole window is loaded
            self._fingerprints: dict[str, frozenset[str]] = {}
            self._next_id = 1 + conn.execute(
                "SELECT coalesce(max(n), 0) FROM (SELECT CAST(substr(id, 5) AS INTEGER) AS n FROM incidents "
                "UNION ALL SELECT CAST(substr(old_id, 5) AS INTEGER) FROM incident_aliases)").fetchone()[0]
            # the rowid the next `incident_events` row gets, given explicitly: a report's place in arrival order
            self._next_seq = 1 + conn.execute("SELECT coalesce(max(rowid), 0) FROM incident_events").fetchone()[0]
        return self._index

    def _ensure_window(self, conn: sqlite3.Connection, index: IncidentIndex, group: str | None, day: int) -> None:
        """Load the stored reports of a type group within a month of `day` that the index lacks."""
        if (group, day) in self._windows:  # most reports fall on a day seen already: no need to look at 63 days
            return
        self._windows.add((group, day))
        missing = [d for d in range(day - MONTH, day + MONTH + 1) if (group, d) not in self._loaded]
        if not missing:
            return
        rows = conn.execute("SELECT rowid, incident_id, doc_id, report FROM incident_events WHERE grp = ? AND day "
                            "BETWEEN ? AND ? ORDER BY rowid", (group, missing[0], missing[-1])).fetchall()
        self._loaded.update((group, d) for d in range(missing[0], missing[-1] + 1))
        wanted = sorted({r[2] for r in rows} - set(self._fingerprints))
        for i in range(0, len(wanted), 500):
            chunk = wanted[i:i + 500]
            for doc_id, fp in conn.execute(f"SELECT id, fingerprint FROM documents WHERE id IN "
                                           f"({','.join('?' * len(chunk))})", chunk):
                self._fingerprints[doc_id] = frozenset(json.loads(fp or "[]"))
        for seq, incident_id, doc_id, text in rows:
            stored = L.Report.from_record(json.loads(text), self._fingerprints.get(doc_id, frozenset()))
            index.add(incident_id, stored, seq)

    def _link_events(self, conn: sqlite3.Connection, p: Prepared) -> set[str]:
        """Attach each eligible new event to the best compatible incident, or open one. Returns touched ids."""
        index = self._incident_index(conn)
        touched: set[str] = set()
        self._fingerprints[p.id] = p.document
        vetoed: dict[str | None, set[str]] = {}  # an article's reports of one kind tell one story
        rows: list[list[Any]] = []  # written at the end, in this order (a merge below moves them to the kept id too)
        alike: dict[str, float] = {}  # likeness to each other document: every report here has p's fingerprint
        for link in p.links:
            rep = link.report
            self._ensure_window(conn, index, link.group, link.day)
            group = vetoed.setdefault(link.group, set())
            candidates = {i: m for i, m in index.candidates(rep).items() if i not in group}
            scores = {i: L.links(rep, members, alike) for i, members in candidates.items()}
            group.update(i for i, s in scores.items() if s < 0)
            linked = sorted((i for i, s in scores.items() if s >= L.THRESHOLD), key=lambda i: (-scores[i], i))
            incident_id = self._merge(conn, linked, candidates, rows) if linked else self._new_incident(conn, link.type)
            seq, self._next_seq = self._next_seq, self._next_seq + 1
            rows.append([seq, link.event_id, incident_id, link.group, link.day, p.id, link.record, link.claim])
            index.add(incident_id, rep, seq)
            touched.add(incident_id)
        conn.executemany("INSERT OR REPLACE INTO incident_events(rowid, event_id, incident_id, grp, day, doc_id, report, "
                         "claim) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", rows)
        return touched

    def _merge(self, conn: sqlite3.Connection, linked: list[str], candidates: dict[str, list[L.Report]],
               pending: Sequence[list[Any]] = ()) -> str:
        """Single link: a report joins the incident it is most like, and that incident absorbs the others the
        report links, unless their members veto each other. The oldest id survives; old ids become aliases.
        `pending`: the document's `incident_events` rows not written yet."""
        group, members = [linked[0]], list(candidates[linked[0]])
        for other in linked[1:]:
            if all(L.links(m, members) >= 0 for m in candidates[other]):
                group.append(other)
                members += candidates[other]
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
            if self._index is not None:
                self._index.merge(keep, other)
        return keep

    def _new_incident(self, conn: sqlite3.Connection, etype: str) -> str:
        # ids are never reused, not even those of incidents merged away (their aliases still point somewhere)
        if self._index is None:
            self._incident_index(conn)
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
                self._refresh_incidents(conn, ids)
        except sqlite3.DatabaseError as exc:  # the documents are stored; the views stay marked to do
            raise StoreError(f"could not refresh the dispute views of {len(ids)} incidents: {exc}; the documents "
                             "are stored, and the next ingest refreshes them", path=self.path) from exc
        return len(ids)

    def _refresh_incidents(self, conn: sqlite3.Connection, ids: set[str]) -> None:
        """Recompute the dispute view and summary of each incident; drop incidents left empty."""
        memo: dict[str, list[int]] = {}
        for incident_id in sorted(ids):
            rows = conn.execute(
                "SELECT ie.claim, ie.doc_id, d.sketch FROM incident_events ie JOIN documents d ON d.id = ie.doc_id "
                "WHERE ie.incident_id = ? ORDER BY ie.rowid", (incident_id,)).fetchall()
            if not rows:
                conn.execute("DELETE FROM incidents WHERE id = ?", (incident_id,))
                continue
            claims = [json.loads(r[0]) for r in rows]
            stored = {r[1]: r[2] for r in rows}
            # copies of a wire story are told apart only between documents
            sketches = {d: self._sketch(conn, d, s, memo) for d, s in stored.items()} if len(stored) > 1 else {}
            view = dispute_view(claims, sketches)
            dates = sorted(c["date"] for c in view["reports"] if c["date"])
            countries = [c["place_country"] for c in view["reports"] if c["place_country"]]
            conn.execute(
                "UPDATE incidents SET type = ?, first_date = ?, last_date = ?, country = ?, reports = ?, documents = ?, "
                "sources = ?, conflicts = ?, dispute = ?, dirty = 0 WHERE id = ?",
                (claims[0]["type"], dates[0] if dates else None, dates[-1] if dates else None,
                 _most_reported(countries), len(claims), view["documents"],
                 view["independent_sources"], len(view["conflicts"]), json.dumps(view, ensure_ascii=False),
                 incident_id))

    def _sketch(self, conn: sqlite3.Connection, doc_id: str, stored: str | None, memo: dict[str, list[int]]) -> list[int]:
        """A document's text sketch, computed once and kept with the document."""
        if doc_id not in memo:
            if stored:
                memo[doc_id] = json.loads(stored)
            else:
                memo[doc_id] = sketch(conn.execute("SELECT text FROM documents WHERE id = ?", (doc_id,)).fetchone()[0])
                conn.execute("UPDATE documents SET sketch = ? WHERE id = ?", (json.dumps(memo[doc_id]), doc_id))
        return memo[doc_id]

    def _incidents_of_doc(self, conn: sqlite3.Connection, doc_id: str) -> set[str]:
        return {r[0] for r in conn.execute("SELECT ie.incident_id FROM incident_events ie JOIN events e "
                                           "ON e.id = ie.event_id WHERE e.doc_id = ?", (doc_id,))}

    def incidents(self, *, etype: str | None = None, country: str | None = None, since: str | None = None,
                  conflicts_only: bool = False, limit: int = 1000) -> list[dict[str, Any]]:
        """Incident summaries, newest first."""
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
        if conflicts_only:
            where.append("conflicts > 0")
        sql = (f"SELECT id, type, first_date, last_date, country, reports, documents, sources, conflicts FROM incidents "
               f"WHERE {' AND '.join(where) or '1'} ORDER BY last_date IS NULL, last_date DESC, id LIMIT ?")
        return [dict(r) for r in self.conn.execute(sql, (*params, limit))]

    def incident(self, incident_id: str) -> dict[str, Any] | None:
        """One incident with its dispute view; an old id merged into another resolves to it."""
        self.refresh_incidents()
        alias = self.conn.execute("SELECT new_id FROM incident_aliases WHERE old_id = ?", (incident_id,)).fetchone()
        row = self.conn.execute("SELECT * FROM incidents WHERE id = ?", (alias[0] if alias else incident_id,)).fetchone()
        if row is None:
            return None
        out = dict(row)
        out["dispute"] = json.loads(out["dispute"] or "{}")
        return out

    def incident_of_event(self, event_id: str) -> str | None:
        row = self.conn.execute("SELECT incident_id FROM incident_events WHERE event_id = ?", (event_id,)).fetchone()
        return row[0] if row else None


def _most_reported(countries: list[str]) -> str | None:
    """The country most reports place the incident in; on a tie, the one reported first (not hash order)."""
    return Counter(countries).most_common(1)[0][0] if countries else None
