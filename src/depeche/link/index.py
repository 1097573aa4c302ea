"""In-memory index of incident reports: the few incidents a new report can join, found by shared keys."""
from __future__ import annotations

import bisect
import datetime as dt
import heapq
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from operator import itemgetter

from . import incidents as L

MONTH = 31   # days: the window of a report known only to the month
TOP = 4      # candidate incidents scored per new report, those sharing the most keys
RECENT = 8   # latest members of an incident a new report is scored against (vetoes see every member)
_NONE: frozenset[str] = frozenset()


def keys(r: L.Report) -> set[str]:
    """What a compatible report must share with this one to be worth scoring: a country or organisation
    code (place, launch origin, actors, targets), the place's name or its region."""
    out = {c for c in (r.place_country, r.origin_country, *r.actors, *r.recipients) if c}
    if r.place:
        out.add("@" + r.place)
    if r.region_code:
        out.add("#" + r.region_code)
    return out


def _buckets(r: L.Report, group: str | None, day: int) -> list[tuple]:
    """Where the index files a report of `group` on `day`: (type group, key, day, day-precise) for each key."""
    return [(group, k, day, r.day_precise) for k in keys(r)]


def _signature(r: L.Report) -> tuple:
    """The fields a veto looks at: members alike on them veto (or not) alike, so one of them stands for all."""
    return (r.type, r.date, r.day_precise, r.place, r.place_country, r.place_precise, r.place_level,
            r.origin_country, r.point, r.region_code)


@dataclass
class Entry:
    """One incident: its members in arrival order, the first member of each veto signature, and its span.

    Members are ordered by `seq`, the rowid of their `incident_events` row, whatever order they entered the
    index in (stored, loaded with a window, moved by a merge): an index the store reloaded after an interrupted
    run then offers a new report the same members as the one that saw them all arrive. `span`: the first and
    last days of all its stored members, loaded or not (None until the store has told it)."""

    members: list[tuple[int, L.Report]] = field(default_factory=list)
    signatures: dict[tuple, tuple[int, L.Report]] = field(default_factory=dict)
    span: tuple[int, int] | None = None

    def add(self, seq: int, r: L.Report) -> None:
        if not self.members or self.members[-1][0] < seq:
            self.members.append((seq, r))  # the usual case: a new report arrives last
        else:
            bisect.insort(self.members, (seq, r), key=_SEQ)
        sig = _signature(r)
        if sig not in self.signatures or seq < self.signatures[sig][0]:
            self.signatures[sig] = (seq, r)  # the oldest stands: it is never of the new document

    def absorb(self, other: Entry) -> None:
        self.members = list(heapq.merge(self.members, other.members, key=_SEQ))
        for sig, (seq, r) in other.signatures.items():
            if sig not in self.signatures or seq < self.signatures[sig][0]:
                self.signatures[sig] = (seq, r)
        self.span = joined(self.span, other.span)

    def drop(self, gone: set[tuple[str | None, int]]) -> set[str]:
        """Forget the members filed on the (type group, day) slices `gone`; the documents they came from."""
        kept, dropped = [], set()
        for seq, r in self.members:
            if _slice(r) in gone:
                dropped.add(r.doc_id)
            else:
                kept.append((seq, r))
        self.members = kept
        # a signature holds a type and a date: its members all share one slice, and go or stay together
        self.signatures = {sig: m for sig, m in self.signatures.items() if _slice(m[1]) not in gone}
        return dropped

    def near(self, date: dt.date) -> list[L.Report]:
        """The members a report dated `date` is compared with, all within a month of it: one per veto
        signature, and the latest to arrive. The index holds every stored report of that month (the store loads
        whole windows), so these are the same whatever else it holds."""
        out = {seq: m for seq, m in self.signatures.values() if m.date and abs((m.date - date).days) <= MONTH}
        recent = 0
        for seq, m in reversed(self.members):
            if recent == RECENT:
                break
            if m.date and abs((m.date - date).days) <= MONTH:
                out[seq] = m
                recent += 1
        return [out[seq] for seq in sorted(out)]


_SEQ = itemgetter(0)


def _slice(r: L.Report) -> tuple[str | None, int]:
    """Where the store loads a report from and the index evicts it: its type group and day."""
    return L.type_group(r.type), r.date.toordinal() if r.date else 0


def joined(a: tuple[int, int] | None, b: tuple[int, int] | None) -> tuple[int, int] | None:
    """The span of two incidents made one; unknown if either is."""
    return None if a is None or b is None else (min(a[0], b[0]), max(a[1], b[1]))


@dataclass
class _Slice:
    """What the index holds of one (type group, day): the incidents with members there and their buckets."""

    incidents: set[str] = field(default_factory=set)
    buckets: set[tuple] = field(default_factory=set)
    size: int = 0


