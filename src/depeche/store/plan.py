"""Which events a filter selects, as SQL that reads indexes in the listing's order (newest date first, then the
order stored), so that a page costs its own rows, not a sort of every match.

Each filter is a term: postings of `event_keys` (type, factuality, country, actor, claimant), or a set of
events (an incident's, those of the articles a full-text search finds). The term with the fewest events
drives: its keys are read in order (several keys are merged, SQLite's MERGE of a compound SELECT ordered as
its parts are) and the other terms are checked event by event; a small set (at most SMALL events) is sorted;
with no key term, the date index is read in order. Sizes are counted up to BOUND only."""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Protocol

SMALL = 2000  # a set of events this small is sorted; a larger one is checked event by event down the date index
BOUND = 5000  # how far a term's events are counted to rank the terms
BATCH = 500  # rowids read back at a time
MAX_KEYS = 100  # keys of one term merged in one read (SQLite allows 500 parts in a compound SELECT)

# orders other than the default ('-date'): sorted, ties in the order stored
SORTS = {"date": "e.date IS NULL, e.date {dir}, e.rowid", "type": "e.type {dir}, e.date DESC, e.rowid",
         "doc": "e.doc_id {dir}, e.evidence_start, e.rowid", "factuality": "e.factuality {dir}, e.date DESC, e.rowid"}

_INCIDENT = "coalesce((SELECT new_id FROM incident_aliases WHERE old_id = ?), ?)"  # an old id merged away resolves
_ENTITY = ("SELECT id, json_extract(value, '$.code') FROM parts WHERE kind = 'entity' AND ("
           "upper(json_extract(value, '$.code')) = upper(?) OR lower(json_extract(value, '$.name')) = lower(?) OR "
           "lower(json_extract(value, '$.text')) LIKE lower(?) ESCAPE '\\')")


class Filter(Protocol):
    type: str | None
    actor: str | None
    country: str | None
    since: str | None
    until: str | None
    factuality: str | None
    text: str | None
    claimant: str | None
    incident: str | None


Clause = tuple[str, list[Any]]


@dataclass
class Term:
    """One filter: the events holding one of `keys`, or else the events `rows` selects (`member` asks the same
    of one event row `e`)."""

    keys: tuple[str, ...] = ()
    rows: Clause | None = None
    member: Clause | None = None
    rank: int = 0  # on a tie in size (two terms past BOUND), the lower drives
    size: int = 0


@dataclass(frozen=True)
class Arm:
    """One ordered read: FROM, WHERE and its parameters."""

    source: str
    where: tuple[str, ...]
    params: tuple[Any, ...]
    joined: bool  # the event row `e` is in `source`


@dataclass(frozen=True)
class Selection:
    """The matching events: arms read in the default order (`date`, `rowid` name its columns), their union."""

    arms: tuple[Arm, ...]
    date: str = "e.date"
    rowid: str = "e.rowid"
    sorted: bool = False  # the default order is a sort (of a small set)

    @property
    def empty(self) -> bool:
        return not self.arms

    @property
    def params(self) -> tuple[Any, ...]:
        return tuple(p for arm in self.arms for p in arm.params)

    def _select(self, columns: str, extra: str) -> str:
        return " UNION ".join(f"SELECT {columns} FROM {a.source} WHERE {_and(a.where, extra)}" for a in self.arms)

    def sql(self, *, sort: str = "-date", extra: str = "") -> str:
        """SELECT (date, rowid) in `sort` order, LIMIT and OFFSET left as parameters. `extra`: a condition on `e`
        (the selection must then be made with `row=True`)."""
        if sort != "-date":
            return (f"SELECT e.date, e.rowid FROM events AS e WHERE e.rowid IN ({self._select(self.rowid, extra)}) "
                    f"ORDER BY {order_by(sort)} LIMIT ? OFFSET ?")
        return f"{self._select(f'{self.date}, {self.rowid}', extra)} ORDER BY 1 DESC, 2 LIMIT ? OFFSET ?"

    def rowids_sql(self) -> str:
        """SELECT of the rowids, in no order."""
        return self._select(self.rowid, "")

    def count_sql(self, extra: str = "") -> str:
        """A count that stops at its LIMIT parameter (arms merged in order, so that it stops early there too)."""
        order = " ORDER BY 1 DESC, 2" if len(self.arms) > 1 else ""
        return f"SELECT count(*) FROM ({self._select(f'{self.date}, {self.rowid}', extra)}{order} LIMIT ?)"


