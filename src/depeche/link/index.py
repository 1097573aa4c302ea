"""In-memory index of incident reports: the few incidents a new report can join, found by shared keys."""
from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import lru_cache

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


def _buckets(r: L.Report) -> list[tuple]:
    """Where the index files a report: (type group, key, day, day-precise) for each of its keys."""
    group, day = L.type_group(r.type), r.date.toordinal() if r.date else 0
    return [(group, k, day, r.day_precise) for k in keys(r)]


def _signature(r: L.Report) -> tuple:
    """The fields a veto looks at: members alike on them veto (or not) alike, so one of them stands for all."""
    return (r.type, r.date, r.day_precise, r.place, r.place_country, r.place_precise, r.place_level,
            r.origin_country, r.point, r.region_code)


@dataclass
class Entry:
    """One incident: its members in arrival order, and one member per veto signature."""

    members: list[L.Report] = field(default_factory=list)
    signatures: dict[tuple, L.Report] = field(default_factory=dict)


class IncidentIndex:
    """Reports by (type group, key, day, day-precise); the store keeps it in step with its tables."""

    def __init__(self) -> None:
        self.entries: dict[str, Entry] = {}
        self.by_key: dict[tuple, set[str]] = defaultdict(set)
        self.size = 0

    def add(self, incident_id: str, r: L.Report) -> None:
        entry = self.entries.setdefault(incident_id, Entry())
        entry.members.append(r)
        entry.signatures.setdefault(_signature(r), r)  # the oldest stands: it is never of the new document
        for bucket in _buckets(r):
            self.by_key[bucket].add(incident_id)
        self.size += 1

    def merge(self, keep: str, other: str) -> None:
        """`other` was merged into `keep`: its members move over."""
        entry = self.entries.pop(other, None)
        if entry is None:
            return
        for r in entry.members:
            for bucket in _buckets(r):
                self.by_key[bucket].discard(other)
            self.size -= 1
            self.add(keep, r)

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

    def candidates(self, r: L.Report) -> dict[str, list[L.Report]]:
        """The incidents sharing most keys with r in its window, each with the members r is compared with:
        one per veto signature within the month, and the latest members."""
        if r.date is None:
            return {}
        shared: Counter[str] = Counter()
        group, day = L.type_group(r.type), r.date.toordinal()
        for k in keys(r):
            shared.update(self._near(k, group, day, r.day_precise))
        out = {}
        ranked = sorted(shared.items(), key=lambda kv: (kv[1], kv[0]), reverse=True)  # ties: the newest id
        for incident_id, _ in ranked[:TOP]:
            entry = self.entries[incident_id]
            seen = [*entry.signatures.values(), *entry.members[-RECENT:]]
            out[incident_id] = list({id(m): m for m in seen if m.date and abs((m.date - r.date).days) <= MONTH}.values())
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