class IncidentIndex:
    """Reports by (type group, key, day, day-precise); the store keeps it in step with its tables, and evicts
    whole (type group, day) slices that fall out of the windows it links in."""

    def __init__(self) -> None:
        self.entries: dict[str, Entry] = {}
        self.by_key: dict[tuple, set[str]] = defaultdict(set)
        self.slices: dict[tuple[str | None, int], _Slice] = {}
        self.size = 0

    def add(self, incident_id: str, r: L.Report, seq: int) -> None:
        """File `r`, a member of `incident_id`; `seq`: its arrival order (see `Entry`)."""
        entry = self.entries.get(incident_id)
        if entry is None:
            entry = self.entries[incident_id] = Entry()
        entry.add(seq, r)
        where = _slice(r)
        held = self.slices.get(where)
        if held is None:
            held = self.slices[where] = _Slice()
        held.incidents.add(incident_id)
        held.size += 1
        by_key, buckets = self.by_key, held.buckets
        for bucket in _buckets(r, *where):  # one a key, made once for the day (a store loads thousands a day)
            by_key[bucket].add(incident_id)
            buckets.add(bucket)
        self.size += 1

    def merge(self, keep: str, other: str) -> None:
        """`other` was merged into `keep`: its members move over."""
        entry = self.entries.pop(other, None)
        if entry is None:
            return
        for _, r in entry.members:
            where = _slice(r)
            held = self.slices[where]
            held.incidents.discard(other)
            held.incidents.add(keep)
            for bucket in _buckets(r, *where):
                self.by_key[bucket].discard(other)
                self.by_key[bucket].add(keep)
        self.entries.setdefault(keep, Entry(span=entry.span)).absorb(entry)

    def span(self, incident_id: str) -> tuple[int, int] | None:
        entry = self.entries.get(incident_id)
        return entry.span if entry else None

    def set_span(self, incident_id: str, span: tuple[int, int]) -> None:
        self.entries.setdefault(incident_id, Entry()).span = span

    def evict(self, gone: set[tuple[str | None, int]]) -> set[str]:
        """Forget every report filed on the (type group, day) slices `gone`, and incidents left with none;
        the documents those reports came from. What stays offers a report what it did: `candidates` reads only
        buckets of its window and members of its month, which the store keeps whole."""
        touched: set[str] = set()
        for where in gone:
            held = self.slices.pop(where, None)
            if held is None:
                continue
            for bucket in held.buckets:
                self.by_key.pop(bucket, None)
            touched |= held.incidents
            self.size -= held.size
        documents: set[str] = set()
        for incident_id in touched:
            entry = self.entries.get(incident_id)
            if entry is None:
                continue
            documents |= entry.drop(gone)
            if not entry.members:
                del self.entries[incident_id]
        return documents

    def _near(self, key: str, group: str | None, day: int, precise: bool) -> set[str]:
        """Incidents with a report keyed `key` in the window of a report of `group` on `day`: a few days, or
        the month when either date is known only to the month (such dates stand on the first of their month)."""
        near = L.DAY_WINDOW if precise else MONTH
        get = self.by_key.get
        out: set[str] = set()
        for d in range(day - near, day + near + 1):
            out |= get((group, key, d, True), _NONE)
        for d in _first_days(day):
            out |= get((group, key, d, False), _NONE)
        return out

    def candidates(self, r: L.Report, is_open: Callable[[str], bool] | None = None) -> dict[str, list[L.Report]]:
        """The open incidents sharing most keys with r in its window, each with the members r is compared
        with: one per veto signature within the month, and the latest members. `is_open`: whether r may still
        join an incident (see `L.within_window`); every incident, if not given."""
        if r.date is None:
            return {}
        shared: Counter[str] = Counter()
        group, day = L.type_group(r.type), r.date.toordinal()
        for k in keys(r):
            shared.update(self._near(k, group, day, r.day_precise))
        out: dict[str, list[L.Report]] = {}
        ranked = sorted(shared.items(), key=lambda kv: (kv[1], kv[0]), reverse=True)  # ties: the newest id
        for incident_id, _ in ranked:
            if len(out) == TOP:
                break
            if is_open is None or is_open(incident_id):
                out[incident_id] = self.entries[incident_id].near(r.date)
        return out


def lookup_days(r: L.Report, window: int = MONTH) -> list[tuple[int, int]]:
    """The runs of days whose buckets `candidates` reads for r, as far as an incident open to r can reach:
    reports of an incident that r may join lie within `window` days of it (`L.within_window`), so buckets
    further away can only offer closed ones. The store loads these days whole before it asks."""
    day, reach = r.date.toordinal() if r.date else 0, min(window, MONTH)
    near = min(L.DAY_WINDOW if r.day_precise else MONTH, reach)
    out = [(day - near, day + near)]
    out += [(d, d) for d in _first_days(day) if abs(d - day) <= reach and abs(d - day) > near]
    return out


@lru_cache(maxsize=4096)
def _first_days(day: int) -> tuple[int, ...]:
    """Ordinals of the first days of the months within a month of `day`."""
    date = dt.date.fromordinal(day)
    out = []
    for step in (-2, -1, 0, 1, 2):
        y, m = divmod(date.year * 12 + date.month - 1 + step, 12)
        first = dt.date(y, m + 1, 1).toordinal()
        if abs(first - day) <= MONTH:
            out.append(first)
    return tuple(out)
