"""Write event records as JSON Lines (the output contract), CSV, a plain table or GeoJSON."""
from __future__ import annotations

import csv
import json
from collections.abc import Callable, Iterable, Mapping
from typing import Any, TextIO

from ..model import Document, Entity, Event
from .geojson import collection, feature
from .rows import (
    CSV_COLUMNS,
    EVENT_HEADER,
    QUOTE_COLUMNS,
    QUOTE_HEADER,
    event_line,
    flat_row,
    formula_safe,
    quote_line,
    quote_row,
)

__all__ = ["CSV_COLUMNS", "FORMATS", "Writer", "event_record", "flat_row", "formula_safe", "quote_record"]

FORMATS = ("jsonl", "csv", "table", "geojson")


def _span(doc: Document, start: int, end: int) -> tuple[int, int]:
    """Normalised offsets [start, end) to offsets in the original text."""
    if doc.offsets is None:
        return start, end
    return doc.to_original(start), doc.to_original(end - 1) + 1 if end > start else doc.to_original(start)


def _entity(e: Entity | None) -> dict[str, Any] | None:
    return None if e is None else e.as_dict()


def event_record(doc: Document, ev: Event) -> dict[str, Any]:
    """The output-contract record of one event, with provenance in original-text offsets."""
    sent = doc.sentences[ev.sent]
    start, end = _span(doc, sent.char_start, sent.char_end)
    t_start, t_end = _span(doc, doc.tokens[ev.trigger[0]].start, doc.tokens[ev.trigger[1] - 1].end)
    return {
        "doc_id": doc.id, "event_id": ev.id, "type": ev.type, "mode": ev.mode,
        "actor": [e.as_dict() for e in ev.actor], "recipient": [e.as_dict() for e in ev.recipient],
        "date": ev.date, "date_precision": ev.date_precision, "date_end": ev.date_end, "date_source": ev.date_source,
        "location": ev.location, "origin": ev.origin,
        "factuality": ev.factuality, "claimant": _entity(ev.claimant),
        "evidence": {"text": doc.text[start:end], "start": start, "end": end},
        "trigger": {"text": doc.text[t_start:t_end], "start": t_start, "end": t_end},
        "size": ev.size or None, "equipment": ev.equipment or None, "names": ev.names or None,
        "mentions": ev.mentions, "mention_spans": _mention_spans(doc, ev),
        "interception": ev.interception,
        "lang": doc.lang, "published": doc.published, "source": doc.source,
    }


def _mention_spans(doc: Document, ev: Event) -> list[list[int]]:
    """Every sentence a merged event was read from, the evidence's included, as original-text offsets."""
    sents = sorted({ev.sent, *ev.also})
    return [list(_span(doc, doc.sentences[k].char_start, doc.sentences[k].char_end)) for k in sents]


def quote_record(doc: Document, n: int, q: Any) -> dict[str, Any]:
    """A quote as a record: speaker, cue verb, the quoted words and their offsets in the original text."""
    a, b = q.start + 1, q.end  # inside the quote marks
    if b <= a:
        a, b = q.start, q.end + 1
    start, end = _span(doc, doc.tokens[a].start, doc.tokens[b - 1].end)
    return {"doc_id": doc.id, "quote_id": f"{doc.id}:q{n}", "speaker": _entity(q.speaker), "verb": q.verb,
            "text": doc.text[start:end], "start": start, "end": end, "published": doc.published, "lang": doc.lang}


# kind -> (csv columns, flat row, table header, table line)
KINDS = {"event": (CSV_COLUMNS, flat_row, EVENT_HEADER, event_line),
         "quote": (QUOTE_COLUMNS, quote_row, QUOTE_HEADER, quote_line)}
Documents = Callable[[str], "Mapping[str, Any] | None"]


class Writer:
    """Streams records of one kind (event or quote) in one format; `close` ends formats that need it.
    `documents` gives a document's metadata by id (its url goes in the flat formats). `count` says how many
    records were written, and for GeoJSON `without_coordinates` how many were left out for want of a place."""

    def __init__(self, out: TextIO, fmt: str, kind: str = "event", *, documents: Documents | None = None):
        self.out, self.fmt = out, fmt
        self.columns, self.flat, self.header, self.line = KINDS[kind]
        self.documents = documents or (lambda doc_id: None)
        self.count = 0
        self._csv: csv.DictWriter | None = None
        self._features: list[dict[str, Any]] = []

    @property
    def without_coordinates(self) -> int:
        return self.count - len(self._features) if self.fmt == "geojson" else 0

    def write(self, records: Iterable[dict[str, Any]]) -> None:
        for rec in records:
            getattr(self, f"_write_{self.fmt}")(rec)
            self.count += 1

    def _write_jsonl(self, rec: dict[str, Any]) -> None:
        self.out.write(json.dumps(rec, ensure_ascii=False) + "\n")

    def _write_csv(self, rec: dict[str, Any]) -> None:
        if self._csv is None:
            self._csv = csv.DictWriter(self.out, fieldnames=self.columns)
            self._csv.writeheader()
        row = self.flat(rec, self.documents(rec["doc_id"]))
        self._csv.writerow({k: formula_safe(v) for k, v in row.items()})

    def _write_table(self, rec: dict[str, Any]) -> None:
        if not self.count:
            self.out.write(self.header)
        self.out.write(self.line(rec, self.documents(rec["doc_id"])))

    def _write_geojson(self, rec: dict[str, Any]) -> None:
        feat = feature(rec, self.documents(rec["doc_id"]))
        if feat is not None:
            self._features.append(feat)

    def close(self) -> None:
        if self.fmt == "geojson":
            json.dump(collection(self._features, self.count), self.out, ensure_ascii=False)
            self.out.write("\n")
