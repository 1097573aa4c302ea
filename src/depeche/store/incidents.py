"""Incidents in the store: link each new report incrementally, keep ids stable, store the dispute view."""
from __future__ import annotations

import datetime as dt
import json
import sqlite3
from typing import Any

from ..link import incidents as L
from ..link.dispute import dispute


class IncidentStore:
    """Mixed into Database: every statement here runs on the database's single writer connection."""

    conn: sqlite3.Connection

    def _link_events(self, conn: sqlite3.Connection, doc_id: str, records: list[dict[str, Any]],
                     published: str | None) -> set[str]:
        """Attach each eligible new event to the best compatible incident, or open one. Returns touched ids."""
        touched: set[str] = set()
        document = L.fingerprint({**r, "published": published} for r in records)
        conn.execute("UPDATE documents SET fingerprint = ? WHERE id = ?", (json.dumps(sorted(document)), doc_id))
        vetoed: dict[str | None, set[str]] = {}  # an article's reports of one kind tell one story
        for rec in records:
            if not L.eligible(rec):
                continue
            rep = L.report({**rec, "published": published}, document)
            if rep.date is None:
                continue
            group = vetoed.setdefault(L.type_group(rep.type), set())
            candidates = {i: m for i, m in self._candidates(conn, rep).items() if i not in group}
            scores = {i: L.links(rep, members) for i, members in candidates.items()}
            group.update(i for i, s in scores.items() if s < 0)
            linked = sorted((i for i, s in scores.items() if s >= L.THRESHOLD), key=lambda i: (-scores[i], i))
            incident_id = self._merge(conn, linked, candidates) if linked else self._new_incident(conn, rec["type"])
            conn.execute("INSERT OR REPLACE INTO incident_events(event_id, incident_id) VALUES (?, ?)",
                         (rec["event_id"], incident_id))
            touched.add(incident_id)
        return touched

    def _merge(self, conn: sqlite3.Connection, linked: list[str], candidates: dict[str, list[L.Report]]) -> str:
        """Single link: a report joins the incident it is most like, and that incident absorbs the others the
        report links, unless their members veto each other. The oldest id survives; old ids become aliases."""
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
            conn.execute("INSERT OR REPLACE INTO incident_aliases(old_id, new_id) VALUES (?, ?)", (other, keep))
            conn.execute("UPDATE incident_aliases SET new_id = ? WHERE new_id = ?", (keep, other))
            conn.execute("DELETE FROM incidents WHERE id = ?", (other,))
        return keep

    def _candidates(self, conn: sqlite3.Connection, rep: L.Report) -> dict[str, list[L.Report]]:
        """Members of incidents whose events fall in the date window of a report of a compatible type."""
        assert rep.date is not None
        lo = (rep.date - dt.timedelta(days=31)).isoformat()[:7]
        hi = (rep.date + dt.timedelta(days=31)).isoformat() + "~"
        types = [t for t in L._groups() if L.type_group(t) == L.type_group(rep.type)]
        marks = ",".join("?" * len(types))
        rows = conn.execute(
            f"SELECT ie.incident_id, e.record, d.published, d.fingerprint FROM incident_events ie "
            f"JOIN events e ON e.id = ie.event_id "
            f"JOIN documents d ON d.id = e.doc_id WHERE e.type IN ({marks}) AND "
            f"coalesce(e.date, d.published, '') BETWEEN ? AND ?", (*types, lo, hi)).fetchall()
        out: dict[str, list[L.Report]] = {}
        for incident_id, record, published, fp in rows:
            doc_fp = frozenset(json.loads(fp or "[]"))
            out.setdefault(incident_id, []).append(L.report({**json.loads(record), "published": published}, doc_fp))
        return out

    def _new_incident(self, conn: sqlite3.Connection, etype: str) -> str:
        # ids are never reused, not even those of incidents merged away (their aliases still point somewhere)
        n = conn.execute("SELECT coalesce(max(n), 0) + 1 FROM (SELECT CAST(substr(id, 5) AS INTEGER) AS n FROM incidents "
                         "UNION ALL SELECT CAST(substr(old_id, 5) AS INTEGER) FROM incident_aliases)").fetchone()[0]
        incident_id = f"inc-{n:06d}"
        conn.execute("INSERT INTO incidents(id, type) VALUES (?, ?)", (incident_id, etype))
        return incident_id

    def _refresh_incidents(self, conn: sqlite3.Connection, ids: set[str]) -> None:
        """Recompute the dispute view and summary of each touched incident; drop incidents left empty."""
        for incident_id in sorted(ids):
            rows = conn.execute(
                "SELECT e.record, d.id, d.source, d.published, d.text FROM incident_events ie "
                "JOIN events e ON e.id = ie.event_id JOIN documents d ON d.id = e.doc_id "
                "WHERE ie.incident_id = ?", (incident_id,)).fetchall()
            if not rows:
                conn.execute("DELETE FROM incidents WHERE id = ?", (incident_id,))
                continue
            records = [json.loads(r[0]) for r in rows]
            docs = {r[1]: {"source": r[2], "published": r[3], "text": r[4]} for r in rows}
            view = dispute(records, docs)
            dates = sorted(c["date"] for c in view["reports"] if c["date"])
            countries = [c["place_country"] for c in view["reports"] if c["place_country"]]
            conn.execute(
                "UPDATE incidents SET type = ?, first_date = ?, last_date = ?, country = ?, reports = ?, documents = ?, "
                "sources = ?, conflicts = ?, dispute = ? WHERE id = ?",
                (records[0]["type"], dates[0] if dates else None, dates[-1] if dates else None,
                 max(set(countries), key=countries.count) if countries else None, len(records), view["documents"],
                 view["independent_sources"], len(view["conflicts"]), json.dumps(view, ensure_ascii=False),
                 incident_id))

    def _incidents_of_doc(self, conn: sqlite3.Connection, doc_id: str) -> set[str]:
        return {r[0] for r in conn.execute("SELECT ie.incident_id FROM incident_events ie JOIN events e "
                                           "ON e.id = ie.event_id WHERE e.doc_id = ?", (doc_id,))}

    def incidents(self, *, etype: str | None = None, country: str | None = None, since: str | None = None,
                  conflicts_only: bool = False, limit: int = 1000) -> list[dict[str, Any]]:
        """Incident summaries, newest first."""
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
