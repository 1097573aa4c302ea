"""Decide which event reports describe the same real-world incident: block, veto, score, single-link.

A report has one stored shape, its record: the named, JSON-ready fields `report_record` takes from an event
record, which the store keeps as a JSON object. `Report.from_record` is the one place a Report is made from
it, on ingest and when the store reloads its reports alike."""
from __future__ import annotations

import datetime as dt
import math
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, fields
from functools import cache, lru_cache
from operator import attrgetter
from typing import Any

from ..lang import shared_tables

THRESHOLD = 0.5
DAY_WINDOW = 3
# The longest an incident spans, its first report's date to its last (see `within_window`). Reports dated to
# the day link within DAY_WINDOW days of each other, so an incident of them never spans more than a few days
# and the window never cuts it; what it cuts is the chain that reports dated only to the month (compared within
# 31 days of the month's first day, where they stand) build a month at a time. Two weeks keeps a month-dated
# report with the incidents of its month's first half and the end of the month before
WINDOW_DAYS = 14


@dataclass(frozen=True, slots=True)  # slots: the store holds a month of reports, a third lighter without dicts
class Report:
    """The parts of an event record that linking compares."""

    event_id: str
    doc_id: str
    type: str
    date: dt.date | None
    day_precise: bool
    place: str
    place_country: str | None
    place_precise: bool
    place_level: str
    origin_country: str | None
    actors: frozenset[str]
    recipients: frozenset[str]
    entities: frozenset[str] = field(default_factory=frozenset)
    document: frozenset[str] = field(default_factory=frozenset)
    words: frozenset[str] = field(default_factory=frozenset)
    point: tuple[float, float] | None = None
    region_code: str | None = None

    @classmethod
    def from_record(cls, stored: Mapping[str, Any], document: frozenset[str] = frozenset()) -> Report:
        """A report from its record (`report_record`, as the store keeps it) and its document's fingerprint,
        which the store keeps once per document rather than in each record."""
        date, point = stored["date"], stored["point"]
        return cls(event_id=stored["event_id"], doc_id=stored["doc_id"], type=stored["type"],
                   date=dt.date.fromisoformat(date) if date else None, day_precise=stored["day_precise"],
                   place=stored["place"], place_country=stored["place_country"],
                   place_precise=stored["place_precise"], place_level=stored["place_level"],
                   origin_country=stored["origin_country"], actors=frozenset(stored["actors"]),
                   recipients=frozenset(stored["recipients"]), entities=frozenset(stored["entities"]),
                   document=document, words=frozenset(stored["words"]), point=tuple(point) if point else None,
                   region_code=stored["region_code"])

    def __reduce__(self) -> tuple[type, tuple]:
        # unpickled through __init__, field by field (workers send reports to the writer)
        return Report, _FIELDS(self)


_FIELDS = attrgetter(*(f.name for f in fields(Report)))

_MARKS = re.compile(r"[\u0300-\u036f]+")  # the combining accents NFKD splits off Latin letters


def _fold(text: str) -> str:
    return _MARKS.sub("", unicodedata.normalize("NFKD", text or "").lower())


def _parse_date(value: str | None) -> tuple[dt.date | None, bool]:
    """'2026-03-12' (a day) or '2026-03' (a month, read as its first day); anything else is no date."""
    if not value:
        return None, False
    try:
        if len(value) >= 10 and value[7:8] == "-":
            return dt.date.fromisoformat(value[:10]), True
        if len(value) >= 7:
            return dt.date(int(value[:4]), int(value[5:7]), 1), False
    except ValueError:
        pass
    return None, False


def fingerprint(records: Iterable[dict[str, Any]], entities: Iterable[frozenset[str]]) -> frozenset[str]:
    """What a whole article names: codes, places, unknown names, weapons and counts of all its events
    (`entities`: `report_entities` of each record)."""
    out: set[str] = set()
    for rec in records:
        out |= {e["code"] for role in ("actor", "recipient") for e in rec.get(role) or [] if e.get("code")}
    for found in entities:
        out |= found
    return frozenset(out)


def report_entities(rec: dict[str, Any]) -> frozenset[str]:
    """The names an event record gives: weapons, counts, its place and region, unknown names."""
    loc = rec.get("location") or {}
    entities: set[str] = set()
    entities.update(_fold(e.get("category") or e.get("name") or "") for e in rec.get("equipment") or [])
    entities.update(f"#{v}" for k, v in (rec.get("size") or {}).items() if k != "approximate")
    for name in (loc.get("name"), loc.get("region"), *(rec.get("names") or [])):
        if name:
            entities.add(_proper(name))
    return frozenset(entities)


# the fields of an event record `report_record` reads
REPORT_FIELDS = frozenset({"event_id", "doc_id", "type", "date", "published", "location", "origin", "actor",
                           "recipient", "interception", "equipment", "size", "names", "evidence", "lang"})


