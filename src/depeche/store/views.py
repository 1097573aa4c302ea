"""The dispute views of incidents: what the store keeps of each (its groups of copies, `fold`'s summary of its
claims), updated from the reports that joined since; the view itself is made from the events when read."""
from __future__ import annotations

import json
import sqlite3
from typing import Any

from ..link.dispute import claim, conflict_count, fold, pack_sketch, sketch, summary, syndication_groups, unpack_sketch
from ..link.dispute import view as dispute_view
from ..link.sources import gist
from .reads import chunks, linked, marks
from .records import DocInfo, compact

MEMO_LIMIT = 20_000  # document sketches one refresh keeps in memory (some 2 KB each as Python lists)


def refresh(conn: sqlite3.Connection, ids: set[str]) -> None:
    """Bring the dispute view and summary of each incident up to date; drop incidents left empty.

    What is kept of a view (its groups of copies, and `fold`'s summary of its claims) is updated from the
    reports that joined since it was made (`view_seq`: the last `incident_events` row it holds), not made
    again from all of them: it gives what one made from all of them in one go would. Only an incident whose
    earlier reports changed (a merge, a document stored anew) is made anew. The claims themselves are made
    from the events' records when the incident is read (`incident`)."""
    memo: dict[str, list[int]] = {}
    for incident_id in sorted(ids):
        if len(memo) > MEMO_LIMIT:  # a cache of sketches, read again when needed: memory stays flat
            memo.clear()
        kept = conn.execute("SELECT type, state, source_groups, view_seq FROM incidents WHERE id = ?",
                            (incident_id,)).fetchone()
        since = kept["view_seq"] if kept and kept["state"] and kept["source_groups"] else 0
        rows = conn.execute("SELECT ie.rowid, ie.doc_id, d.sketch FROM incident_events ie JOIN documents d ON "
                            "d.id = ie.doc_id WHERE ie.incident_id = ? AND ie.rowid > ? ORDER BY ie.rowid",
                            (incident_id, since)).fetchall()
        if not since and not rows:
            conn.execute("DELETE FROM incidents WHERE id = ?", (incident_id,))
        elif not rows:
            conn.execute("UPDATE incidents SET dirty = 0 WHERE id = ?", (incident_id,))
        else:
            claims = _claims(conn, incident_id, since)
            state = fold(claims, json.loads(kept["state"]) if since else None)
            groups = json.loads(kept["source_groups"]) if since else []
            groups = _source_groups(conn, groups, {r[1]: r[2] for r in rows}, memo)
            etype = kept["type"] if since else claims[0]["type"]  # its first report's, as it was opened
            _store_view(conn, incident_id, etype, state, groups, rows[-1][0])


def _source_groups(conn: sqlite3.Connection, groups: list[list[str]], new: dict[str, str | None],
                   memo: dict[str, list[int]]) -> list[list[str]]:
    """The groups of copies of an incident's documents, with the new ones (`new`: id to stored sketch, in the
    order they joined) added; copies of a wire story are told apart only between documents."""
    known = {d for g in groups for d in g}
    if len(known | new.keys()) < 2:
        return groups + [[d] for d in new if d not in known]
    for chunk in chunks([g[0] for g in groups if g[0] not in memo]):
        for doc_id, stored in conn.execute(f"SELECT id, sketch FROM documents WHERE id IN ({marks(len(chunk))})",
                                           chunk):
            _sketch(conn, doc_id, stored, memo)
    sketches = {g[0]: memo[g[0]] for g in groups}
    sketches.update((d, _sketch(conn, d, s, memo)) for d, s in new.items() if d not in known)
    return syndication_groups(sketches, groups)


def _store_view(conn: sqlite3.Connection, incident_id: str, etype: str, state: dict[str, Any],
                groups: list[list[str]], seq: int) -> None:
    first, last, country = summary(state)
    reports = conn.execute("SELECT count(*) FROM incident_events WHERE incident_id = ?", (incident_id,)
                           ).fetchone()[0]
    conn.execute(
        "UPDATE incidents SET type = ?, first_date = ?, last_date = ?, country = ?, reports = ?, documents = ?, "
        "sources = ?, conflicts = ?, state = ?, source_groups = ?, view_seq = ?, dirty = 0 WHERE id = ?",
        (etype, first, last, country, reports, sum(map(len, groups)), len(groups), conflict_count(state),
         compact(state), compact(groups), seq, incident_id))


def _sketch(conn: sqlite3.Connection, doc_id: str, stored: str | None, memo: dict[str, list[int]]) -> list[int]:
    """A document's text sketch, computed once and kept with the document."""
    if doc_id not in memo:
        if stored:
            memo[doc_id] = unpack_sketch(stored)
        else:
            memo[doc_id] = sketch(conn.execute("SELECT text FROM documents WHERE id = ?", (doc_id,)).fetchone()[0])
            conn.execute("UPDATE documents SET sketch = ? WHERE id = ?", (pack_sketch(memo[doc_id]), doc_id))
    return memo[doc_id]


def view(conn: sqlite3.Connection, incident_id: str, groups: str | None) -> dict[str, Any]:
    """The dispute view of an incident, from its events' records and its stored groups of copies."""
    return dispute_view(_claims(conn, incident_id), json.loads(groups or "[]"))


def _claim(rec: dict[str, Any], doc: DocInfo) -> dict[str, Any]:
    """A report's claim, its outlet and date its document's."""
    return claim(rec, {"source": doc.source, "published": doc.published})


def _claims(conn: sqlite3.Connection, incident_id: str, since: int = 0) -> list[dict[str, Any]]:
    """The claims of an incident's reports that joined after row `since` of `incident_events`, in arrival order."""
    return [_claim(rec, doc) for _, rec, doc in linked(conn, "ie.incident_id = ? AND ie.rowid > ?", (incident_id, since))]


def gists(conn: sqlite3.Connection, ids: list[str]) -> dict[str, dict[str, Any]]:
    """What a list shows of each incident (`link.sources.gist`: place, actors, outlets), made from its claims when
    read, for the few incidents of one page."""
    out: dict[str, list[dict[str, Any]]] = {i: [] for i in ids}
    for chunk in chunks(ids):
        for row, rec, doc in linked(conn, f"ie.incident_id IN ({marks(len(chunk))})", chunk):
            out[row["incident_id"]].append(_claim(rec, doc))
    return {i: gist(claims) for i, claims in out.items()}
