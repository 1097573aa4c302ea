"""SQL shared by the writer and the migrations: the parts dictionary, and the keys that index events by filter.

`event_keys` holds one row (key, date, event) per value an event can be filtered by, ordered as the default
listing is (newest date first, then the order stored), so that a filter is a range of one index read in order:

    t:TYPE  f:factuality  c:COUNTRY (the place's, an actor's or a recipient's)
    a:CODE  a#PART (an actor, by its code and by its part id)   k:CODE  k#PART (the claimant, likewise)

`date` is '' for an undated event: it sorts after every date, as a null does in the listing."""
from __future__ import annotations

import sqlite3

EVENT_COLUMNS = ("id", "doc_id", "type", "date", "factuality", "has_point", "evidence_start", "evidence_end",
                 "trigger_start", "trigger_end", "record")
INSERT_EVENT = f"INSERT INTO events({', '.join(EVENT_COLUMNS)}) VALUES ({', '.join('?' * len(EVENT_COLUMNS))})"
INSERT_QUOTE = 'INSERT INTO quotes(id, doc_id, start, "end", record) VALUES (?, ?, ?, ?, ?)'

_CODE = "CASE WHEN json_type(p.value, '$.{f}') = 'text' THEN nullif(json_extract(p.value, '$.{f}'), '') END"


def keys_sql(where: str) -> str:
    """SELECT (key, date, event) of every key of the events matching `where` (a condition on `events`)."""
    return f"""
WITH ev AS (SELECT rowid AS event, type, factuality, coalesce(date, '') AS date, record FROM events WHERE {where}),
refs(event, date, role, part) AS (
    SELECT ev.event, ev.date, 'a', j.value FROM ev, json_each(ev.record, '$."@actor"') AS j
    UNION ALL SELECT ev.event, ev.date, 'r', j.value FROM ev, json_each(ev.record, '$."@recipient"') AS j
    UNION ALL SELECT event, date, 'k', json_extract(record, '$."@claimant"') FROM ev
    UNION ALL SELECT event, date, 'l', json_extract(record, '$."@location"') FROM ev),
coded AS (SELECT r.event, r.date, r.role, p.id AS part, {_CODE.format(f="code")} AS code,
                 {_CODE.format(f="country")} AS country
          FROM refs AS r JOIN parts AS p ON p.id = r.part)
SELECT 't:' || type, date, event FROM ev
UNION SELECT 'f:' || factuality, date, event FROM ev
UNION SELECT 'c:' || country, date, event FROM coded WHERE role = 'l' AND country IS NOT NULL
UNION SELECT 'c:' || code, date, event FROM coded WHERE role IN ('a', 'r') AND code IS NOT NULL
UNION SELECT 'a:' || code, date, event FROM coded WHERE role = 'a' AND code IS NOT NULL
UNION SELECT 'a#' || part, date, event FROM coded WHERE role = 'a'
UNION SELECT 'k:' || code, date, event FROM coded WHERE role = 'k' AND code IS NOT NULL
UNION SELECT 'k#' || part, date, event FROM coded WHERE role = 'k'"""


KEYS_OF_DOC = keys_sql("doc_id = ?")


def part_id(conn: sqlite3.Connection, kind: str, value: str) -> int:
    """The id of a part in the dictionary, added when new. Parts are never deleted: another document may
    use the same one, and there are few of them (names and places repeat from article to article)."""
    row = conn.execute("SELECT id FROM parts WHERE kind = ? AND value = ?", (kind, value)).fetchone()
    if row is not None:
        return row[0]
    return conn.execute("INSERT INTO parts(kind, value) VALUES (?, ?)", (kind, value)).lastrowid or 0


def part_ids(conn: sqlite3.Connection, parts: list[tuple[str, str]]) -> list[int]:
    """`part_id` of each, those stored already found in one statement."""
    found: dict[tuple[str, str], int] = {}
    for i in range(0, len(parts), 400):  # (two variables a part: well under SQLite's limit)
        chunk = parts[i:i + 400]
        rows = conn.execute(f"SELECT p.kind, p.value, p.id FROM (VALUES {', '.join(['(?, ?)'] * len(chunk))}) AS v "
                            "CROSS JOIN parts AS p ON p.kind = v.column1 AND p.value = v.column2",  # (by the index)
                            [v for p in chunk for v in p])
        found.update(((k, v), n) for k, v, n in rows)
    return [found[p] if p in found else part_id(conn, *p) for p in parts]
