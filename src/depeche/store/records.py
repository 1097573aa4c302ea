"""The stored form of event and quote records: what the document, the columns or the parts dictionary hold is
left out of the JSON and put back on read, so that a record comes back equal to the one given.

An event's JSON keeps only what nothing else gives: fields that differ from their default (null, [], 1, false;
`date_precision` as the date's length tells it), entities, places and weapons as ids into `parts` (under
'@actor', '@location' …), a span or a document field only when it is not what the document says (a hand-made
record), '-' the contract fields the record lacked, and '=' the whole record when its own keys would be read
as these marks."""
from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping
from typing import Any, NamedTuple

# the output contract's fields, in the order `io.writers.event_record` writes them (tests/store check it)
EVENT_FIELDS = ("doc_id", "event_id", "type", "mode", "actor", "recipient", "date", "date_precision", "date_end",
                "date_source", "location", "origin", "factuality", "claimant", "evidence", "trigger", "size",
                "equipment", "names", "mentions", "mention_spans", "interception", "lang", "published", "source")
QUOTE_FIELDS = ("doc_id", "quote_id", "speaker", "verb", "text", "start", "end", "published", "lang")
# fields whose values go to the parts dictionary: one value, or a list of them; the part's kind
PART_ONE = {"location": "place", "origin": "place", "claimant": "entity"}
PART_LIST = {"actor": "entity", "recipient": "entity", "equipment": "weapon"}
DEFAULTS: dict[str, Any] = {"actor": [], "recipient": [], "mentions": 1, "interception": False}
_EVENT_COLUMNS = ("doc_id", "event_id", "type", "date", "factuality")
_DOC_FIELDS = ("lang", "published", "source")
ABSENT, WHOLE = "-", "="

compact = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode


class DocInfo(NamedTuple):
    """What a record's document gives it: the text its spans point into, and its metadata."""

    text: str | None
    lang: Any = None
    published: Any = None
    source: Any = None


class PackedEvent(NamedTuple):
    """An event as the `events` table keeps it; `fields` refers to parts by their index in the document's list."""

    id: str
    doc_id: str
    type: str
    date: Any
    factuality: str
    has_point: int
    evidence_start: int
    evidence_end: int
    trigger_start: int | None
    trigger_end: int | None
    fields: dict[str, Any]


class Parts:
    """The distinct parts (entities, places, weapons) of one document, as (kind, compact JSON), numbered."""

    def __init__(self) -> None:
        self.index: dict[tuple[str, str], int] = {}

    def add(self, kind: str, value: Any) -> int:
        return self.index.setdefault((kind, compact(value)), len(self.index))

    def items(self) -> list[tuple[str, str]]:
        return list(self.index)


def _same(a: Any, b: Any) -> bool:
    """Equal and of the same type: 1 is no stand-in for True, nor 1.0 for 1."""
    return type(a) is type(b) and a == b


def _offsets(span: Any, text: str | None) -> tuple[int, int] | None:
    """A span's offsets when the span is exactly {text, start, end} with the text the document has there."""
    if not isinstance(span, dict) or list(span) != ["text", "start", "end"] or text is None:
        return None
    start, end = span["start"], span["end"]
    if type(start) is not int or type(end) is not int or not 0 <= start <= end <= len(text):
        return None
    return (start, end) if text[start:end] == span["text"] else None


def _ints(span: Any) -> tuple[int, int]:
    """Offsets to sort by, from a span kept whole."""
    span = span if isinstance(span, dict) else {}
    values = [span.get("start"), span.get("end")]
    return tuple(v if type(v) is int else 0 for v in values)  # type: ignore[return-value]


def _json(value: Any) -> str | None:
    try:
        return compact(value)
    except (TypeError, ValueError):  # not JSON: never the default, and stored as it is (where encoding fails)
        return None


def _marked(rec: Mapping[str, Any]) -> bool:
    return any(k in (ABSENT, WHOLE) or k.startswith("@") for k in rec)


_PRECISION = {4: "year", 7: "month", 10: "day"}


def _precision(date: Any) -> str | None:
    """How much of a date is known, as its length tells (YYYY, YYYY-MM, YYYY-MM-DD): what `date_precision`
    says of every date the pipeline writes."""
    return _PRECISION.get(len(date)) if isinstance(date, str) else None


def _has_point(loc: Any) -> int:
    return int(isinstance(loc, dict) and loc.get("lat") is not None and loc.get("lon") is not None)


def pack_event(rec: Mapping[str, Any], doc: DocInfo, parts: Parts) -> PackedEvent:
    """The stored form of one event record of the document `doc`."""
    ev, tr = _offsets(rec.get("evidence"), doc.text), _offsets(rec.get("trigger"), doc.text)
    fields: dict[str, Any] = {}
    if _marked(rec):
        fields[WHOLE] = dict(rec)
    else:
        fields = _event_fields(rec, doc, parts, ev, tr)
    es, ee = ev or _ints(rec.get("evidence"))
    ts, te = tr or (None, None)
    return PackedEvent(rec["event_id"], rec["doc_id"], rec["type"], rec.get("date"), rec["factuality"],
                       _has_point(rec.get("location")), es, ee, ts, te, fields)