def report_record(rec: dict[str, Any], published: str | None = None, entities: frozenset[str] | None = None
                  ) -> dict[str, Any]:
    """What linking compares of an event record (the output contract), by name and JSON-ready: the form the
    store keeps. The publication date (`published`, else the record's) stands in for a missing date.
    `entities`: `report_entities(rec)`, if already known. Sets are sorted lists, so the JSON is stable."""
    date, day = _parse_date(rec.get("date") or published or rec.get("published"))
    loc = rec.get("location") or {}
    codes = lambda ents: sorted({e["code"] for e in ents or [] if e.get("code")})  # noqa: E731
    actors, recipients = codes(rec.get("actor")), codes(rec.get("recipient"))
    if rec.get("interception"):  # compared from the attacker's side, whichever side the sentence tells
        actors, recipients = recipients, actors
    level = "region" if loc.get("region") else loc.get("precision") or ""
    geocoded = loc.get("lat") is not None and loc.get("coordinates") != "country" and level in ("city", "region")
    precise = level == "region" or (level == "city" and bool(loc.get("capital"))) or geocoded
    return {"event_id": rec["event_id"], "doc_id": rec["doc_id"], "type": rec["type"],
            "date": date.isoformat() if date else None, "day_precise": day,
            "place": _fold(loc.get("region") or loc.get("name") or ""), "place_country": loc.get("country"),
            "place_precise": precise, "place_level": level, "origin_country": (rec.get("origin") or {}).get("country"),
            "actors": actors, "recipients": recipients,
            "entities": sorted(report_entities(rec) if entities is None else entities),
            "words": sorted(_content_words(rec.get("evidence", {}).get("text", ""), rec.get("lang"))),
            "point": [loc["lat"], loc["lon"]] if geocoded else None, "region_code": loc.get("region_code")}


def report(rec: dict[str, Any], document: frozenset[str] = frozenset(), published: str | None = None,
           entities: frozenset[str] | None = None) -> Report:
    """A Report from an event record, through its stored form (see `report_record` for the arguments)."""
    return Report.from_record(report_record(rec, published, entities), document)


@lru_cache(maxsize=1)
def _groups() -> dict[str, str]:
    plover = shared_tables().plover
    out = {t: t for t in plover["incident_types"]}
    for group in plover["incident_type_groups"]:
        for t in group:
            out[t] = group[0]
    return out


def eligible(rec: dict[str, Any]) -> bool:
    return rec.get("type") in _groups()


@cache  # called for every pair of reports compared
def type_group(etype: str) -> str | None:
    return _groups().get(etype)


def compatible(a: Report, b: Report) -> bool:
    """Blocking and vetoes: compatible types, dates within the window, places that can be the same."""
    group = type_group(a.type)
    if a.doc_id == b.doc_id or group is None or type_group(b.type) != group:
        return False
    if a.date is None or b.date is None:
        return False
    window = DAY_WINDOW if a.day_precise and b.day_precise else 31
    if abs((a.date - b.date).days) > window:
        return False
    return not _place_veto(a, b)


def _place_veto(a: Report, b: Report) -> bool:
    """Where a physical event happened: different countries, or two different places of the same level
    (two regions, two towns), cannot be one incident — unless one report's place is the other's launch
    origin (a launch site and its target). A town and a region may be one inside the other."""
    if a.type not in _PHYSICAL or b.type not in _PHYSICAL:
        return False
    if a.place_country and b.place_country and a.place_country != b.place_country:
        return not (a.origin_country == b.place_country or b.origin_country == a.place_country)
    if a.region_code and b.region_code:  # two first-level regions, or towns named with theirs
        return a.region_code != b.region_code
    if a.point and b.point:
        return km(a.point, b.point) > _REACH[a.place_level == "region" or b.place_level == "region"]
    if a.place_precise and b.place_precise and a.place and b.place and a.place_level == b.place_level:
        return not (a.place in b.place or b.place in a.place or _shared_name(a.place, b.place))
    return False


_REACH = {False: 60.0, True: 300.0}  # km: two towns, or a town and a region (or two regions)


