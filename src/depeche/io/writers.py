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
        "date": ev.date, "date_source": ev.date_source, "location": ev.location,
        "factuality": ev.factuality, "claimant": _entity(ev.claimant),
        "evidence": {"text": doc.text[start:end], "start": start, "end": end},
        "trigger": {"text": doc.text[t_start:t_end], "start": t_start, "end": t_end},
        "size": ev.size or None, "equipment": ev.equipment or None, "mentions": ev.mentions,
        "lang": doc.lang, "published": doc.published, "source": doc.source,
    }


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


class Writer:
    """Streams records in one format; `close` writes what a format needs at the end."""

    def __init__(self, out: TextIO, fmt: str):
        self.out, self.fmt = out, fmt
        self._csv: csv.DictWriter | None = None
        self._features: list[dict[str, Any]] = []

    def write(self, records: Iterable[dict[str, Any]]) -> None:
        for rec in records:
            getattr(self, f"_write_{self.fmt}")(rec)

    def _write_jsonl(self, rec: dict[str, Any]) -> None:
        self.out.write(json.dumps(rec, ensure_ascii=False) + "\n")

    def _write_csv(self, rec: dict[str, Any]) -> None:
        if self._csv is None:
            self._csv = csv.DictWriter(self.out, fieldnames=CSV_COLUMNS)
            self._csv.writeheader()
        self._csv.writerow(flat_row(rec))

    def _write_table(self, rec: dict[str, Any]) -> None:
        row = flat_row(rec)
        who = f"{row['actor_codes'] or '-'} -> {row['recipient_codes'] or '-'}"
        said = f" says {row['claimant_code']}" if row["claimant_code"] else ""
        place = f" @{row['location_name']}" if row["location_name"] else ""
        self.out.write(f"{row['event_id']:<18} {row['type']:<9} {row['mode'] or '':<13} {who:<15} "
                       f"{row['date'] or '?':<10} {row['factuality']:<8}{said}{place}\n")
        self.out.write(f"{'':<18} | {row['evidence'][:150]}\n")

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