def _event_fields(rec: Mapping[str, Any], doc: DocInfo, parts: Parts, ev: tuple[int, int] | None,
                  tr: tuple[int, int] | None) -> dict[str, Any]:
    fields: dict[str, Any] = {}
    # fields read back from the document or the columns: stored only when they are not what those say
    derived = {"evidence": ev is not None, "trigger": tr is not None,
               "mention_spans": ev is not None and _json(rec.get("mention_spans")) == compact([list(ev)])}
    derived.update({k: _same(rec.get(k), getattr(doc, k)) for k in _DOC_FIELDS})
    derived["date_precision"] = _same(rec.get("date_precision"), _precision(rec.get("date")))
    for name, value in rec.items():
        if name in _EVENT_COLUMNS:
            continue
        if name in derived:
            if not derived[name]:
                fields[name] = value
        elif name in PART_ONE and isinstance(value, dict):
            fields["@" + name] = parts.add(PART_ONE[name], value)
        elif name in PART_LIST and value and isinstance(value, list) and all(isinstance(v, dict) for v in value):
            fields["@" + name] = [parts.add(PART_LIST[name], v) for v in value]
        elif name not in EVENT_FIELDS or not _same(value, DEFAULTS.get(name)):
            fields[name] = value
    absent = [k for k in EVENT_FIELDS if k not in rec]
    if absent:
        fields[ABSENT] = absent
    return fields


def bind(fields: Mapping[str, Any], ids: list[int]) -> str:
    """The JSON stored: the document's part indexes replaced by the ids the parts have in the store."""
    out = dict(fields)
    for name in PART_ONE.keys() & {k[1:] for k in fields if k.startswith("@")}:
        out["@" + name] = ids[fields["@" + name]]
    for name in PART_LIST.keys() & {k[1:] for k in fields if k.startswith("@")}:
        out["@" + name] = [ids[i] for i in fields["@" + name]]
    return compact(out)


def part_ids(fields: Mapping[str, Any]) -> Iterable[int]:
    """The ids of the parts a stored event refers to (`fields`: its JSON, parsed)."""
    for key, value in fields.items():
        if key.startswith("@"):
            yield from (value if isinstance(value, list) else [value])


def unpack_event(row: Mapping[str, Any], doc: DocInfo, part: Callable[[int], Any],
                 fields: dict[str, Any] | None = None, only: frozenset[str] | None = None) -> dict[str, Any]:
    """The record, from its row of `events` (columns by name), its document, and `part(id)` (a fresh value);
    `fields`: the row's JSON, when the caller has parsed it already; `only`: just these fields of the record."""
    fields = json.loads(row["record"]) if fields is None else fields
    if WHOLE in fields:
        return {k: v for k, v in fields[WHOLE].items() if only is None or k in only}
    absent = set(fields.get(ABSENT, ()))
    columns = {"doc_id": row["doc_id"], "event_id": row["id"], "type": row["type"], "date": row["date"],
               "factuality": row["factuality"]}
    es, ee = row["evidence_start"], row["evidence_end"]
    derived = {"evidence": lambda: _span(doc.text, es, ee),
               "trigger": lambda: _span(doc.text, row["trigger_start"], row["trigger_end"]),
               "mention_spans": lambda: [[es, ee]], "lang": lambda: doc.lang, "published": lambda: doc.published,
               "source": lambda: doc.source, "date_precision": lambda: _precision(row["date"])}
    out: dict[str, Any] = {}
    for name in EVENT_FIELDS if only is None else [f for f in EVENT_FIELDS if f in only]:
        if name in absent:
            continue
        if name in columns:
            out[name] = columns[name]
        elif "@" + name in fields:
            ref = fields["@" + name]
            out[name] = [part(i) for i in ref] if isinstance(ref, list) else part(ref)
        elif name in fields:
            out[name] = fields[name]
        elif name in derived:
            out[name] = derived[name]()
        else:
            out[name] = _default(name)
    out.update((k, v) for k, v in fields.items() if k not in EVENT_FIELDS and k != ABSENT and not k.startswith("@")
               and (only is None or k in only))
    return out


def _default(name: str) -> Any:
    value = DEFAULTS.get(name)
    return list(value) if isinstance(value, list) else value  # a list of its own for each record


def _span(text: str | None, start: int, end: int) -> dict[str, Any]:
    return {"text": (text or "")[start:end], "start": start, "end": end}


def pack_quote(q: Mapping[str, Any], doc: DocInfo) -> tuple[Any, ...]:
    """(id, doc_id, start, end, JSON) of a quote record: its text is the document's between the offsets."""
    start, end = q["start"], q["end"]
    if _marked(q):
        return q["quote_id"], q["doc_id"], start, end, compact({WHOLE: dict(q)})
    span = _offsets({"text": q.get("text"), "start": start, "end": end}, doc.text) if "text" in q else None
    derived = {"text": span is not None, **{k: _same(q.get(k), getattr(doc, k)) for k in ("lang", "published")}}
    fields = {k: v for k, v in q.items() if k not in ("quote_id", "doc_id", "start", "end") and not derived.get(k)
              and not (k in ("speaker", "verb") and v is None)}
    absent = [k for k in QUOTE_FIELDS if k not in q]
    if absent:
        fields[ABSENT] = absent
    return q["quote_id"], q["doc_id"], start, end, compact(fields)


def unpack_quote(row: Mapping[str, Any], doc: DocInfo) -> dict[str, Any]:
    fields = json.loads(row["record"])
    if WHOLE in fields:
        return fields[WHOLE]
    absent = set(fields.get(ABSENT, ()))
    start, end = row["start"], row["end"]
    given = {"doc_id": row["doc_id"], "quote_id": row["id"], "start": start, "end": end,
             "text": (doc.text or "")[start:end], "published": doc.published, "lang": doc.lang}
    out = {k: fields.get(k, given.get(k)) for k in QUOTE_FIELDS if k not in absent}
    out.update((k, v) for k, v in fields.items() if k not in QUOTE_FIELDS and k != ABSENT)
    return out