@lru_cache(maxsize=65536)  # the veto and the score measure the same pairs of towns, again and again
def km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance."""
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(h))


_PHYSICAL = {"ASSAULT", "CRASH", "MOBILIZE", "PROTEST", "COERCE"}


@lru_cache(maxsize=4096)  # the events of one sentence share its words
def _content_words(text: str, lang: str | None) -> frozenset[str]:
    """Words of the evidence sentence that carry content (long, not stop words), for text similarity."""
    stops = _stopwords(lang)
    return frozenset(w for w in re.findall(r"\w+", _fold(text)) if len(w) > 3 and w not in stops and not w.isdigit())


@lru_cache(maxsize=8)
def _stopwords(lang: str | None) -> frozenset[str]:
    from ..lang import available_languages, load_language

    return load_language(lang).words("stopwords") if lang in available_languages() else frozenset()


@lru_cache(maxsize=16384)  # names repeat from report to report
def _proper(name: str) -> str:
    """'territoire de Lubero' -> 'lubero': a place name without its head and small words."""
    heads = _place_words()
    words = [w for w in re.findall(r"\w+", _fold(name)) if w not in heads and len(w) > 2]
    return " ".join(words) or _fold(name)


def _shared_name(x: str, y: str) -> bool:
    """'region de belgorod' and 'belgorod region' share their proper name ('territoire' is no name)."""
    return not _name_words(x).isdisjoint(_name_words(y))


@lru_cache(maxsize=16384)  # a few thousand places, compared pair by pair
def _name_words(place: str) -> frozenset[str]:
    heads = _place_words()
    return frozenset(w for w in re.findall(r"\w+", place) if len(w) > 3 and w not in heads)


@lru_cache(maxsize=1)
def _place_words() -> frozenset[str]:
    """Every language's place heads ('région', 'district', 'region'): common words of place names."""
    from ..lang import available_languages, load_language

    words: set[str] = set()
    for code in available_languages():
        lang = load_language(code)
        words |= lang.words("place_heads") | lang.words("area_heads") | lang.words("direction_words")
    return frozenset(words)


def _agreement(x: frozenset[str], y: frozenset[str], weight: float) -> float:
    """Shared codes count fully (more when two or more are shared), a missing side a little, different nothing."""
    if x and y:
        return weight * (1.5 if len(x & y) >= 2 else 1.0) if x & y else 0.0
    return 0.05


def similarity(a: Report, b: Report, documents: float | None = None) -> float:
    """0..1 evidence that two compatible reports tell one incident: day, place, actors, targets, and the
    names, weapons and counts they share (in any language). `documents`: how alike the two whole articles
    are, when the caller knows it already."""
    days = abs((a.date - b.date).days) if a.date and b.date else DAY_WINDOW
    date = (0.15, 0.1, 0.05, 0.05)[min(days, 3)] if a.day_precise and b.day_precise else 0.05
    if a.point and b.point:
        dist = km(a.point, b.point)
        place = 0.35 if dist < 25 else 0.25 if dist < 100 else 0.15
    elif a.place and b.place and (a.place == b.place or _shared_name(a.place, b.place)):
        place = 0.35
    elif a.place_country and a.place_country == b.place_country:
        place = 0.15
    else:
        place = 0.0
    return round(date + place + _agreement(a.actors, b.actors, 0.2) + _agreement(a.recipients, b.recipients, 0.15)
                 + 0.25 * _jaccard(a.entities, b.entities)
                 + 0.3 * (_jaccard(a.document, b.document) if documents is None else documents)
                 + 0.2 * _jaccard(a.words, b.words)
                 + (0.15 if a.origin_country and a.origin_country == b.origin_country else 0.0)
                 + (0.05 if a.type == b.type else 0.0), 4)


def _jaccard(x: frozenset[str], y: frozenset[str]) -> float:
    if not x or not y:
        return 0.0
    shared = len(x & y)
    return shared / (len(x) + len(y) - shared)


def within_window(span: tuple[int, int], day: int, window: int = WINDOW_DAYS) -> bool:
    """Whether a report dated `day` (an ordinal) may join an incident whose reports span the days `span`: the
    incident would then still span at most `window` days. Single link alone chains reports a few days apart
    (and month-dated ones, a month apart) into one incident over months; with this cap an incident closes once
    `window` days have passed since its first report, and a later report opens a new one."""
    return max(span[1], day) - min(span[0], day) <= window


def informative(r: Report) -> bool:
    return bool(r.place or r.actors or r.recipients or r.origin_country)


def links(new: Report, members: Iterable[Report], documents: dict[str, float] | None = None) -> float:
    """Best score of a new report against an incident's members; -1 when any member vetoes it.
    `documents`: how alike new's article is to each member's (by document id), kept by a caller that scores
    several reports of one article."""
    if not informative(new):
        return -1.0
    best = -1.0
    documents = {} if documents is None else documents  # members of one article share its fingerprint
    for m in members:
        if not compatible(new, m):
            if m.doc_id != new.doc_id and type_group(m.type) == type_group(new.type) and m.date and new.date:
                return -1.0
            continue
        if m.doc_id not in documents:
            documents[m.doc_id] = _jaccard(new.document, m.document)
        best = max(best, similarity(new, m, documents[m.doc_id]))
    return best


def cluster(reports: list[Report], threshold: float = THRESHOLD) -> list[list[Report]]:
    """Incremental single-link clustering with complete-link vetoes, in the order reports arrive."""
    clusters: list[list[Report]] = []
    for r in reports:
        scored = [(links(r, c), i) for i, c in enumerate(clusters)]
        best = max(scored, default=(-1.0, -1))
        if best[0] >= threshold:
            clusters[best[1]].append(r)
        else:
            clusters.append([r])
    return clusters
