"""Write event records as JSON Lines (the output contract), CSV, a plain table or GeoJSON."""
from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from typing import Any, TextIO

from ..model import Document, Entity, Event

FORMATS = ("jsonl", "csv", "table", "geojson")
CSV_COLUMNS = ("doc_id", "event_id", "type", "mode", "actor_codes", "actor_text", "recipient_codes", "recipient_text",
               "date", "location_name", "location_country", "lat", "lon", "factuality", "claimant_code",
               "claimant_text", "size", "evidence")


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


def quote_row(rec: dict[str, Any]) -> dict[str, Any]:
    sp = rec.get("speaker") or {}
    return {"doc_id": rec["doc_id"], "quote_id": rec["quote_id"], "speaker_code": sp.get("code") or "",
            "speaker_text": sp.get("text") or "", "verb": rec.get("verb") or "", "text": rec["text"],
            "start": rec["start"], "end": rec["end"]}


def flat_row(rec: dict[str, Any]) -> dict[str, Any]:
    loc = rec.get("location") or {}
    claimant = rec.get("claimant") or {}
    return {
        "doc_id": rec["doc_id"], "event_id": rec["event_id"], "type": rec["type"], "mode": rec.get("mode") or "",
        "actor_codes": ";".join(a.get("code") or "" for a in rec["actor"]),
        "actor_text": ";".join(a.get("text") or "" for a in rec["actor"]),
        "recipient_codes": ";".join(a.get("code") or "" for a in rec["recipient"]),
        "recipient_text": ";".join(a.get("text") or "" for a in rec["recipient"]),
        "date": rec.get("date") or "", "location_name": loc.get("name") or "", "location_country": loc.get("country") or "",
        "lat": loc.get("lat", ""), "lon": loc.get("lon", ""), "factuality": rec["factuality"],
        "claimant_code": claimant.get("code") or "", "claimant_text": claimant.get("text") or "",
        "size": json.dumps(rec["size"], ensure_ascii=False) if rec.get("size") else "",
        "evidence": rec["evidence"]["text"],
    }


QUOTE_COLUMNS = ("doc_id", "quote_id", "speaker_code", "speaker_text", "verb", "text", "start", "end")


def _event_line(rec: dict[str, Any]) -> str:
    row = flat_row(rec)
    who = f"{row['actor_codes'] or '-'} -> {row['recipient_codes'] or '-'}"
    said = f" says {row['claimant_code']}" if row["claimant_code"] else ""
    place = f" @{row['location_name']}" if row["location_name"] else ""
    return (f"{row['event_id']:<18} {row['type']:<9} {row['mode'] or '':<13} {who:<15} {row['date'] or '?':<10} "
            f"{row['factuality']:<8}{said}{place}\n{'':<18} | {row['evidence'][:150]}\n")


def _quote_line(rec: dict[str, Any]) -> str:
    row = quote_row(rec)
    who = f"{row['speaker_code'] or '?'} {row['speaker_text']}".strip()
    return f"{row['quote_id']:<18} {who[:40]:<40} {row['verb']:<12} « {row['text'][:120]} »\n"


# a spreadsheet reads a cell starting with one of these as a formula (OWASP's list): '=HYPERLINK(...)' in an article
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def formula_safe(value: Any) -> Any:
    """A text cell a spreadsheet would run as a formula, quoted with a leading "'"; numbers (a longitude of -3.7)
    stay numbers."""
    return "'" + value if isinstance(value, str) and value.startswith(FORMULA_STARTS) else value


# kind -> (csv columns, flat row, table line)
KINDS = {"event": (CSV_COLUMNS, flat_row, _event_line), "quote": (QUOTE_COLUMNS, quote_row, _quote_line)}


class Writer:
    """Streams records of one kind (event or quote) in one format; `close` ends formats that need it."""

    def __init__(self, out: TextIO, fmt: str, kind: str = "event"):
        self.out, self.fmt = out, fmt
        self.columns, self.flat, self.line = KINDS[kind]
        self._csv: csv.DictWriter | None = None
        self._features: list[dict[str, Any]] = []

    def write(self, records: Iterable[dict[str, Any]]) -> None:
        for rec in records:
            getattr(self, f"_write_{self.fmt}")(rec)

    def _write_jsonl(self, rec: dict[str, Any]) -> None:
        self.out.write(json.dumps(rec, ensure_ascii=False) + "\n")

    def _write_csv(self, rec: dict[str, Any]) -> None:
        if self._csv is None:
            self._csv = csv.DictWriter(self.out, fieldnames=self.columns)
            self._csv.writeheader()
        self._csv.writerow({k: formula_safe(v) for k, v in self.flat(rec).items()})

    def _write_table(self, rec: dict[str, Any]) -> None:
        self.out.write(self.line(rec))

    def _write_geojson(self, rec: dict[str, Any]) -> None:
        loc = rec.get("location") or {}
        if loc.get("lat") is None or loc.get("lon") is None:
            return
        geometry = {"type": "Point", "coordinates": [loc["lon"], loc["lat"]]}
        self._features.append({"type": "Feature", "geometry": geometry, "properties": flat_row(rec)})

    def close(self) -> None:
        if self.fmt == "geojson":
            json.dump({"type": "FeatureCollection", "features": self._features}, self.out, ensure_ascii=False)
            self.out.write("\n")