NOTHING = Selection(())


def _and(where: tuple[str, ...], extra: str = "") -> str:
    return " AND ".join((*where, extra) if extra else where) or "1"


def order_by(sort: str) -> str:
    return SORTS[sort.lstrip("-")].format(dir="DESC" if sort.startswith("-") else "ASC")


def contains(text: str) -> str:
    """A LIKE pattern for text anywhere in a value: the user's '%' and '_' are characters, not wildcards."""
    return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def fts_query(text: str) -> str:
    """Each word of the text quoted, so that user text is never read as FTS syntax: split as the index's
    tokenizer splits ('Saint-Pétersbourg' is two words), since the index keeps no positions to match a phrase."""
    return " ".join(f'"{w}"' for w in _TOKEN.findall(text)) or '""'  # no word: a phrase of none, matching nothing


_TOKEN = re.compile(r"[^\W_]+")  # what unicode61 keeps as a token: letters and digits


def select(conn: Any, f: Filter, *, row: bool = False) -> Selection:
    """The events matching `f`; `row`: the event row `e` is joined even where the plan needs only keys."""
    terms = _terms(conn, f)
    if terms is None:
        return NOTHING
    for t in terms:
        t.size = _size(conn, t, f)
    terms.sort(key=lambda t: (t.size, t.rank))
    if terms and terms[0].size == 0:
        return NOTHING
    keyed = [t for t in terms if t.keys]
    if terms and terms[0].rows and terms[0].size <= SMALL:
        return _from_set(terms[0], terms[1:], f)
    if keyed:
        return _from_keys(keyed[0], [t for t in terms if t is not keyed[0]], f, row)
    return _from_dates(terms, f)


def _terms(conn: Any, f: Filter) -> list[Term] | None:
    """The filter's terms; None when one of them can match nothing (a name no stored entity has)."""
    terms: list[Term | None] = []
    if f.claimant:
        terms.append(_entity(conn, "k", "claimant", f.claimant, rank=0))
    if f.actor:
        terms.append(_entity(conn, "a", "actor", f.actor, rank=1))
    if f.incident:
        terms.append(Term(rows=("SELECT e.rowid FROM incident_events AS ie JOIN events AS e ON e.id = ie.event_id "
                                f"WHERE ie.incident_id = {_INCIDENT}", [f.incident] * 2),
                          member=(f"EXISTS (SELECT 1 FROM incident_events AS ie WHERE ie.event_id = e.id AND "
                                  f"ie.incident_id = {_INCIDENT})", [f.incident] * 2), rank=2))
    if f.text:  # words of the article (accents and case ignored); no word at all matches nothing
        words = fts_query(f.text)
        # the matching articles, then their events (a read that stops early when sized up to BOUND)
        terms.append(Term(rows=("SELECT e.rowid FROM documents_fts CROSS JOIN documents AS d ON d.rowid = "
                                "documents_fts.rowid CROSS JOIN events AS e ON e.doc_id = d.id WHERE documents_fts "
                                "MATCH ?", [words]),
                          # an event's article by rowid, against the index's own rowids: the list of matching
                          # articles costs what their rowids do, never a read of each article's row
                          member=("(SELECT d.rowid FROM documents AS d WHERE d.id = e.doc_id) IN (SELECT rowid FROM "
                                  "documents_fts WHERE documents_fts MATCH ?)", [words]), rank=3) if words else None)
    if f.country:
        terms.append(Term(keys=("c:" + f.country.upper(),), rank=4))
    if f.factuality:
        terms.append(Term(keys=("f:" + f.factuality.lower(),), rank=5))
    if f.type:
        terms.append(Term(keys=("t:" + f.type.upper(),), rank=6))
    return None if None in terms else terms  # type: ignore[return-value]


def _entity(conn: Any, prefix: str, role: str, value: str, rank: int) -> Term | None:
    """An actor or a claimant given as a code, a canonical name or words of the mention: the key of each code all
    of whose stored entities match, and the key of each other matching entity (its part). Past MAX_KEYS keys
    (words most mentions have), the term has no keys: each event is checked for one of the matching parts."""
    matched = conn.execute(_ENTITY, (value, value, contains(value))).fetchall()
    if not matched:
        return None
    by_code: dict[str, list[int]] = {}
    for part, code in matched:
        by_code.setdefault(code if isinstance(code, str) and code else "", []).append(part)
    sizes = dict(conn.execute("SELECT json_extract(value, '$.code'), count(*) FROM parts WHERE kind = 'entity' "
                              "GROUP BY 1").fetchall())
    keys = set()
    for code, parts in by_code.items():
        whole = code and (code.upper() == value.upper() or sizes.get(code) == len(parts))
        keys |= {f"{prefix}:{code}"} if whole else {f"{prefix}#{part}" for part in parts}
    if len(keys) <= MAX_KEYS:
        return Term(keys=tuple(sorted(keys)), rank=rank)
    has = (f"EXISTS (SELECT 1 FROM json_each(e.record, '$.\"@{role}\"') WHERE value IN "
           f"(SELECT id FROM ({_ENTITY})))", [value, value, contains(value)])
    return Term(member=has, rows=(f"SELECT e.rowid FROM events AS e WHERE {has[0]}", has[1]), rank=rank)


def _marks(values: Any) -> str:
    return ", ".join("?" * len(values))


def date_range(f: Filter, column: str, keyed: bool) -> tuple[list[str], list[Any]]:
    """The date range as conditions on `column`. `until` 2026-03 takes every date that starts 2026-03 or comes
    before ('~' sorts after digits and '-'); in `event_keys`, '' stands for no date, which no range takes."""
    where, params = [], []
    if f.since:
        where.append(f"{column} >= ?")
        params.append(f.since)
    if f.until:
        where.append(f"{column} < ?")
        params.append(f.until + "~")
        if keyed and not f.since:
            where.append(f"{column} > ''")
    return where, params


def _size(conn: Any, t: Term, f: Filter) -> int:
    """How many events the term selects, counted up to BOUND (keys within the date range)."""
    if t.rows:
        inner, args = t.rows
    else:
        where, params = date_range(f, "date", keyed=True)
        inner = f"SELECT DISTINCT event FROM event_keys WHERE {_and((f'key IN ({_marks(t.keys)})', *where))}"
        args = [*t.keys, *params]
    return conn.execute(f"SELECT count(*) FROM ({inner} LIMIT ?)", (*args, BOUND)).fetchone()[0]


def _probe(t: Term, date: str, event: str) -> Clause:
    """The condition an event read from another term's index meets when it is one of `t`'s."""
    if t.member:
        return t.member
    return (f"EXISTS (SELECT 1 FROM event_keys AS x WHERE x.key IN ({_marks(t.keys)}) AND x.date = {date} "
            f"AND x.event = {event})", list(t.keys))


def _probes(terms: list[Term], date: str, event: str) -> tuple[list[str], list[Any], bool]:
    """Conditions for the other terms, and whether one of them reads the event row."""
    where, params = [], []
    for t in terms:
        sql, args = _probe(t, date, event)
        where.append(sql)
        params += args
    return where, params, any(t.member for t in terms)


def _from_keys(driver: Term, others: list[Term], f: Filter, row: bool) -> Selection:
    """Each key of the driver read in order (SQLite merges them), the other terms checked on the way."""
    dates, dargs = date_range(f, "k.date", keyed=True)
    probes, pargs, joined = _probes(others, "k.date", "k.event")
    source = "event_keys AS k" + (" CROSS JOIN events AS e ON e.rowid = k.event" if row or joined else "")
    arms = tuple(Arm(source, ("k.key = ?", *dates, *probes), (key, *dargs, *pargs), row or joined)
                 for key in driver.keys)
    return Selection(arms, date="k.date", rowid="k.event")


def _from_dates(terms: list[Term], f: Filter) -> Selection:
    where, params = date_range(f, "e.date", keyed=False)
    probes, pargs, _ = _probes(terms, "coalesce(e.date, '')", "e.rowid")
    return Selection((Arm("events AS e", (*where, *probes), (*params, *pargs), True),))


def _from_set(driver: Term, others: list[Term], f: Filter) -> Selection:
    rows, args = driver.rows  # type: ignore[misc]
    where, params = date_range(f, "e.date", keyed=False)
    probes, pargs, _ = _probes(others, "coalesce(e.date, '')", "e.rowid")
    arm = Arm("events AS e", (f"e.rowid IN ({rows})", *where, *probes), (*args, *params, *pargs), True)
    return Selection((arm,), sorted=True)
